package linli

import (
	"sync"
	"time"
)

// Clock tells the time. Every time-dependent part of linli reads one that is
// injected, so tests and the console can run on simulated time.
type Clock interface {
	Now() time.Time
}

// ClockFunc adapts a function to the Clock interface; cmd/linli wires
// ClockFunc(time.Now) for real operation.
type ClockFunc func() time.Time

// Now calls f.
func (f ClockFunc) Now() time.Time { return f() }

// SimClock is a settable clock for the console and tests. It never moves by
// itself. It is safe for concurrent use.
type SimClock struct {
	mu  sync.Mutex
	now time.Time
}

// NewSimClock returns a SimClock set to t.
func NewSimClock(t time.Time) *SimClock { return &SimClock{now: t} }

// Now returns the simulated time.
func (c *SimClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Set moves the clock to t. Moving backwards is ignored: simulated time, like
// real time, only goes forward.
func (c *SimClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if t.After(c.now) {
		c.now = t
	}
}

// Advance moves the clock forward by d.
func (c *SimClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if d > 0 {
		c.now = c.now.Add(d)
	}
}

// Timed is anything with work that falls due on the clock: the outbox and the
// scheduler. A driver (the console's simulated clock, or the real-time loop
// of `linli run`) asks for NextDue and calls RunDue when that time comes.
type Timed interface {
	// NextDue reports the earliest time at which RunDue has work, and false
	// when nothing is pending.
	NextDue() (time.Time, bool)
	// RunDue does all work due at or before now, in time order.
	RunDue(now time.Time) error
}
