// Package zhtime reads and writes times the way Chinese-speaking residents
// and staff type them: one-off times (11月28日 9:30, 明天下午3点, 周六上午9点,
// 2026-11-28 09:30) and recurring ones (每天8点, 每周一9点, 每月1日9点,
// 工作日8点, or a 5-field cron spec).
//
// Input is expected to be normalised already: half-width digits and
// punctuation, Simplified Chinese, single spaces. Nothing here reads the
// system clock; every function that needs the present takes now, and results
// are in now's location.
//
// Conventions, where Chinese leaves a choice:
//   - A date without a time of day means DefaultHour (09:00); a part-of-day
//     word without a time means its usual hour (早上 8:00, 上午 9:00, 中午 12:00,
//     下午 15:00, 傍晚 18:00, 晚上 20:00).
//   - An hour without 上午/下午 is taken literally on the 24-hour clock:
//     3点 is 03:00, 15点 is 15:00.
//   - A time without a date (9:30, 下午3点) is today if still ahead of now,
//     otherwise tomorrow. 周六 is the coming Saturday: today if today is
//     Saturday and the time is still ahead, otherwise next week's. 本周/这周
//     is the Monday-to-Sunday week of now, 下周 the week after, 下下周 the
//     one after that — these may name a day already past.
//   - A date without a year takes the year (last, this or next) that puts it
//     nearest to today: 1月5日 said in November is next January, while a date
//     that passed a few days ago stays in the past, so the caller can say it
//     has passed instead of silently scheduling it a year later. 28号 alone
//     picks the nearest month the same way.
//   - 晚上12点 is midnight at the end of that day (00:00 of the next).
//   - Past times are returned without complaint; callers decide whether the
//     past is allowed.
//
// Errors are plain errors whose text is Simplified Chinese, safe to show to
// the user as is, and says what forms are accepted.
//
// Recurring expressions become schedule specs (5-field cron, or "nth N W
// HH:MM" for the N-th weekday of a month) that the scheduler runs. This
// package does not read cron itself: a Reader asks its linli.Calendar (the
// scheduler) whether a spec is valid and when it next fires.
package zhtime

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"linli"
)

// DefaultHour is the hour of day meant by a date without a time (11月28日,
// 明天, 周六) and by a recurring expression without one (每周日).
const DefaultHour = 9

const (
	oneOffExamples    = "11月28日 9:30、明天下午3点、周六上午9点、2026-11-28 09:30"
	recurringExamples = "每天8点、每周一9点、每月1日9点、工作日8点，或5段cron表达式（如 0 8 * * 1）"
)

// Parse reads a one-off time expression relative to now (in now's
// location). See the package documentation for how ambiguous forms are read.
// It does not read recurring expressions; use ParseWhen for those.
func Parse(s string, now time.Time) (time.Time, error) {
	s = closeUp(strings.TrimSpace(s))
	if s == "" {
		return time.Time{}, errors.New("请写上时间，可以这样写：" + oneOffExamples)
	}
	if e, ok := scanOneOff(s); ok {
		t, err := e.resolve(now)
		if err != nil {
			return time.Time{}, fmt.Errorf("时间“%s”有误：%v", s, err)
		}
		return t, nil
	}
	if t, ok := parseAfter(s, now); ok {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("无法识别时间“%s”，可以这样写：%s", s, oneOffExamples)
}

// ParseDeadline reads a deadline. It is Parse, except that a date written
// without a time of day ("截止:明天", "截止:11月27日") means the end of that
// day, 23:59, as people mean it — not DefaultHour.
func ParseDeadline(s string, now time.Time) (time.Time, error) {
	t, err := Parse(s, now)
	if err != nil {
		return t, err
	}
	if e, ok := scanOneOff(closeUp(strings.TrimSpace(s))); ok && e.kind != noDate && e.clk == nil && e.pd.word == "" {
		y, m, d := t.Date()
		t = time.Date(y, m, d, 23, 59, 0, 0, t.Location())
	}
	return t, nil
}

// Reader reads the expressions whose specs need a calendar: recurring
// times (ParseRecurring, ParseWhen, Split) and the recurrences of
// activities (ParseRepeat). One-off times need none: see Parse and
// ParseDeadline. The zero Reader is not usable; Cal is required.
type Reader struct {
	Cal linli.Calendar // checks specs and computes occurrences: the scheduler
}

// checkRef is the time specs are checked from: any time would do.
var checkRef = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// cronFields says what a 5-field spec looks like, after a spec the
// calendar rejects.
const cronFields = "应为5段（分 时 日 月 周），例如 0 8 * * 1 表示每周一8点"

// valid reports whether the calendar accepts spec.
func (r Reader) valid(spec string) bool {
	_, err := r.Cal.Next(spec, checkRef)
	return err == nil
}

// ParseRecurring reads a recurring expression and returns a 5-field cron
// spec (minute hour day-of-month month day-of-week) and a description such
// as "每周一 09:00". A 5-field cron spec is checked with the calendar and
// passed through. ok is false when s is not a recurring expression linli
// can run; ParseWhen says why in that case.
func (r Reader) ParseRecurring(s string) (spec string, desc string, ok bool) {
	spec, desc, err := r.parseRecurring(strings.TrimSpace(s))
	return spec, desc, err == nil
}

// ParseWhen reads either a recurring expression, returning its cron spec
// (and a zero t), or a one-off time relative to now, returning t (and an
// empty spec). Recurring-looking input that cannot be run (每月第一个周六,
// an invalid cron spec) gets an error saying so.
func (r Reader) ParseWhen(s string, now time.Time) (t time.Time, spec string, err error) {
	s = strings.TrimSpace(s)
	if looksRecurring(s) {
		spec, _, err := r.parseRecurring(s)
		return time.Time{}, spec, err
	}
	t, err = Parse(s, now)
	return t, "", err
}

// maxExprWords bounds how many space-separated words Split tries; the
// longest expression, a cron spec, has five.
const maxExprWords = 6

// Split finds the longest leading run of space-separated words of s that
// ParseWhen accepts, and returns it and the rest of s (trimmed). It is for
// commands such as "定时通知 明天8点 幸福里1期居民群 内容", after the
// command word. ok is false when no leading words form a time.
func (r Reader) Split(s string, now time.Time) (expr string, rest string, ok bool) {
	s = strings.TrimSpace(s)
	var ends []int // byte offsets where a word ends
	for i := 0; i < len(s) && len(ends) < maxExprWords; i++ {
		if s[i] == ' ' && i > 0 && s[i-1] != ' ' {
			ends = append(ends, i)
		}
	}
	if len(ends) < maxExprWords {
		ends = append(ends, len(s))
	}
	for i := len(ends) - 1; i >= 0; i-- {
		cand := s[:ends[i]]
		if _, _, err := r.ParseWhen(cand, now); err == nil {
			return cand, strings.TrimSpace(s[ends[i]:]), true
		}
	}
	return "", s, false
}

var weekdayNames = [...]string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}

// Format renders t as users read it, in t's location: "11月28日(周六) 09:30".
// Parse reads this form back (relative to a now within half a year of t).
func Format(t time.Time) string {
	return fmt.Sprintf("%s(%s) %02d:%02d", FormatDate(t), weekdayNames[t.Weekday()], t.Hour(), t.Minute())
}

// FormatDate renders the date of t: "11月28日".
func FormatDate(t time.Time) string {
	return fmt.Sprintf("%d月%d日", t.Month(), t.Day())
}
