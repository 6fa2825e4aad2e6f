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
	// emergency is the kind of emergency the whole text tells of
	// (emergency.go), found before the text is cut to maxRunes and with its
	// emoji: a call for help at the end of a long message counts.
	emergency string
}

// maxRunes bounds the text analysed; residents' messages are far shorter,
// and the segmenter's time grows with the length.
const maxRunes = 600

// prepare normalises text (textnorm), drops a leading command prefix (#, /)
// and a leading @mention (the bot), counts and removes other mentions,
// emoji and WeChat emoji codes such as [强] or [玫瑰].
func prepare(text string) prepared {
	var p prepared
	s := textnorm.Normalize(text)
	p.emergency = emergencyOf(s)
	if utf8.RuneCountInString(s) > maxRunes {
		s = string([]rune(s)[:maxRunes])
	}
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

// maxEmergencyRunes bounds the text searched for an emergency: the engine's
// limit, so that nothing it handles is too long to be looked at.
const maxEmergencyRunes = 32000

// emergencyOf is the kind of emergency normalised text s tells of. The text
// keeps its emoji (着🔥了, 😂), loses a leading @mention (the bot), and a
// message typed with a space between every character (有 人 晕 倒 了) is
// read without them.
func emergencyOf(s string) string {
	kind, _ := detectEmergency(emergencyText(s))
	return kind
}

// emergencyText is normalised text s as the emergency rules read it: at
// most maxEmergencyRunes, lower case, without a leading @mention or the
// spaces of a spaced-out message.
func emergencyText(s string) string {
	if utf8.RuneCountInString(s) > maxEmergencyRunes {
		s = string([]rune(s)[:maxEmergencyRunes])
	}
	s = strings.ToLower(strings.TrimLeft(s, "#/ "))
	if strings.HasPrefix(s, "@") {
		if i := strings.IndexAny(s, " \n"); i > 0 {
			s = s[i:]
		}
	}
	if spacedOut(s) {
		s = strings.Join(strings.Fields(s), "")
	}
	return s
}

// spacedOut reports whether s is typed with a space between most of its
// characters: at least four words, two in three of them a single rune.
func spacedOut(s string) bool {
	if !strings.Contains(s, " ") {
		return false
	}
	words, single, n := 0, 0, 0
	for _, r := range s + " " {
		if r == ' ' || r == '\n' || r == '\t' {
			if n > 0 {
				words++
				if n == 1 {
					single++
				}
			}
			n = 0
			continue
		}
		n++
	}
	return words >= 4 && single*3 >= words*2
}
