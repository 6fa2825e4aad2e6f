package storage

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"linli"
)

// newActivity stores an open activity starting a day after t0.
func newActivity(t testing.TB, db *DB, capacity int) *linli.Activity {
	t.Helper()
	start := t0.Add(24 * time.Hour)
	a := &linli.Activity{Title: "健康讲座", StartsAt: start, Deadline: start, Place: "活动室",
		Capacity: capacity, Groups: []string{"1期"}, Status: linli.ActivityOpen, CreatedAt: t0}
	if err := db.CreateActivity(a); err != nil {
		t.Fatalf("CreateActivity: %v", err)
	}
	return a
}

func signUp(t testing.TB, db *DB, id uint64, name string, party int, at time.Time) linli.SignupResult {
	t.Helper()
	res, err := db.SignUp(linli.SignupRequest{ActivityID: id, Resident: name, PartySize: party,
		Group: "1期", Source: linli.SourceCommand, Now: at})
	if err != nil {
		t.Fatalf("SignUp(%s, %d): %v", name, party, err)
	}
	return res
}

// checkCounters verifies the activity's counters against its sign-ups.
func checkCounters(t testing.TB, db *DB, id uint64) (confirmed, waitlisted int) {
	t.Helper()
	a, err := db.Activity(id)
	if err != nil {
		t.Fatal(err)
	}
	list, err := db.Signups(id)
	if err != nil {
		t.Fatal(err)
	}
	seats := 0
	for _, s := range list {
		switch s.Status {
		case linli.SignupConfirmed:
			seats += s.PartySize
			confirmed++
		case linli.SignupWaitlisted:
			waitlisted++
		}
	}
	if seats != a.Taken || waitlisted != a.Waiting || (!a.Unlimited() && seats > a.Capacity) {
		t.Fatalf("counters taken=%d waiting=%d capacity=%d, records: seats=%d waitlisted=%d",
			a.Taken, a.Waiting, a.Capacity, seats, waitlisted)
	}
	return confirmed, waitlisted
}

func TestSignupCapacityAndWaitlist(t *testing.T) {
	db, _ := newTestDB(t)
	a := newActivity(t, db, 3)
	steps := []struct {
		name    string
		party   int
		outcome linli.SignupOutcome
		status  string
		pos     int
	}{
		{"张阿姨", 1, linli.SignupAdded, linli.SignupConfirmed, 0},
		{"王叔", 2, linli.SignupAdded, linli.SignupConfirmed, 0},
		{"李四", 2, linli.SignupAdded, linli.SignupWaitlisted, 1},
		{"赵五", 1, linli.SignupAdded, linli.SignupWaitlisted, 2},
		{"张阿姨", 1, linli.SignupUnchanged, linli.SignupConfirmed, 0},
		{"张阿姨", 2, linli.SignupNoRoom, linli.SignupConfirmed, 0},
		{"李四", 1, linli.SignupUpdated, linli.SignupWaitlisted, 1},
	}
	for i, st := range steps {
		res := signUp(t, db, a.ID, st.name, st.party, t0.Add(time.Duration(i)*time.Minute))
		if res.Outcome != st.outcome || res.Signup.Status != st.status || res.Signup.Position != st.pos {
			t.Fatalf("step %d %s+%d: outcome %d status %s pos %d, want %d %s %d", i, st.name, st.party,
				res.Outcome, res.Signup.Status, res.Signup.Position, st.outcome, st.status, st.pos)
		}
		checkCounters(t, db, a.ID)
	}
	// 王叔 (2 seats) cancels: 李四 (now 1) and 赵五 (1) both fit.
	res, err := db.CancelSignup(a.ID, "王叔", t0.Add(time.Hour))
	if err != nil || res.Outcome != linli.CancelDone {
		t.Fatalf("cancel: %+v %v", res, err)
	}
	if len(res.Promoted) != 2 || res.Promoted[0].Resident != "李四" || res.Promoted[1].Resident != "赵五" {
		t.Fatalf("promoted %+v", res.Promoted)
	}
	if c, w := checkCounters(t, db, a.ID); c != 3 || w != 0 {
		t.Fatalf("confirmed %d waitlisted %d", c, w)
	}
	if res, _ := db.CancelSignup(a.ID, "王叔", t0.Add(time.Hour)); res.Outcome != linli.CancelNotSignedUp {
		t.Fatalf("second cancel outcome %d", res.Outcome)
	}
	// A re-sign-up after cancelling joins the end of the queue.
	if res := signUp(t, db, a.ID, "王叔", 1, t0.Add(2*time.Hour)); res.Signup.Status != linli.SignupWaitlisted || res.Signup.Seq != 5 {
		t.Fatalf("re-sign-up %+v", res.Signup)
	}
	if res, _ := db.CancelSignup(a.ID, "张阿姨", a.StartsAt); res.Outcome != linli.CancelTooLate {
		t.Fatalf("cancel after start outcome %d", res.Outcome)
	}
	if res := signUp(t, db, a.ID, "新人", 1, a.Deadline); res.Outcome != linli.SignupClosed {
		t.Fatalf("sign-up at the deadline outcome %d", res.Outcome)
	}
}

