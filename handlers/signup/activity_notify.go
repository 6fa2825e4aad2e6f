package signup

import (
	"fmt"
	"slices"
	"time"

	"linli"
	"linli/handlers/zhtime"
)

// Telling people: promotions, @mentions split to fit, participants sorted
// into groups, times as residents read them.

// Why seats came free, for the residents who take them (textPromoted).
const (
	roomCancelled = "有人取消"  // a cancellation
	roomRaised    = "名额增加了" // the capacity was raised
	roomFreed     = "有了空位"  // a party shrank
)

// promotedRoom says why seats came free when an activity changed from
// before to after.
func promotedRoom(before, after *linli.Activity) string {
	if after.Unlimited() || !before.Unlimited() && after.Capacity > before.Capacity {
		return roomRaised
	}
	return roomFreed
}

// notifyPromoted tells each promoted resident, privately when possible
// (the outbox falls back to an @mention in their group), that seats came
// free (room: roomCancelled, roomRaised, roomFreed).
func (h *Family) notifyPromoted(a *linli.Activity, promoted []linli.Signup, room string) {
	for i := range promoted {
		out := linli.Outgoing{To: linli.Chat{User: promoted[i].Resident}, Text: textPromoted(a, &promoted[i], room)}
		if err := h.Out.Send(out); err != nil {
			h.Logger.Error("无法通知递补上的居民", "activity", a.ID, "resident", promoted[i].Resident, "err", err)
		}
	}
}

// audience is who a notice about an activity goes to: per target group,
// the participants @mentioned there; and those no target group reaches,
// told one by one (privately, or by the outbox in their own group).
type audience struct {
	byGroup map[string][]string
	direct  []string
}

// count is the number of people the audience names.
func (au audience) count() int {
	n := len(au.direct)
	for _, names := range au.byGroup {
		n += len(names)
	}
	return n
}

// participantsOf sorts the sign-ups that keep by where a notice reaches
// them: the target group they signed up in, else the target group they
// last talked in, else directly. A resident is never @mentioned in a group
// they have not been seen in.
func (h *Family) participantsOf(a *linli.Activity, signups []linli.Signup, keep func(*linli.Signup) bool) audience {
	au := audience{byGroup: map[string][]string{}}
	for i := range signups {
		s := &signups[i]
		if !keep(s) {
			continue
		}
		g := s.Group
		if !slices.Contains(a.Groups, g) {
			g = ""
			if r, err := h.Residents.Resident(s.Resident); err == nil && slices.Contains(a.Groups, r.LastGroup) {
				g = r.LastGroup
			}
		}
		if g == "" {
			au.direct = append(au.direct, s.Resident)
			continue
		}
		au.byGroup[g] = append(au.byGroup[g], s.Resident)
	}
	return au
}

// dayAndTime renders t as 今天 09:30, 明天 09:30 or 11月28日(周六) 09:30.
func dayAndTime(t, now time.Time) string {
	y, m, d := t.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, t.Location())
	ny, nm, nd := now.In(t.Location()).Date()
	today := time.Date(ny, nm, nd, 0, 0, 0, 0, t.Location())
	switch day.Sub(today) {
	case 0:
		return t.Format("今天 15:04")
	case 24 * time.Hour:
		return t.Format("明天 15:04")
	}
	return zhtime.Format(t)
}

// spanText renders when a takes place: 12月1日(周二) 14:00-16:00.
func spanText(a *linli.Activity) string { return zhtime.FormatSpan(a.StartsAt, a.EndsAt) }

// leadTimeText renders d in hours and minutes: 1小时, 23小时30分钟, 30分钟.
func leadTimeText(d time.Duration) string {
	d = d.Round(time.Minute)
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	switch {
	case h > 0 && m > 0:
		return fmt.Sprintf("%d小时%d分钟", h, m)
	case h > 0:
		return fmt.Sprintf("%d小时", h)
	}
	return fmt.Sprintf("%d分钟", m)
}
