package zhtime

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// recurring is a recurring expression as written.
type recurring struct {
	dom, month, dow string // cron fields, "*" when free
	pd              period
	clk             *clock
}

var (
	dailyWords   = []string{"每天", "每日", "天天"}
	eveningDaily = []string{"每晚"}
	workdayWords = []string{"每个工作日", "每逢工作日", "每工作日", "工作日"}
	weekendWords = []string{"每个周末", "每逢周末", "每周末"}
	weeklyWords  = []string{"每个星期", "每个礼拜", "每逢周", "每个周", "每星期", "每礼拜", "每周"}
	monthlyWords = []string{"每个月", "每月"}
	yearlyWords  = []string{"每年"}
)

// errRecurring is the reply for a recurring expression linli cannot run.
func errRecurring(s, why string) error {
	return fmt.Errorf("暂不支持重复时间“%s”%s，可以这样写：%s", s, why, recurringExamples)
}

// looksRecurring reports whether s is meant as a recurring expression (or a
// cron spec), whether or not it is a supported one.
func looksRecurring(s string) bool {
	return strings.HasPrefix(s, "每") || strings.HasPrefix(s, "工作日") ||
		strings.HasPrefix(s, "天天") || isCronLike(s)
}

// isCronLike reports five fields starting with a digit or *.
func isCronLike(s string) bool {
	return len(strings.Fields(s)) == 5 && strings.ContainsAny(s[:1], "0123456789*")
}

// parseRecurring returns the cron spec and description of s, or an error
// saying why a recurring-looking s cannot be run. The calendar checks the
// spec.
func (r Reader) parseRecurring(s string) (spec, desc string, err error) {
	s = closeUp(s)
	if isCronLike(s) {
		spec = strings.Join(strings.Fields(s), " ")
		if !r.valid(spec) {
			return "", "", fmt.Errorf("cron表达式“%s”有误：%s", s, cronFields)
		}
		return spec, describe(spec), nil
	}
	rec, err := scanRecurring(s)
	if err != nil {
		return "", "", err
	}
	hour, minute, err := timeOfDay(rec.pd, rec.clk, DefaultHour)
	if err != nil {
		return "", "", fmt.Errorf("时间“%s”有误：%v", s, err)
	}
	if hour == 24 { // 晚上12点
		if rec.dom != "*" || rec.dow != "*" {
			return "", "", errRecurring(s, "（午夜12点属于第二天，请写成第二天的0点）")
		}
		hour = 0
	}
	spec = fmt.Sprintf("%d %d %s %s %s", minute, hour, rec.dom, rec.month, rec.dow)
	if !r.valid(spec) {
		return "", "", fmt.Errorf("时间“%s”有误：%s", s, cronFields)
	}
	return spec, describe(spec), nil
}

func scanRecurring(s string) (recurring, error) {
	p := &scanner{s: s}
	r := recurring{dom: "*", month: "*", dow: "*"}
	unsupported := func(why string) (recurring, error) { return r, errRecurring(s, why) }
	switch {
	case lits(p, dailyWords):
	case lits(p, eveningDaily):
		r.pd = periodByWord("晚上")
	case lits(p, workdayWords):
		r.dow = "1-5"
	case lits(p, weekendWords):
		r.dow = "0,6"
	case lits(p, weeklyWords):
		days, ok := p.weekdayList()
		if !ok {
			return unsupported("（请写明星期几，如 每周一9点）")
		}
		r.dow = days
	case lits(p, monthlyWords):
		if strings.HasPrefix(p.rest(), "第") || strings.Contains(p.rest(), "周") || strings.Contains(p.rest(), "星期") {
			return unsupported("（“每月第几个星期几”无法写成一条cron，请改写为每月几号）")
		}
		if _, ok := p.lit("最后", "月底", "月末", "底", "末"); ok {
			return unsupported("（“每月最后一天”因各月天数不同无法写成一条cron，请改写为每月几号）")
		}
		days, ok := p.dayList()
		if !ok {
			return unsupported("（请写明每月几号，如 每月1日9点）")
		}
		if late := lateInMonth(days); late != "" {
			return r, errMonthEnd(s, late)
		}
		r.dom = days
	case lits(p, yearlyWords):
		m, d, ok := p.monthDayCN()
		if !ok || !validDate(2024, m, d) {
			return unsupported("（请写明几月几日，如 每年11月28日9点）")
		}
		r.month, r.dom = strconv.Itoa(m), strconv.Itoa(d)
	default:
		return unsupported("")
	}
	p.space()
	if pd, ok := p.period(); ok {
		if r.pd.word != "" {
			return unsupported("")
		}
		r.pd = pd
	}
	p.space()
	if c, ok := p.clock(); ok {
		r.clk = &c
	}
	if !p.done() {
		return unsupported("")
	}
	return r, nil
}

