package bot

import (
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"sync"
	"time"

	"linli"
)

// Outbox is the only way messages leave linli. It persists every accepted
// message (nothing is lost on restart), keeps a minimum interval per chat and
// an even global pace (per_minute), coalesces short messages to one chat
// queued within the coalesce window into one, splits over-long text, and
// falls back from a private message to an @mention in the resident's group
// when they are not the bot's friend.
//
// It is passive: a driver calls NextDue and RunDue (see Drive and the
// console). Send and RunDue are safe for concurrent use.
type Outbox struct {
	store     linli.OutboxStore
	residents linli.ResidentStore
	clock     linli.Clock
	cfg       linli.OutboxConfig
	log       *slog.Logger

	run      sync.Mutex // one RunDue at a time
	mu       sync.Mutex
	platform linli.Platform
	pending  []linli.Outgoing // ID order
	lastSent map[linli.Chat]time.Time
	retryAt  map[linli.Chat]time.Time
	backoff  map[linli.Chat]time.Duration
	lastAny  time.Time
	online   bool
	notify   chan struct{}
	onDrop   func(linli.Outgoing, error)
	aliases  *GroupAliases
}

// MaxTries is how many times a message that fails with an error other than
// linli.ErrRetryLater is attempted before it is dropped (and logged).
const MaxTries = 3

var _ linli.Sender = (*Outbox)(nil)
var _ linli.Timed = (*Outbox)(nil)

// NewOutbox loads the pending messages from store. cfg must be validated.
func NewOutbox(store linli.OutboxStore, residents linli.ResidentStore, clock linli.Clock,
	cfg linli.OutboxConfig, log *slog.Logger) (*Outbox, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	pending, err := store.PendingOutgoing()
	if err != nil {
		return nil, fmt.Errorf("outbox: load pending: %w", err)
	}
	return &Outbox{
		store: store, residents: residents, clock: clock, cfg: cfg,
		log:      log.With("component", "outbox"),
		pending:  pending,
		lastSent: map[linli.Chat]time.Time{},
		retryAt:  map[linli.Chat]time.Time{},
		backoff:  map[linli.Chat]time.Duration{},
		online:   true,
		notify:   make(chan struct{}, 1),
	}, nil
}

// SetPlatform sets where messages are delivered. Until it is set nothing is
// due.
func (o *Outbox) SetPlatform(p linli.Platform) {
	o.mu.Lock()
	o.platform = p
	o.mu.Unlock()
	o.poke()
}

// SetGroupAliases makes the outbox deliver messages for a renamed group to
// its current topic. The translation happens at delivery, so messages queued
// before the group was re-bound go to the new topic too; chats (pacing,
// coalescing, Outgoing.To) keep the configured name.
func (o *Outbox) SetGroupAliases(a *GroupAliases) {
	o.mu.Lock()
	o.aliases = a
	o.mu.Unlock()
}

// OnDrop sets a function told about every message given up after MaxTries
// failed deliveries (an unknown chat, a non-friend). It runs on the
// goroutine calling RunDue, outside the outbox's lock: it may call Send.
func (o *Outbox) OnDrop(fn func(out linli.Outgoing, err error)) {
	o.mu.Lock()
	o.onDrop = fn
	o.mu.Unlock()
}

// SetOnline holds (false) or releases (true) delivery, e.g. while the
// platform session is lost. Messages keep queuing while held.
func (o *Outbox) SetOnline(up bool) {
	o.mu.Lock()
	o.online = up
	if up {
		o.retryAt = map[linli.Chat]time.Time{}
		o.backoff = map[linli.Chat]time.Duration{}
	}
	o.mu.Unlock()
	o.poke()
}

// Wake returns a channel that receives when new work may be due sooner.
func (o *Outbox) Wake() <-chan struct{} { return o.notify }

// Pending returns the number of messages waiting.
func (o *Outbox) Pending() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.pending)
}

func (o *Outbox) poke() {
	select {
	case o.notify <- struct{}{}:
	default:
	}
}

