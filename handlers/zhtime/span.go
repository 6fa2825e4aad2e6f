package zhtime

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Time ranges: an activity from 14:00 to 16:00 is written 14:00-16:00,
// 9:30—11:00, 9:30~11:00, 14:00至16:00 or 下午2点到4点, after a date or
// not (12月1日14:00-16:00). The end is on the day of the start: a range
// over midnight, or one that ends before it starts, is refused.

// rangeSeps separate the start of a range from its end, longer first.
var rangeSeps = []string{"——", "--", "—", "–", "-", "~", "～", "至", "到"}

// spacedUnit joins a number to the unit after it ("3 点" → "3点",
// "11 月 28 日" → "11月28日"), and a unit to the number after it ("3点 30"
// → "3点30"), so that spaced forms people type read like the close ones.
var (
	spacedUnit  = regexp.MustCompile(`([0-9一二三四五六七八九十两]) +(点|时|分|:|月|日|号)`)
	spacedAfter = regexp.MustCompile(`(点|时|:|月) +([0-9一二三四五六七八九十两半]|一刻|三刻|整)`)
)

// closeUp removes the spaces people put inside a time: 明天 下午 3 点 →
// 明天 下午 3点. Spaces between the date, the part of day and the clock
// stay: the scanner reads them.
func closeUp(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for range 3 { // "11 月 28 日" needs more than one pass
		s = spacedAfter.ReplaceAllString(spacedUnit.ReplaceAllString(s, "$1$2"), "$1$2")
	}
	return s
}

// ErrSpanOrder and ErrSpanMidnight are wrapped by ParseSpan's errors for a
// range that ends before it starts and one that runs over midnight.
var (
	ErrSpanOrder    = errors.New("the end is before the start")
	ErrSpanMidnight = errors.New("the range runs over midnight")
)

// spanError is a Chinese error that also wraps one of the errors above.
type spanError struct {
	msg  string
	kind error
}

func (e *spanError) Error() string { return e.msg }
func (e *spanError) Unwrap() error { return e.kind }

// ParseSpan reads a one-off time or a time range relative to now (see
// Parse): start, and end when a range was given (zero otherwise). The end
// of a range is a time of day on the day of the start; without its own
// part-of-day word it takes the start's (下午2点到4点 ends at 16:00), and
// a bare hour that would end before the start is read on the afternoon
// clock (9:30-1:00 ends at 13:00, within pmReach). An end before the start, or after
// midnight, is an error (wrapping ErrSpanOrder or ErrSpanMidnight).
func ParseSpan(s string, now time.Time) (start, end time.Time, err error) {
	s = closeUp(strings.TrimSpace(s))
	start, err = Parse(s, now)
	if err == nil {
		return start, time.Time{}, nil
	}
	for _, cut := range rangeCuts(s) {
		left, right := strings.TrimSpace(s[:cut.at]), strings.TrimSpace(s[cut.at+len(cut.sep):])
		st, lerr := Parse(left, now)
		if lerr != nil || right == "" {
			continue
		}
		e, ok := scanOneOff(left)
		if !ok {
			continue
		}
		en, rerr := spanEnd(right, st, e.pd, now)
		if rerr != nil {
			if errors.Is(rerr, errNotEnd) {
				continue
			}
			return time.Time{}, time.Time{}, rerr
		}
		return st, en, nil
	}
	return time.Time{}, time.Time{}, err
}

// cutAt is a place where a range separator could split an expression.
type cutAt struct {
	at  int
	sep string
}

// rangeCuts lists the places where a range separator occurs in s, left to
// right (a date such as 11-28 has one too: its left side does not parse).
func rangeCuts(s string) []cutAt {
	var out []cutAt
	for i := 0; i < len(s); {
		found := false
		for _, sep := range rangeSeps {
			if strings.HasPrefix(s[i:], sep) {
				out = append(out, cutAt{i, sep})
				i += len(sep)
				found = true
				break
			}
		}
		if !found {
			i++
		}
	}
	return out
}

// pmReach bounds the afternoon reading of a bare end hour: 9:30-1:00 is
// 13:00, but 9:00-8:00 is a mistake, not an eleven-hour activity.
const pmReach = 8 * time.Hour

// errNotEnd says the right side of a separator is not the end of a range.
var errNotEnd = errors.New("not the end of a range")

