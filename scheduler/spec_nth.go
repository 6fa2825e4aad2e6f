package scheduler

import (
	"fmt"
	"strings"
	"time"
)

// nthSchedule fires on the n-th weekday wd of every month (n = -1: the
// last) at hh:mm: the "nth N W HH:MM" rules of recurring activities
// ("每月第一个周六 15:00" is "nth 1 6 15:00"), which a cron spec cannot
// express.
type nthSchedule struct {
	n, wd, hh, mm int
}

// parseNth reads "nth N W HH:MM". ok reports whether spec is an nth rule
// at all; err, whether it is a valid one.
func parseNth(spec string) (s nthSchedule, ok bool, err error) {
	if !strings.HasPrefix(spec, "nth ") {
		return s, false, nil
	}
	var rest string
	n, _ := fmt.Sscanf(spec+" .", "nth %d %d %d:%d %s", &s.n, &s.wd, &s.hh, &s.mm, &rest)
	switch {
	case n != 5 || rest != ".":
		return s, true, fmt.Errorf("nth rule %q: want \"nth N W HH:MM\"", spec)
	case s.n == 0 || s.n < -1 || s.n > 4, s.wd < 0 || s.wd > 6, s.hh < 0 || s.hh > 23, s.mm < 0 || s.mm > 59:
		return s, true, fmt.Errorf("nth rule %q out of range", spec)
	}
	return s, true, nil
}

// Next returns the first occurrence after t, in t's location, or the zero
// time if none falls in the next 25 months.
func (s nthSchedule) Next(t time.Time) time.Time {
	y, mo, _ := t.Date()
	for i := range 25 {
		first := time.Date(y, mo+time.Month(i), 1, s.hh, s.mm, 0, 0, t.Location())
		if at := nthWeekday(first, s.n, time.Weekday(s.wd)); at.After(t) {
			return at
		}
	}
	return time.Time{}
}

// nthWeekday returns the n-th (n = -1: last) weekday wd of first's month, at
// first's time of day; first is the 1st of the month.
func nthWeekday(first time.Time, n int, wd time.Weekday) time.Time {
	if n > 0 {
		d := (int(wd) - int(first.Weekday()) + 7) % 7
		return first.AddDate(0, 0, d+7*(n-1))
	}
	last := first.AddDate(0, 1, -1)
	d := (int(last.Weekday()) - int(wd) + 7) % 7
	return last.AddDate(0, 0, -d)
}
