package signup

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"linli"
	"linli/handlers/tell"
	"linli/handlers/zhtime"
	"linli/textnorm"
)

// publishSpec is what 发布活动 asks for.
type publishSpec struct {
	Title      string
	StartsAt   time.Time
	EndsAt     time.Time // zero when no end was given
	Place      string
	Capacity   int // 0: 名额:不限
	Deadline   time.Time
	Groups     []string
	Repeat     string // a rule of zhtime.Reader.ParseRepeat
	RepeatText string
	Note       string
	Volunteer  bool // 志愿:是
}

// maxCapacity bounds 名额; maxNote the runes of 备注.
const (
	maxCapacity = 10000
	maxNote     = 200
)

var (
	// publishLabel finds field labels; longer labels come first so that
	// 截止时间 is not read as 截止 + 时间.
	publishLabel = regexp.MustCompile(`(标题|活动时间|截止时间|报名截止|时间|地点|名额|人数|截止|群|重复|备注|志愿)\s*:\s*`)
	// trailingRepeat finds "每周六 重复", "每月第一个周六上午9点重复" or
	// "0 9 * * 6 重复" anywhere in the arguments.
	trailingRepeat = regexp.MustCompile(`(?:^|\s)((?:每|工作日)\S*(?:\s+\S+)?|(?:[0-9*/,\-]+\s+){4}[0-9*/,\-]+)\s*重复(?:\s|$)`)
	capacityRe     = regexp.MustCompile(`^([0-9]{1,6})\s*(?:人|个|位|名)?$`)
	// noCapRe reads 名额:不限 and the ways people write it.
	noCapRe = regexp.MustCompile(`^(?:不限|无限|不限制|没有限制|无限制)(?:人数|名额)?$|^人数不限$|^名额不限$`)
)

// parsePublish reads the arguments of 发布活动. Its errors are EInvalid
// *linli.Error values with an example.
func parsePublish(args string, now time.Time, cfg *linli.Config, rd zhtime.Reader) (*publishSpec, error) {
	bad := func(format string, a ...any) error {
		return linli.Errorf(linli.EInvalid, "%s\n例如：%s", fmt.Sprintf(format, a...), textPublishExample)
	}
	fields := map[string]string{}
	if m := trailingRepeat.FindStringSubmatchIndex(args); m != nil {
		fields["重复"] = args[m[2]:m[3]]
		args = args[:m[0]] + " " + args[m[1]:]
	}
	title, dup := labelFields(args, fields)
	if dup != "" {
		return nil, bad("「%s:」写了两次。", dup)
	}
	spec := &publishSpec{Title: strings.TrimSpace(title)}
	var why string
	if t, ok := fields["标题"]; ok {
		spec.Title = strings.TrimSpace(spec.Title + " " + t)
	}
	switch n := len([]rune(spec.Title)); {
	case n == 0:
		return nil, bad("请写上活动标题。")
	case n > 30:
		return nil, bad("活动标题太长了（最多30个字）。")
	}
	if when := fields["时间"]; zhtime.IsRecurring(when) { // 时间:每周六上午9点 is a 重复 rule
		if fields["重复"] != "" {
			return nil, bad("时间写的是「%s」，又写了重复「%s」，请只写一个。", when, fields["重复"])
		}
		fields["重复"] = when
	} else if when != "" {
		start, end, err := zhtime.ParseSpan(when, now)
		if err != nil {
			return nil, bad("%v", err)
		}
		if why := startRefusal(when, start, now); why != "" {
			return nil, bad("%s", why)
		}
		spec.StartsAt, spec.EndsAt = start, end
	}
	if rule := fields["重复"]; rule != "" {
		r, desc, first, length, err := rd.ParseRepeatSpan(rule, spec.StartsAt, now)
		if err != nil {
			return nil, bad("%v", err)
		}
		spec.Repeat, spec.RepeatText = r, desc
		if spec.StartsAt.IsZero() {
			spec.StartsAt = first
		}
		if spec.EndsAt.IsZero() && length > 0 {
			spec.EndsAt = spec.StartsAt.Add(length)
		}
	}
	switch {
	case spec.StartsAt.IsZero():
		return nil, bad("请写上活动时间，如「时间:11月28日 9:30」。")
	case !spec.StartsAt.After(now):
		return nil, bad("活动时间 %s 已经过去了，请写一个将来的时间。", zhtime.Format(spec.StartsAt))
	}
	if spec.Place = fields["地点"]; spec.Place == "" {
		return nil, bad("请写上活动地点，如「地点:社区活动室」。")
	}
	c, ok := fields["名额"]
	if !ok {
		return nil, bad("请写上名额（人数），如「名额:30」；不限人数写「名额:不限」。")
	}
	if spec.Capacity, why = parseCapacity(c); why != "" {
		return nil, bad("%s", why)
	}
	if v, ok := fields["志愿"]; ok {
		if spec.Volunteer, why = parseVolunteer(v); why != "" {
			return nil, bad("%s", why)
		}
	}
	if spec.Note, why = parseNote(fields); why != "" {
		return nil, bad("%s", why)
	}
	spec.Deadline = spec.StartsAt
	if d := fields["截止"]; d != "" {
		var t time.Time
		if t, why = parseDeadlineField(d, spec.StartsAt, now); why != "" {
			return nil, bad("%s", why)
		}
		spec.Deadline = t
	}
	groups, err := parseGroups(fields["群"], cfg)
	if err != nil {
		return nil, err
	}
	spec.Groups = groups
	return spec, nil
}

