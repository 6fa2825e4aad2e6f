package nlu

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The features of the model. Each is a name; the model (model.go) holds a
// learned weight per name and class. They are:
//
//	w:词 p:tag      the words gojieba found and their parts of speech
//	c:字 c2:字字     characters and character pairs (typos, unseen words)
//	f:词 l:词        the first and the last word
//	k:class         a word of a class of cues.go (self, neg, signup, …)
//	t:kind:category a taxonomy term (t:部件:设施维修), tc:class its class,
//	                tt:term the term itself, th:kind a noun matched by its head
//	x:…             combinations within a clause: a thing and a problem
//	                state (x:ts, x:ts:设施维修), an unknown noun and a state
//	                (x:ns), the writer and a go verb (x:selfgo), a negated go
//	                verb (x:neggo), how + a bot feature (x:howfeat), …
//	g:…             a problem with a guard in its clause: negated (g:neg),
//	                resolved (g:res), in the past (g:past), a question (g:q),
//	                hypothetical (g:cond), a likeness (g:like), neighbours'
//	                talk (g:nbr), thanks (g:chat)
//	m:…             the message: mentions, emoji, its length
//
// Composition is the point: 篮球架的篮板裂开了 has never been seen, but
// 篮球架 is a 部件 of 设施维修 and 裂开 a 状态 of 损坏, so x:ts and
// x:ts:设施维修 fire as for 路灯坏了.

// featureSet collects feature names in one buffer, so that the model can
// look them up without allocating.
type featureSet struct {
	buf  []byte
	ends []int
}

func (f *featureSet) add(parts ...string) {
	for _, p := range parts {
		f.buf = append(f.buf, p...)
	}
	f.ends = append(f.ends, len(f.buf))
}

// each calls fn with every feature name; the slice is valid only during
// the call.
func (f *featureSet) each(fn func(name []byte)) {
	start := 0
	for _, end := range f.ends {
		fn(f.buf[start:end])
		start = end
	}
}

// names returns the feature names as strings.
func (f *featureSet) names() []string {
	out := make([]string, 0, len(f.ends))
	f.each(func(b []byte) { out = append(out, string(b)) })
	return out
}

// features fills f with the features of the analysis.
func (a *analysis) features(f *featureSet) {
	f.add("bias")
	a.messageFeatures(f)
	a.wordFeatures(f)
	facts := make([]clauseFacts, len(a.questions))
	var msg clauseFacts // what any clause holds
	ms := make([]*match, 0, len(a.matches))
	for c := range facts {
		facts[c] = a.clauseFacts(c, ms[len(ms):len(ms):cap(ms)])
		ms = ms[:len(ms)+len(facts[c].ms)]
		msg.merge(facts[c])
	}
	for c := range facts {
		a.clauseFeatures(f, c, &facts[c], &msg)
	}
	a.messageGuards(f, msg)
	if msg.state || msg.event {
		// the length of a message that names a problem:
		// 下水道堵了 is short and a report, where most short texts are chatter
		f.add("m:tslen", a.lenBucket())
	}
	s := a.slots
	if len(s.choices) > 1 {
		f.add("x:choices2") // 选A还是选B, A还是B: weighing choices, or asking
	}
	if len(s.choices) > 0 {
		f.add("x:choice")
		if s.voteVerb {
			f.add("x:vchoice")
		}
	}
	if s.Activity != "" {
		if _, err := strconv.Atoi(s.Activity); err == nil {
			f.add("x:actnum")
		} else {
			f.add("x:actname")
		}
	}
	if s.PartySize > 0 {
		f.add("x:party")
	}
	switch {
	case s.Building > 0:
		f.add("x:building")
	case s.Place != "":
		f.add("x:landmark")
	}
	if len(a.prep.text) <= 16 && bareChoice(a.prep.text) {
		f.add("x:barechoice") // "B吧", "2", "第一个"
	}
}

