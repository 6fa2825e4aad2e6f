package bot

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzPrepare: stripping the bot's @mention and a command prefix never
// panics, never adds text, and leaves no leading prefix or surrounding
// space.
func FuzzPrepare(f *testing.F) {
	for _, s := range []string{"#活动", "/报名 1", "@邻里通 报名 1", "＃接龙", "#接龙\n1. 张阿姨", "@邻里通@邻里通", "# # #", " / ", "\x00#", ""} {
		f.Add(s, "邻里通", false)
	}
	f.Fuzz(func(t *testing.T, norm, botName string, addressed bool) {
		out, addr := prepare(norm, botName, addressed)
		if addressed && !addr {
			t.Fatalf("prepare(%q) dropped the addressed flag", norm)
		}
		if out != strings.TrimSpace(out) {
			t.Fatalf("prepare(%q) = %q: surrounding space left", norm, out)
		}
		if utf8.ValidString(norm) && botName != "" && !strings.Contains(botName, " ") && utf8.RuneCountInString(out) > utf8.RuneCountInString(norm) {
			t.Fatalf("prepare(%q) = %q: longer than its input", norm, out)
		}
	})
}

// FuzzSplitText: every piece fits the limit, and the pieces hold the text's
// characters in order, only line breaks differing.
func FuzzSplitText(f *testing.F) {
	for _, s := range []string{"短消息", strings.Repeat("一二三四五\n", 400), strings.Repeat("长", 3001), "\n\n\n", "a\nb", ""} {
		f.Add(s, 1500)
	}
	f.Add("abc", 1)
	f.Fuzz(func(t *testing.T, s string, limit int) {
		if limit < 1 || limit > 5000 || !utf8.ValidString(s) {
			t.Skip()
		}
		parts := splitText(s, limit)
		for _, p := range parts {
			if n := utf8.RuneCountInString(p); n > limit {
				t.Fatalf("a piece of %d runes over the limit %d", n, limit)
			}
		}
		strip := func(x string) string { return strings.ReplaceAll(x, "\n", "") }
		if got := strip(strings.Join(parts, "")); got != strip(s) {
			t.Fatalf("splitText lost or reordered text: %q → %q", s, parts)
		}
	})
}
