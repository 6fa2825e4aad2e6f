package scheduler

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"linli"
)

func TestJobFuncMayCancelItself(t *testing.T) {
	f := newFixture(t, time.UTC)
	f.handle("once", func(j linli.Job, _ time.Time) error { return f.s.Cancel(j.Key) })
	f.handle("byid", func(j linli.Job, _ time.Time) error { _, err := f.s.CancelID(j.ID); return err })
	a := f.schedule(linli.Job{Kind: "once", Key: "k", Spec: "0 9 * * *"})
	b := f.schedule(linli.Job{Kind: "byid", Spec: "0 10 * * *"})
	// Three days missed, but each job cancels itself at its first occurrence.
	want := []string{"once 11-23 09:00", "byid 11-23 10:00"}
	if got := f.runAt(at(2, 12, 0)); !slices.Equal(got, want) {
		t.Errorf("fired %q; want %q", got, want)
	}
	for _, id := range []uint64{a.ID, b.ID} {
		if _, ok := f.store.get(id); ok {
			t.Errorf("job %d re-stored after cancelling itself", id)
		}
	}
	f.wantJobs("")
}

func TestJobFuncMaySchedule(t *testing.T) {
	f := newFixture(t, time.UTC)
	// A reminder that re-arms itself (same Key) an hour later, three times.
	f.handle("remind", func(j linli.Job, occ time.Time) error {
		if occ.Before(at(0, 11, 0)) {
			_, err := f.s.Schedule(linli.Job{Kind: "remind", Key: j.Key, At: occ.Add(time.Hour)})
			return err
		}
		return nil
	})
	// A job that schedules another job due right now: it fires in the same run.
	f.handle("spawn", func(j linli.Job, occ time.Time) error {
		_, err := f.s.Schedule(linli.Job{Kind: "child", At: f.clock.Now()})
		return err
	})
	f.handle("child", nil)
	r := f.schedule(linli.Job{Kind: "remind", Key: "r1", At: at(0, 9, 0)})
	f.schedule(linli.Job{Kind: "spawn", At: at(0, 9, 30)})

	steps := []struct {
		now  time.Time
		want []string
	}{
		{at(0, 9, 0), []string{"remind 11-23 09:00"}},
		{at(0, 9, 45), []string{"spawn 11-23 09:30", "child 11-23 09:45"}},
		{at(0, 10, 0), []string{"remind 11-23 10:00"}},
		{at(0, 11, 0), []string{"remind 11-23 11:00"}},
		{at(1, 0, 0), nil},
	}
	for _, st := range steps {
		if got := f.runAt(st.now); !slices.Equal(got, st.want) {
			t.Errorf("at %v fired %q; want %q", st.now, got, st.want)
		}
		if st.now.Equal(at(0, 10, 0)) {
			if _, ok := f.store.get(r.ID); !ok {
				t.Error("re-armed reminder was deleted by the advance step")
			}
		}
	}
	f.wantJobs("")
}

func TestFailingJobDoesNotBlockOthers(t *testing.T) {
	f := newFixture(t, time.UTC)
	f.handle("fail", func(linli.Job, time.Time) error { return errors.New("boom") })
	f.handle("panic", func(linli.Job, time.Time) error { panic("kaboom") })
	f.handle("ok", nil)
	fail := f.schedule(linli.Job{Kind: "fail", Spec: "0 9 * * *"})
	f.schedule(linli.Job{Kind: "panic", At: at(0, 9, 1)})
	f.schedule(linli.Job{Kind: "ok", At: at(0, 9, 2)})
	want := []string{"fail 11-23 09:00", "panic 11-23 09:01", "ok 11-23 09:02", "fail 11-24 09:00"}
	if got := f.runAt(at(1, 9, 30)); !slices.Equal(got, want) {
		t.Errorf("fired %q; want %q", got, want)
	}
	if got := f.runAt(at(1, 9, 30)); got != nil {
		t.Errorf("failed occurrences retried: %q", got)
	}
	f.wantJobs("", fail.ID)
	logs := f.logs.String()
	for _, s := range []string{"component=scheduler", "定时任务失败", "err=boom", "kind=fail", "occurrence=2026-11-23T09:00:00", "kaboom"} {
		if !strings.Contains(logs, s) {
			t.Errorf("logs lack %q:\n%s", s, logs)
		}
	}
}

func TestUnhandledKindStaysDue(t *testing.T) {
	f := newFixture(t, time.UTC)
	f.handle("ok", nil)
	orphan := f.schedule(linli.Job{Kind: "later", Spec: "0 9 * * *"})
	f.schedule(linli.Job{Kind: "ok", At: at(0, 9, 5)})
	for range 2 {
		if got := f.runAt(at(1, 10, 0)); len(got) > 1 || (len(got) == 1 && got[0] != "ok 11-23 09:05") {
			t.Errorf("fired %q; want only the handled job", got)
		}
	}
	f.wantNextDue(time.Time{}, false) // nothing that can fire: the driver must not spin
	f.wantJobs("later", orphan.ID)
	if n := strings.Count(f.logs.String(), "no handler"); n != 1 {
		t.Errorf("missing handler logged %d times; want once", n)
	}
	// A restart that registers the handler fires every missed occurrence.
	f.handle("later", nil)
	f.restart()
	want := []string{"later 11-23 09:00", "later 11-24 09:00"}
	if got := f.runAt(at(1, 10, 0)); !slices.Equal(got, want) {
		t.Errorf("after registering the handler fired %q; want %q", got, want)
	}
}

func TestCatchUpIsCapped(t *testing.T) {
	f := newFixture(t, time.UTC)
	f.handle("tick", nil)
	j := f.schedule(linli.Job{Kind: "tick", Spec: "* * * * *"})
	got := f.runAt(at(2, 8, 0)) // 2880 missed minutes
	if len(got) != MaxCatchUp || got[0] != "tick 11-23 08:01" {
		t.Fatalf("fired %d occurrences starting %q; want %d from 08:01", len(got), got[:1], MaxCatchUp)
	}
	stored, _ := f.store.get(j.ID)
	if !stored.Next.Equal(at(2, 8, 1)) {
		t.Errorf("Next after skipping = %v; want %v", stored.Next, at(2, 8, 1))
	}
	if !strings.Contains(f.logs.String(), "跳到下一次") {
		t.Error("skip not logged")
	}
	if got := f.runAt(at(2, 8, 1)); !slices.Equal(got, []string{"tick 11-25 08:01"}) {
		t.Errorf("after skip fired %q", got)
	}
}