// lenBucket is the length class of the message: "1" up to 2 characters,
// "2" up to 5, "3" up to 12, "4" up to 25, "5" longer, "0" empty.
func (a *analysis) lenBucket() string {
	n := utf8.RuneCountInString(a.prep.text)
	switch {
	case n == 0:
		return "0"
	case n <= 2:
		return "1"
	case n <= 5:
		return "2"
	case n <= 12:
		return "3"
	case n <= 25:
		return "4"
	}
	return "5"
}

// messageFeatures are about the message as a whole.
func (a *analysis) messageFeatures(f *featureSet) {
	if b := a.lenBucket(); b == "0" {
		f.add("m:empty")
	} else {
		f.add("m:len", b)
	}
	if a.prep.mentions > 0 {
		f.add("m:mention")
	}
	if a.prep.emoji > 0 {
		f.add("m:emoji")
		if len(a.units) == 0 {
			f.add("m:emojionly")
		}
	}
	if t := a.prep.text; (strings.HasPrefix(t, "+1") || strings.HasPrefix(t, "接龙")) && utf8.RuneCountInString(t) > 3 {
		f.add("m:plus1") // +1 张阿姨 2号楼, 接龙 李建国 一人: a sign-up in a chain
	}
	if strings.HasPrefix(a.prep.text, "【") || strings.HasPrefix(a.prep.text, "[") || staffPrefix(a.prep.text) {
		f.add("m:heading") // 【物业】, 【通知】, 物业：…: a notice
	}
	if strings.HasSuffix(a.prep.text, "?") || strings.HasSuffix(a.prep.text, "？") {
		f.add("m:qmark")
	}
}

// wordFeatures are the words, tags, characters and classes.
func (a *analysis) wordFeatures(f *featureSet) {
	for i, u := range a.units {
		w := u.text
		if isNumber(w) {
			w = "#"
		}
		f.add("w:", w)
		if u.tag != "" {
			f.add("p:", u.tag)
		}
		if i == 0 {
			f.add("f:", w)
		}
		if i == len(a.units)-1 {
			f.add("l:", w)
		}
	}
	// Characters and pairs of characters within a clause.
	prev, prevClause := "", -1
	for _, u := range a.units {
		if u.clause != prevClause {
			prev, prevClause = "", u.clause
		}
		for i, r := range u.text {
			if !unicode.Is(unicode.Han, r) {
				prev = ""
				continue
			}
			ch := u.text[i : i+utf8.RuneLen(r)]
			f.add("c:", ch)
			if prev != "" {
				f.add("c2:", prev, ch)
			}
			prev = ch
		}
	}
	for _, m := range a.matches {
		if m.e != nil {
			for _, c := range m.e.classes {
				f.add(c)
			}
		}
	}
}

// clauseFacts is what one clause holds.
type clauseFacts struct {
	ms                                      []*match
	thing, place, event, state, unknownNoun bool
	negState, question, how, imperative     bool
	rhetorical, resolved, past, conditional bool
	likeness, neighbour, chatter, report    bool
	emotion, private, self, passive, still  bool
	hearsay, onomatopoeia, persist          bool
	notice, own                             bool
	thingCats, eventCats, stateClasses      []string
	stateCats                               []string
}

func (m *clauseFacts) merge(c clauseFacts) {
	m.thing, m.place, m.event, m.state = m.thing || c.thing, m.place || c.place, m.event || c.event, m.state || c.state
	m.resolved, m.past, m.conditional, m.likeness = m.resolved || c.resolved, m.past || c.past, m.conditional || c.conditional, m.likeness || c.likeness
	m.neighbour, m.chatter, m.report, m.emotion = m.neighbour || c.neighbour, m.chatter || c.chatter, m.report || c.report, m.emotion || c.emotion
	m.private, m.self, m.passive, m.still = m.private || c.private, m.self || c.self, m.passive || c.passive, m.still || c.still
	m.question = m.question || c.question
	m.hearsay, m.onomatopoeia = m.hearsay || c.hearsay, m.onomatopoeia || c.onomatopoeia
	m.notice, m.own = m.notice || c.notice, m.own || c.own
}

