package zhtime

import (
	"fmt"
	"time"
)

type dateKind int

const (
	noDate    dateKind = iota
	fullDate           // 2026-11-28, 2026年11月28日
	monthDay           // 11月28日, 11-28, 11/28: year inferred
	dayOnly            // 28号: month inferred
	relDay             // 今天, 明天, 后天, 大后天
	weekdayOf          // 周六, 本周五, 下周一
)

// oneOff is a one-off expression as written, before it is placed in time.
type oneOff struct {
	kind             dateKind
	year, month, day int
	offset           int // relDay: days from today; weekdayOf: weeks from this week (-1 none)
	weekday          int // weekdayOf: the day; otherwise a (周六) annotation, -1 none
	pd               period
	clk              *clock
}

// relWords are the relative day words; 今晚/明早 also name a part of day.
var relWords = []struct {
	word   string
	offset int
	pd     string
}{
	{"大后天", 3, ""}, {"后天", 2, ""},
	{"今天", 0, ""}, {"今日", 0, ""}, {"今儿", 0, ""},
	{"明天", 1, ""}, {"明日", 1, ""}, {"明儿", 1, ""},
	{"今晚", 0, "晚上"}, {"明晚", 1, "晚上"}, {"今早", 0, "早上"}, {"明早", 1, "早上"},
}

// weekPrefixes say which week a weekday is in; -1 is "the coming one".
var weekPrefixes = []struct {
	word  string
	weeks int
}{
	{"下下个", 2}, {"下下", 2}, {"下个", 1}, {"下", 1},
	{"这个", 0}, {"这", 0}, {"本", 0}, {"上个", -1}, {"上", -1},
}

// scanOneOff reads the whole of s as a one-off expression.
func scanOneOff(s string) (oneOff, bool) {
	p := &scanner{s: s}
	e := oneOff{weekday: -1, offset: -1}
	p.date(&e)
	if e.kind != noDate && e.kind != weekdayOf {
		p.try(func() bool { // an annotation such as (周六), as Format writes it
			p.space()
			_, paren := p.lit("(")
			d, ok := p.weekday()
			if !ok {
				return false
			}
			if paren {
				if _, ok := p.lit(")"); !ok {
					return false
				}
			}
			e.weekday = d
			return true
		})
	}
	p.space()
	if pd, ok := p.period(); ok {
		if e.pd.word != "" {
			return e, false // 今晚下午
		}
		e.pd = pd
	}
	p.space()
	if c, ok := p.clock(); ok {
		e.clk = &c
	}
	if !p.done() || e.kind == noDate && e.pd.word == "" && e.clk == nil {
		return e, false
	}
	return e, true
}

// date reads the date part, if any, into e.
func (p *scanner) date(e *oneOff) {
	ymd := func(y, m, d int, kind dateKind) { e.year, e.month, e.day, e.kind = y, m, d, kind }
	switch {
	case p.try(func() bool { // 2026-11-28, 2026/11/28, 2026.11.28
		y, _, ok := p.digits(4, 4)
		if !ok {
			return false
		}
		sep, ok := p.lit("-", "/", ".")
		if !ok {
			return false
		}
		m, _, ok := p.digits(1, 2)
		if !ok {
			return false
		}
		if _, ok := p.lit(sep); !ok {
			return false
		}
		d, _, ok := p.digits(1, 2)
		if !ok {
			return false
		}
		p.lit("日", "号")
		ymd(y, m, d, fullDate)
		return true
	}):
	case p.try(func() bool { // 2026年11月28日
		y, _, ok := p.digits(4, 4)
		if !ok {
			return false
		}
		if _, ok := p.lit("年"); !ok {
			return false
		}
		m, d, ok := p.monthDayCN()
		if ok {
			ymd(y, m, d, fullDate)
		}
		return ok
	}):
	case p.try(func() bool { // 11月28日, 十一月二十八号
		m, d, ok := p.monthDayCN()
		if ok {
			ymd(0, m, d, monthDay)
		}
		return ok
	}):
	case p.try(func() bool { // 11-28, 11/28, and 11.28 before a time (11.28 alone may be 11:28)
		m, _, ok := p.digits(1, 2)
		if !ok {
			return false
		}
		sep, ok := p.lit("-", "/", ".")
		if !ok {
			return false
		}
		d, _, ok := p.digits(1, 2)
		switch {
		case !ok:
			return false
		case sep == "." && (p.done() || p.s[p.pos] != ' ' && p.s[p.pos] != '('):
			return false
		case !p.done() && p.s[p.pos] != ' ' && p.s[p.pos] != '(':
			return false
		}
		ymd(0, m, d, monthDay)
		return true
	}):
	case p.try(func() bool { // 28号, 28日
		d, _, ok := p.number(2)
		if !ok {
			return false
		}
		if _, ok := p.lit("号", "日"); !ok {
			return false
		}
		ymd(0, 0, d, dayOnly)
		return true
	}):
	default:
		for _, r := range relWords {
			if _, ok := p.lit(r.word); ok {
				e.kind, e.offset, e.pd = relDay, r.offset, periodByWord(r.pd)
				return
			}
		}
		p.try(func() bool { // 周六, 下周一, 本周五
			weeks := -1
			for _, w := range weekPrefixes {
				if _, ok := p.lit(w.word); ok {
					weeks = w.weeks
					break
				}
			}
			d, ok := p.weekday()
			if ok {
				e.kind, e.offset, e.weekday = weekdayOf, weeks, d
			}
			return ok
		})
	}
}

