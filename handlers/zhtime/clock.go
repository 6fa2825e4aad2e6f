package zhtime

import "fmt"

// periodKind is the part of the day a word such as 下午 names; it decides
// how a 12-hour clock reading becomes a 24-hour one.
type periodKind int

const (
	noPeriod  periodKind = iota
	dawn                 // 凌晨
	morning              // 早上, 上午
	noon                 // 中午
	afternoon            // 下午
	evening              // 傍晚, 晚上
)

type period struct {
	word        string
	kind        periodKind
	defaultHour int // the hour meant when no clock time follows; -1: none
}

// periods in matching order (longer words first).
var periods = []period{
	{"凌晨", dawn, -1},
	{"早上", morning, 8}, {"早晨", morning, 8}, {"清晨", morning, 8},
	{"上午", morning, 9},
	{"中午", noon, 12},
	{"下午", afternoon, 15}, {"午后", afternoon, 15},
	{"傍晚", evening, 18},
	{"晚上", evening, 20}, {"夜里", evening, 20}, {"夜间", evening, 20},
	{"早", morning, 8},
	{"晚", evening, 20},
}

func periodByWord(w string) period {
	for _, pd := range periods {
		if pd.word == w {
			return pd
		}
	}
	return period{}
}

// period reads a part-of-day word.
func (p *scanner) period() (period, bool) {
	for _, pd := range periods {
		if _, ok := p.lit(pd.word); ok {
			return pd, true
		}
	}
	return period{}, false
}

// clock is a time of day as written: hour may be 12-hour until resolved.
type clock struct {
	hour, minute int
}

// clock reads 9:30, 09:30, 9点, 9点半, 9点30(分), 9点05, 3点一刻, 3点三刻,
// 9点整, 9点钟, 9时30分, 十点, 九点半, 十点十五. A one-character minute
// without 分 (9点5, 九点五) is rejected as ambiguous.
func (p *scanner) clock() (clock, bool) {
	var c clock
	ok := p.try(func() bool {
		h, _, ok := p.number(2)
		if !ok {
			return false
		}
		c.hour = h
		if _, ok := p.lit(":"); ok {
			m, _, ok := p.digits(2, 2)
			c.minute = m
			return ok
		}
		if _, ok := p.lit("点", "时"); !ok {
			return false
		}
		p.lit("钟")
		if w, ok := p.lit("半", "一刻", "三刻", "整"); ok {
			c.minute = map[string]int{"半": 30, "一刻": 15, "三刻": 45, "整": 0}[w]
			return true
		}
		save := p.pos
		m, short, ok := p.number(2)
		if !ok {
			return true // 9点
		}
		_, fen := p.lit("分钟", "分")
		if short && !fen {
			p.pos = save
			return false
		}
		c.minute = m
		return true
	})
	return c, ok
}

// to24 turns a clock reading after a part-of-day word into hour and minute
// of a 24-hour day. The hour may be 24 (晚上12点: midnight at the end of the
// day); callers let time.Date carry it into the next day.
func to24(c clock, pd period) (hour, minute int, err error) {
	h, m := c.hour, c.minute
	if m > 59 {
		return 0, 0, fmt.Errorf("分钟应在0到59之间")
	}
	bad := fmt.Errorf("%s没有%d点", pd.word, h)
	switch pd.kind {
	case noPeriod:
		if h > 24 || h == 24 && m > 0 {
			return 0, 0, fmt.Errorf("小时应在0到23之间")
		}
	case dawn:
		switch {
		case h == 12:
			h = 0
		case h > 6:
			return 0, 0, bad
		}
	case morning:
		if h > 12 {
			return 0, 0, bad
		}
	case noon:
		switch {
		case h >= 1 && h <= 3:
			h += 12
		case h < 11 || h > 14:
			return 0, 0, bad
		}
	case afternoon:
		switch {
		case h >= 1 && h <= 11:
			h += 12
		case h == 0 || h > 23:
			return 0, 0, bad
		}
	case evening:
		switch {
		case h >= 1 && h <= 12:
			h += 12
		case h == 0 || h > 23:
			return 0, 0, bad
		}
	}
	return h, m, nil
}

// timeOfDay combines an optional part-of-day word and an optional clock
// reading. With neither it returns defHour:00.
func timeOfDay(pd period, c *clock, defHour int) (hour, minute int, err error) {
	if c != nil {
		return to24(*c, pd)
	}
	if pd.word == "" {
		return defHour, 0, nil
	}
	if pd.defaultHour < 0 {
		return 0, 0, fmt.Errorf("请写明%s几点", pd.word)
	}
	return pd.defaultHour, 0, nil
}

var weekdayWords = map[string]int{
	"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 0, "天": 0,
	"1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 0,
}

// weekdayDay reads the day after 周/星期/礼拜: 一..六, 日, 天, or a digit
// 1..7 not followed by another digit (周19点 is not 周1 9点).
func (p *scanner) weekdayDay() (int, bool) {
	for w, d := range weekdayWords {
		if _, ok := p.lit(w); ok {
			if w[0] >= '0' && w[0] <= '9' && !p.done() && p.s[p.pos] >= '0' && p.s[p.pos] <= '9' {
				p.pos -= len(w)
				return 0, false
			}
			return d, true
		}
	}
	return 0, false
}

// weekday reads 周六, 星期六, 礼拜天, 周日.
func (p *scanner) weekday() (int, bool) {
	var d int
	ok := p.try(func() bool {
		if _, ok := p.lit("周", "星期", "礼拜"); !ok {
			return false
		}
		var ok bool
		d, ok = p.weekdayDay()
		return ok
	})
	return d, ok
}
