package zhtime

import "time"

// afterUnits are the units of "N … 后" and their length.
var afterUnits = []struct {
	word string
	unit time.Duration
}{
	{"分钟", time.Minute}, {"分", time.Minute}, {"小时", time.Hour}, {"钟头", time.Hour},
	{"天", 24 * time.Hour}, {"周", 7 * 24 * time.Hour}, {"星期", 7 * 24 * time.Hour}, {"礼拜", 7 * 24 * time.Hour},
}

// parseAfter reads a relative expression such as 10分钟后, 两个小时后,
// 半小时后, 3天后: now plus that many units (a day is 24 hours, a week 7
// days). 半 is accepted for hours only (半天后 is vague), and months are not
// accepted: they have no fixed length.
func parseAfter(s string, now time.Time) (t time.Time, ok bool) {
	p := &scanner{s: s}
	half := false
	n, _, ok := p.number(3)
	if !ok {
		if _, half = p.lit("半"); !half {
			return time.Time{}, false
		}
	}
	p.lit("个")
	var unit time.Duration
	for _, u := range afterUnits {
		if _, ok := p.lit(u.word); ok {
			unit = u.unit
			break
		}
	}
	p.lit("以")
	if _, ok := p.lit("后"); !ok || unit == 0 || !p.done() {
		return time.Time{}, false
	}
	switch {
	case half && unit != time.Hour:
		return time.Time{}, false
	case half:
		return now.Add(30 * time.Minute), true
	case n == 0:
		return time.Time{}, false
	}
	return now.Add(time.Duration(n) * unit), true
}
