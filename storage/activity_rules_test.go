package storage

import (
	"slices"
	"testing"
	"time"

	"linli"
)

// TestRuleCapacity: a party is confirmed only when all of it fits in the
// free seats; otherwise it is waitlisted whole, even when part of it would
// fit, and a smaller party after it that fits is confirmed.
func TestRuleCapacity(t *testing.T) {
	tests := []struct {
		name     string
		capacity int
		before   []int // parties signed up first (names P1, P2, …)
		party    int
		status   string
		pos      int
	}{
		{"a party that exactly fills the seats is confirmed", 4, []int{1}, 3, linli.SignupConfirmed, 0},
		{"a party one seat too large is waitlisted whole", 4, []int{2}, 3, linli.SignupWaitlisted, 1},
		{"full: a party of one is waitlisted", 2, []int{2}, 1, linli.SignupWaitlisted, 1},
		{"a smaller party that fits passes a waitlisted larger one", 4, []int{2, 3}, 2, linli.SignupConfirmed, 0},
		{"a party that does not fit queues behind the waitlist", 4, []int{3, 3}, 2, linli.SignupWaitlisted, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, _ := newTestDB(t)
			a := newActivity(t, db, tt.capacity)
			for i, p := range tt.before {
				signUp(t, db, a.ID, "P"+string(rune('1'+i)), p, t0)
			}
			res := signUp(t, db, a.ID, "新人", tt.party, t0.Add(time.Minute))
			if res.Outcome != linli.SignupAdded || res.Signup.Status != tt.status || res.Signup.Position != tt.pos {
				t.Fatalf("capacity rule: %s: party of %d after %v in %d seats = %s at %d (outcome %d); want %s at %d",
					tt.name, tt.party, tt.before, tt.capacity, res.Signup.Status, res.Signup.Position, res.Outcome, tt.status, tt.pos)
			}
			checkCounters(t, db, a.ID)
		})
	}
}

// TestRulePromotionOrder: seats freed by a cancellation, a smaller party
// or more capacity go to the waitlisted parties in queue order (the order
// they signed up, not their names), skipping those that do not fit and
// stopping when the seats are gone.
func TestRulePromotionOrder(t *testing.T) {
	type signup struct {
		name  string
		party int
	}
	// Capacity 4, 甲 holds all of it; the waitlist in queue order is
	// 戊(3) 丁(2) 丙(1) 乙(2) (the keys, by name, sort 丁 丙 乙 戊).
	queue := []signup{{"甲", 4}, {"戊", 3}, {"丁", 2}, {"丙", 1}, {"乙", 2}}
	tests := []struct {
		name     string
		free     func(db *DB, id uint64) ([]linli.Signup, error)
		promoted []string
		waiting  []string
	}{
		{"cancel frees 4: 戊(3) then 丙(1); 丁(2) and 乙(2) do not fit",
			func(db *DB, id uint64) ([]linli.Signup, error) {
				res, err := db.CancelSignup(id, "甲", t0.Add(time.Hour))
				return res.Promoted, err
			}, []string{"戊", "丙"}, []string{"丁", "乙"}},
		{"a party shrinking by 2: 丁(2), the first that fits",
			func(db *DB, id uint64) ([]linli.Signup, error) {
				res, err := db.SignUp(linli.SignupRequest{ActivityID: id, Resident: "甲", PartySize: 2, Now: t0.Add(time.Hour)})
				return res.Promoted, err
			}, []string{"丁"}, []string{"戊", "丙", "乙"}},
		{"one more seat: 丙(1), the first that fits",
			func(db *DB, id uint64) ([]linli.Signup, error) {
				_, promoted, err := db.UpdateActivity(id, t0.Add(time.Hour), func(a *linli.Activity) error { a.Capacity = 5; return nil })
				return promoted, err
			}, []string{"丙"}, []string{"戊", "丁", "乙"}},
		{"four more seats a minute before the start: 戊(3) then 丙(1)",
			func(db *DB, id uint64) ([]linli.Signup, error) {
				_, promoted, err := db.UpdateActivity(id, t0.Add(24*time.Hour-time.Minute), func(a *linli.Activity) error { a.Capacity = 8; return nil })
				return promoted, err
			}, []string{"戊", "丙"}, []string{"丁", "乙"}},
		{"four more seats at the start: nobody is promoted any more",
			func(db *DB, id uint64) ([]linli.Signup, error) {
				_, promoted, err := db.UpdateActivity(id, t0.Add(24*time.Hour), func(a *linli.Activity) error { a.Capacity = 8; return nil })
				return promoted, err
			}, nil, []string{"戊", "丁", "丙", "乙"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, _ := newTestDB(t)
			a := newActivity(t, db, 4)
			for i, s := range queue {
				signUp(t, db, a.ID, s.name, s.party, t0.Add(time.Duration(i)*time.Minute))
			}
			promoted, err := tt.free(db, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range promoted {
				if p.Status != linli.SignupConfirmed {
					t.Errorf("promoted %s is %s", p.Resident, p.Status)
				}
				got = append(got, p.Resident)
			}
			if !slices.Equal(got, tt.promoted) {
				t.Fatalf("promotion order: %s: promoted %v, want %v", tt.name, got, tt.promoted)
			}
			list, _ := db.Signups(a.ID)
			var waiting []string
			for _, s := range list {
				if s.Status == linli.SignupWaitlisted {
					waiting = append(waiting, s.Resident)
					if s.Position != len(waiting) {
						t.Errorf("%s waits at position %d, want %d", s.Resident, s.Position, len(waiting))
					}
				}
			}
			if !slices.Equal(waiting, tt.waiting) {
				t.Fatalf("promotion order: %s: still waiting %v, want %v", tt.name, waiting, tt.waiting)
			}
			checkCounters(t, db, a.ID)
		})
	}
}

// TestRuleAskedOncePerDay: nobody is asked the same question twice within
// 24 hours (askedEvery); from 24 hours on it may be asked again.
func TestRuleAskedOncePerDay(t *testing.T) {
	for _, tt := range []struct {
		name  string
		after time.Duration
		again bool
	}{
		{"24 hours minus a minute", 24*time.Hour - time.Minute, false},
		{"exactly 24 hours", 24 * time.Hour, true},
		{"24 hours plus a minute", 24*time.Hour + time.Minute, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db, _ := newTestDB(t)
			if first, err := db.MarkAsked("张阿姨\x00报名吗", t0); err != nil || !first {
				t.Fatalf("first question: %v %v", first, err)
			}
			again, err := db.MarkAsked("张阿姨\x00报名吗", t0.Add(tt.after))
			if err != nil || again != tt.again {
				t.Fatalf("asked once a day (24 h, askedEvery): the same question %v later: ask again %v, %v; want %v",
					tt.after, again, err, tt.again)
			}
		})
	}
}
