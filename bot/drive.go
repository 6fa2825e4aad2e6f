package bot

import (
	"context"
	"time"

	"linli"
)

// Drive runs timed work (outbox, scheduler) on real time until ctx is done:
// it sleeps until the earliest NextDue or a wake signal, then calls RunDue on
// each. Errors from RunDue are passed to onErr and do not stop the loop.
func Drive(ctx context.Context, clock linli.Clock, wake <-chan struct{}, onErr func(error), timed ...linli.Timed) {
	const idle = 15 * time.Second
	for {
		now := clock.Now()
		wait := idle
		for _, t := range timed {
			if due, ok := t.NextDue(); ok {
				wait = min(wait, max(due.Sub(now), 0))
			}
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-wake:
			timer.Stop()
		case <-timer.C:
		}
		now = clock.Now()
		for _, t := range timed {
			if err := t.RunDue(now); err != nil && onErr != nil {
				onErr(err)
			}
		}
	}
}
