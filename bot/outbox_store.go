package bot

import (
	"log/slog"
	"time"

	"linli"
)

// Pauses between attempts to write to a store that failed.
const (
	storeRetryMin = 5 * time.Second
	storeRetryMax = 5 * time.Minute
)

// storeSettle is how long writes must keep working after a failure before
// the store counts as recovered (and that is logged): a nearly full disk
// lets some writes through and fails others, and each of those flaps would
// otherwise log a failure and a recovery.
const storeSettle = 30 * time.Second

// storeHealth is whether the store can be written, as the last write said.
// Its methods are called with Outbox.mu held.
//
// It has hysteresis: the first failure is logged; a write that works then
// lets delivery go on at once, but the failure is over (and logged so) only
// once writes have worked for storeSettle. A failure in between is the same
// failure still: not logged again, staff not told again.
type storeHealth struct {
	down    bool
	since   time.Time // the failure began; zero: none (or recovered)
	okSince time.Time // !down and since set: writes work again since then
	err     error
	retryAt time.Time
	pause   time.Duration
	alerted bool // staff were told about this failure
}

// failed records a write failure; the first of a run of them is logged.
func (h *storeHealth) failed(log *slog.Logger, now time.Time, err error) {
	switch {
	case h.since.IsZero():
		h.since, h.pause, h.alerted = now, storeRetryMin, false
		log.Error("数据库写入失败，暂停发送直到恢复", "err", err)
	case !h.down: // it had seemed to work again: the same failure
		h.pause = storeRetryMin
		log.Debug("数据库写入又失败，仍在等待恢复", "err", err, "retry_in", h.pause)
	default:
		h.pause = min(2*h.pause, storeRetryMax)
		log.Debug("数据库写入仍然失败", "err", err, "retry_in", h.pause)
	}
	h.down, h.okSince = true, time.Time{}
	h.err, h.retryAt = err, now.Add(h.pause)
}

// ok records a successful write: delivery may go on; once writes have
// worked for storeSettle the failure is over, and logged once.
func (h *storeHealth) ok(log *slog.Logger, now time.Time) {
	if h.since.IsZero() {
		return
	}
	if h.down {
		h.down, h.okSince = false, now
	}
	if now.Sub(h.okSince) >= storeSettle {
		log.Warn("数据库写入已恢复，继续发送", "failing_since", h.since)
		*h = storeHealth{}
	}
}

// backlog holds completions the store has not recorded yet: messages
// delivered while it failed, and messages found being delivered at start
// (uncertain), which are not delivered again.
type backlog struct {
	unrecorded []uint64
	uncertain  []linli.Outgoing
	since      time.Time // when the oldest entry arrived
}

func (b *backlog) waiting() bool { return len(b.unrecorded) > 0 || len(b.uncertain) > 0 }

func (b *backlog) add(ids []uint64, now time.Time) {
	if !b.waiting() {
		b.since = now
	}
	b.unrecorded = append(b.unrecorded, ids...)
}

// writeBacklog records the completions waiting in the backlog and reports
// whether the store took them (false: it still fails, deliver nothing). The
// uncertain messages are then handed to OnDrop with ErrMaybeSent.
func (o *Outbox) writeBacklog(now time.Time) bool {
	o.mu.Lock()
	if !o.backlog.waiting() {
		o.mu.Unlock()
		return true
	}
	ids := append([]uint64(nil), o.backlog.unrecorded...)
	for _, m := range o.backlog.uncertain {
		ids = append(ids, m.ID)
	}
	if err := o.store.CompleteOutgoing(ids, now); err != nil {
		o.health.failed(o.log, now, err)
		o.mu.Unlock()
		return false
	}
	o.health.ok(o.log, now)
	uncertain, onDrop := o.backlog.uncertain, o.onDrop
	o.backlog = backlog{}
	o.mu.Unlock()
	for _, m := range uncertain {
		o.log.Error("消息可能在崩溃前已发出，不再重发", "chat", m.To.String(), "id", m.ID, "text", m.Text)
		if onDrop != nil {
			onDrop(m, ErrMaybeSent)
		}
	}
	return true
}

// OnStorageDown sets the function that writes the notice to staff when the
// store cannot be written. The messages it returns are delivered directly,
// once per run of failures, when the platform takes them: they cannot be
// queued in a store that fails.
func (o *Outbox) OnStorageDown(fn func(err error) []linli.Outgoing) {
	o.mu.Lock()
	o.alertDown = fn
	o.mu.Unlock()
}

// alertStorageDown tells staff, once, that the store fails.
func (o *Outbox) alertStorageDown(now time.Time) {
	o.mu.Lock()
	h, fn, p := o.health, o.alertDown, o.platform
	o.mu.Unlock()
	if !h.down || h.alerted || fn == nil || p == nil || !o.isOnline() {
		return
	}
	delivered := false
	for _, m := range fn(h.err) {
		if err := p.Deliver(m); err != nil {
			o.log.Warn("无法告知社工数据库写入失败", "to", m.To.String(), "err", err)
			continue
		}
		delivered = true
	}
	o.mu.Lock()
	if delivered && o.health.down {
		o.health.alerted, o.lastAny = true, now
	}
	o.mu.Unlock()
}

// Online reports whether delivery is released (SetOnline).
func (o *Outbox) Online() bool { return o.isOnline() }

func (o *Outbox) isOnline() bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.online
}

// StorageFailed tells the outbox that a write elsewhere (the engine's
// journal) failed: delivery pauses as for its own write failures.
func (o *Outbox) StorageFailed(err error) {
	o.mu.Lock()
	o.health.failed(o.log, o.clock.Now(), err)
	o.mu.Unlock()
	o.poke()
}

// StorageOK tells the outbox that a write elsewhere succeeded: a pause for
// failing writes ends.
func (o *Outbox) StorageOK() {
	o.mu.Lock()
	down := o.health.down
	o.health.ok(o.log, o.clock.Now())
	o.mu.Unlock()
	if down {
		o.poke()
	}
}

// StorageDown reports whether writes are failing, since when and why.
func (o *Outbox) StorageDown() (since time.Time, err error, down bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.health.since, o.health.err, o.health.down
}

// storageFailed is health.failed with the lock taken.
func (o *Outbox) storageFailed(now time.Time, err error) {
	o.mu.Lock()
	o.health.failed(o.log, now, err)
	o.mu.Unlock()
}
