package zhtime

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Months is a span of whole months [From, To), or all time when From is
// zero, as staff name it in 统计 commands.
type Months struct {
	From, To time.Time
	Name     string // "11月", "2025年12月", "全部"
}

// Has reports whether t falls in the span.
func (p Months) Has(t time.Time) bool {
	return p.From.IsZero() || !t.Before(p.From) && t.Before(p.To)
}

var monthsRe = regexp.MustCompile(`^(?:([0-9]{4})\s*(?:年|-|/|\.)\s*)?([0-9]{1,2})\s*(?:月份|月)?$`)

// ParseMonths reads a month relative to now: 本月 (这个月, 当月), 上月,
// 11月 or 11 (the latest November not in the future: 12月 said in November
// 2026 is December 2025, and its Name then says 2025年12月), 2026年11月 or
// 2026-11, and 全部 (所有, 总计, 累计) for all time. An empty arg is
// emptyAll's choice: all time, or this month.
func ParseMonths(arg string, now time.Time, emptyAll bool) (Months, bool) {
	month := func(y int, m time.Month) Months {
		from := time.Date(y, m, 1, 0, 0, 0, 0, now.Location())
		name := strconv.Itoa(int(from.Month())) + "月"
		if from.Year() != now.Year() {
			name = strconv.Itoa(from.Year()) + "年" + name
		}
		return Months{From: from, To: from.AddDate(0, 1, 0), Name: name}
	}
	arg = strings.TrimSpace(arg)
	if arg == "" {
		if emptyAll {
			arg = "全部"
		} else {
			arg = "本月"
		}
	}
	switch arg {
	case "全部", "所有", "总计", "累计":
		return Months{Name: "全部"}, true
	case "本月", "这个月", "这月", "当月":
		return month(now.Year(), now.Month()), true
	case "上月", "上个月":
		return month(now.Year(), now.Month()-1), true
	}
	m := monthsRe.FindStringSubmatch(arg)
	if m == nil {
		return Months{}, false
	}
	mon, _ := strconv.Atoi(m[2])
	if mon < 1 || mon > 12 {
		return Months{}, false
	}
	y := now.Year()
	if m[1] != "" {
		y, _ = strconv.Atoi(m[1])
	} else if time.Month(mon) > now.Month() {
		y-- // 12月 said in January is last December
	}
	return month(y, time.Month(mon)), true
}
