// Package textnorm normalises Chinese chat text: NFKC (full-width digits,
// letters and punctuation to half-width), Traditional to Simplified with
// OpenCC, zero-width characters removed and whitespace folded.
//
// It is a leaf package (no gojieba), so cmd/linli can give it to the
// engine, and nlu and handlers can share it, without any of them importing
// the others.
package textnorm

import (
	"strings"
	"sync"
	"unicode"

	"github.com/longbridgeapp/opencc"
	"golang.org/x/text/unicode/norm"
)

var (
	t2sOnce sync.Once
	t2s     *opencc.OpenCC
	t2sErr  error
	// changing marks the runes of the Basic Multilingual Plane that OpenCC
	// converts on their own (one bit each): a text with none of them, and
	// no rune beyond the plane, is already Simplified and is not run
	// through the converter, which is most of the cost of Normalize.
	changing []uint64
)

func converter() (*opencc.OpenCC, error) {
	t2sOnce.Do(func() {
		t2s, t2sErr = opencc.New("t2s")
		if t2sErr != nil {
			return
		}
		changing = make([]uint64, 0x10000/64)
		var b strings.Builder
		for r := rune(0x80); r < 0x10000; r++ {
			if r >= 0xD800 && r < 0xE000 {
				continue // surrogates
			}
			b.Reset()
			b.WriteRune(r)
			if out, err := t2s.Convert(b.String()); err != nil || out != b.String() {
				changing[r/64] |= 1 << (r % 64)
			}
		}
	})
	return t2s, t2sErr
}

// mayChange reports whether the converter could change s: it holds a rune
// that OpenCC converts on its own, or one beyond the Basic Multilingual
// Plane (not probed).
func mayChange(s string) bool {
	for _, r := range s {
		if r >= 0x10000 || r >= 0x80 && changing[r/64]&(1<<(r%64)) != 0 {
			return true
		}
	}
	return false
}

// Init loads the OpenCC dictionaries now rather than on first use.
func Init() error {
	_, err := converter()
	return err
}

// Normalize returns s in NFKC form, converted to Simplified Chinese, with
// zero-width and control characters removed, runs of spaces folded to one
// and leading and trailing space trimmed. Newlines are kept. Invalid UTF-8
// is replaced. It is safe for concurrent use.
func Normalize(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = norm.NFKC.String(s)
	return FoldSpaces(ToSimplified(s))
}

// FoldSpaces drops zero-width and control characters, folds runs of spaces
// to one, removes spaces at the start and end of lines, keeps newlines and
// trims both ends. Normalize ends with it; code that must line normalised
// text up with what was typed can apply just this part.
func FoldSpaces(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '\n':
			// Trim trailing spaces of the line.
			out := strings.TrimRight(b.String(), " ")
			b.Reset()
			b.WriteString(out)
			b.WriteRune('\n')
			space = false
			continue
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u2060':
			continue
		case unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsControl(r):
			continue
		}
		if space && b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

// ToSimplified converts Traditional characters to Simplified. It returns s
// unchanged if the converter cannot be loaded or s is pure ASCII.
func ToSimplified(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	cc, err := converter()
	if err != nil || !mayChange(s) {
		return s
	}
	out, err := cc.Convert(s)
	if err != nil {
		return s
	}
	return out
}