func TestSignupFirstThatFits(t *testing.T) {
	db, _ := newTestDB(t)
	a := newActivity(t, db, 2)
	signUp(t, db, a.ID, "A", 2, t0)
	signUp(t, db, a.ID, "B", 3, t0) // waitlisted 1, needs 3 seats
	signUp(t, db, a.ID, "C", 1, t0) // waitlisted 2
	// A smaller party frees a seat: C, the first that fits, takes it.
	res := signUp(t, db, a.ID, "A", 1, t0)
	if res.Outcome != linli.SignupUpdated || len(res.Promoted) != 1 || res.Promoted[0].Resident != "C" {
		t.Fatalf("A shrinking: %+v", res)
	}
	s, err := db.Signup(a.ID, "B")
	if err != nil || s.Status != linli.SignupWaitlisted || s.Position != 1 {
		t.Fatalf("B = %+v, %v", s, err)
	}
	if res := signUp(t, db, a.ID, "B", 1, t0); res.Outcome != linli.SignupUpdated || res.Signup.Status != linli.SignupWaitlisted {
		t.Fatalf("B shrinking while full: %+v", res)
	}
	cres, err := db.CancelSignup(a.ID, "A", t0)
	if err != nil || len(cres.Promoted) != 1 || cres.Promoted[0].Resident != "B" {
		t.Fatalf("promoted %+v, %v; want B", cres.Promoted, err)
	}
	checkCounters(t, db, a.ID)
}

func TestSignupErrors(t *testing.T) {
	db, _ := newTestDB(t)
	a := newActivity(t, db, 2)
	for _, party := range []int{0, -1, 12} {
		if _, err := db.SignUp(linli.SignupRequest{ActivityID: a.ID, Resident: "X", PartySize: party, Now: t0}); linli.ErrorCode(err) != linli.EInvalid {
			t.Errorf("party %d: %v", party, err)
		}
	}
	if _, err := db.SignUp(linli.SignupRequest{ActivityID: 99, Resident: "X", PartySize: 1, Now: t0}); linli.ErrorCode(err) != linli.ENotFound {
		t.Errorf("unknown activity: %v", err)
	}
	if _, err := db.CancelSignup(99, "X", t0); linli.ErrorCode(err) != linli.ENotFound {
		t.Errorf("cancel for unknown activity: %v", err)
	}
	if _, err := db.Signup(a.ID, "X"); linli.ErrorCode(err) != linli.ENotFound {
		t.Errorf("missing sign-up: %v", err)
	}
	if _, err := db.CheckIn(99, []string{"X"}, t0); linli.ErrorCode(err) != linli.ENotFound {
		t.Errorf("check-in for unknown activity: %v", err)
	}
}

