package scheduler

import (
	"slices"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // Asia/Shanghai on machines without a zone database

	"linli"
)

// day0 is the start of every test: Monday 2026-11-23 08:00 UTC.
var day0 = time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)

// at returns day0's date plus days, at hh:mm UTC.
func at(days, hh, mm int) time.Time {
	return time.Date(2026, 11, 23+days, hh, mm, 0, 0, time.UTC)
}

// fixture is a scheduler on a memStore and a SimClock that records fired
// occurrences as "kind 01-02 15:04" (UTC).
type fixture struct {
	t        *testing.T
	store    *memStore
	clock    *linli.SimClock
	loc      *time.Location
	logs     *logBuffer
	s        *Scheduler
	handlers map[string]linli.JobFunc

	mu    sync.Mutex
	fired []string
}

func newFixture(t *testing.T, loc *time.Location) *fixture {
	t.Helper()
	f := &fixture{
		t:        t,
		store:    newMemStore(),
		clock:    linli.NewSimClock(day0),
		loc:      loc,
		logs:     &logBuffer{},
		handlers: make(map[string]linli.JobFunc),
	}
	f.restart()
	return f
}

// restart replaces the scheduler with a new one on the same store, as after
// a process restart, and registers the same handlers.
func (f *fixture) restart() {
	f.s = New(f.store, f.clock, f.loc, f.logs.logger())
	for kind, fn := range f.handlers {
		f.s.Handle(kind, fn)
	}
}

// handle registers fn for kind, recording each occurrence before calling fn.
func (f *fixture) handle(kind string, fn linli.JobFunc) {
	wrapped := func(j linli.Job, occ time.Time) error {
		f.mu.Lock()
		f.fired = append(f.fired, kind+" "+occ.UTC().Format("01-02 15:04"))
		f.mu.Unlock()
		if fn != nil {
			return fn(j, occ)
		}
		return nil
	}
	f.handlers[kind] = wrapped
	f.s.Handle(kind, wrapped)
}

func (f *fixture) schedule(j linli.Job) linli.Job {
	f.t.Helper()
	got, err := f.s.Schedule(j)
	if err != nil {
		f.t.Fatalf("Schedule(%+v): %v", j, err)
	}
	return got
}

// runAt moves the clock to t, runs what is due and returns what fired.
func (f *fixture) runAt(t time.Time) []string {
	f.t.Helper()
	f.clock.Set(t)
	if err := f.s.RunDue(f.clock.Now()); err != nil {
		f.t.Fatalf("RunDue(%v): %v", t, err)
	}
	return f.take()
}

// take returns and forgets what fired so far.
func (f *fixture) take() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := f.fired
	f.fired = nil
	return out
}

func (f *fixture) wantNextDue(want time.Time, wantOK bool) {
	f.t.Helper()
	got, ok := f.s.NextDue()
	if ok != wantOK || (ok && !got.Equal(want)) {
		f.t.Errorf("NextDue() = %v, %v; want %v, %v", got, ok, want, wantOK)
	}
}

func (f *fixture) wantJobs(kind string, wantIDs ...uint64) {
	f.t.Helper()
	jobs, err := f.s.Jobs(kind)
	if err != nil {
		f.t.Fatal(err)
	}
	var ids []uint64
	for _, j := range jobs {
		ids = append(ids, j.ID)
	}
	if !slices.Equal(ids, wantIDs) {
		f.t.Errorf("Jobs(%q) ids = %v; want %v", kind, ids, wantIDs)
	}
}
