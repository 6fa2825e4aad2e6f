package bot

import (
	"sort"
	"strings"
	"time"

	"linli"
)

// pickLocked chooses the chat to deliver to next. Among the chats whose
// head message is due by now it takes the most urgent lane (Outgoing.Lane),
// then the earliest due, then the oldest message; when none is due (or now
// is zero) it returns the chat due soonest. A chat's head is its oldest
// message in its most urgent lane: a reply to a group overtakes broadcasts
// queued for it.
func (o *Outbox) pickLocked(now time.Time) (linli.Chat, time.Time, bool) {
	if !o.online || o.platform == nil || len(o.pending) == 0 {
		return linli.Chat{}, time.Time{}, false
	}
	gap := time.Minute / time.Duration(max(o.cfg.PerMinute, 1))
	heads := map[linli.Chat]int{} // chat → index of its head in pending
	var order []linli.Chat
	for i, m := range o.pending {
		h, seen := heads[m.To]
		switch {
		case !seen:
			heads[m.To] = i
			order = append(order, m.To)
		case m.Lane() < o.pending[h].Lane():
			heads[m.To] = i
		}
	}
	type choice struct {
		chat linli.Chat
		due  time.Time
		lane linli.Priority
		id   uint64
		ok   bool
	}
	var soonest, ready choice
	for _, chat := range order {
		m := o.pending[heads[chat]]
		due := m.Queued.Add(time.Duration(o.cfg.CoalesceWindow))
		due = later(due, o.lastSent[chat].Add(time.Duration(o.cfg.PerChatInterval)))
		due = later(due, o.retryAt[chat])
		if !o.lastAny.IsZero() {
			due = later(due, o.lastAny.Add(gap))
		}
		c := choice{chat, due, m.Lane(), m.ID, true}
		if !soonest.ok || due.Before(soonest.due) {
			soonest = c
		}
		if now.IsZero() || due.After(now) {
			continue
		}
		if !ready.ok || c.lane < ready.lane || (c.lane == ready.lane && (due.Before(ready.due) ||
			(due.Equal(ready.due) && c.id < ready.id))) {
			ready = c
		}
	}
	if ready.ok {
		return ready.chat, ready.due, true
	}
	return soonest.chat, soonest.due, soonest.ok
}

// batchLocked takes the leading messages to chat in its most urgent lane
// that can go as one: text messages merged up to MaxLength runes, or a
// single media or Alone message.
func (o *Outbox) batchLocked(chat linli.Chat, now time.Time) []linli.Outgoing {
	lane := linli.PriorityBroadcast + 1
	for _, m := range o.pending {
		if m.To == chat && !m.Queued.After(now) {
			lane = min(lane, m.Lane())
		}
	}
	var batch []linli.Outgoing
	length := 0
	for _, m := range o.pending {
		if m.To != chat || m.Queued.After(now) || m.Lane() != lane {
			continue
		}
		n := len([]rune(m.Text))
		if len(batch) > 0 && (m.Media != nil || batch[0].Media != nil || m.Alone || batch[0].Alone || length+1+n > o.cfg.MaxLength) {
			break
		}
		batch = append(batch, m)
		length += n + 1
	}
	return batch
}

// merge joins a batch into one message.
func merge(batch []linli.Outgoing) linli.Outgoing {
	if len(batch) == 1 {
		return batch[0]
	}
	out := batch[0]
	texts := make([]string, 0, len(batch))
	var mentions []string
	for _, m := range batch {
		texts = append(texts, m.Text)
		mentions = append(mentions, m.Mention...)
	}
	out.Text = strings.Join(texts, "\n")
	sort.Strings(mentions)
	out.Mention = compactStrings(mentions)
	return out
}

// splitText cuts s into pieces of at most max runes, at line ends when it can.
func splitText(s string, limit int) []string {
	if limit <= 0 || len([]rune(s)) <= limit {
		return []string{s}
	}
	var parts []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			parts = append(parts, strings.TrimRight(string(cur), "\n"))
			cur = cur[:0]
		}
	}
	for _, line := range strings.SplitAfter(s, "\n") {
		r := []rune(line)
		if len(cur)+len(r) > limit {
			flush()
		}
		for len(r) > limit {
			parts = append(parts, string(r[:limit]))
			r = r[limit:]
		}
		cur = append(cur, r...)
	}
	flush()
	return parts
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func containsID(ids []uint64, id uint64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

func compactStrings(s []string) []string {
	var out []string
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}