// messageGuards are the guards of a problem anywhere in the message: 路灯
// 修好了，谢谢 says the problem and its end in two clauses.
func (a *analysis) messageGuards(f *featureSet, m clauseFacts) {
	if !m.state && !m.event {
		return
	}
	for _, g := range []struct {
		on   bool
		name string
	}{
		{m.resolved, "G:res"}, {m.past, "G:past"}, {m.past && m.still, "G:past·still"}, {m.still, "G:still"},
		{m.neighbour, "G:nbr"}, {m.chatter, "G:chat"}, {m.emotion, "G:emo"}, {m.conditional, "G:cond"},
		{m.private && !m.thing, "G:priv"}, {m.self, "G:self"}, {m.report, "G:rep"}, {m.question, "G:q"},
		{m.resolved && !m.still, "G:res·done"}, {m.hearsay, "G:hearsay"}, {m.notice, "G:notice"}, {m.own, "G:own"},
	} {
		if g.on {
			f.add(g.name)
		}
	}
}

// clauseFacts finds what clause c holds; its matches are appended to ms.
func (a *analysis) clauseFacts(c int, ms []*match) clauseFacts {
	cf := clauseFacts{ms: ms}
	cf.question = a.questions[c]
	for i := range a.matches {
		if a.matches[i].clause == c {
			cf.ms = append(cf.ms, &a.matches[i])
		}
	}
	var covered [64]bool // units covered by a term, for the first 64 units
	for _, tm := range a.terms {
		if tm.clause != c {
			continue
		}
		for i := tm.start; i < tm.end && i < len(covered); i++ {
			covered[i] = true
		}
		t := tm.t
		switch t.kind {
		case kindThing:
			cf.thing = true
			cf.thingCats = appendNew(cf.thingCats, t.category)
		case kindPlace:
			cf.place = true
		case kindPrivate:
			cf.private = true
		case kindEvent:
			cf.event = true
			cf.eventCats = appendNew(cf.eventCats, t.category)
		case kindState:
			if t.class == "持续" {
				cf.persist = true
				continue
			}
			cf.state = true
			cf.stateClasses = appendNew(cf.stateClasses, t.class)
			cf.stateCats = appendNew(cf.stateCats, t.category)
			if tm.start > 0 && isNegator(a.units[tm.start-1].text) && !strings.HasPrefix(t.text, "不") && !strings.HasPrefix(t.text, "没") {
				cf.negState = true
			}
		}
	}
	for i, u := range a.units {
		if u.clause != c {
			continue
		}
		if (i >= len(covered) || !covered[i]) && isNounTag(u.tag) && utf8.RuneCountInString(u.text) >= 2 && cueIndex[u.text] == nil && !a.lex.stop[u.text] {
			cf.unknownNoun = true
		}
		if u.tag == "o" {
			cf.onomatopoeia = true
		}
		if u.text == "被" {
			for j := i + 1; j < len(a.units) && j <= i+3 && a.units[j].clause == c; j++ {
				if t := a.units[j].tag; t != "" && (t[0] == 'v' || t == "x") {
					cf.passive = true
				}
			}
		}
	}
	ms = cf.ms
	for i, m := range ms {
		if m.e == nil {
			continue
		}
		if m.has(fHow) {
			if i+1 < len(ms) && ms[i+1].has(fRhetorical) {
				cf.rhetorical = true
			} else {
				cf.how = true
			}
		}
		cf.question = cf.question || m.has(fQuestion)
		cf.imperative = cf.imperative || m.has(fImperative)
		cf.resolved = cf.resolved || m.has(fResolved)
		cf.past = cf.past || m.has(fPast)
		cf.conditional = cf.conditional || m.has(fConditional)
		cf.likeness = cf.likeness || m.has(fLikeness)
		cf.neighbour = cf.neighbour || m.has(fNeighbour)
		cf.chatter = cf.chatter || m.has(fChatter)
		cf.report = cf.report || m.has(fReport)
		cf.emotion = cf.emotion || m.has(fEmotion)
		cf.self = cf.self || m.has(fSelf)
		cf.hearsay = cf.hearsay || m.has(fHearsay)
		cf.notice = cf.notice || m.has(fNotice)
	}
	cf.own = a.ownThing(c)
	for _, m := range ms {
		cf.still = cf.still || isStill(m.text)
	}
	return cf
}

