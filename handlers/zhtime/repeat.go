package zhtime

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"linli"
)

// The recurrence of an activity (Activity.Repeat) is a 5-field cron spec
// ("30 9 * * 6"), or "nth N W HH:MM" for the N-th weekday W of each month
// (N = -1: the last), which cron cannot express. The calendar understands
// both.

var (
	nthRe = regexp.MustCompile(`^每(?:个)?月(?:的)?(?:第([一二三四1-4])|(最后一))个?(?:周|星期|礼拜)([一二三四五六日天1-7])(.*)$`)
	// clockRe finds a time of day in a recurring expression.
	clockRe  = regexp.MustCompile(`[0-9一二三四五六七八九十]\s*[点时:]|上午|下午|早上|早晨|中午|晚上|傍晚|凌晨|夜里`)
	cronLike = regexp.MustCompile(`^[0-9*/,\-]+(?:\s+[0-9*/,\-]+){4}$`)
)

var repeatWeekday = map[string]int{"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 0, "天": 0, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 0}

// ParseRepeat reads the recurrence of an activity: 每周六, 每周六上午9点,
// 每月第一个周六, 每月15日 or a cron spec, with or without a trailing 重复. A
// rule without a time of day takes start's (start may be zero when the
// activity's time was not given; then the rule must name a time). It
// returns the rule, its description and its first occurrence: at start or
// after it, else after now.
func (r Reader) ParseRepeat(text string, start, now time.Time) (rule, desc string, first time.Time, err error) {
	text = closeUp(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(text), "重复")))
	hasClock := clockRe.MatchString(text) || cronLike.MatchString(text)
	if !hasClock && start.IsZero() {
		return "", "", time.Time{}, fmt.Errorf("重复的活动也请写上第一次的时间，如「时间:11月28日 9:30」，或写「每周六上午9点 重复」")
	}
	hour, minute := start.Hour(), start.Minute()
	if m := nthRe.FindStringSubmatch(text); m != nil {
		n := -1
		if m[1] != "" {
			n = map[string]int{"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}[m[1]]
		}
		if rest := strings.TrimSpace(m[4]); rest != "" {
			spec, _, ok := r.ParseRecurring("每天" + rest)
			if !ok {
				return "", "", time.Time{}, fmt.Errorf("无法识别重复时间“%s”，例如：每月第一个周六上午9点", text)
			}
			f := strings.Fields(spec)
			minute, _ = strconv.Atoi(f[0])
			hour, _ = strconv.Atoi(f[1])
		}
		rule = fmt.Sprintf("nth %d %d %02d:%02d", n, repeatWeekday[m[3]], hour, minute)
	} else {
		switch text {
		case "每天", "每日":
			rule = fmt.Sprintf("%d %d * * *", minute, hour)
		case "每周", "每星期", "每个星期":
			rule = fmt.Sprintf("%d %d * * %d", minute, hour, start.Weekday())
		case "每月", "每个月":
			if start.Day() > 28 {
				return "", "", time.Time{}, errMonthEnd(fmt.Sprintf("每月%d日", start.Day()), strconv.Itoa(start.Day()))
			}
			rule = fmt.Sprintf("%d %d %d * *", minute, hour, start.Day())
		default:
			spec, _, ok := r.ParseRecurring(text)
			if !ok {
				_, _, perr := r.ParseWhen(text, now)
				if perr == nil {
					perr = fmt.Errorf("无法识别重复时间“%s”", text)
				}
				return "", "", time.Time{}, fmt.Errorf("%v；也可以写：每周六、每月第一个周六", perr)
			}
			if !hasClock {
				f := strings.Fields(spec)
				f[0], f[1] = strconv.Itoa(minute), strconv.Itoa(hour)
				spec = strings.Join(f, " ")
			}
			rule = spec
		}
	}
	after := now
	if !start.IsZero() {
		after = start.Add(-time.Minute) // the first occurrence may be start itself
	}
	first, err = r.Next(rule, after)
	if err != nil {
		return "", "", time.Time{}, err
	}
	return rule, describeRule(rule), first, nil
}

// Next returns the first time after after (in after's location) that an
// activity's rule names, as the calendar computes it. Its errors are
// Chinese, safe to show.
func (r Reader) Next(rule string, after time.Time) (time.Time, error) {
	t, err := r.Cal.Next(rule, after)
	switch {
	case err != nil:
		return time.Time{}, errors.New(linli.ErrorMessage(err))
	case t.IsZero():
		return time.Time{}, fmt.Errorf("重复规则“%s”没有下一次", rule)
	}
	return t, nil
}

// describeRule renders a rule as people say it: 每周六 09:30, 每月第一个周六
// 09:30.
func describeRule(rule string) string {
	var n, wd, hh, mm int
	if _, err := fmt.Sscanf(rule, "nth %d %d %d:%d", &n, &wd, &hh, &mm); err == nil {
		which := "最后一"
		if n > 0 {
			which = "第" + []string{"", "一", "二", "三", "四"}[n]
		}
		return fmt.Sprintf("每月%s个%s %02d:%02d", which, []string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}[wd], hh, mm)
	}
	if !isCronLike(rule) {
		return rule
	}
	return describe(rule)
}