// parseCapacity reads a 名额 field: a number of seats, or 不限 (0: no
// cap); why says what is wrong ("" if nothing).
func parseCapacity(c string) (capacity int, why string) {
	c = strings.TrimSpace(c)
	if noCapRe.MatchString(c) {
		return 0, ""
	}
	m := capacityRe.FindStringSubmatch(c)
	if m == nil {
		return 0, fmt.Sprintf("名额「%s」看不懂：请写人数，如「名额:30」；不限人数写「名额:不限」。", c)
	}
	if n, _ := strconv.Atoi(m[1]); n >= 1 && n <= maxCapacity {
		return n, ""
	}
	return 0, fmt.Sprintf("名额应为 1 到 %d 之间的数字；不限人数写「名额:不限」。", maxCapacity)
}

// parseNote reads a 备注 field, if any; why says what is wrong.
func parseNote(fields map[string]string) (note, why string) {
	note = strings.TrimSpace(fields["备注"])
	if n := len([]rune(note)); n > maxNote {
		return "", fmt.Sprintf("备注最多%d个字（现在%d个字），请写要点，详细内容可以另发「通知」。", maxNote, n)
	}
	return textnorm.ChinesePunctBrackets(note), "" // shown on the card as typed
}

// labelFields reads the "标签:值" fields of args into fields (canonical
// labels) and returns the text before the first label. dup names a label
// written twice ("" if none).
func labelFields(args string, fields map[string]string) (head, dup string) {
	locs := publishLabel.FindAllStringSubmatchIndex(args, -1)
	head = args
	if len(locs) > 0 {
		head = args[:locs[0][0]]
	}
	for i, m := range locs {
		end := len(args)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		label := canonicalLabel(args[m[2]:m[3]])
		if _, seen := fields[label]; seen {
			return head, label
		}
		fields[label] = strings.TrimSpace(args[m[1]:end])
	}
	return head, ""
}

// parseDeadlineField reads a 截止 field for an activity starting at starts;
// why says what is wrong ("" if nothing). A date alone means until the
// activity starts on that day, or the end of an earlier day.
func parseDeadlineField(d string, starts, now time.Time) (t time.Time, why string) {
	t, err := zhtime.ParseDeadline(d, now)
	if err == nil && t.After(starts) && sameDay(t, starts) {
		if exact, _ := zhtime.Parse(d, now); !exact.Equal(t) {
			t = starts // 截止:<the day of the activity>: until it starts
		}
	}
	switch {
	case err != nil:
		return t, fmt.Sprintf("截止时间有误：%v", err)
	case !t.After(now):
		return t, fmt.Sprintf("截止时间 %s 已经过去了。", zhtime.Format(t))
	case t.After(starts):
		return t, fmt.Sprintf("截止时间 %s 不能晚于活动开始 %s。", zhtime.Format(t), zhtime.Format(starts))
	}
	return t, ""
}

// sameDay reports whether a and b fall on the same calendar day.
func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

func canonicalLabel(l string) string {
	switch l {
	case "活动时间":
		return "时间"
	case "截止时间", "报名截止":
		return "截止"
	case "人数":
		return "名额"
	}
	return l
}

