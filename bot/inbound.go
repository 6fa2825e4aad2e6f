package bot

import (
	"context"
	"fmt"
	"slices"
	"time"

	"linli"
)

// inbound is a message waiting for Run.
type inbound struct {
	seq    uint64 // its journal record; 0 = not journaled (no InboundStore, or no id)
	msg    linli.Message
	replay bool // a previous process began handling it: its effects may be there
	marked bool // the journal says its handling has begun
	done   bool // handled; the journal record is still to be completed
	tries  int  // failed attempts
}

// maxHandleTries is how often Run tries a message whose handling fails with
// a storage error while writes otherwise work (a record that does not
// decode, say) before it gives up on it, so one bad message cannot stop the
// queue. While writes fail (a full disk) it keeps trying.
const maxHandleTries = 5

// Receive accepts a message from a platform adapter. With an InboundStore
// it records m first (marking its id seen in the same transaction) and
// returns only once m is on disk: the adapter may then acknowledge m to its
// platform. A message seen before is dropped (nil). An error means m was not
// recorded: the adapter should not acknowledge it, and try again. Messages
// from groups the engine does not serve are dropped without a record.
// Receive is safe for concurrent use; it does not wait for m to be handled.
func (e *Engine) Receive(m linli.Message) error {
	probe := m
	if m.Sender == "" || (m.Group != "" && !e.resolveGroup(&probe)) {
		return nil
	}
	rec := &inbound{msg: m}
	if e.opt.Inbound != nil && m.ID != "" {
		seq, first, err := e.opt.Inbound.RecordInbound(m, e.opt.Clock.Now())
		if err != nil {
			e.opt.Outbox.StorageFailed(err)
			return fmt.Errorf("engine: record message %s: %w", m.ID, err)
		}
		e.opt.Outbox.StorageOK()
		if !first {
			e.log.Debug("重复的消息，已忽略", "id", m.ID)
			return nil
		}
		rec.seq = seq
	}
	e.mu.Lock()
	if !e.closed {
		e.queue = append(e.queue, rec)
	}
	e.mu.Unlock()
	e.poke()
	return nil
}

func (e *Engine) poke() {
	select {
	case e.wake <- struct{}{}:
	default:
	}
}

// Run handles messages in the order received until ctx is done, starting
// with those a previous process recorded and did not finish. A message
// whose handling fails with a storage error is tried again after a pause;
// a handled message is taken out of the journal.
func (e *Engine) Run(ctx context.Context) error {
	defer func() {
		e.mu.Lock()
		e.closed = true
		e.mu.Unlock()
	}()
	for tries := 0; !e.loadJournal(); tries++ {
		if !e.opt.Wait(ctx, backoffFor(tries)) {
			return ctx.Err()
		}
	}
	for {
		e.mu.Lock()
		var head *inbound
		if len(e.queue) > 0 {
			head = e.queue[0]
		}
		e.mu.Unlock()
		if head == nil {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-e.wake:
			}
			continue
		}
		if retry := e.process(ctx, head); retry > 0 {
			if !e.opt.Wait(ctx, retry) {
				return ctx.Err()
			}
			continue
		}
		e.mu.Lock()
		e.queue = e.queue[1:]
		e.mu.Unlock()
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
}

// loadJournal queues the journal's records not queued yet (a previous
// process's unfinished work comes first: its sequence numbers are lower).
func (e *Engine) loadJournal() bool {
	if e.opt.Inbound == nil {
		return true
	}
	pending, err := e.opt.Inbound.PendingInbound()
	if err != nil {
		e.log.Error("读取收件记录失败", "err", err)
		return false
	}
	if len(pending) == 0 {
		return true
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	queued := map[uint64]bool{}
	for _, r := range e.queue {
		queued[r.seq] = true
	}
	var older []*inbound
	for _, p := range pending {
		if !queued[p.Seq] {
			older = append(older, &inbound{seq: p.Seq, msg: p.Msg, replay: p.Started, marked: p.Started})
		}
	}
	e.queue = append(older, e.queue...)
	e.log.Info("处理上次停止前收到的消息", "count", len(older))
	return true
}

// process handles rec (once) and completes its journal record. It returns
// how long to wait before trying rec again, or 0 when rec is finished.
//
// Handling a journaled message is made repeatable: the journal marks it
// begun first (together with the previous message's completion when it was
// queued by then), its messages get keys from its id (handling it again
// after a crash queues nothing it queued before), and when a previous
// process had begun it, replies to its sender are not sent again: its
// effects may be there already ("您已报名" would follow "报名成功").
func (e *Engine) process(ctx context.Context, rec *inbound) time.Duration {
	if !rec.done && rec.seq != 0 && !rec.marked {
		if err := e.opt.Inbound.CompleteInbound(0, rec.seq); err != nil {
			rec.tries++
			e.opt.Outbox.StorageFailed(err)
			return backoffFor(rec.tries)
		}
		rec.marked = true
	}
	if !rec.done {
		var err, serr error
		if rec.seq != 0 {
			var quiet func(linli.Outgoing) bool
			if rec.replay {
				e.log.Warn("重新处理上次中断的消息，已发给发送人的回复不再重发",
					"id", rec.msg.ID, "sender", rec.msg.Sender)
				quiet = repliesTo(rec.msg.Sender)
			}
			end := e.opt.Outbox.scopeKeys("in:"+rec.msg.ID, quiet)
			err = e.handle(ctx, rec.msg, false)
			if serr = end(); err == nil && serr != nil {
				// A reply could not be stored (a full disk): the message
				// stays in the journal and is handled again once writes
				// work; the keys of what it did queue make that harmless.
				err = serr
			}
		} else {
			err = e.handle(ctx, rec.msg, true)
		}
		if err != nil {
			rec.tries++
			_, _, writesFail := e.opt.Outbox.StorageDown()
			if rec.tries < maxHandleTries || writesFail || serr != nil {
				if rec.tries == 1 {
					e.log.Error("处理消息失败，稍后重试", "id", rec.msg.ID, "err", err)
				}
				return backoffFor(rec.tries)
			}
			e.log.Error("处理消息多次失败，已放弃", "id", rec.msg.ID, "tries", rec.tries, "err", err)
		}
		rec.done, rec.tries = true, 0
	}
	if rec.seq != 0 {
		e.mu.Lock()
		var next *inbound
		if len(e.queue) > 1 && e.queue[0] == rec && e.queue[1].seq != 0 && !e.queue[1].marked {
			next = e.queue[1]
		}
		e.mu.Unlock()
		var nextSeq uint64
		if next != nil {
			nextSeq = next.seq
		}
		if err := e.opt.Inbound.CompleteInbound(rec.seq, nextSeq); err != nil {
			rec.tries++
			e.opt.Outbox.StorageFailed(err)
			return backoffFor(rec.tries)
		}
		if next != nil {
			next.marked = true // only Run touches it
		}
		e.opt.Outbox.StorageOK()
	}
	return 0
}

// repliesTo reports messages for sender: privately, or @mentioning them.
func repliesTo(sender string) func(linli.Outgoing) bool {
	return func(out linli.Outgoing) bool {
		return out.To.User == sender || slices.Contains(out.Mention, sender)
	}
}

// backoffFor is the pause before attempt tries+1: 1 s doubling to 1 min.
func backoffFor(tries int) time.Duration {
	d := time.Second
	for i := 1; i < tries && d < time.Minute; i++ {
		d *= 2
	}
	return min(d, time.Minute)
}

// sleepTimer waits d on a timer, or until ctx ends.
func sleepTimer(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
