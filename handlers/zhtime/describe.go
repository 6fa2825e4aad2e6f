package zhtime

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

var errNotDescribable = errors.New("not describable")

// describe renders a 5-field spec as people say it: 每天 08:00, 每周一 09:00,
// 每周一至周五 08:00, 每月1日 09:00, 每年11月28日 09:00. Specs it cannot put
// in words are shown as 按cron“…”.
func describe(spec string) string {
	f := strings.Fields(spec)
	if d, err := describeFields(f); err == nil {
		return d
	}
	return "按cron“" + spec + "”"
}

func describeFields(f []string) (string, error) {
	minute, err1 := strconv.Atoi(f[0])
	hour, err2 := strconv.Atoi(f[1])
	if err1 != nil || err2 != nil {
		return "", errNotDescribable
	}
	at := fmt.Sprintf(" %02d:%02d", hour, minute)
	dom, month, dow := f[2], f[3], f[4]
	switch {
	case dom == "*" && month == "*" && dow == "*":
		return "每天" + at, nil
	case dom == "*" && month == "*":
		days, err := expandField(dow, 0, 6)
		if err != nil {
			return "", err
		}
		return "每周" + weekdaysText(days) + at, nil
	case dow == "*" && month == "*":
		days, err := expandField(dom, 1, 31)
		if err != nil {
			return "", err
		}
		parts := make([]string, len(days))
		for i, d := range days {
			parts[i] = strconv.Itoa(d) + "日"
		}
		return "每月" + strings.Join(parts, "、") + at, nil
	case dow == "*":
		m, errM := strconv.Atoi(month)
		d, errD := strconv.Atoi(dom)
		if errM != nil || errD != nil {
			return "", errNotDescribable
		}
		return fmt.Sprintf("每年%d月%d日%s", m, d, at), nil
	}
	return "", errNotDescribable
}

// weekdaysText writes Monday-first: 一, 一、三、五, 一至五 → "一至周五", 六、日.
func weekdaysText(days []int) string {
	idx := make([]int, len(days))
	for i, d := range days {
		idx[i] = mondayIndex(time.Weekday(d))
	}
	sort.Ints(idx)
	name := func(i int) string { return strings.TrimPrefix(weekdayNames[(i+1)%7], "周") }
	if len(idx) >= 3 && idx[len(idx)-1]-idx[0] == len(idx)-1 {
		return name(idx[0]) + "至周" + name(idx[len(idx)-1])
	}
	parts := make([]string, len(idx))
	for i, v := range idx {
		parts[i] = name(v)
	}
	return strings.Join(parts, "、")
}

// expandField lists the values of a simple cron field (n, a-b, lists of
// those); steps and names are not described.
func expandField(field string, lo, hi int) ([]int, error) {
	var out []int
	for _, part := range strings.Split(field, ",") {
		a, b, isRange := strings.Cut(part, "-")
		from, err := strconv.Atoi(a)
		if err != nil {
			return nil, errNotDescribable
		}
		to := from
		if isRange {
			if to, err = strconv.Atoi(b); err != nil {
				return nil, errNotDescribable
			}
		}
		if from < lo || to > hi || from > to {
			return nil, errNotDescribable
		}
		for v := from; v <= to; v++ {
			out = append(out, v)
		}
	}
	return out, nil
}
