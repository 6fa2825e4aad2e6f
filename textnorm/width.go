package textnorm

import (
	"strings"
	"unicode"
)

// FoldWidth maps full-width ASCII (as typed with a Chinese input method:
// "０８：３０", "＊") to ASCII and the ideographic space to a space. It is
// the part of Normalize's NFKC step that commands and cron specs rely on,
// without the rest of NFKC or the Traditional-to-Simplified conversion.
func FoldWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFEE0
		case r == '\u3000':
			return ' '
		}
		return r
	}, s)
}

// Fold is the part of Normalize that can be lined up with what was typed:
// FoldWidth, then FoldSpaces. Text that Fold and Normalize map to the same
// string differs from its normalised form only in width and spacing.
func Fold(s string) string { return FoldSpaces(FoldWidth(s)) }

// chinesePunct maps the ASCII punctuation NFKC folds Chinese punctuation to
// back to the Chinese form.
var chinesePunct = map[rune]rune{',': '，', '!': '！', '?': '？', ':': '：', ';': '；', '(': '（', ')': '）'}

// ChinesePunct restores Chinese punctuation (，！？：；（）) next to Chinese
// characters in normalised text kept for people to read ("不亮,晚上" →
// "不亮，晚上"); punctuation between ASCII words is left alone.
func ChinesePunct(s string) string { return widenPunct(s, false) }

// ChinesePunctBrackets is ChinesePunct, except that brackets become
// full-width anywhere in a text with Chinese in it ("(3栋)" → "（3栋）").
func ChinesePunctBrackets(s string) string { return widenPunct(s, true) }

func widenPunct(s string, brackets bool) string {
	rs := []rune(s)
	han := brackets && strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
	for i, r := range rs {
		fw, ok := chinesePunct[r]
		if !ok {
			continue
		}
		if (han && (r == '(' || r == ')')) ||
			(i > 0 && unicode.Is(unicode.Han, rs[i-1])) || (i+1 < len(rs) && unicode.Is(unicode.Han, rs[i+1])) {
			rs[i] = fw
		}
	}
	return string(rs)
}

// Letters counts the letters and digits of s (of any script): what is
// left of a text once punctuation, symbols and spaces are ignored.
func Letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}
