package bot

import (
	"fmt"
	"time"

	"linli"
)

// BacklogAlert is how long the queued messages may take to drain, at the
// configured pace, before staff are told: a notice queued behind more than
// an hour of messages reaches residents too late to be useful, and a storm
// of messages means something (a broadcast loop, an abuse) needs a person.
const BacklogAlert = time.Hour

// backlogWatch remembers whether staff were told of the current backlog.
type backlogWatch struct {
	fn      func(pending int, drain time.Duration) []linli.Outgoing
	alerted bool
}

// OnBacklog sets the function that writes the notice to staff when the
// queue would take more than BacklogAlert to drain. The notice is queued in
// the emergency lane, once per backlog; a new one is sent only after the
// queue has fallen below half of that.
func (o *Outbox) OnBacklog(fn func(pending int, drain time.Duration) []linli.Outgoing) {
	o.mu.Lock()
	o.watch.fn = fn
	o.mu.Unlock()
}

// drainLocked estimates how long the pending messages take to go out: the
// global pace (per_minute), or the busiest chat's interval, whichever is
// slower. Call with o.mu held.
func (o *Outbox) drainLocked() time.Duration {
	n := len(o.pending)
	if n == 0 {
		return 0
	}
	global := time.Duration(0)
	if o.cfg.PerMinute > 0 {
		global = time.Duration(n) * time.Minute / time.Duration(o.cfg.PerMinute)
	}
	interval := time.Duration(o.cfg.PerChatInterval)
	if global > BacklogAlert || time.Duration(n)*interval <= global {
		return global // the busiest chat cannot be slower: no pass over the queue
	}
	perChat := map[linli.Chat]int{}
	busiest := 0
	for _, m := range o.pending {
		perChat[m.To]++
		busiest = max(busiest, perChat[m.To])
	}
	return max(global, time.Duration(busiest)*interval)
}

// checkBacklogLocked returns the notices to queue when the backlog has just
// grown past BacklogAlert (rearmBacklogLocked re-arms it). Call with o.mu
// held.
func (o *Outbox) checkBacklogLocked() []linli.Outgoing {
	if o.watch.fn == nil {
		return nil
	}
	if o.watch.alerted {
		return nil
	}
	drain := o.drainLocked()
	switch {
	case drain > BacklogAlert:
		o.watch.alerted = true
		o.log.Warn("待发消息积压，预计超过1小时才能发完，已告知社工", "pending", len(o.pending), "drain", drain)
		return o.watch.fn(len(o.pending), drain)
	}
	return nil
}

// rearmBacklogLocked lets the next backlog be told once the queue, as it
// drains, is below half of BacklogAlert at the global pace. Call with o.mu
// held; it is cheap (no pass over the queue).
func (o *Outbox) rearmBacklogLocked() {
	if o.watch.alerted && o.cfg.PerMinute > 0 &&
		time.Duration(len(o.pending))*time.Minute/time.Duration(o.cfg.PerMinute) < BacklogAlert/2 {
		o.watch.alerted = false
	}
}

// backlogAlert is the notice to staff about a backlog (Outbox.OnBacklog):
// to the staff group, or to each staff member.
func (m *SessionMonitor) backlogAlert(pending int, drain time.Duration) []linli.Outgoing {
	text := fmt.Sprintf(TextBacklog, pending, m.cfg.Outbox.PerMinute, int(drain.Round(time.Minute)/time.Minute))
	key := fmt.Sprintf("backlog:%d", m.clock.Now().Unix())
	if g := m.cfg.StaffGroup; g != "" {
		return []linli.Outgoing{{Key: key, To: linli.Chat{Group: g}, Text: text, Priority: linli.PriorityEmergency, Alone: true}}
	}
	var out []linli.Outgoing
	for _, name := range m.cfg.StaffNames() {
		out = append(out, linli.Outgoing{Key: key + ":" + name, To: linli.Chat{User: name}, Text: text, Private: true,
			Priority: linli.PriorityEmergency, Alone: true})
	}
	return out
}