// guard names what makes the problems of a clause no report now, or "":
// a negation (没坏), its end (修好了, also said in another clause), the past
// (上个月坏过一次, unless it still goes on), a hypothesis or warning, hearsay,
// a likeness, or a private belonging rather than a shared thing.
func (cf *clauseFacts) guard(msg *clauseFacts) string {
	switch {
	case cf.negState:
		return "neg"
	case (cf.resolved || msg.resolved) && !cf.still && !msg.still:
		return "res"
	case (cf.past || msg.past) && !cf.still && !msg.still:
		return "past"
	case cf.conditional:
		return "cond"
	case cf.hearsay || msg.hearsay:
		return "hearsay"
	case cf.likeness:
		return "like"
	case cf.private && !cf.thing:
		return "priv"
	}
	return ""
}

// clauseFeatures adds the terms and combinations of clause c. Inside a
// guarded clause they are named after the guard (res|x:ts instead of
// x:ts): a problem that is over is not a weaker problem but another thing,
// and its evidence must not add up with that of problems now.
func (a *analysis) clauseFeatures(f *featureSet, c int, cf, msg *clauseFacts) {
	problem := cf.state || cf.event
	g := ""
	if problem {
		if g = cf.guard(msg); g != "" {
			f.add("g:", g)
			g += "|"
		}
	}
	for _, tm := range a.terms {
		if tm.clause != c {
			continue
		}
		t := tm.t
		f.add(g, "t:", t.kind, ":", t.category)
		f.add(g, "tc:", t.kind, ":", t.class)
		f.add("tt:", t.text)
		if tm.head {
			f.add(g, "th:", t.kind)
		}
	}
	if cf.persist {
		f.add("x:persist")
	}
	if cf.state {
		f.add(g, "x:s")
		for _, s := range cf.stateClasses {
			f.add(g, "x:s:", s)
		}
		for _, s := range cf.stateCats {
			if s != "" {
				f.add(g, "x:sc:", s)
			}
		}
	}
	if cf.event {
		f.add(g, "x:e")
		for _, s := range cf.eventCats {
			f.add(g, "x:e:", s)
		}
	}
	switch {
	case cf.thing && cf.state:
		f.add(g, "x:ts")
		for _, t := range cf.thingCats {
			f.add(g, "x:ts:", t)
			for _, s := range cf.stateClasses {
				f.add(g, "x:ts:", t, ":", s)
			}
		}
	case cf.place && cf.state:
		f.add(g, "x:ps")
	case cf.private && cf.state:
		f.add(g, "x:privs")
	case cf.unknownNoun && cf.state:
		f.add(g, "x:ns")
	case cf.thing && !problem:
		f.add("x:t")
		for _, t := range cf.thingCats {
			f.add("x:t:", t)
		}
	}
	if problem {
		for _, x := range []struct {
			on   bool
			name string
		}{
			{cf.question && !cf.rhetorical, "g:q"}, {cf.neighbour, "g:nbr"}, {cf.chatter, "g:chat"},
			{cf.report, "g:rep"}, {cf.rhetorical, "g:rhet"}, {cf.emotion, "g:emo"}, {cf.self, "g:self"},
			{cf.still, "g:still"}, {cf.notice, "g:notice"}, {cf.own, "g:own"},
		} {
			if x.on {
				f.add(x.name)
			}
		}
	}
	isQuestion := (cf.question || cf.how) && !cf.imperative && !cf.rhetorical
	if isQuestion {
		f.add("x:q")
	}
	if cf.imperative {
		f.add("x:imp")
	}
	if cf.passive {
		f.add(g, "x:passive")
		if cf.thing || cf.place {
			f.add(g, "x:passive·t")
		}
	}
	if cf.onomatopoeia {
		f.add("x:onom") // 啪啪啪, 咚咚咚: a noise
	}
	a.goFeatures(f, cf.ms, isQuestion, cf.past)
	for i, m := range cf.ms {
		if m.has(fVote) && i+1 < len(cf.ms) && isPersonObject(cf.ms[i+1].text) {
			f.add("x:vote·person") // 同意你说的, 同意楼上, 支持老王: agreeing with someone, not voting
			break
		}
	}
	if cf.conditional {
		for _, m := range cf.ms {
			if m.has(fGo | fSignup | fCancel) {
				f.add("x:go·cond") // 如果我孙子放假我就带他去, 下次有包饺子我肯定报
				break
			}
		}
	}
}