// spanEnd reads the end of a range that starts at start, whose start was
// written with the part-of-day word pd (maybe none): a time of day (with
// its own part-of-day word or not), or a full time on the same day.
func spanEnd(right string, start time.Time, pd period, now time.Time) (time.Time, error) {
	y, m, d := start.Date()
	loc := start.Location()
	var end time.Time
	if epd, c, ok := scanClockOnly(right); ok {
		own := epd.word != ""
		if !own {
			epd = pd
		}
		h, mm, err := to24(*c, epd)
		if err != nil {
			return time.Time{}, fmt.Errorf("结束时间“%s”有误：%v", right, err)
		}
		end = time.Date(y, m, d, h, mm, 0, 0, loc)
		if !own && !end.After(start) && c.hour >= 1 && c.hour <= 12 && h < 12 {
			if pm := end.Add(12 * time.Hour); pm.After(start) && pm.Sub(start) <= pmReach && pm.Day() == d {
				end = pm // 9:30-1:00: one o'clock in the afternoon
			}
		}
	} else {
		t, err := Parse(right, now)
		if err != nil {
			return time.Time{}, errNotEnd
		}
		end = t
	}
	startText, endText := fmt.Sprintf("%02d:%02d", start.Hour(), start.Minute()), fmt.Sprintf("%02d:%02d", end.Hour(), end.Minute())
	midnight := time.Date(y, m, d+1, 0, 0, 0, 0, loc)
	switch {
	case end.After(midnight):
		return time.Time{}, &spanError{fmt.Sprintf("活动不能跨过午夜（%s开始，第二天%s结束）。请把结束时间写在当天，或分两天发布。", startText, endText), ErrSpanMidnight}
	case !end.After(start) && start.Hour() >= 18 && end.Hour() < 6:
		return time.Time{}, &spanError{fmt.Sprintf("活动不能跨过午夜（%s到%s）。请把结束时间写在当天（最晚24:00），或分两天发布。", startText, endText), ErrSpanMidnight}
	case !end.After(start):
		return time.Time{}, &spanError{fmt.Sprintf("结束时间%s不晚于开始时间%s，请检查，例如 14:00-16:00。", endText, startText), ErrSpanOrder}
	}
	return end, nil
}

// scanClockOnly reads s as a time of day alone: an optional part-of-day
// word and a clock reading (4点, 16:00, 下午4点半).
func scanClockOnly(s string) (period, *clock, bool) {
	p := &scanner{s: s}
	pd, _ := p.period()
	p.space()
	c, ok := p.clock()
	if !ok || !p.done() {
		return period{}, nil, false
	}
	return pd, &c, true
}

// FormatSpan renders a start and an optional end as users read them:
// "12月1日(周二) 14:00-16:00", or Format(start) without an end.
func FormatSpan(start, end time.Time) string {
	if end.IsZero() {
		return Format(start)
	}
	e := end.In(start.Location())
	if e.Hour() == 0 && e.Minute() == 0 && e.After(start) {
		return Format(start) + "-24:00"
	}
	return fmt.Sprintf("%s-%02d:%02d", Format(start), e.Hour(), e.Minute())
}

// HasTimeOfDay reports whether a one-off expression says when in the day
// (a clock reading or a part of day: 9:30, 下午, 今晚); false for a date
// alone (明天, 11月28日), which Parse reads as DefaultHour:00. Expressions
// that are no date with a time (ranges, 3天后) report true.
func HasTimeOfDay(s string) bool {
	e, ok := scanOneOff(closeUp(strings.TrimSpace(s)))
	return !ok || e.pd.word != "" || e.clk != nil
}

// IsRecurring reports whether s is written as a recurring time (每周六上午9点,
// 每月1日, 工作日8点, a cron spec), whether or not linli can run it.
func IsRecurring(s string) bool { return looksRecurring(strings.TrimSpace(s)) }

// ParseRepeatSpan is ParseRepeat for a rule that may end with the end of
// each occurrence (每周六9:00-11:00, 每周六上午9点到11点): it also returns
// how long each occurrence lasts, 0 when the rule gives no end.
func (r Reader) ParseRepeatSpan(text string, start, now time.Time) (rule, desc string, first time.Time, length time.Duration, err error) {
	text = closeUp(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(text), "重复")))
	rule, desc, first, err = r.ParseRepeat(text, start, now)
	if err == nil {
		return rule, desc, first, 0, nil
	}
	for _, cut := range rangeCuts(text) {
		left, right := strings.TrimSpace(text[:cut.at]), strings.TrimSpace(text[cut.at+len(cut.sep):])
		ru, de, fi, lerr := r.ParseRepeat(left, start, now)
		if lerr != nil || right == "" {
			continue
		}
		end, eerr := spanEnd(right, fi, periodIn(left), now)
		if eerr != nil {
			if errors.Is(eerr, errNotEnd) {
				continue
			}
			return "", "", time.Time{}, 0, eerr
		}
		return ru, de, fi, end.Sub(fi), nil
	}
	return "", "", time.Time{}, 0, err
}

// periodIn finds the part-of-day word written in a recurring expression.
func periodIn(s string) period {
	for i := range len(s) {
		p := &scanner{s: s, pos: i}
		if pd, ok := p.period(); ok {
			return pd
		}
	}
	return period{}
}
