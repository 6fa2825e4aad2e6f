package nlu

import (
	"math"
	"strings"

	"linli"
)

// Model constants. Scores are sums of cue weights (cues.go); these say how
// the interactions between cues weigh and where chatter ends.
const (
	minScore        = 2.5 // an acting intent needs at least this
	questionDamp    = 0.4 // sign-up, cancel and vote cues inside a question
	reportQDamp     = 0.5 // report cues inside a (non-rhetorical) question
	pastDamp        = 0.3 // sign-up cues in a clause about the past (昨天去过, 我去买菜了)
	othersDamp      = 0.5 // acting intents when the message talks to neighbours
	othersThreshold = 2.0 // others cues needed to damp
	selfGoWeight    = 3   // 我 + 去/参加/听 (not negated)
	wantBonus       = 0.5 // 想/要 before the go verb
	negGoWeight     = 3.5 // 不去, 不参加, 去不了 → cancel
	thingBonus      = 1.5 // a thing (路灯) and a problem (坏了) in one clause
	howHelpWeight   = 4   // 怎么 + a bot feature (报名, 投票, 用)
	choiceBonus     = 1.5 // a vote verb followed by choices (选 A 和 C)
	activityBonus   = 0.5 // an activity named in a sign-up
	maxQuestion     = 4   // question strength per clause
	offDomainQuery  = 0.3 // questions not about activities, polls or reports
	emojiOnly       = 3   // a message of emoji alone is chatter
	mentionOthers   = 2.5 // an @mention of someone other than the bot
	domainQuestion  = 1   // a question about activities, polls or records
	cancelObject    = 1.5 // what a cancellation undoes (取消我的报名)
	rhetoricalBonus = 1   // 怎么还没人修: a complaint, not a question
)

// score fills a.scores and a.cats.
func (a *analysis) score() {
	a.cats = map[string]float64{}
	var others, question float64
	domain := false
	for c := 0; c < len(a.questions); c++ {
		q := a.scoreClause(c, &domain)
		question += q
	}
	for i := range a.matches {
		m := &a.matches[i]
		if m.e == nil {
			continue
		}
		others += m.e.others
		for cat, v := range m.e.cat {
			a.cats[cat] += v
		}
	}
	others += mentionOthers * float64(a.prep.mentions)
	if domain {
		a.scores[iQuery] += question
	} else {
		a.scores[iQuery] += question * offDomainQuery
	}
	if len(a.slots.choices) > 0 && a.slots.voteVerb {
		a.scores[iVote] += choiceBonus
	}
	if others >= othersThreshold {
		for i := iSignup; i < iOther; i++ {
			a.scores[i] *= othersDamp
		}
	}
	a.scores[iOther] += others
	if len(a.units) == 0 && a.prep.emoji > 0 {
		a.scores[iOther] += emojiOnly
	}
}

// scoreClause adds clause c's cues to a.scores and returns its question
// strength. It sets *domain when a cue is about activities, polls or
// reports.
func (a *analysis) scoreClause(c int, domain *bool) float64 {
	var ms []*match
	for i := range a.matches {
		if a.matches[i].clause == c {
			ms = append(ms, &a.matches[i])
		}
	}
	var question float64
	if a.questions[c] {
		question = questionCues["?"]
	}
	var imperative, past, self, rhetorical, cancelCue, thing, how, actDomain bool
	var problem float64
	for i, m := range ms {
		if m.e == nil {
			continue
		}
		question += m.e.question
		imperative = imperative || m.has(fImperative)
		past = past || m.has(fPast)
		self = self || m.has(fSelf|fImperative)
		if m.has(fHow) {
			if i+1 < len(ms) && ms[i+1].has(fRhetorical) {
				rhetorical = true
			} else {
				how = true
			}
		}
		if m.has(fActivity) || m.e.intent[iQuery] > 0 || m.e.intent[iSignup] > 0 {
			actDomain = true
		}
		if m.e.intent[iCancel] > 0 && m.e.intent[iCancel] >= m.e.intent[iSignup] {
			cancelCue = true
		}
		if len(m.e.cat) > 0 || m.e.problem > 0 || m.has(fActivity) {
			*domain = true
		}
		for _, v := range m.e.intent[:iOther] {
			if v > 0 {
				*domain = true
			}
		}
		if len(m.e.cat) > 0 && m.e.problem == 0 && m.e.intent[iReport] == 0 {
			thing = true
		}
		problem += m.e.problem
	}
	isQuestion := (question > 0 || how) && !imperative && !rhetorical
	if isQuestion && actDomain && !past {
		a.scores[iQuery] += domainQuestion
	}
	if question > maxQuestion {
		question = maxQuestion
	}
	act := 1.0
	if isQuestion {
		act = questionDamp
	}
	rep := 1.0
	if isQuestion {
		rep = reportQDamp
	}

	if cancelCue {
		// The object of a cancellation: 取消我的报名, 报名撤了.
		for _, m := range ms {
			if m.e != nil && m.e.intent[iCancel] == 0 && (m.e.intent[iSignup] > 0 || isSignupObject(m.text)) {
				m.used = true
				a.scores[iCancel] += cancelObject * act
			}
		}
	}
	for i, m := range ms {
		if m.e == nil || m.used || m.e.intent[iSignup] == 0 || i+1 >= len(ms) {
			continue
		}
		switch next := ms[i+1].text; {
		case next == "的":
			m.used = true // 报名的人, 报名的时间: a modifier, not an act
		case strings.HasPrefix(next, "+") && len(next) <= 3:
			ms[i+1].used = true // 报名 +1: a party size, not chatter
		}
	}
	// Only sign-ups are damped by the past: 之前报的讲座帮我取消 is a cancellation.
	sact := act
	if past || completed(ms) {
		sact *= pastDamp
	}
	a.negatedGo(ms, act)
	a.selfGo(ms, self, sact)
	for i, m := range ms {
		if m.e == nil || m.used {
			continue
		}
		a.scores[iSignup] += m.e.intent[iSignup] * sact
		a.scores[iCancel] += m.e.intent[iCancel] * act
		a.scores[iVote] += m.e.intent[iVote] * act
		a.scores[iReport] += m.e.intent[iReport] * rep
		a.scores[iQuery] += m.e.intent[iQuery]
		a.scores[iHelp] += m.e.intent[iHelp]
		a.scores[iOther] += m.e.intent[iOther]
		if m.has(fHow) && !rhetorical {
			for _, n := range ms[i+1:] {
				if n.has(fFeature) {
					a.scores[iHelp] += howHelpWeight
					break
				}
			}
		}
	}
	a.scores[iReport] += problem * rep
	if thing && problem > 0 {
		a.scores[iReport] += thingBonus * rep
	}
	if rhetorical && (thing || problem > 0) {
		a.scores[iReport] += rhetoricalBonus
	}
	return question
}

// decide picks the intent and its confidence.
func (a *analysis) decide() (string, float64) {
	best, second := -1, -1
	for i := iSignup; i < iOther; i++ {
		switch {
		case best < 0 || a.scores[i] > a.scores[best]:
			best, second = i, best
		case second < 0 || a.scores[i] > a.scores[second]:
			second = i
		}
	}
	s := a.scores[best]
	if s < minScore || a.scores[iOther] >= s {
		// Chatter: confidence says how close the best acting intent came.
		return linli.IntentOther, 0.25 * math.Min(s, minScore) / minScore
	}
	rival := math.Max(a.scores[second], a.scores[iOther])
	conf := (1 - math.Exp(-s/3)) * (0.5 + 0.5*(s-rival)/s)
	return intentNames[best], math.Round(conf*100) / 100
}