// Send accepts out for delivery: it resolves the private fallback, renders
// @mentions into the text, splits over-long text and persists the result.
// A message whose Key was used before is silently dropped.
func (o *Outbox) Send(out linli.Outgoing) error {
	if out.To.Group == "" && out.To.User == "" {
		return fmt.Errorf("outbox: message without destination")
	}
	if strings.TrimSpace(out.Text) == "" && out.Media == nil {
		return nil
	}
	if out.To.User != "" && !out.Private {
		out = o.resolvePrivate(out)
	}
	if len(out.Mention) > 0 && out.To.Group != "" {
		out.Text = "@" + strings.Join(out.Mention, " @") + " " + out.Text
	}
	now := o.clock.Now()
	parts := splitText(out.Text, o.cfg.MaxLength)
	o.mu.Lock()
	defer o.mu.Unlock()
	for i, text := range parts {
		part := out
		part.ID, part.Text, part.Queued = 0, text, now
		if i > 0 {
			part.Media = nil
			if out.Key != "" {
				part.Key = fmt.Sprintf("%s#%d", out.Key, i)
			}
		}
		ok, err := o.store.EnqueueOutgoing(&part)
		if err != nil {
			return fmt.Errorf("outbox: enqueue: %w", err)
		}
		if ok {
			o.pending = append(o.pending, part)
		}
	}
	o.poke()
	return nil
}

// resolvePrivate turns a private message to a resident who is not the bot's
// friend into an @mention in the group where they last talked.
func (o *Outbox) resolvePrivate(out linli.Outgoing) linli.Outgoing {
	o.mu.Lock()
	p := o.platform
	o.mu.Unlock()
	if p == nil || p.CanPrivate(out.To.User) {
		return out
	}
	r, err := o.residents.Resident(out.To.User)
	if err != nil {
		r, err = o.residents.ResidentByNickname(out.To.User)
	}
	if err != nil || r.LastGroup == "" {
		o.log.Warn("no way to reach user privately or in a group; trying privately", "user", out.To.User)
		return out
	}
	out.Mention = append([]string{r.Name}, out.Mention...)
	out.To = linli.Chat{Group: r.LastGroup}
	return out
}

// NextDue reports when the next message may be sent.
func (o *Outbox) NextDue() (time.Time, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	_, due, ok := o.pickLocked(time.Time{})
	return due, ok
}

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

// RunDue delivers everything due at now, chat by chat in due order.
func (o *Outbox) RunDue(now time.Time) error {
	o.run.Lock()
	defer o.run.Unlock()
	for {
		o.mu.Lock()
		chat, due, ok := o.pickLocked(now)
		if !ok || due.After(now) {
			o.mu.Unlock()
			return nil
		}
		batch := o.batchLocked(chat, now)
		p, aliases := o.platform, o.aliases
		o.mu.Unlock()
		if len(batch) == 0 {
			return nil
		}
		msg := merge(batch)
		if msg.To.Group != "" {
			msg.To.Group = aliases.Topic(msg.To.Group)
		}
		err := p.Deliver(msg)
		dropped, serr := o.settle(chat, batch, now, err)
		if serr != nil {
			return serr
		}
		o.mu.Lock()
		onDrop := o.onDrop
		o.mu.Unlock()
		for _, m := range dropped {
			if onDrop != nil {
				onDrop(m, err)
			}
		}
	}
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

// settle records the outcome of one delivery and returns the messages given
// up on.
func (o *Outbox) settle(chat linli.Chat, batch []linli.Outgoing, now time.Time, sendErr error) ([]linli.Outgoing, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	ids := make([]uint64, len(batch))
	for i, m := range batch {
		ids[i] = m.ID
	}
	switch {
	case sendErr == nil:
		o.lastSent[chat], o.lastAny = now, now
		delete(o.backoff, chat)
		delete(o.retryAt, chat)
		return nil, o.completeLocked(ids, now)
	case errors.Is(sendErr, linli.ErrRetryLater):
		b := min(max(2*o.backoff[chat], 10*time.Second), 5*time.Minute)
		o.backoff[chat], o.retryAt[chat] = b, now.Add(b)
		o.log.Warn("delivery deferred", "chat", chat.String(), "retry_in", b, "err", sendErr)
		return nil, nil
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
			o.log.Error("message dropped after failed deliveries", "chat", chat.String(), "id", m.ID, "text", m.Text, "err", sendErr)
		} else if err := o.store.UpdateOutgoing(*m); err != nil {
			return nil, fmt.Errorf("outbox: update: %w", err)
		}
	}
	o.retryAt[chat] = now.Add(30 * time.Second)
	o.log.Warn("delivery failed", "chat", chat.String(), "err", sendErr)
	return dropped, o.completeLocked(dropIDs, now)
}

func (o *Outbox) completeLocked(ids []uint64, now time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	if err := o.store.CompleteOutgoing(ids, now); err != nil {
		return fmt.Errorf("outbox: complete: %w", err)
	}
	kept := o.pending[:0]
	for _, m := range o.pending {
		if !containsID(ids, m.ID) {
			kept = append(kept, m)
		}
	}
	o.pending = kept
	return nil
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
