package nlu

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"linli/textnorm"
)

// prepared is a message made ready for the segmenter.
type prepared struct {
	text     string // normalised; prefix, mentions and emoji removed; lower-cased
	emoji    int    // emoji and WeChat [表情] codes removed
	mentions int    // @mentions of other people inside the text
}

// maxRunes bounds the text analysed; residents' messages are far shorter,
// and the segmenter's time grows with the length.
const maxRunes = 600

// prepare normalises text (textnorm), drops a leading command prefix (#, /)
// and a leading @mention (the bot), counts and removes other mentions,
// emoji and WeChat emoji codes such as [强] or [玫瑰].
func prepare(text string) prepared {
	if len(text) > 8*maxRunes { // bound the normaliser's work too
		text = string([]rune(text[:8*maxRunes]))
	}
	s := textnorm.Normalize(text)
	if utf8.RuneCountInString(s) > maxRunes {
		s = string([]rune(s)[:maxRunes])
	}
	var p prepared
	s = strings.TrimLeft(s, "#/ ")
	if strings.HasPrefix(s, "@") { // "@邻里通 报名": the bot
		i := strings.IndexAny(s, " \n")
		if i < 0 {
			i = len(s)
		}
		s = strings.TrimLeft(s[i:], " \n#/")
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '[':
			if j := strings.IndexByte(s[i:], ']'); j > 0 && utf8.RuneCountInString(s[i+1:i+j]) <= 4 && !strings.ContainsAny(s[i+1:i+j], "[ ") {
				p.emoji++
				i += j + 1
				b.WriteByte(' ')
				continue
			}
		case r == '@':
			p.mentions++
			j := strings.IndexAny(s[i:], " \n")
			if j < 0 {
				j = len(s) - i
			}
			i += j
			continue
		case isEmoji(r):
			p.emoji++
			i += size
			continue
		}
		b.WriteRune(r)
		i += size
	}
	p.text = strings.ToLower(strings.TrimSpace(b.String()))
	return p
}

// isEmoji reports whether r is a pictograph or one of the modifiers that
// travel with them.
func isEmoji(r rune) bool {
	switch {
	case r >= 0x1F000 && r <= 0x1FAFF, // emoticons, pictographs, flags
		r >= 0x2600 && r <= 0x27BF, // dingbats, misc symbols
		r >= 0x2B00 && r <= 0x2BFF, // arrows, stars
		r == 0xFE0F, r == 0x20E3,
		r >= 0xE0020 && r <= 0xE007F:
		return true
	}
	return unicode.Is(unicode.So, r) && r > 0x2000
}
