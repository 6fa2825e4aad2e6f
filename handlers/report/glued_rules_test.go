package report

import (
	"testing"

	"linli/nlu"
)

// fakeClassifier says category for the texts it knows, 其他 for the rest.
type fakeClassifier map[string]string

func (f fakeClassifier) Classify(text string) (string, []string) {
	if c, ok := f[text]; ok {
		return c, []string{text}
	}
	return "其他", []string{"名字"} // a segmenter finds words in chatter too
}

// TestRuleGluedNoProblem: with a Classifier wired, words glued to 随手拍
// that name no problem (其他, no keyword-table word, no emergency) are
// chatter, a comma between or not; words it classifies, or that the keyword
// table or the emergencies know, stay a report; a space makes the command.
// Without a Classifier only the older cues decide (TestRuleGluedChatter).
func TestRuleGluedNoProblem(t *testing.T) {
	cls := fakeClassifier{"墙皮脱落了": "设施维修"}
	h := &Family{Deps: Deps{Lexicon: bareLexicon{nlu.Words()}, Classifier: cls}}
	bare := &Family{Deps: Deps{Lexicon: bareLexicon{nlu.Words()}}}
	for _, tt := range []struct {
		h    *Family
		rest string
		want bool
	}{
		{h, "这个名字挺好听", true},
		{h, "我昨天发过了", true},
		{h, "，学会了", true},
		{h, "：学会了", true},
		{h, " 这个名字挺好听", false}, // a space: the command
		{h, "墙皮脱落了", false},    // the classifier's problem
		{h, "3栋门口垃圾", false},   // the keyword table's 垃圾
		{h, "，3栋门口垃圾", false},
		{h, "楼道着火了", false}, // an emergency
		{h, "，", false},
		{bare, "这个名字挺好听", false},
		{bare, "，学会了", false},
	} {
		if got := tt.h.gluedChatter(tt.rest); got != tt.want {
			t.Errorf("随手拍%s (classifier %v): chatter %v, want %v", tt.rest, tt.h.Classifier != nil, got, tt.want)
		}
	}
}