// lateInMonth names the first day of a cron day-of-month list that some
// months lack (29, 30, 31), or "".
func lateInMonth(days string) string {
	for _, d := range strings.Split(days, ",") {
		if _, last, ok := strings.Cut(d, "-"); ok {
			d = last
		}
		if n, err := strconv.Atoi(d); err == nil && n > 28 {
			return d
		}
	}
	return ""
}

// errMonthEnd refuses a monthly rule on a day some months lack: cron
// would silently skip those months.
func errMonthEnd(s, day string) error {
	return fmt.Errorf("“%s”：不是每个月都有%s日（如2月、4月），那几个月会被跳过。请改为28日以前的日子，或「每月最后一个周六」这样的写法", s, day)
}

func lits(p *scanner, words []string) bool {
	_, ok := p.lit(words...)
	return ok
}

// weekdayList reads 一, 一三五, 一、三、五, 一和周四, 一至五, 一到周三 after 每周
// and returns the cron day-of-week field.
func (p *scanner) weekdayList() (string, bool) {
	var days []int
	first, ok := p.weekdayDay()
	if !ok {
		return "", false
	}
	days = append(days, first)
	if p.try(func() bool {
		if _, ok := p.lit("至", "到", "-", "~"); !ok {
			return false
		}
		p.lit("周", "星期", "礼拜")
		last, ok := p.weekdayDay()
		if !ok {
			return false
		}
		days = days[:0]
		for i := mondayIndex(time.Weekday(first)); i <= mondayIndex(time.Weekday(last)); i++ {
			days = append(days, (i+1)%7)
		}
		return len(days) > 0
	}) {
		return cronList(days, 7), true
	}
	for p.try(func() bool {
		_, sep := p.lit("、", ",", "和", "及", "与")
		_, zhou := p.lit("周", "星期", "礼拜")
		save := p.pos
		d, ok := p.weekdayDay()
		if ok && !sep && !zhou && p.s[save] >= '0' && p.s[save] <= '9' {
			return false // 每周六7点: the 7 is the hour
		}
		if ok {
			days = append(days, d)
		}
		return ok
	}) {
	}
	return cronList(days, 7), true
}

// dayList reads 1日, 1号, 1, 15日, 1、15号, 1日和15日 after 每月.
func (p *scanner) dayList() (string, bool) {
	var days []int
	for p.try(func() bool {
		if len(days) > 0 {
			if _, ok := p.lit("、", ",", "和", "及", "与"); !ok {
				return false
			}
		}
		d, _, ok := p.number(2)
		if !ok || d < 1 || d > 31 {
			return false
		}
		days = append(days, d)
		p.lit("日", "号")
		return true
	}) {
	}
	if len(days) == 0 {
		return "", false
	}
	return cronList(days, 32), true
}

// cronList renders a set of values as a cron field: "*" for all n values
// (weekdays), a-b for a run of three or more, otherwise a list.
func cronList(vals []int, n int) string {
	set := map[int]bool{}
	for _, v := range vals {
		set[v] = true
	}
	uniq := make([]int, 0, len(set))
	for v := range set {
		uniq = append(uniq, v)
	}
	sort.Ints(uniq)
	if n == 7 && len(uniq) == 7 {
		return "*"
	}
	if len(uniq) >= 3 && uniq[len(uniq)-1]-uniq[0] == len(uniq)-1 {
		return fmt.Sprintf("%d-%d", uniq[0], uniq[len(uniq)-1])
	}
	parts := make([]string, len(uniq))
	for i, v := range uniq {
		parts[i] = strconv.Itoa(v)
	}
	return strings.Join(parts, ",")
}