func TestUpdateActivityCapacity(t *testing.T) {
	db, _ := newTestDB(t)
	a := newActivity(t, db, 2)
	signUp(t, db, a.ID, "A", 1, t0)
	signUp(t, db, a.ID, "B", 1, t0)
	signUp(t, db, a.ID, "C", 1, t0)
	if _, _, err := db.UpdateActivity(a.ID, t0, func(a *linli.Activity) error { a.Capacity = 1; return nil }); linli.ErrorCode(err) != linli.EConflict {
		t.Fatalf("capacity below the confirmed seats: %v", err)
	}
	got, promoted, err := db.UpdateActivity(a.ID, t0, func(a *linli.Activity) error {
		a.Capacity, a.Taken = 5, 99 // the counters are not the caller's
		return nil
	})
	if err != nil || len(promoted) != 1 || promoted[0].Resident != "C" || got.Taken != 3 {
		t.Fatalf("raise capacity: %+v %+v %v", got, promoted, err)
	}
	checkCounters(t, db, a.ID)
	// 名额:不限 is capacity 0: no cap below the seats taken, everyone fits.
	if got, _, err = db.UpdateActivity(a.ID, t0, func(a *linli.Activity) error { a.Capacity = 0; return nil }); err != nil || !got.Unlimited() {
		t.Fatalf("no cap: %+v %v", got, err)
	}
	if res := signUp(t, db, a.ID, "D", 11, t0); res.Signup.Status != linli.SignupConfirmed {
		t.Fatalf("a party of 11 on an activity without a cap: %+v", res.Signup)
	}
	checkCounters(t, db, a.ID)
}

func TestSignupConcurrentInterleaving(t *testing.T) {
	db, _ := newTestDB(t)
	a := newActivity(t, db, 30)
	var wg sync.WaitGroup
	for i := range 200 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(i), 7))
			name := fmt.Sprintf("居民%03d", i%120)
			for range 5 {
				var err error
				if r.IntN(3) == 0 {
					_, err = db.CancelSignup(a.ID, name, t0)
				} else {
					_, err = db.SignUp(linli.SignupRequest{ActivityID: a.ID, Resident: name,
						PartySize: 1 + r.IntN(3), Group: "1期", Now: t0})
				}
				if err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	c, w := checkCounters(t, db, a.ID)
	a2, _ := db.Activity(a.ID)
	list, _ := db.Signups(a.ID)
	// Nobody waits who would fit in the free seats.
	for _, s := range list {
		if s.Status == linli.SignupWaitlisted && s.PartySize <= a2.Free() {
			t.Fatalf("%s (party %d) waits with %d seats free", s.Resident, s.PartySize, a2.Free())
		}
	}
	t.Logf("confirmed %d, waitlisted %d, seats %d/%d", c, w, a2.Taken, a2.Capacity)
}

func TestSignupStorm(t *testing.T) {
	db, _ := newTestDB(t)
	if c, w := storm(t, db, 500, 30); c != 30 || w != 470 {
		t.Fatalf("confirmed %d waitlisted %d, want 30 and 470", c, w)
	}
}

// storm signs n residents up concurrently for an activity with capacity
// seats and returns the confirmed and waitlisted counts.
func storm(t testing.TB, db *DB, n, capacity int) (confirmed, waitlisted int) {
	a := newActivity(t, db, capacity)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := db.SignUp(linli.SignupRequest{ActivityID: a.ID, Resident: fmt.Sprintf("居民%03d", i),
				Household: "3栋502", PartySize: 1, Group: "幸福里1期居民群", Source: linli.SourceCommand, Now: t0})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	return checkCounters(t, db, a.ID)
}

