package nlu

import "strings"

// The interactions between cues within one clause: negation, the writer
// going somewhere, cancellation objects and completed trips.

// negatedGo turns 不去 / 不想参加 / 去不了 into a cancellation and marks the
// go verb used, so it does not also count as a sign-up.
func (a *analysis) negatedGo(ms []*match, act float64) {
	isGo := func(m *match) bool {
		return m.has(fGo) || (m.e != nil && m.e.intent[iSignup] >= 2.5)
	}
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
			if j < len(ms) && isGo(ms[j]) && !ms[j].used {
				if i > 0 && ms[i-1].text == ms[j].text {
					continue // 去不去: a question
				}
				ms[j].used = true
				a.scores[iCancel] += negGoWeight * act
			}
		case isGo(m) && !m.used && i+1 < len(ms):
			switch ms[i+1].text {
			case "不了", "不成", "不到", "不上":
				m.used = true
				a.scores[iCancel] += negGoWeight * act
			}
		}
	}
}

// selfGo scores 我也去, 我想去听讲座, 周六的活动我去: the writer with a go
// verb that is not the start of another errand (我去接孩子了).
func (a *analysis) selfGo(ms []*match, self bool, act float64) {
	if !self {
		return
	}
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
		ok := false
		switch m.text {
		case "参加":
			ok = true
		case "报": // 我报, 我报一个, 我家报两个人
			switch {
			case nm == nil:
				ok = true
			default:
				ok = next == "一个" || next == "名" || next == "上" || next == "个" || next == "一下" ||
					a.units[nm.start].tag == "m"
			}
		case "听", "看":
			ok = nm != nil && nm.has(fActivity)
		default: // 去, 来
			ok = next == "" || (next == "了" && i+2 == len(ms)) || (nm != nil && (nm.has(fGo|fActivity) || nm.e != nil && nm.e.intent[iSignup] > 0))
		}
		if !ok {
			continue
		}
		m.used = true
		w := float64(selfGoWeight)
		if i > 0 && ms[i-1].has(fWant) {
			w += wantBonus
		}
		a.scores[iSignup] += w * act
		for _, n := range ms {
			if n.has(fActivity) && !n.has(fGenericActivity) {
				a.scores[iSignup] += activityBonus * act
				break
			}
		}
		return
	}
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
