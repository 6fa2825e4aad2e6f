package bot

import (
	"testing"
	"time"

	"linli"
)

// yesWords is a lexicon of a few yes and polite words.
type yesWords struct{ linli.Lexicon }

func (yesWords) Yes(t string) bool {
	return t == "是" || t == "是的" || t == "好的" || t == "是啊"
}
func (yesWords) Polite(w string) bool { return w == "麻烦了" || w == "谢谢" }
func (yesWords) No(string) bool       { return false }

// refusingWords is yesWords with a no: the lexicon's refusal.
type refusingWords struct{ yesWords }

func (refusingWords) No(text string) bool { return text == "不用了" || text == "算了" }

// A no from the sender withdraws an offered 随手拍: it is not added to
// the words, and a later yes is told the question was withdrawn.
func TestRefusalWithdrawsTheOffer(t *testing.T) {
	var o offers
	chat := linli.Chat{Group: "g"}
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	lex := refusingWords{}
	o.put(chat, "张阿姨", "随手拍 3栋门口路灯坏了", true, now)
	if _, st := o.take(chat, "张阿姨", "不用了", now, lex); st != offerRefused {
		t.Fatalf("不用了: state %v, want offerRefused", st)
	}
	o.extend(chat, "张阿姨", "不用了", now)
	cmd, st := o.take(chat, "张阿姨", "是", now.Add(3*time.Minute), lex)
	if st != offerWithdrawn || cmd != "随手拍 3栋门口路灯坏了" {
		t.Errorf("是 after 不用了: %q %v, want the withdrawn offer's command", cmd, st)
	}
	// A line the lexicon does not take for a no is chatter that continues.
	o.put(chat, "张阿姨", "随手拍 3栋门口路灯坏了", true, now)
	if _, st := o.take(chat, "张阿姨", "不用了", now, yesWords{}); st != offerNone {
		t.Errorf("不用了 with a lexicon that does not read it as no: state %v", st)
	}
}

// A yes followed by a politeness is a yes ("是的，麻烦了"); a yes glued to
// a remark is not ("是啊太黑了").
func TestYesWithPoliteness(t *testing.T) {
	lex := yesWords{}
	for text, want := range map[string]bool{"是的，麻烦了": true, "好的 谢谢": true, "是": true, "是啊太黑了": false, "是，3栋也坏了": false} {
		if got := yes(lex, text); got != want {
			t.Errorf("yes(%q) = %v, want %v", text, got, want)
		}
	}
}
