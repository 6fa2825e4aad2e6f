package textnorm

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFunctions(t *testing.T) {
	fns := map[string]func(string) string{"Normalize": Normalize, "Fold": Fold,
		"ChinesePunct": ChinesePunct, "ChinesePunctBrackets": ChinesePunctBrackets}
	tests := []struct{ fn, in, want string }{
		{"Normalize", "＃報名　１", "#报名 1"},
		{"Normalize", "  活动  ", "活动"},
		{"Normalize", "投票：２　Ａ", "投票:2 A"},
		{"Normalize", "報名參加週六的講座", "报名参加周六的讲座"},
		{"Normalize", "随手拍\u200b 3号楼", "随手拍 3号楼"},
		{"Normalize", "第一行  \n  第二行", "第一行\n第二行"},
		{"Normalize", "bad\xffutf8", "badutf8"},
		{"Normalize", "", ""},
		{"Fold", "通知　全部：明天停水！", "通知 全部:明天停水!"},
		{"Fold", "０　８ ＊ ＊ １", "0 8 * * 1"},
		{"Fold", "社區  義診", "社區 義診"}, // no Traditional conversion
		{"ChinesePunct", "3栋加装电梯,费用按楼层分摊", "3栋加装电梯，费用按楼层分摊"},
		{"ChinesePunct", "费用3,000元", "费用3,000元"},
		{"ChinesePunct", "为什么?", "为什么？"},
		{"ChinesePunct", "ok, fine", "ok, fine"},
		{"ChinesePunct", "(3栋)", "(3栋）"},
		{"ChinesePunctBrackets", "不亮,晚上黑!", "不亮，晚上黑！"},
		{"ChinesePunctBrackets", "call 12345, ok", "call 12345, ok"},
		{"ChinesePunctBrackets", "(3栋)", "（3栋）"},
	}
	for _, tt := range tests {
		if got := fns[tt.fn](tt.in); got != tt.want {
			t.Errorf("%s(%q) = %q, want %q", tt.fn, tt.in, got, tt.want)
		}
	}
	if n := Letters("3号楼, ok!"); n != 5 {
		t.Errorf("Letters = %d, want 5", n)
	}
}

// TestSimplifiedFastPath checks the shortcut of ToSimplified: a text
// without a rune that OpenCC converts on its own is returned as it is, and
// that is what OpenCC would return too, on every message of the labelled
// corpora and on Traditional texts.
func TestSimplifiedFastPath(t *testing.T) {
	cc, err := converter()
	if err != nil {
		t.Skip(err)
	}
	files, _ := filepath.Glob("../nlu/testdata/corpus_*.tsv")
	texts := []string{"樓道裡有煤氣味", "電梯壞了", "乾隆", "著火了", "一目了然", "后来", "頭髮", "台灣", "裏面"}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			texts = append(texts, strings.Split(line, "\t")[0])
		}
	}
	if len(texts) < 1000 {
		t.Fatalf("only %d texts", len(texts))
	}
	fast := 0
	for _, s := range texts {
		want, err := cc.Convert(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := ToSimplified(s); got != want {
			t.Errorf("ToSimplified(%q) = %q, OpenCC says %q", s, got, want)
		}
		if !mayChange(s) {
			fast++
		}
	}
	if !mayChange("電梯") || mayChange("电梯坏了") {
		t.Error("mayChange: 電梯 may change, 电梯坏了 may not")
	}
	t.Logf("%d of %d texts need no conversion", fast, len(texts))
}
