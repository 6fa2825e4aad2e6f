package notice

import (
	"fmt"
	"slices"
	"time"

	"linli"
)

// noticeMinRepeat is how often, at most, recurring 定时通知 may reach one
// group: a spec firing more often (`* * * * *`), or two recurring notices
// to one group less than this apart, are refused — a residents' group
// flooded by the bot is one everybody leaves (and WeChat limits the
// account).
const noticeMinRepeat = time.Hour

// repeatHorizon is how far ahead the occurrences are compared: a week and
// a day covers every daily and weekly pattern.
const repeatHorizon = 8 * 24 * time.Hour

// maxOccurrences bounds the occurrences looked at per spec (a spec firing
// every minute stops the look-ahead early: its first gap already refuses it).
const maxOccurrences = 400

// checkRepeat refuses a recurring spec to groups (nil: every served group)
// that would reach a group more often than noticeMinRepeat, alone or with
// the recurring notices already scheduled to the same groups.
func (h *Family) checkRepeat(spec string, groups []string, now time.Time) error {
	mine, err := h.occurrences(spec, now)
	if err != nil {
		return err
	}
	if gap, at, ok := tooClose(mine); ok {
		return linli.Errorf(linli.EInvalid, "%s", textRepeatTooOften(gap, at, noticeMinRepeat))
	}
	jobs, err := h.Scheduler.Jobs(linli.JobNotice)
	if err != nil {
		return err
	}
	for _, j := range jobs {
		if j.Spec == "" {
			continue
		}
		p, err := noticePayload(j)
		if err != nil || !overlap(h.Config.Groups, groups, p.Groups) {
			continue
		}
		theirs, err := h.occurrences(j.Spec, now)
		if err != nil {
			continue
		}
		both := slices.Concat(mine, theirs)
		slices.SortFunc(both, func(a, b time.Time) int { return a.Compare(b) })
		if gap, at, ok := tooClose(both); ok {
			return linli.Errorf(linli.EInvalid, "%s", textRepeatClash(j.Number, gap, at, noticeMinRepeat))
		}
	}
	return nil
}

// occurrences lists spec's occurrences from now over repeatHorizon.
func (h *Family) occurrences(spec string, now time.Time) ([]time.Time, error) {
	var out []time.Time
	t := now
	for len(out) < maxOccurrences {
		next, err := h.Scheduler.Next(spec, t)
		if err != nil {
			return nil, err
		}
		if next.IsZero() || next.Sub(now) > repeatHorizon {
			break
		}
		out = append(out, next)
		if n := len(out); n >= 2 && out[n-1].Sub(out[n-2]) < noticeMinRepeat {
			break // already too close: no need to look further
		}
		t = next
	}
	return out, nil
}

// tooClose returns the first gap shorter than noticeMinRepeat between
// consecutive times (sorted), and where it is.
func tooClose(times []time.Time) (time.Duration, time.Time, bool) {
	for i := 1; i < len(times); i++ {
		if d := times[i].Sub(times[i-1]); d < noticeMinRepeat {
			return d, times[i-1], true
		}
	}
	return 0, time.Time{}, false
}

// overlap reports whether two notices' group lists (nil: all served
// groups) share a group.
func overlap(served, a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return len(served) > 0 // "every group" meets any group
	}
	for _, g := range a {
		if slices.Contains(b, g) {
			return true
		}
	}
	return false
}

// gapText renders a gap between two notices: "1分钟", "30分钟", "同一时间".
func gapText(d time.Duration) string {
	if d <= 0 {
		return "同一时间"
	}
	if d < time.Minute {
		return fmt.Sprintf("%d秒", int(d/time.Second))
	}
	return fmt.Sprintf("%d分钟", int(d/time.Minute))
}
