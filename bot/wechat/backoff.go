package wechat

import "time"

// backoff is the pause between login attempts: min, doubling up to max,
// each pause spread by ±20% jitter so that many bots (or one bot's retries)
// do not knock in step.
type backoff struct {
	min, max time.Duration
	jitter   func() float64 // [0, 1)
	cur      time.Duration
}

// next returns the next pause and doubles the one after.
func (b *backoff) next() time.Duration {
	if b.cur <= 0 {
		b.cur = b.min
	}
	d := b.cur
	b.cur = min(2*b.cur, b.max)
	return time.Duration(float64(d) * (0.8 + 0.4*b.jitter()))
}

// reset starts again from min (after a session that lasted).
func (b *backoff) reset() { b.cur = 0 }
