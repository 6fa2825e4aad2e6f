package scheduler

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"linli"
)

func TestOneOffFiresOnceAtItsTime(t *testing.T) {
	f := newFixture(t, time.UTC)
	f.handle("remind", nil)
	j := f.schedule(linli.Job{Kind: "remind", At: at(0, 10, 0)})
	if j.ID == 0 || !j.Next.Equal(at(0, 10, 0)) || !j.Created.Equal(day0) {
		t.Fatalf("Schedule returned %+v", j)
	}
	f.wantNextDue(at(0, 10, 0), true)

	steps := []struct {
		now  time.Time
		want []string
	}{
		{at(0, 9, 59), nil},
		{at(0, 10, 0), []string{"remind 11-23 10:00"}},
		{at(0, 10, 0), nil},
		{at(1, 10, 0), nil},
	}
	for _, st := range steps {
		if got := f.runAt(st.now); !slices.Equal(got, st.want) {
			t.Errorf("at %v fired %q; want %q", st.now, got, st.want)
		}
	}
	f.wantJobs("")
	f.wantNextDue(time.Time{}, false)
	if _, ok := f.store.get(j.ID); ok {
		t.Error("one-off job still in the store after firing")
	}
}

func TestDailyCatchUpAfterDowntime(t *testing.T) {
	f := newFixture(t, time.UTC)
	f.handle("daily", nil)
	j := f.schedule(linli.Job{Kind: "daily", Spec: "0 9 * * *"})
	steps := []struct {
		name string
		now  time.Time
		want []string
	}{
		{"first day", at(0, 9, 0), []string{"daily 11-23 09:00"}},
		{"down 3d5h", at(3, 14, 0), []string{"daily 11-24 09:00", "daily 11-25 09:00", "daily 11-26 09:00"}},
		{"again", at(3, 14, 0), nil},
		{"before next", at(4, 8, 59), nil},
		{"next", at(4, 9, 0), []string{"daily 11-27 09:00"}},
	}
	for _, st := range steps {
		if got := f.runAt(st.now); !slices.Equal(got, st.want) {
			t.Errorf("%s: fired %q; want %q", st.name, got, st.want)
		}
		if st.name == "again" {
			f.wantNextDue(at(4, 9, 0), true)
		}
	}
	stored, _ := f.store.get(j.ID)
	if !stored.Next.Equal(at(5, 9, 0)) {
		t.Errorf("stored Next = %v; want %v", stored.Next, at(5, 9, 0))
	}
	if logs := f.logs.String(); !strings.Contains(logs, "job fired late") || !strings.Contains(logs, "late=29h0m0s") {
		t.Errorf("no late warning with the delay in logs:\n%s", logs)
	}
}

func TestRestartFiresMissedOccurrencesOnce(t *testing.T) {
	f := newFixture(t, time.UTC)
	f.handle("daily", nil)
	f.schedule(linli.Job{Kind: "daily", Key: "morning", Spec: "0 9 * * *"})
	if got := f.runAt(at(0, 12, 0)); !slices.Equal(got, []string{"daily 11-23 09:00"}) {
		t.Fatalf("before restart fired %q", got)
	}
	f.clock.Set(at(2, 10, 0))
	f.restart()
	if got := f.runAt(at(2, 10, 0)); !slices.Equal(got, []string{"daily 11-24 09:00", "daily 11-25 09:00"}) {
		t.Errorf("after restart fired %q; want 11-24 and 11-25 once each", got)
	}
	f.restart()
	if got := f.runAt(at(2, 10, 0)); got != nil {
		t.Errorf("second restart fired %q; want nothing", got)
	}
}

func TestStoreFailureRefiresSameOccurrence(t *testing.T) {
	f := newFixture(t, time.UTC)
	var keys []string
	f.handle("notice", func(j linli.Job, occ time.Time) error {
		keys = append(keys, linli.JobKey(j, occ, "group"))
		return nil
	})
	f.schedule(linli.Job{Kind: "notice", Spec: "0 9 * * *"})
	f.store.setFailPut(errors.New("disk full"))
	f.clock.Set(at(0, 9, 0))
	if err := f.s.RunDue(f.clock.Now()); err == nil {
		t.Fatal("RunDue with a failing store returned nil")
	}
	f.wantNextDue(at(0, 9, 0).Add(storeRetry), true) // no spinning on a broken store
	f.store.setFailPut(nil)
	f.restart() // as after a crash before the advance was stored
	f.runAt(at(0, 9, 1))
	if len(keys) != 2 || keys[0] != keys[1] {
		t.Errorf("JobKeys %q; want the same occurrence twice (at-least-once, idempotent by key)", keys)
	}
	f.wantNextDue(at(1, 9, 0), true)
}

func TestJobsInterleaveInTimeOrder(t *testing.T) {
	f := newFixture(t, time.UTC)
	for _, k := range []string{"a", "b", "c", "d"} {
		f.handle(k, nil)
	}
	f.schedule(linli.Job{Kind: "a", Spec: "0 9 * * *"})
	f.schedule(linli.Job{Kind: "b", Spec: "30 9 * * *"})
	f.schedule(linli.Job{Kind: "c", At: at(1, 9, 15)})
	f.schedule(linli.Job{Kind: "d", Spec: "@daily"}) // midnight
	want := []string{
		"a 11-23 09:00", "b 11-23 09:30",
		"d 11-24 00:00", "a 11-24 09:00", "c 11-24 09:15", "b 11-24 09:30",
		"d 11-25 00:00", "a 11-25 09:00", "b 11-25 09:30",
	}
	if got := f.runAt(at(2, 10, 0)); !slices.Equal(got, want) {
		t.Errorf("fired\n%q\nwant\n%q", got, want)
	}
}

func TestTiesFireByID(t *testing.T) {
	f := newFixture(t, time.UTC)
	f.handle("x", nil)
	f.handle("y", nil)
	f.schedule(linli.Job{Kind: "y", Spec: "0 9 * * *"})
	f.schedule(linli.Job{Kind: "x", At: at(0, 9, 0)})
	if got := f.runAt(at(0, 9, 0)); !slices.Equal(got, []string{"y 11-23 09:00", "x 11-23 09:00"}) {
		t.Errorf("fired %q; want by ID", got)
	}
}
