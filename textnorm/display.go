package textnorm

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Printable removes from s what a chat must not show as text: escape
// sequences (ESC [ … m, ESC ] … BEL, and two-character ones), the other C0
// and C1 control characters and DEL (newline and tab are kept), and the
// bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
// U+061C) that make a name or a line read backwards. Invalid UTF-8 is
// dropped. Everything else, punctuation and width included, is kept as it
// is: Printable cleans text for display, it does not normalise it.
func Printable(s string) string {
	if isPlain(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == 0x1b {
			i += escapeLen(s[i:])
			continue
		}
		i += n
		if r != '\n' && r != '\t' && (unicode.IsControl(r) || isBidi(r)) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isPlain reports whether s has nothing Printable removes (the usual case:
// no allocation).
func isPlain(s string) bool {
	for _, r := range s {
		switch {
		case r == utf8.RuneError, r < 0x20 && r != '\n' && r != '\t', r >= 0x7f && r <= 0x9f, isBidi(r):
			return false
		}
	}
	return true
}

func isBidi(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c
}

// escapeLen is the length of the escape sequence at the start of s (which
// starts with ESC): a CSI (ESC [ parameters intermediates final), an OSC
// or other string (ESC ] … ended by BEL or ESC \), or ESC and one
// character.
func escapeLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		i := 2
		for i < len(s) && s[i] >= 0x20 && s[i] <= 0x3f {
			i++
		}
		if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7e {
			i++
		}
		return i
	case ']', 'P', 'X', '^', '_':
		for i := 2; i < len(s); i++ {
			if s[i] == 0x07 {
				return i + 1
			}
			if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			if s[i] == '\n' {
				return i // an unterminated string ends at the line
			}
		}
		return len(s)
	}
	_, n := utf8.DecodeRuneInString(s[1:])
	return 1 + n
}

// MentionRunes is how many characters of a name an @mention shows.
const MentionRunes = 20

// Name is a display name (群昵称, nickname) as a chat shows it: Printable,
// on one line (tabs and newlines become spaces, runs of spaces one),
// trimmed. It is for showing a name, never for identifying a person: two
// senders whose names differ only in what Name removes are two people.
func Name(s string) string {
	s = Printable(s)
	if strings.ContainsAny(s, "\t\n") || strings.Contains(s, "  ") || strings.TrimSpace(s) != s {
		s = strings.Join(strings.Fields(s), " ")
	}
	return s
}

// Shorten returns s cut to n characters with "…" when it is longer.
func Shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimRightFunc(string(r[:n]), unicode.IsSpace) + "…"
}

// MentionName is how an @mention shows a display name: Name, cut to
// MentionRunes characters with "…". A name that is nothing but control
// characters shows as "?" rather than a bare "@".
func MentionName(s string) string {
	s = Shorten(Name(s), MentionRunes)
	if s == "" {
		return "?"
	}
	return s
}

// Typed returns the part of raw, a message as it was typed, that norm (the
// end of Normalize(raw), as a command's arguments are) came from, cleaned
// with Printable: what a resident wrote, full-width punctuation (！！，（）)
// and ASCII brackets (alert(1)) as they were, for storing and echoing,
// while parsing goes on with norm. The two are lined up by the words at
// the end and checked: the raw part must normalise (or fold) to norm. When
// they cannot be lined up (an @mention of the bot inside the text, a text
// the caller rewrote), it returns "" and the caller keeps norm.
func Typed(raw, norm string) string {
	norm = strings.TrimSpace(norm)
	n := len(strings.Fields(norm))
	if n == 0 {
		return ""
	}
	starts := fieldStarts(raw)
	if len(starts) < n {
		return ""
	}
	cand := strings.TrimRightFunc(raw[starts[len(starts)-n]:], unicode.IsSpace)
	// The first word may begin with what came before norm ("随手拍3号楼…"):
	// try its ends from the longest, in full only where the word matches.
	first := strings.IndexFunc(cand, unicode.IsSpace)
	if first < 0 {
		first = len(cand)
	}
	word := strings.Fields(norm)[0]
	clean := func(c string) string { return strings.TrimSpace(Printable(strings.ReplaceAll(c, "\r\n", "\n"))) }
	for i := range cand[:first] {
		if Fold(cand[i:first]) == word && Fold(cand[i:]) == norm {
			return clean(cand[i:])
		}
	}
	if Normalize(cand) == norm { // Traditional characters, other NFKC folds
		return clean(cand)
	}
	return ""
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