// monthDayCN reads 11月28日, 11月28号, 11月28, 十一月二十八日.
func (p *scanner) monthDayCN() (m, d int, ok bool) {
	ok = p.try(func() bool {
		var ok bool
		if m, _, ok = p.number(2); !ok {
			return false
		}
		if _, ok = p.lit("月"); !ok {
			return false
		}
		if d, _, ok = p.number(2); !ok {
			return false
		}
		p.lit("日", "号")
		return true
	})
	return m, d, ok
}

// resolve places e in time relative to now.
func (e oneOff) resolve(now time.Time) (time.Time, error) {
	loc := now.Location()
	hour, minute, err := timeOfDay(e.pd, e.clk, DefaultHour)
	if err != nil {
		return time.Time{}, err
	}
	y, m, d := now.Date()
	at := func(y int, m time.Month, d int) time.Time {
		return time.Date(y, m, d, hour, minute, 0, 0, loc)
	}
	today := time.Date(y, m, d, 0, 0, 0, 0, loc)
	var day time.Time // the calendar day, before 晚上12点 carries into the next
	switch e.kind {
	case noDate:
		day = today
		if !at(y, m, d).After(now) {
			day = today.AddDate(0, 0, 1)
		}
	case fullDate:
		if !validDate(e.year, e.month, e.day) {
			return time.Time{}, fmt.Errorf("%d年%d月没有%d日", e.year, e.month, e.day)
		}
		day = time.Date(e.year, time.Month(e.month), e.day, 0, 0, 0, 0, loc)
	case monthDay:
		if e.month < 1 || e.month > 12 || e.day < 1 || e.day > 31 {
			return time.Time{}, fmt.Errorf("没有%d月%d日", e.month, e.day)
		}
		var cands []time.Time
		for yy := y - 1; yy <= y+1; yy++ {
			if validDate(yy, e.month, e.day) {
				cands = append(cands, time.Date(yy, time.Month(e.month), e.day, 0, 0, 0, 0, loc))
			}
		}
		if len(cands) == 0 {
			return time.Time{}, fmt.Errorf("%d年和%d年都没有%d月%d日", y, y+1, e.month, e.day)
		}
		day = nearest(today, cands)
	case dayOnly:
		if e.day < 1 || e.day > 31 {
			return time.Time{}, fmt.Errorf("没有%d号", e.day)
		}
		var cands []time.Time
		for mm := -1; mm <= 1; mm++ {
			first := time.Date(y, m+time.Month(mm), 1, 0, 0, 0, 0, loc)
			if validDate(first.Year(), int(first.Month()), e.day) {
				cands = append(cands, first.AddDate(0, 0, e.day-1))
			}
		}
		day = nearest(today, cands)
	case relDay:
		day = today.AddDate(0, 0, e.offset)
	case weekdayOf:
		if e.offset < 0 { // the coming one: today if still ahead
			day = today.AddDate(0, 0, (e.weekday-int(today.Weekday())+7)%7)
			if t := at(day.Date()); !t.After(now) {
				day = day.AddDate(0, 0, 7)
			}
		} else { // weeks run Monday to Sunday
			monday := today.AddDate(0, 0, -mondayIndex(today.Weekday()))
			day = monday.AddDate(0, 0, 7*e.offset+mondayIndex(time.Weekday(e.weekday)))
		}
	}
	if e.kind != weekdayOf && e.weekday >= 0 && int(day.Weekday()) != e.weekday {
		return time.Time{}, fmt.Errorf("%d月%d日是%s，不是%s",
			day.Month(), day.Day(), weekdayNames[day.Weekday()], weekdayNames[e.weekday])
	}
	return at(day.Date()), nil
}

// nearest returns the candidate day closest to today; on a tie, the later.
// So a yearless date is its next occurrence unless it passed less than about
// half a year ago: a date that has just passed stays in the past, where the
// caller can reject it, instead of silently moving a year ahead.
func nearest(today time.Time, cands []time.Time) time.Time {
	best := cands[0]
	dist := func(t time.Time) time.Duration {
		d := t.Sub(today)
		if d < 0 {
			d = -d
		}
		return d
	}
	for _, c := range cands[1:] {
		if dist(c) <= dist(best) {
			best = c
		}
	}
	return best
}

func validDate(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d
}

// mondayIndex is the position of wd in a week that starts on Monday.
func mondayIndex(wd time.Weekday) int { return (int(wd) + 6) % 7 }
