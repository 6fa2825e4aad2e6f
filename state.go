package linli

import "time"

// The life of an activity, one state machine for every command, job and
// export:
//
//	draft ──publish──▶ open ──deadline / 截止报名──▶ closed ──end──▶ over
//	                    ▲                            │
//	                    └──修改活动: a later deadline──┘ (before the start)
//	draft, open, closed ──取消活动 (before the start)──▶ cancelled
//
// Staff's actions are stored in Activity.Status (draft, open, closed,
// cancelled); the clock does the rest: an open activity is closed from its
// deadline on, and any activity that is not cancelled (nor a draft) is over
// from its end (Activity.End). Activity.State reads both. Sign-up is
// accepted only in the open state; check-in only between CheckinEarly
// before the start and the end, and never for a cancelled activity; an
// over or cancelled activity takes no sign-ups, no check-ins and earns no
// 积分.

// DefaultLength is how long an activity published without an end time
// (时间:11月28日 9:30 rather than 9:30-11:00) is taken to last: its
// check-in window and its "over" state go by it.
const DefaultLength = 3 * time.Hour

// CheckinEarly is how long before the start residents may check in.
const CheckinEarly = 30 * time.Minute

// End returns when the activity ends: EndsAt, or DefaultLength after the
// start when no end was given.
func (a *Activity) End() time.Time {
	if !a.EndsAt.IsZero() {
		return a.EndsAt
	}
	return a.StartsAt.Add(DefaultLength)
}

// State returns the activity's state at now: ActivityDraft, ActivityOpen,
// ActivityClosed, ActivityOver or ActivityCancelled.
func (a *Activity) State(now time.Time) string {
	switch {
	case a.Status == ActivityCancelled || a.Status == ActivityDraft:
		return a.Status
	case !now.Before(a.End()):
		return ActivityOver
	case a.Status == ActivityClosed || !now.Before(a.Deadline):
		return ActivityClosed
	}
	return ActivityOpen
}

// Started reports whether the activity has started at now.
func (a *Activity) Started(now time.Time) bool { return !now.Before(a.StartsAt) }

// SignupOpen reports whether residents may sign up at now.
func (a *Activity) SignupOpen(now time.Time) bool { return a.State(now) == ActivityOpen }

// CheckinWindow returns when check-in opens (CheckinEarly before the start)
// and closes (the end).
func (a *Activity) CheckinWindow() (opens, closes time.Time) {
	return a.StartsAt.Add(-CheckinEarly), a.End()
}

// Allows reports whether staff may move the activity, in State from at
// now, to the stored status to: publish a draft (open), close sign-up
// (closed, from open), reopen it with a later deadline (open, from closed,
// before the deadline and the start), or call it off (cancelled, before the
// start). Over and cancelled are final. Staying in the same stored status
// is always allowed (other fields may change).
func (a *Activity) Allows(to string, now time.Time) bool {
	if to == a.Status {
		return true
	}
	from := a.State(now)
	switch to {
	case ActivityOpen:
		return from == ActivityDraft || from == ActivityClosed && now.Before(a.Deadline) && !a.Started(now)
	case ActivityClosed:
		return from == ActivityOpen || from == ActivityClosed
	case ActivityCancelled:
		return from != ActivityOver && from != ActivityCancelled && !a.Started(now)
	}
	return false
}
