package nlu

import (
	"regexp"
	"strconv"
	"strings"

	"linli"
)

// slotsResult is what findSlots finds, plus whether a vote verb came before
// the choices (a feature of the vote score).
type slotsResult struct {
	linli.Slots
	choices  []string
	voteVerb bool
}

var (
	// 3号楼, 3栋2单元, 三幢, 10座
	reBuilding = regexp.MustCompile(`([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*(?:号楼|栋|幢|座|号院)(?:\s*([0-9]{1,2}|[一二三四五六七八九])\s*单元)?`)
	// 1号活动, 活动2, 第2个活动
	reActivityNum = regexp.MustCompile(`(?:活动|第)\s*([0-9]{1,3})|([0-9]{1,3})\s*(?:号|个)?\s*活动`)
	// 报名1, 取消报名 2, 参加3: the whole message
	reCommandNum = regexp.MustCompile(`^(?:报名|取消报名|参加|报个名|退出|取消)\s*([0-9]{1,3})\s*号?$`)
	// 一家三口; 两个人, 3人, 一共三位
	reFamily = regexp.MustCompile(`一家([两二三四五六七八九]|[0-9])口`)
	rePeople = regexp.MustCompile(`([0-9]{1,2}|[一两二三四五六七八九十])\s*(?:个人|人|位|口人)`)
)

// findSlots fills the slots from the prepared text and the matches.
func (a *analysis) findSlots() slotsResult {
	var s slotsResult
	// A building anywhere; else a landmark on word boundaries (单元门口 is
	// not 门口), unlike Place, which has no segmenter to go by.
	s.Place, s.Building = a.lex.building(a.prep.text)
	if s.Place == "" {
		for _, m := range a.matches {
			if a.lex.landmarks[m.text] {
				s.Place = m.text
				break
			}
		}
	}
	s.Activity = a.activityRef()
	s.PartySize = a.partySize()
	s.choices, s.voteVerb = a.pollChoices()
	s.Choices = s.choices
	return s
}

// activityRef returns the number of an activity, or the words of its title.
func (a *analysis) activityRef() string {
	text := a.prep.text
	if m := findIf(reCommandNum, text, "报参退取"); m != nil {
		return m[1]
	}
	if m := findIf(reActivityNum, text, "活第"); m != nil {
		return m[1] + m[2]
	}
	var best, run []string
	specific, clause := false, -1
	flush := func() {
		if specific && len(strings.Join(run, "")) > len(strings.Join(best, "")) {
			best = run
		}
		run, specific = nil, false
	}
	for _, m := range a.matches {
		if m.has(fActivity) {
			if m.clause != clause {
				flush()
			}
			clause = m.clause
			run = append(run, m.text)
			specific = specific || !m.has(fGenericActivity)
			continue
		}
		flush()
	}
	flush()
	return strings.Join(best, "")
}

// partySize counts the people in a sign-up: 一家三口 → 3, 两个人 → 2,
// 我和老伴 → 2, 带孩子 → 2 (the writer and a child). 0 when not said.
func (a *analysis) partySize() int {
	text := a.prep.text
	if m := findIf(reFamily, text, "口"); m != nil {
		return linli.ParseBuilding(strings.Replace(m[1], "两", "二", 1))
	}
	if m := findIf(rePeople, text, "人位口"); m != nil {
		if n := linli.ParseBuilding(strings.Replace(m[1], "两", "二", 1)); n > 0 {
			return n
		}
	}
	for _, w := range []string{"老两口", "两口子", "我们俩", "我俩", "咱俩", "俺俩", "咱们俩"} {
		if strings.Contains(text, w) {
			return 2
		}
	}
	// Companions joined to the writer by 和/跟/带…; adjacent companion words
	// (邻居王阿姨, 孩子他爸) are one person.
	self, groups := false, 0
	linked, inGroup := false, false
	for _, m := range a.matches {
		switch {
		case isLink(m.text):
			linked, inGroup = true, false
			self = self || strings.HasPrefix(m.text, "带") // 带孩子参加: the writer brings
		case m.has(fSelf):
			self, inGroup = true, false
		case m.has(fCompanion):
			if !inGroup {
				groups++
				inGroup = true
			}
		case m.e == nil && inGroup && len(m.text) <= 6:
			// a name after a companion word: still the same person
		default:
			inGroup = false
		}
	}
	if self && linked && groups > 0 {
		return 1 + groups
	}
	return 0
}

// findIf runs re on text when text contains one of the runes of keys.
func findIf(re *regexp.Regexp, text, keys string) []string {
	if !strings.ContainsAny(text, keys) {
		return nil
	}
	return re.FindStringSubmatch(text)
}

func isLink(s string) bool {
	switch s {
	case "和", "跟", "与", "同", "带", "带上", "带着", "及", "、", "还有", "加上":
		return true
	}
	return false
}

// pollChoices finds the choices of a vote: numbers, letters and ordinals
// after 选/投/支持, and stances (同意, 反对, 弃权) anywhere.
func (a *analysis) pollChoices() ([]string, bool) {
	var out []string
	add := func(c string) {
		for _, o := range out {
			if o == c {
				return
			}
		}
		out = append(out, c)
	}
	verb := false
	for i := 0; i < len(a.matches); i++ {
		m := a.matches[i]
		switch m.text {
		case "同意", "赞成", "赞成票", "同意票":
			add("同意")
			continue
		case "反对", "不同意", "反对票":
			add("反对")
			continue
		case "弃权":
			add("弃权")
			continue
		case "选", "我选", "选择", "投", "我投", "支持", "投票", "选第", "我选择":
		default:
			continue
		}
		found := false
		for j := i + 1; j < len(a.matches) && a.matches[j].clause == m.clause; j++ {
			t := a.matches[j].text
			if c := choiceOf(t); len(c) > 0 {
				for _, x := range c {
					add(x)
				}
				found = true
				i = j
				continue
			}
			if isLink(t) || t == "号" || t == "个" || t == "第" || t == "方案" || t == "项" || t == "," || t == ":" {
				continue
			}
			break
		}
		if found {
			verb = true
		} else if m.text == "支持" {
			add("同意")
		}
	}
	return out, verb
}

// choiceOf reads one choice token: "2", "a", "ab" (two letters), "第二个",
// "一". It returns nil for anything else.
func choiceOf(t string) []string {
	t = strings.TrimSuffix(strings.TrimPrefix(t, "第"), "个")
	t = strings.TrimSuffix(t, "号")
	if t == "" {
		return nil
	}
	if n, err := strconv.Atoi(t); err == nil && n > 0 && n < 100 {
		return []string{strconv.Itoa(n)}
	}
	if n := linli.ParseBuilding(t); n > 0 && n <= 10 && len([]rune(t)) <= 2 {
		return []string{strconv.Itoa(n)}
	}
	if len(t) <= 4 && strings.Trim(t, "abcdefgh") == "" {
		var out []string
		for _, r := range t {
			out = append(out, strings.ToUpper(string(r)))
		}
		return out
	}
	return nil
}