func TestNextOccurrenceOnce(t *testing.T) {
	db, _ := newTestDB(t)
	a := newActivity(t, db, 5)
	signUp(t, db, a.ID, "A", 1, t0)
	next := *a
	next.StartsAt = a.StartsAt.Add(7 * 24 * time.Hour)
	n1, created, err := db.CreateNextOccurrence(a.ID, &next)
	if err != nil || !created || n1.PrevID != a.ID || n1.Taken != 0 || n1.ID == a.ID {
		t.Fatalf("first: %+v %v %v", n1, created, err)
	}
	n2, created, err := db.CreateNextOccurrence(a.ID, &next)
	if err != nil || created || n2.ID != n1.ID {
		t.Fatalf("second: %+v %v %v", n2, created, err)
	}
	prev, _ := db.Activity(a.ID)
	if prev.NextID != n1.ID || prev.Taken != 1 {
		t.Fatalf("prev = %+v", prev)
	}
}

func TestAcksAndCheckIn(t *testing.T) {
	db, _ := newTestDB(t)
	a := newActivity(t, db, 1)
	signUp(t, db, a.ID, "A", 1, t0)
	signUp(t, db, a.ID, "B", 1, t0)
	db.SignUp(linli.SignupRequest{ActivityID: a.ID, Resident: "C", PartySize: 1, Acked: true, Group: "1期", Now: t0})
	un, err := db.UnackedSignups(a.ID, "1期")
	if err != nil || len(un) != 2 || un[1].Position != 1 {
		t.Fatalf("unacked %+v %v", un, err)
	}
	if err := db.MarkAcked(a.ID, map[string]uint64{"A": un[0].Seq, "B": un[1].Seq + 1}); err != nil {
		t.Fatal(err)
	}
	if un, _ := db.UnackedSignups(a.ID, "1期"); len(un) != 1 || un[0].Resident != "B" {
		t.Fatalf("after marking: %+v", un)
	}
	got, err := db.CheckIn(a.ID, []string{"A", "nobody"}, t0.Add(time.Hour))
	if err != nil || len(got) != 1 || !got[0].CheckedIn.Equal(t0.Add(time.Hour)) {
		t.Fatalf("check-in %+v %v", got, err)
	}
	got, _ = db.CheckIn(a.ID, []string{"A"}, t0.Add(2*time.Hour))
	if !got[0].CheckedIn.Equal(t0.Add(time.Hour)) {
		t.Fatalf("second check-in moved the time: %v", got[0].CheckedIn)
	}
	mine, err := db.ResidentSignups("B")
	if err != nil || len(mine) != 1 || mine[0].Position != 1 {
		t.Fatalf("ResidentSignups = %+v %v", mine, err)
	}
	all, err := db.AllSignups()
	if err != nil || len(all) != 3 {
		t.Fatalf("AllSignups = %d %v", len(all), err)
	}
}

func TestMarkAsked(t *testing.T) {
	db, _ := newTestDB(t)
	for i, c := range []struct {
		at   time.Duration
		key  string
		want bool
	}{{0, "张阿姨:1", true}, {time.Hour, "张阿姨:1", false}, {time.Hour, "王叔:1", true}, {25 * time.Hour, "张阿姨:1", true}} {
		got, err := db.MarkAsked(c.key, t0.Add(c.at))
		if err != nil || got != c.want {
			t.Errorf("case %d: %v %v, want %v", i, got, err, c.want)
		}
	}
}

