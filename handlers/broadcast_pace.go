package handlers

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
	lastSent := map[linli.Chat]time.Time{}
	pending := append([]linli.Chat(nil), dests...)
	last := now
	for len(pending) > 0 {
		best := -1
		var bestDue time.Time
		seen := map[linli.Chat]bool{}
		for i, c := range pending {
			if seen[c] {
				continue
			}
			seen[c] = true
			due := first
			if t, ok := lastSent[c]; ok && t.Add(perChat).After(due) {
				due = t.Add(perChat)
			}
			if !lastAny.IsZero() && lastAny.Add(gap).After(due) {
				due = lastAny.Add(gap)
			}
			if best < 0 || due.Before(bestDue) {
				best, bestDue = i, due
			}
		}
		c := pending[best]
		pending = append(pending[:best], pending[best+1:]...)
		lastSent[c], lastAny, last = bestDue, bestDue, bestDue
	}
	return last
}
