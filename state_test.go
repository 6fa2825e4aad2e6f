package linli

import (
	"testing"
	"time"
)

func TestActivityState(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	at := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, loc) }
	start := at(28, 14, 0)
	ranged := Activity{Status: ActivityOpen, StartsAt: start, EndsAt: at(28, 16, 0), Deadline: at(27, 23, 59)}
	plain := Activity{Status: ActivityOpen, StartsAt: start, Deadline: start}
	with := func(a Activity, status string) Activity { a.Status = status; return a }
	tests := []struct {
		name string
		a    Activity
		now  time.Time
		want string
	}{
		{"open before the deadline", ranged, at(27, 10, 0), ActivityOpen},
		{"closed at the deadline", ranged, at(27, 23, 59), ActivityClosed},
		{"closed while under way", ranged, at(28, 15, 0), ActivityClosed},
		{"over at its end", ranged, at(28, 16, 0), ActivityOver},
		{"over after its end", ranged, at(29, 9, 0), ActivityOver},
		{"closed by staff before the deadline", with(ranged, ActivityClosed), at(27, 10, 0), ActivityClosed},
		{"closed by staff, over at the end", with(ranged, ActivityClosed), at(28, 16, 0), ActivityOver},
		{"cancelled stays cancelled", with(ranged, ActivityCancelled), at(29, 9, 0), ActivityCancelled},
		{"draft stays draft", with(ranged, ActivityDraft), at(27, 10, 0), ActivityDraft},
		{"no end: open until it starts", plain, at(28, 13, 59), ActivityOpen},
		{"no end: closed at the start", plain, at(28, 14, 0), ActivityClosed},
		{"no end: over DefaultLength after the start", plain, start.Add(DefaultLength), ActivityOver},
		{"no end: not over just before", plain, start.Add(DefaultLength - time.Minute), ActivityClosed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.State(tt.now); got != tt.want {
				t.Errorf("State(%s) = %s, want %s", tt.now.Format("01-02 15:04"), got, tt.want)
			}
			if got := tt.a.SignupOpen(tt.now); got != (tt.want == ActivityOpen) {
				t.Errorf("SignupOpen = %v in state %s", got, tt.want)
			}
		})
	}
}

func TestActivityAllows(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	at := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, loc) }
	base := Activity{Status: ActivityOpen, StartsAt: at(28, 14), EndsAt: at(28, 16), Deadline: at(27, 20)}
	with := func(status string, deadline time.Time) Activity {
		a := base
		a.Status, a.Deadline = status, deadline
		return a
	}
	tests := []struct {
		name string
		a    Activity
		to   string
		now  time.Time
		want bool
	}{
		{"publish a draft", with(ActivityDraft, at(27, 20)), ActivityOpen, at(26, 9), true},
		{"close an open one", base, ActivityClosed, at(26, 9), true},
		{"the deadline job closes it", base, ActivityClosed, at(27, 20), true},
		{"close it once over: no", base, ActivityClosed, at(28, 16), false},
		{"reopen with a later deadline", with(ActivityClosed, at(28, 12)), ActivityOpen, at(27, 21), true},
		{"reopen past the deadline: no", with(ActivityClosed, at(27, 20)), ActivityOpen, at(27, 21), false},
		{"reopen once started: no", with(ActivityClosed, at(28, 14)), ActivityOpen, at(28, 15), false},
		{"cancel an open one", base, ActivityCancelled, at(26, 9), true},
		{"cancel a closed one", with(ActivityClosed, at(27, 20)), ActivityCancelled, at(28, 9), true},
		{"cancel once started: no", base, ActivityCancelled, at(28, 14), false},
		{"cancel a cancelled one: no", with(ActivityCancelled, at(27, 20)), ActivityCancelled, at(26, 9), true}, // same status: a field change
		{"reopen a cancelled one: no", with(ActivityCancelled, at(27, 20)), ActivityOpen, at(26, 9), false},
		{"back to draft: no", base, ActivityDraft, at(26, 9), false},
		{"over is never stored", base, ActivityOver, at(29, 9), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.Allows(tt.to, tt.now); got != tt.want {
				t.Errorf("%s → %s at %s: Allows = %v, want %v", tt.a.State(tt.now), tt.to, tt.now.Format("01-02 15:04"), got, tt.want)
			}
		})
	}
}

func TestActivitySeats(t *testing.T) {
	capped := Activity{Capacity: 3, Taken: 2}
	if capped.Free() != 1 || !capped.Fits(1) || capped.Fits(2) {
		t.Errorf("capped: Free %d Fits(1) %v Fits(2) %v", capped.Free(), capped.Fits(1), capped.Fits(2))
	}
	open := Activity{Capacity: 0, Taken: 500}
	if !open.Unlimited() || !open.Fits(11) || open.Free() < 1000 {
		t.Errorf("unlimited: Unlimited %v Fits %v Free %d", open.Unlimited(), open.Fits(11), open.Free())
	}
}

func TestCheckinWindow(t *testing.T) {
	start := time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)
	a := Activity{StartsAt: start, EndsAt: start.Add(3 * time.Hour)}
	opens, closes := a.CheckinWindow()
	if !opens.Equal(start.Add(-CheckinEarly)) || !closes.Equal(start.Add(3*time.Hour)) {
		t.Errorf("window %v – %v", opens, closes)
	}
}
