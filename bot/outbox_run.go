package bot

import (
	"errors"
	"time"

	"linli"
)

// ErrMaybeSent is the error OnDrop is told about for a message that was
// being delivered when linli last stopped: it may have gone out, so it is
// not sent again.
var ErrMaybeSent = errors.New("上次停止时正在发送，可能已经发出")

// NextDue reports when the next message may be sent, or when the store is
// to be tried again after a write failure.
func (o *Outbox) NextDue() (time.Time, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.platform == nil {
		return time.Time{}, false
	}
	_, due, ok := o.pickLocked(time.Time{})
	if o.backlog.waiting() {
		due, ok = earliest(due, ok, o.backlog.since), true
	}
	if ok && o.health.down {
		due = later(due, o.health.retryAt)
	}
	return due, ok
}

func earliest(a time.Time, ok bool, b time.Time) time.Time {
	if !ok || b.Before(a) {
		return b
	}
	return a
}

// RunDue delivers everything due at now, chat by chat in lane and due
// order. Store failures do not stop the caller: they hold delivery (see
// Outbox) and RunDue returns nil.
func (o *Outbox) RunDue(now time.Time) error {
	o.run.Lock()
	defer o.run.Unlock()
	o.mu.Lock()
	p := o.platform
	waiting := o.health.down && now.Before(o.health.retryAt)
	o.mu.Unlock()
	if p == nil || waiting {
		return nil
	}
	if o.writeBacklog(now) {
		o.deliverDue(now)
	}
	o.alertStorageDown(now)
	return nil
}

// deliverDue delivers what is due at now until nothing is, or the store
// fails. While the store is failing, RunDue calls it only at the retry
// time: the first write (MarkSending) is the probe.
func (o *Outbox) deliverDue(now time.Time) {
	for {
		o.mu.Lock()
		chat, due, ok := o.pickLocked(now)
		if !ok || due.After(now) {
			o.mu.Unlock()
			return
		}
		batch := o.batchLocked(chat, now)
		p, aliases := o.platform, o.aliases
		o.mu.Unlock()
		if len(batch) == 0 {
			return
		}
		ids := idsOf(batch)
		if o.marker != nil {
			if err := o.marker.MarkSending(ids, now); err != nil {
				o.storageFailed(now, err) // not delivered: nothing recorded it
				return
			}
		}
		msg := merge(batch)
		if msg.To.Group != "" {
			msg.To.Group = aliases.Topic(msg.To.Group)
		}
		err := p.Deliver(msg)
		dropped := o.settle(chat, batch, now, err)
		o.mu.Lock()
		onDrop := o.onDrop
		o.mu.Unlock()
		for _, m := range dropped {
			if onDrop != nil {
				onDrop(m, err)
			}
		}
		if _, _, down := o.StorageDown(); down {
			return // stop sending until a later RunDue finds the store working
		}
	}
}

// settle records the outcome of one delivery and returns the messages given
// up on. A delivered message leaves the queue at once, whether or not its
// completion could be written: it is never delivered twice.
func (o *Outbox) settle(chat linli.Chat, batch []linli.Outgoing, now time.Time, sendErr error) []linli.Outgoing {
	o.mu.Lock()
	defer o.mu.Unlock()
	ids := idsOf(batch)
	switch {
	case sendErr == nil:
		o.lastSent[chat], o.lastAny = now, now
		delete(o.backoff, chat)
		delete(o.retryAt, chat)
		o.completeLocked(ids, now)
		return nil
	case errors.Is(sendErr, linli.ErrRetryLater):
		b := min(max(2*o.backoff[chat], 10*time.Second), 5*time.Minute)
		o.backoff[chat], o.retryAt[chat] = b, now.Add(b)
		o.log.Warn("发送推迟", "chat", chat.String(), "retry_in", b, "err", sendErr)
		if o.marker != nil {
			if err := o.marker.MarkSending(ids, time.Time{}); err != nil {
				o.health.failed(o.log, now, err)
			}
		}
		return nil
	}
	var dropped []linli.Outgoing
	var dropIDs []uint64
	for i := range o.pending {
		m := &o.pending[i]
		if !containsID(ids, m.ID) {
			continue
		}
		m.Tries++
		if m.Tries >= MaxTries {
			dropped, dropIDs = append(dropped, *m), append(dropIDs, m.ID)
			o.log.Error("多次发送失败，消息已放弃", "chat", chat.String(), "id", m.ID, "text", m.Text, "err", sendErr)
		} else if err := o.store.UpdateOutgoing(*m); err != nil { // also clears Sending
			o.health.failed(o.log, now, err) // the count is kept in memory meanwhile
		}
	}
	o.retryAt[chat] = now.Add(30 * time.Second)
	o.log.Warn("发送失败", "chat", chat.String(), "err", sendErr)
	o.completeLocked(dropIDs, now)
	return dropped
}

// completeLocked takes ids out of the queue and records them as done; if
// that cannot be written they wait in the backlog.
func (o *Outbox) completeLocked(ids []uint64, now time.Time) {
	if len(ids) == 0 {
		return
	}
	kept := o.pending[:0]
	for _, m := range o.pending {
		if !containsID(ids, m.ID) {
			kept = append(kept, m)
		}
	}
	o.pending = kept
	o.rearmBacklogLocked()
	if err := o.store.CompleteOutgoing(ids, now); err != nil {
		o.backlog.add(ids, now)
		o.health.failed(o.log, now, err)
		return
	}
	o.health.ok(o.log, now)
}

func idsOf(batch []linli.Outgoing) []uint64 {
	ids := make([]uint64, len(batch))
	for i, m := range batch {
		ids[i] = m.ID
	}
	return ids
}
