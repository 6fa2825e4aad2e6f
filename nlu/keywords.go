package nlu

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// skipTags are parts of speech that never make a keyword: pronouns,
// adverbs, prepositions, conjunctions, particles, numerals, measure words,
// interjections, onomatopoeia and unknown single characters.
var skipTags = map[string]bool{
	"r": true, "d": true, "p": true, "c": true, "u": true, "uj": true, "ul": true, "uz": true,
	"ud": true, "ug": true, "uv": true, "y": true, "e": true, "o": true, "m": true, "q": true,
	"mq": true, "zg": true, "f": true, "t": true,
}

// findKeywords returns the content words of the message for duplicate
// detection: the place first, then cue words about things and problems and
// other content words, without stop words, chatter and function words.
func (a *analysis) findKeywords() []string {
	out := []string{}
	add := func(w string) {
		if w != "" && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	if a.slots.Building > 0 {
		add(a.slots.Place)
	}
	// Taxonomy terms and other content words, in the order of the text.
	ti := 0
	for _, m := range a.matches {
		for ti < len(a.terms) && a.terms[ti].start < m.end {
			tm := a.terms[ti]
			ti++
			if tm.t.class == "持续" {
				continue
			}
			// 坏了 and 坏 are the same complaint.
			if w := strings.TrimSuffix(tm.t.text, "了"); w != "" {
				add(w)
			}
		}
		if a.isKeyword(m) && !a.inTerm(m) {
			add(m.text)
		}
	}
	for ; ti < len(a.terms); ti++ {
		if w := strings.TrimSuffix(a.terms[ti].t.text, "了"); w != "" && a.terms[ti].t.class != "持续" {
			add(w)
		}
	}
	return out
}

// inTerm reports whether m overlaps a taxonomy term.
func (a *analysis) inTerm(m match) bool {
	for _, tm := range a.terms {
		if tm.start < m.end && m.start < tm.end {
			return true
		}
	}
	return false
}

func (a *analysis) isKeyword(m match) bool {
	w := m.text
	if m.e != nil {
		switch f := m.e.flags; {
		case f&fStop != 0:
			return false
		case f&fActivity != 0:
			return true
		default:
			return false
		}
	}
	if a.lex.landmarks[w] {
		return true
	}
	if a.lex.stop[w] || utf8.RuneCountInString(w) < 2 || strings.Trim(w, "0123456789.:-/+#") == "" {
		return false
	}
	tag := ""
	if m.end-m.start == 1 {
		tag = a.units[m.start].tag
	}
	return !skipTags[tag]
}
