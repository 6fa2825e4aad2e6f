package nlu

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Intent indexes into score vectors.
const (
	iSignup = iota
	iCancel
	iReport
	iVote
	iQuery
	iHelp
	iOther
	nIntents
)

// intentNames are the linli intent constants in index order.
var intentNames = [nIntents]string{"signup", "cancel", "report", "vote", "query", "help", "other"}

// flag marks the roles a cue word plays in the interactions of score.go.
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
)

// entry is everything the cue tables say about one word.
type entry struct {
	intent   [nIntents]float64
	others   float64
	question float64
	problem  float64
	cat      map[string]float64
	flags    flag
}

// maxCueTokens bounds the tokens one cue may span.
const maxCueTokens = 5

// cueIndex is built from the tables in cues.go and cues_report.go.
var cueIndex = buildCueIndex()

func buildCueIndex() map[string]*entry {
	idx := map[string]*entry{}
	get := func(w string) *entry {
		e := idx[w]
		if e == nil {
			e = &entry{}
			idx[w] = e
		}
		return e
	}
	for i, name := range intentNames {
		for w, v := range intentCues[name] {
			get(w).intent[i] += v
		}
	}
	for w, v := range othersCues {
		get(w).others += v
	}
	for w, v := range questionCues {
		get(w).question += v
	}
	for w, v := range problemCues {
		get(w).problem += v
	}
	for cat, ws := range categoryCues {
		for w, v := range ws {
			e := get(w)
			if e.cat == nil {
				e.cat = map[string]float64{}
			}
			e.cat[cat] += v
		}
	}
	for _, set := range []struct {
		ws words
		f  flag
	}{
		{selfWords, fSelf}, {companionWords, fCompanion}, {wantWords, fWant}, {goWords, fGo},
		{negWords, fNeg}, {imperativeWords, fImperative}, {howWords, fHow},
		{featureWords, fFeature}, {rhetoricalWords, fRhetorical}, {activityWords, fActivity},
		{genericActivityWords, fGenericActivity}, {pastWords, fPast}, {chatStopWords, fStop},
	} {
		for _, w := range set.ws {
			get(w).flags |= set.f
		}
	}
	return idx
}

// lexicon is what one NLU knows besides the static cue tables: stop words
// and landmarks from the dictionaries.
type lexicon struct {
	stop      map[string]bool
	landmarks map[string]bool
}

func newLexicon(userWords []dictWord, stop map[string]bool) *lexicon {
	l := &lexicon{stop: stop, landmarks: map[string]bool{}}
	for _, w := range userWords {
		if w.tag == "ns" {
			l.landmarks[w.word] = true
		}
	}
	return l
}

// unit is a token as the cue matcher sees it.
type unit struct {
	text   string
	tag    string
	clause int
}

// match is a cue found over units[start:end].
type match struct {
	text       string
	e          *entry // nil for a unit no cue covers
	start, end int
	clause     int
	used       bool // consumed by an interaction (e.g. the 去 of 不去)
}

// analysis is one message segmented and matched against the cues.
type analysis struct {
	lex       *lexicon
	prep      prepared
	units     []unit
	matches   []match
	questions []bool // per clause: ends with ? (question cues are added in score.go)
	scores    [nIntents]float64
	cats      map[string]float64
	slots     slotsResult
	keywords  []string
}

// analyse builds the analysis of p from gojieba's "word/tag" output.
func (l *lexicon) analyse(p prepared, tagged []string) *analysis {
	a := &analysis{lex: l, prep: p, questions: []bool{false}}
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
		if tag == "x" && utf8.RuneCountInString(word) > 1 && isHan(word) && cueIndex[word] == nil {
			for _, r := range word {
				a.units = append(a.units, unit{text: string(r), tag: "x", clause: clause})
			}
			continue
		}
		a.units = append(a.units, unit{text: word, tag: tag, clause: clause})
	}
	a.matchCues()
	a.slots = a.findSlots()
	a.score()
	a.keywords = a.findKeywords()
	return a
}

// matchCues finds cues greedily, longest first, within each clause.
func (a *analysis) matchCues() {
	for i := 0; i < len(a.units); {
		var best match
		var sb strings.Builder
		for j := i; j < len(a.units) && j-i < maxCueTokens && a.units[j].clause == a.units[i].clause; j++ {
			sb.WriteString(a.units[j].text)
			if e := cueIndex[sb.String()]; e != nil {
				best = match{text: sb.String(), e: e, start: i, end: j + 1, clause: a.units[i].clause}
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