// TestCheckInWaitlisted: checking in a waitlisted party confirms it when a
// seat is free, else records a walk-in; the capacity always holds.
func TestCheckInWaitlisted(t *testing.T) {
	db, _ := newTestDB(t)
	a := newActivity(t, db, 1)
	signUp(t, db, a.ID, "A", 1, t0)
	signUp(t, db, a.ID, "B", 1, t0)
	signUp(t, db, a.ID, "C", 1, t0)
	started := a.StartsAt.Add(time.Minute)
	// A second seat after the start: nobody is promoted any more.
	if _, promoted, err := db.UpdateActivity(a.ID, started, func(a *linli.Activity) error { a.Capacity = 2; return nil }); err != nil || len(promoted) != 0 {
		t.Fatalf("UpdateActivity: %v %v", promoted, err)
	}
	got, err := db.CheckIn(a.ID, []string{"B", "C"}, started)
	if err != nil || len(got) != 2 {
		t.Fatalf("CheckIn = %+v %v", got, err)
	}
	if got[0].Status != linli.SignupConfirmed || got[0].WalkIn {
		t.Errorf("B took the free seat: %+v", got[0])
	}
	if got[1].Status != linli.SignupWaitlisted || !got[1].WalkIn {
		t.Errorf("C is a walk-in: %+v", got[1])
	}
	after, _ := db.Activity(a.ID)
	if after.Taken != 2 || after.Waiting != 1 || after.Taken > after.Capacity {
		t.Errorf("counters: taken %d waiting %d", after.Taken, after.Waiting)
	}
	// A cancelled sign-up is not checked in.
	db.CancelSignup(a.ID, "A", t0)
	if got, _ := db.CheckIn(a.ID, []string{"A"}, started); len(got) != 0 {
		t.Errorf("cancelled A checked in: %+v", got)
	}
}

func TestSignupPositionOnEveryOutcome(t *testing.T) {
	db, _ := newTestDB(t)
	a := newActivity(t, db, 1)
	signUp(t, db, a.ID, "A", 1, t0)
	signUp(t, db, a.ID, "B", 1, t0)
	signUp(t, db, a.ID, "C", 2, t0)
	for _, tt := range []struct {
		name    string
		party   int
		outcome linli.SignupOutcome
	}{
		{"unchanged", 2, linli.SignupUnchanged},
		{"updated", 3, linli.SignupUpdated},
	} {
		res := signUp(t, db, a.ID, "C", tt.party, t0)
		if res.Outcome != tt.outcome || res.Signup.Position != 2 {
			t.Errorf("%s: outcome %v position %d, want %v and 2", tt.name, res.Outcome, res.Signup.Position, tt.outcome)
		}
	}
}

func TestWaitlistedFamilyShrinksIntoFreeSeat(t *testing.T) {
	db, _ := newTestDB(t)
	a := newActivity(t, db, 3)
	signUp(t, db, a.ID, "A", 2, t0)
	if res := signUp(t, db, a.ID, "B", 2, t0); res.Signup.Status != linli.SignupWaitlisted {
		t.Fatalf("a party of 2 for 1 seat: %+v", res.Signup)
	}
	res := signUp(t, db, a.ID, "B", 1, t0)
	if res.Outcome != linli.SignupUpdated || res.Signup.Status != linli.SignupConfirmed || res.Activity.Taken != 3 {
		t.Fatalf("shrunk to 1: %v %+v taken %d", res.Outcome, res.Signup, res.Activity.Taken)
	}
	checkCounters(t, db, a.ID)
}

