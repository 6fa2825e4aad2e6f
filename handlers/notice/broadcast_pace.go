package notice

import (
	"time"

	"linli"
)

// paceEstimate returns when the last of dests (one message each, all queued
// at now in this order) should be sent by an outbox paced by cfg, with ahead
// messages already waiting. It follows the outbox's rules: nothing goes
// before the coalesce window has passed, sends are at least a minute /
// per_minute apart overall and per_chat_interval apart in one chat, and the
// chat due soonest goes next (ties in queue order). It assumes no send
// fails and nothing else is queued meanwhile, so it is an estimate.
func paceEstimate(cfg linli.OutboxConfig, now time.Time, ahead int, dests []linli.Chat) time.Time {
	gap := time.Minute / time.Duration(max(cfg.PerMinute, 1))
	perChat := time.Duration(cfg.PerChatInterval)
	first := now.Add(time.Duration(cfg.CoalesceWindow))
	var lastAny time.Time
	if ahead > 0 {
		lastAny = first.Add(time.Duration(ahead-1) * gap)
	}
	// One queue per chat: the positions of its messages, in queue order.
	type chatQueue struct {
		pos      []int
		lastSent time.Time
	}
	var queues []*chatQueue
	byChat := map[linli.Chat]*chatQueue{}
	for i, c := range dests {
		q := byChat[c]
		if q == nil {
			q = &chatQueue{}
			byChat[c] = q
			queues = append(queues, q)
		}
		q.pos = append(q.pos, i)
	}
	last := now
	for range dests {
		var best *chatQueue
		var bestDue time.Time
		for _, q := range queues {
			if len(q.pos) == 0 {
				continue
			}
			due := first
			if !q.lastSent.IsZero() && q.lastSent.Add(perChat).After(due) {
				due = q.lastSent.Add(perChat)
			}
			if !lastAny.IsZero() && lastAny.Add(gap).After(due) {
				due = lastAny.Add(gap)
			}
			if best == nil || due.Before(bestDue) || (due.Equal(bestDue) && q.pos[0] < best.pos[0]) {
				best, bestDue = q, due
			}
		}
		best.pos = best.pos[1:]
		best.lastSent, lastAny, last = bestDue, bestDue, bestDue
	}
	return last
}