// ownThing reports whether clause c names a thing of the taxonomy as the
// writer's own: an own-word (我家, 我的, 家里的) right before it, or before
// it and 的 (我家的车, 家里的纱窗). 我家楼下的路灯 is not: 楼下 is a place
// between them.
func (a *analysis) ownThing(c int) bool {
	for _, tm := range a.terms {
		if tm.clause != c || tm.t.kind != kindThing {
			continue
		}
		for back := 1; back <= 2 && tm.start-back >= 0; back++ {
			u := a.units[tm.start-back]
			if u.clause != c {
				break
			}
			if e := cueIndex[u.text]; e != nil && e.flags&fOwn != 0 {
				return true
			}
			if u.text != "的" {
				break
			}
		}
	}
	return false
}

// staffPrefix reports whether text starts with a short speaker's name and
// a colon (物业：, 管家：, 居委会:): a notice or a staff member's answer
// forwarded.
func staffPrefix(text string) bool {
	i := strings.IndexAny(text, ":：")
	return i > 0 && utf8.RuneCountInString(text[:i]) <= 4 && strings.ContainsAny(text[:i], "物管居社网委")
}

// isPersonObject reports whether a word after 同意/支持/反对 is someone
// agreed with rather than a poll's choice.
func isPersonObject(s string) bool {
	switch s {
	case "你", "你们", "您", "你说", "你说的", "楼上", "楼上的", "他", "她", "他们", "她们", "大家":
		return true
	}
	return strings.HasPrefix(s, "老") && utf8.RuneCountInString(s) == 2 // 老王, 老张
}

// isStill reports whether a word says a problem goes on: 还, 又, 一直.
func isStill(s string) bool {
	switch s {
	case "还", "又", "一直", "到现在", "还没", "仍然", "依然", "总是", "老是", "天天", "每天", "还在", "又坏了":
		return true
	}
	return false
}

// goFeatures are the sign-up and cancellation combinations of a clause:
// the writer going (我也去), a refusal (不去了, 去不了), what a
// cancellation undoes (取消我的报名), how + a bot feature (怎么报名).
func (a *analysis) goFeatures(f *featureSet, ms []*match, question, past bool) {
	self := false
	cancelCue := false
	for _, m := range ms {
		self = self || m.has(fSelf|fImperative)
		cancelCue = cancelCue || m.has(fCancel)
	}
	isGo := func(m *match) bool { return m.has(fGo) || m.has(fSignup) }
	for i, m := range ms {
		switch {
		case m.has(fNeg):
			if i > 0 && isDirection(ms[i-1].text) {
				continue // 上不去, 出不去: a complement, not a refusal
			}
			j := i + 1
			for j < len(ms) && (ms[j].has(fWant) || ms[j].text == "能" || ms[j].text == "再" || ms[j].text == "也") {
				j++
			}
			if j < len(ms) && isGo(ms[j]) {
				if i > 0 && ms[i-1].text == ms[j].text {
					f.add("x:goq") // 去不去
					continue
				}
				ms[j].used = true
				f.add("x:neggo")
			}
		case isGo(m) && i+1 < len(ms):
			switch ms[i+1].text {
			case "不了", "不成", "不到", "不上":
				m.used = true
				f.add("x:neggo")
			case "的":
				f.add("x:go的") // 报名的人: a modifier, not an act
			}
		}
		if m.has(fHow) {
			for _, n := range ms[i+1:] {
				if n.has(fFeature) {
					f.add("x:howfeat")
					break
				}
			}
		}
	}
	if cancelCue {
		for _, m := range ms {
			if m.e != nil && !m.has(fCancel) && (m.has(fSignup) || isSignupObject(m.text)) || m.e == nil && isSignupObject(m.text) {
				f.add("x:cancelobj")
				break
			}
		}
	}
	if self {
		if w, ok := a.selfGo(ms); ok {
			f.add("x:selfgo")
			if w {
				f.add("x:wantgo")
			}
			if question {
				f.add("x:selfgo·q")
			}
			if past {
				f.add("x:selfgo·past")
			}
		}
	}
	if completed(ms) {
		f.add("x:completed")
	}
	if past {
		for _, m := range ms {
			if isGo(m) {
				f.add("x:pastgo")
				break
			}
		}
	}
	if question {
		for _, m := range ms {
			if m.has(fSignup | fActivity | fQuery) {
				f.add("x:q·domain")
				break
			}
		}
	}
}

