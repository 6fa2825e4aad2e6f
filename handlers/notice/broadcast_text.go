package notice

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"linli/textnorm"
)

// rawTail returns the end of raw, the message as typed, that corresponds to
// tail, the end of its normalised text. A notice should reach residents as
// the staff member wrote it — full-width punctuation (：，！) and indented
// lines included — while commands are parsed on the normalised text, where
// "，" has become ",". The two are aligned by counting words from the end;
// when the raw words do not fold to tail (Traditional characters, symbols
// NFKC rewrites, an @mention of the bot), tail is returned unchanged.
func rawTail(raw, tail string) string {
	n := len(strings.Fields(tail))
	if n == 0 {
		return tail
	}
	starts := fieldStarts(raw)
	if len(starts) < n {
		return tail
	}
	cand := strings.TrimRightFunc(raw[starts[len(starts)-n]:], unicode.IsSpace)
	if textnorm.Fold(cand) != tail {
		return tail
	}
	return strings.ReplaceAll(cand, "\r\n", "\n")
}

// fieldStarts returns the byte offsets where the space-separated fields of
// s begin.
func fieldStarts(s string) []int {
	var out []int
	inField := false
	for i, r := range s {
		space := unicode.IsSpace(r)
		if !space && !inField {
			out = append(out, i)
		}
		inField = !space
	}
	return out
}

// snippet returns the first n runes of s on one line, with "…" when cut.
func snippet(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

func firstRune(s string) (rune, int) { return utf8.DecodeRuneInString(s) }
func lastRune(s string) (rune, int)  { return utf8.DecodeLastRuneInString(s) }

// countParts is how many messages the outbox splits text into, following
// its rule: pieces of at most limit runes, cut at line ends when possible.
func countParts(text string, limit int) int {
	if limit <= 0 || utf8.RuneCountInString(text) <= limit {
		return 1
	}
	parts, cur := 0, 0
	for _, line := range strings.SplitAfter(text, "\n") {
		n := utf8.RuneCountInString(line)
		if cur+n > limit && cur > 0 {
			parts++
			cur = 0
		}
		for n > limit {
			parts++
			n -= limit
		}
		cur += n
	}
	if cur > 0 {
		parts++
	}
	return parts
}