// parseGroups reads "全部" or a list of served groups, each by its full name
// or an unambiguous part of it ("1期").
func parseGroups(s string, cfg *linli.Config) ([]string, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "全部" || s == "所有" || s == "所有群" {
		return slices.Clone(cfg.Groups), nil
	}
	var out []string
	for _, name := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '、' || r == ';' || r == ' ' }) {
		unknown := textUnknownGroup(name, cfg.Groups)
		g, err := tell.Group(name, cfg.Groups, unknown, func([]string) string { return unknown })
		if err != nil {
			return nil, err
		}
		if !slices.Contains(out, g) {
			out = append(out, g)
		}
	}
	return out, nil
}

// parseSignupArgs splits the words after 报名 into the activity reference
// and the number of family members (extra < 0: none given): "1 +1",
// "健康讲座+2", "1 加1", "1 2人", "1 我和老伴", "1，谢谢社工！"; "+1" alone
// names no activity (ref "").
// Punctuation and polite words (Lexicon.Polite) after the reference are ignored; other words
// stay in ref (which then names no activity, or reads as chatter). ok is
// false for a count that makes no sense (see linli.Lexicon.Party).
func (h *Family) parseSignupArgs(args string) (ref string, extra int, ok bool) {
	s := strings.TrimSpace(args)
	head, tail := s, ""
	if m := idRefRe.FindStringSubmatchIndex(s); m != nil {
		head, tail = s[:m[3]], s[m[3]:]
	} else { // a title ends at punctuation or where the party words begin
		if m := signupPunctRe.FindStringIndex(head); m != nil {
			head, tail = s[:m[0]], s[m[0]:]
		}
		title, party := h.Lexicon.PartyCut(head)
		head, tail = title, party+tail
		if rest, extra, _ := h.Lexicon.Party(head); extra >= 0 && strings.TrimSpace(rest) == "" {
			head, tail = "", s // "报名+1": party words alone, no activity named
		}
	}
	rest, extra, ok := h.Lexicon.Party(tail)
	if !ok {
		return strings.TrimSpace(head), -1, false
	}
	for _, w := range signupPunctRe.Split(rest, -1) {
		if w != "" && !h.Lexicon.Polite(w) {
			return s, -1, true
		}
	}
	return strings.TrimSpace(head), extra, true
}

var (
	// idRefRe finds an activity number at the start: 1, 1号, 第1个.
	idRefRe = regexp.MustCompile(`^((?:第\s*)?[0-9]+(?:\s*(?:号|个))?)(?:[^0-9]|$)`)
	// activityNumberRe is a whole reference that is a number: 1, 1号, 第1个.
	activityNumberRe = regexp.MustCompile(`^(?:第\s*)?[0-9]+(?:\s*(?:号|个))?$`)
	// signupPunctRe separates the words after a reference.
	signupPunctRe = regexp.MustCompile(`[\s,，。.!！~～、;；]+`)
)

// maxLeadYears is how far ahead an activity may start: a date years away is a
// typo of the year (2099-01-01), not a plan.
const maxLeadYears = 1

// startRefusal says why the 时间 when (read as start at now) is not taken:
// a date without a time of day (明天: which hour is meant?) or a start more
// than maxLeadYears ahead; "" when it is fine.
func startRefusal(when string, start, now time.Time) string {
	switch {
	case !zhtime.HasTimeOfDay(when):
		return textNoTimeOfDay(when)
	case start.After(now.AddDate(maxLeadYears, 0, 0)):
		return textTooFarAhead(start)
	}
	return ""
}

// activityArgs splits the arguments of a staff command on one activity:
// its number, then the rest ("1 全部", "1 时间:…").
func activityArgs(args string) (id uint64, rest string, ok bool) {
	idText, rest, _ := strings.Cut(strings.TrimSpace(args), " ")
	id, ok = parseActivityID(idText)
	return id, strings.TrimSpace(rest), ok
}

// parseActivityID reads an activity number: "1", "1号", "第1个".
func parseActivityID(s string) (uint64, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "第")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "个"), "号")
	id, err := strconv.ParseUint(s, 10, 64)
	return id, err == nil && id > 0
}

// parseVolunteer reads a 志愿 field: 是 marks a volunteer activity (its
// hours are recorded), 否 does not; why says what is wrong.
func parseVolunteer(v string) (volunteer bool, why string) {
	switch strings.TrimSpace(v) {
	case "是", "对", "yes", "Y", "y":
		return true, ""
	case "否", "不是", "no", "N", "n":
		return false, ""
	}
	return false, fmt.Sprintf("「志愿:%s」看不懂：志愿活动写「志愿:是」，不是写「志愿:否」。", v)
}