func TestUntoldChanges(t *testing.T) {
	db, _ := newTestDB(t)
	a := newActivity(t, db, 5)
	req := func(name string, party int, acked bool) linli.SignupRequest {
		return linli.SignupRequest{ActivityID: a.ID, Resident: name, PartySize: party, Group: "1期", Acked: acked, Now: t0}
	}
	untold := func() map[string]string {
		list, err := db.UnackedSignups(a.ID, "1期")
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, s := range list {
			out[s.Resident] = s.Change
		}
		return out
	}
	for _, r := range []linli.SignupRequest{req("A", 1, false), req("B", 1, false), req("C", 1, false)} {
		if _, err := db.SignUp(r); err != nil {
			t.Fatal(err)
		}
	}
	// A new sign-up not told yet stays "new" whatever follows.
	if _, err := db.SignUp(req("A", 2, false)); err != nil {
		t.Fatal(err)
	}
	if got := untold(); len(got) != 3 || got["A"] != linli.ChangeNew {
		t.Fatalf("before the first ack: %v", got)
	}
	if err := db.MarkAcked(a.ID, map[string]uint64{"A": 1, "B": 2, "C": 3}); err != nil {
		t.Fatal(err)
	}
	if got := untold(); len(got) != 0 {
		t.Fatalf("after the ack: %v", got)
	}
	db.SignUp(req("A", 1, false)) // party changed
	db.SignUp(req("B", 1, false)) // again
	if _, err := db.CancelSignup(a.ID, "C", t0); err != nil {
		t.Fatal(err)
	}
	if err := db.MarkUntold(a.ID, "C", linli.ChangeCancelled); err != nil {
		t.Fatal(err)
	}
	db.SignUp(linli.SignupRequest{ActivityID: a.ID, Resident: "D", PartySize: 1, Group: "1期", Acked: true, Now: t0})
	db.SignUp(linli.SignupRequest{ActivityID: a.ID, Resident: "D", PartySize: 1, Group: "1期", Acked: true, Now: t0}) // answered at once
	want := map[string]string{"A": linli.ChangeParty, "B": linli.ChangeAgain, "C": linli.ChangeCancelled}
	if got := untold(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("untold changes %v, want %v", got, want)
	}
	if err := db.MarkUntold(a.ID, "Z", linli.ChangeAgain); linli.ErrorCode(err) != linli.ENotFound {
		t.Errorf("untold without a sign-up: %v", err)
	}
}

func TestWalkIn(t *testing.T) {
	db, _ := newTestDB(t)
	a := newActivity(t, db, 2)
	signUp(t, db, a.ID, "A", 1, t0)
	at := a.StartsAt
	s, err := db.WalkIn(a.ID, "王婶", at)
	if err != nil || s.Source != linli.SourceWalkIn || s.Status != linli.SignupConfirmed || !s.CheckedIn.Equal(at) {
		t.Fatalf("walk-in with a free seat: %+v %v", s, err)
	}
	if s, err = db.WalkIn(a.ID, "李叔", at); err != nil || s.Status != linli.SignupWaitlisted || !s.WalkIn {
		t.Fatalf("walk-in when full: %+v %v", s, err)
	}
	if s, err = db.WalkIn(a.ID, "A", at); err != nil || s.Source == linli.SourceWalkIn || !s.CheckedIn.Equal(at) {
		t.Fatalf("a signed-up name is checked in: %+v %v", s, err)
	}
	if s, err = db.WalkIn(a.ID, "王婶", at.Add(time.Hour)); err != nil || !s.CheckedIn.Equal(at) {
		t.Fatalf("again: the first check-in counts: %+v %v", s, err)
	}
	checkCounters(t, db, a.ID)
}

func TestCancelledActivityRefusesCheckIn(t *testing.T) {
	db, _ := newTestDB(t)
	a := newActivity(t, db, 2)
	signUp(t, db, a.ID, "A", 1, t0)
	if _, _, err := db.UpdateActivity(a.ID, t0, func(a *linli.Activity) error { a.Status = linli.ActivityCancelled; return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CheckIn(a.ID, []string{"A"}, a.StartsAt); linli.ErrorCode(err) != linli.EConflict {
		t.Errorf("check-in: %v", err)
	}
	if _, err := db.WalkIn(a.ID, "王婶", a.StartsAt); linli.ErrorCode(err) != linli.EConflict {
		t.Errorf("walk-in: %v", err)
	}
	if res := signUp(t, db, a.ID, "B", 1, t0); res.Outcome != linli.SignupClosed {
		t.Errorf("sign-up: %v", res.Outcome)
	}
	if _, _, err := db.UpdateActivity(a.ID, t0, func(a *linli.Activity) error { a.Status = linli.ActivityOpen; return nil }); linli.ErrorCode(err) != linli.EConflict {
		t.Errorf("reopen a cancelled activity: %v", err)
	}
}
