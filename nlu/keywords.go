package nlu

import (
	"math"
	"strings"
	"unicode/utf8"

	"linli"
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
	seen := map[string]bool{}
	add := func(w string) {
		if w != "" && !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	if a.slots.Building > 0 {
		add(a.slots.Place)
	}
	for _, m := range a.matches {
		if a.isKeyword(m) {
			// 坏了 and 坏 are the same complaint.
			if w := strings.TrimSuffix(m.text, "了"); w != "" {
				add(w)
			}
		}
	}
	return out
}

func (a *analysis) isKeyword(m match) bool {
	w := m.text
	if m.e != nil {
		e := m.e
		switch {
		case e.flags&fStop != 0, e.intent[iOther] > 0, e.others > 0, e.question > 0:
			return false
		case len(e.cat) > 0 || e.problem > 0 || e.flags&fActivity != 0:
			return true
		case e.flags&(fSelf|fWant|fGo|fNeg|fImperative|fHow|fFeature|fRhetorical|fPast|fCompanion) != 0:
			return false
		}
		for _, v := range e.intent {
			if v > 0 {
				return false
			}
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

// understanding turns the analysis into the linli result.
func (a *analysis) understanding(text string) linli.Understanding {
	intent, conf := a.decide()
	u := linli.Understanding{
		Text:       text,
		Intent:     intent,
		Keywords:   a.keywords,
		Confidence: conf,
		Slots:      a.slots.Slots,
	}
	if intent == linli.IntentReport {
		var evidence float64
		u.Category, evidence = a.category()
		if evidence == 0 {
			// Report words ("随手拍真方便") with nothing reported: talk about
			// the feature, not a report. Never sure enough to ask about.
			u.Confidence = math.Min(u.Confidence, unsubstantiatedReport)
		}
	}
	return u
}

// unsubstantiatedReport caps the confidence of a report without any
// category cue.
const unsubstantiatedReport = 0.4

// category returns the report category with the highest cue weight, or
// "其他", and that weight (0 when no cue of any category was seen).
func (a *analysis) category() (string, float64) {
	best, bestV := "其他", 0.0
	for _, c := range linli.Categories { // fixed order breaks ties
		if v := a.cats[c]; v > bestV {
			best, bestV = c, v
		}
	}
	return best, bestV
}
