package mock

import (
	"time"

	"linli"
)

var (
	_ linli.Scheduler = (*Scheduler)(nil)
	_ linli.Calendar  = (*Calendar)(nil)
	_ linli.Timed     = (*Timed)(nil)
	_ linli.Clock     = (*Clock)(nil)
)

// Scheduler is a function-field fake of linli.Scheduler.
type Scheduler struct {
	NextFn     func(spec string, after time.Time) (time.Time, error)
	HandleFn   func(kind string, fn linli.JobFunc)
	ScheduleFn func(j linli.Job) (linli.Job, error)
	CancelFn   func(key string) error
	CancelIDFn func(id uint64) (linli.Job, error)
	JobsFn     func(kind string) ([]linli.Job, error)
}

// Next calls NextFn.
func (fake *Scheduler) Next(spec string, after time.Time) (time.Time, error) {
	if fake.NextFn == nil {
		unset("Scheduler.Next")
	}
	return fake.NextFn(spec, after)
}

// Calendar is a function-field fake of linli.Calendar.
type Calendar struct {
	NextFn func(spec string, after time.Time) (time.Time, error)
}

// Next calls NextFn.
func (fake *Calendar) Next(spec string, after time.Time) (time.Time, error) {
	if fake.NextFn == nil {
		unset("Calendar.Next")
	}
	return fake.NextFn(spec, after)
}

// Handle calls HandleFn.
func (fake *Scheduler) Handle(kind string, fn linli.JobFunc) {
	if fake.HandleFn == nil {
		unset("Scheduler.Handle")
	}
	fake.HandleFn(kind, fn)
}

// Schedule calls ScheduleFn.
func (fake *Scheduler) Schedule(j linli.Job) (linli.Job, error) {
	if fake.ScheduleFn == nil {
		unset("Scheduler.Schedule")
	}
	return fake.ScheduleFn(j)
}

// Cancel calls CancelFn.
func (fake *Scheduler) Cancel(key string) error {
	if fake.CancelFn == nil {
		unset("Scheduler.Cancel")
	}
	return fake.CancelFn(key)
}

// CancelID calls CancelIDFn.
func (fake *Scheduler) CancelID(id uint64) (linli.Job, error) {
	if fake.CancelIDFn == nil {
		unset("Scheduler.CancelID")
	}
	return fake.CancelIDFn(id)
}

// Jobs calls JobsFn.
func (fake *Scheduler) Jobs(kind string) ([]linli.Job, error) {
	if fake.JobsFn == nil {
		unset("Scheduler.Jobs")
	}
	return fake.JobsFn(kind)
}

// Timed is a function-field fake of linli.Timed.
type Timed struct {
	NextDueFn func() (time.Time, bool)
	RunDueFn  func(now time.Time) error
}

// NextDue calls NextDueFn.
func (fake *Timed) NextDue() (time.Time, bool) {
	if fake.NextDueFn == nil {
		unset("Timed.NextDue")
	}
	return fake.NextDueFn()
}

// RunDue calls RunDueFn.
func (fake *Timed) RunDue(now time.Time) error {
	if fake.RunDueFn == nil {
		unset("Timed.RunDue")
	}
	return fake.RunDueFn(now)
}

// Clock is a function-field fake of linli.Clock.
type Clock struct {
	NowFn func() time.Time
}

// Now calls NowFn.
func (fake *Clock) Now() time.Time {
	if fake.NowFn == nil {
		unset("Clock.Now")
	}
	return fake.NowFn()
}
