package nlu

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// intentNames are the linli intents in the order of the model's classes.
var intentNames = []string{"signup", "cancel", "report", "vote", "query", "help", "other"}

// flag marks the word classes a word belongs to (cues.go).
type flag uint32

const (
	fSelf flag = 1 << iota
	fCompanion
	fWant
	fGo
	fNeg
	fImperative
	fHow
	fFeature
	fRhetorical
	fActivity
	fGenericActivity
	fPast
	fStop
	fSignup
	fCancel
	fReport
	fVote
	fQuery
	fHelp
	fChatter
	fNeighbour
	fQuestion
	fResolved
	fConditional
	fLikeness
	fEmotion
	fHearsay
	fNotice
	fOwn
	fAdvert
	nFlags = iota
)

// wordClasses lists every class with its words and its feature name.
var wordClasses = []struct {
	ws   words
	f    flag
	name string
}{
	{selfWords, fSelf, "self"}, {companionWords, fCompanion, "companion"}, {wantWords, fWant, "want"},
	{goWords, fGo, "go"}, {negWords, fNeg, "neg"}, {imperativeWords, fImperative, "imperative"},
	{howWords, fHow, "how"}, {featureWords, fFeature, "feature"}, {rhetoricalWords, fRhetorical, "rhetorical"},
	{activityWords, fActivity, "activity"}, {genericActivityWords, fGenericActivity, "generic"},
	{pastWords, fPast, "past"}, {chatStopWords, fStop, "stop"}, {signupWords, fSignup, "signup"},
	{cancelWords, fCancel, "cancel"}, {reportWords, fReport, "report"}, {voteWords, fVote, "vote"},
	{queryWords, fQuery, "query"}, {helpWords, fHelp, "help"}, {chatterWords, fChatter, "chatter"},
	{neighbourWords, fNeighbour, "neighbour"}, {questionWords, fQuestion, "question"},
	{resolvedWords, fResolved, "resolved"}, {conditionalWords, fConditional, "conditional"},
	{likenessWords, fLikeness, "likeness"}, {emotionWords, fEmotion, "emotion"}, {hearsayWords, fHearsay, "hearsay"},
	{noticeWords, fNotice, "notice"}, {ownWords, fOwn, "own"}, {advertWords, fAdvert, "advert"},
}

// entry is what the word classes say about one word.
type entry struct {
	flags   flag
	classes []string // feature names of its classes, "k:self" …
}

// maxCueTokens bounds the tokens one class word may span.
const maxCueTokens = 5

// cueIndex is built from the word classes of cues.go.
var cueIndex = buildCueIndex()

func buildCueIndex() map[string]*entry {
	idx := map[string]*entry{}
	for _, c := range wordClasses {
		for _, w := range c.ws {
			e := idx[w]
			if e == nil {
				e = &entry{}
				idx[w] = e
			}
			e.flags |= c.f
			e.classes = append(e.classes, "k:"+c.name)
		}
	}
	return idx
}

// lexicon is what one NLU knows besides the static cue tables: stop words
// and landmarks from the dictionaries.
type lexicon struct {
	stop            map[string]bool
	landmarks       map[string]bool
	landmarksByRune map[rune][]string
}

func newLexicon(userWords []dictWord, stop map[string]bool) *lexicon {
	l := &lexicon{stop: stop, landmarks: map[string]bool{}}
	for _, w := range userWords {
		if w.tag == "ns" {
			l.landmarks[w.word] = true
		}
	}
	for _, t := range theTaxonomy.terms {
		if t.landmark {
			l.landmarks[t.text] = true
		}
	}
	l.indexLandmarks()
	return l
}

// unit is a token as the cue matcher sees it.
type unit struct {
	text   string
	tag    string
	clause int
}

// match is a class word found over units[start:end].
type match struct {
	text       string
	e          *entry // nil for a unit no class word covers
	start, end int
	clause     int
	used       bool // taken by a combination (e.g. the 去 of 不去)
}

// analysis is one message segmented and matched against the word classes
// and the taxonomy.
type analysis struct {
	lex       *lexicon
	prep      prepared
	units     []unit
	matches   []match
	terms     []termMatch
	questions []bool // per clause: ends with ?
	emergency string // kind, "" if none (emergency.go)
	slots     slotsResult
	keywords  []string
}

// analyse builds the analysis of p from gojieba's "word/tag" output.
func (l *lexicon) analyse(p prepared, tagged []string) *analysis {
	a := &analysis{lex: l, prep: p, questions: make([]bool, 1, 4), units: make([]unit, 0, len(tagged)+4)}
	a.emergency = p.emergency // found first, on the whole text (prepare)
	clause := 0
	for _, wt := range tagged {
		word, tag := wt, ""
		if i := strings.LastIndexByte(wt, '/'); i > 0 {
			word, tag = wt[:i], wt[i+1:]
		}
		if isSeparator(word) {
			if word == "?" || word == "？" {
				a.questions[clause] = true
			}
			if len(a.units) > 0 && a.units[len(a.units)-1].clause == clause {
				clause++
				a.questions = append(a.questions, false)
			}
			continue
		}
		// Words the HMM made up (tag x) are split into characters, so that
		// 我要 matches 我 + 要 and 太吵 matches 吵.
		if tag == "x" && utf8.RuneCountInString(word) > 1 && isHan(word) && cueIndex[word] == nil && theTaxonomy.terms[word] == nil {
			for _, r := range word {
				a.units = append(a.units, unit{text: string(r), tag: "x", clause: clause})
			}
			continue
		}
		a.units = append(a.units, unit{text: word, tag: tag, clause: clause})
	}
	a.matchCues()
	a.matchTerms()
	a.slots = a.findSlots()
	a.keywords = a.findKeywords()
	return a
}

// matchCues finds cues greedily, longest first, within each clause.
func (a *analysis) matchCues() {
	a.matches = make([]match, 0, len(a.units))
	var buf []byte
	for i := 0; i < len(a.units); {
		var best match
		buf = buf[:0]
		for j := i; j < len(a.units) && j-i < maxCueTokens && a.units[j].clause == a.units[i].clause; j++ {
			buf = append(buf, a.units[j].text...)
			if e := cueIndex[string(buf)]; e != nil {
				text := a.units[i].text
				if j > i {
					text = string(buf)
				}
				best = match{text: text, e: e, start: i, end: j + 1, clause: a.units[i].clause}
			}
		}
		if best.e == nil {
			best = match{text: a.units[i].text, start: i, end: i + 1, clause: a.units[i].clause}
		}
		a.matches = append(a.matches, best)
		i = best.end
	}
}

// isSeparator reports whether a token ends a clause.
func isSeparator(w string) bool {
	switch w {
	case ",", ".", "!", "?", ";", "，", "。", "！", "？", "；", "…", "~", "～", " ", "\n", "\t":
		return true
	}
	return strings.TrimSpace(w) == ""
}

func isHan(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

// has reports whether m's cue has flag f.
func (m *match) has(f flag) bool { return m.e != nil && m.e.flags&f != 0 }