// selfGo finds 我也去, 我想去听讲座, 周六的活动我去: the writer with a go
// verb that is not the start of another errand (我去接孩子了). want says a
// modal came first.
func (a *analysis) selfGo(ms []*match) (want, ok bool) {
	for i, m := range ms {
		if !m.has(fGo) || m.used {
			continue
		}
		next := ""
		var nm *match
		if i+1 < len(ms) {
			nm = ms[i+1]
			next = nm.text
		}
		switch m.text {
		case "参加":
			ok = true
		case "报": // 我报, 我报一个, 我家报两个人
			ok = nm == nil || next == "一个" || next == "名" || next == "上" || next == "个" || next == "一下" ||
				a.units[nm.start].tag == "m"
		case "听", "看":
			ok = nm != nil && nm.has(fActivity)
		default: // 去, 来
			ok = next == "" || (next == "了" && i+2 == len(ms)) || (nm != nil && (nm.has(fGo | fActivity | fSignup)))
		}
		if ok {
			return i > 0 && ms[i-1].has(fWant), true
		}
	}
	return false, false
}

// isSignupObject reports whether a word names what a cancellation undoes.
func isSignupObject(s string) bool {
	return strings.Contains(s, "报名") || strings.Contains(s, "名额") || strings.Contains(s, "名字")
}

// completed reports whether a clause tells of a trip already made: it ends
// in 了 after a go verb, without a modal (我老伴去听讲座了, 我去买菜了).
func completed(ms []*match) bool {
	if len(ms) < 2 || ms[len(ms)-1].text != "了" {
		return false
	}
	goVerb := false
	for _, m := range ms {
		switch {
		case m.has(fWant), m.has(fNeg), m.text == "不了", m.text == "不成", m.text == "不到":
			return false
		}
		goVerb = goVerb || (m.has(fGo) && m.text != "参加" && m.text != "报")
	}
	return goVerb
}

func isDirection(s string) bool {
	switch s {
	case "上", "下", "进", "出", "回", "过", "起", "车出", "跑":
		return true
	}
	return false
}

// isNegator reports whether a token negates the predicate after it.
func isNegator(s string) bool {
	switch s {
	case "不", "没", "没有", "未", "别", "不要", "不是", "并没有", "没怎么", "不会", "不再":
		return true
	}
	return false
}

func isNumber(s string) bool {
	return s != "" && strings.Trim(s, "0123456789.:-/+#%") == ""
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// bareChoice reports whether text is nothing but one poll choice: a letter
// or a number, maybe with 号, 个 or a particle (B吧, 2号, 选一).
func bareChoice(text string) bool {
	t := strings.Trim(text, " 。.!！~～")
	for _, p := range []string{"吧", "呀", "啊", "哦", "嘛", "呗"} {
		t = strings.TrimSuffix(t, p)
	}
	t = strings.TrimPrefix(strings.TrimPrefix(t, "选"), "第")
	t = strings.TrimSuffix(strings.TrimSuffix(t, "个"), "号")
	return t != "" && len(choiceOf(t)) == 1
}
