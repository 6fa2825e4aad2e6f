package bot

import (
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"linli"
	"linli/textnorm"
)

// Outbox is the only way messages leave linli. It persists every accepted
// message (nothing is lost on restart), keeps a minimum interval per chat and
// an even global pace (per_minute), delivers in priority lanes (emergency
// answers, replies, broadcasts), coalesces short messages to one chat
// queued within the coalesce window into one, splits over-long text, and
// falls back from a private message to an @mention in the resident's group
// when they are not the bot's friend.
//
// A message is delivered at most once. With a store that is a
// linli.SendingMarker, each delivery is recorded as started before it is
// made; a message found so marked at start (the process died mid-delivery)
// is not sent again but reported through OnDrop with ErrMaybeSent. When the
// store cannot be written (a full disk, a read-only file system), the outbox
// stops delivering, logs once, tells staff once (OnStorageDown), retries the
// store with a growing pause and resumes by itself; a message delivered
// whose completion could not be written is kept out of the queue in memory,
// so it is not delivered again either.
//
// It is passive: a driver calls NextDue and RunDue (see Drive and the
// console). Send and RunDue are safe for concurrent use.
type Outbox struct {
	store     linli.OutboxStore
	residents linli.ResidentStore
	clock     linli.Clock
	cfg       linli.OutboxConfig
	log       *slog.Logger

	marker    linli.SendingMarker // the store, if it records deliveries in progress
	run       sync.Mutex          // one RunDue at a time
	mu        sync.Mutex
	platform  linli.Platform
	pending   []linli.Outgoing // ID order
	lastSent  map[linli.Chat]time.Time
	retryAt   map[linli.Chat]time.Time
	backoff   map[linli.Chat]time.Duration
	lastAny   time.Time
	online    bool
	notify    chan struct{}
	onDrop    func(linli.Outgoing, error)
	aliases   *GroupAliases
	backlog   backlog     // completions still to write (outbox_store.go)
	health    storeHealth // whether the store can be written (outbox_store.go)
	alertDown func(err error) []linli.Outgoing
	watch     backlogWatch // tells staff of a backlog over BacklogAlert (outbox_backlog.go)
	scope     string       // scopeKeys: key prefix for messages sent without a Key
	scopeN    int
	quiet     func(linli.Outgoing) bool // scopeKeys: messages not to send at all
	scopeErr  error                     // scopeKeys: the first message of the scope that could not be stored
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
	o := &Outbox{
		store: store, residents: residents, clock: clock, cfg: cfg,
		log:      log.With("component", "outbox"),
		lastSent: map[linli.Chat]time.Time{},
		retryAt:  map[linli.Chat]time.Time{},
		backoff:  map[linli.Chat]time.Duration{},
		online:   true,
		notify:   make(chan struct{}, 1),
	}
	o.marker, _ = store.(linli.SendingMarker)
	for _, m := range pending {
		if !m.Sending.IsZero() {
			o.backlog.uncertain = append(o.backlog.uncertain, m)
			continue
		}
		o.pending = append(o.pending, m)
	}
	if len(o.backlog.uncertain) > 0 {
		o.backlog.since = clock.Now()
		o.log.Warn("上次停止时正在发送的消息不再重发",
			"count", len(o.backlog.uncertain))
	}
	return o, nil
}

// SetPlatform sets where messages are delivered. Until it is set nothing is
// due.
func (o *Outbox) SetPlatform(p linli.Platform) {
	o.mu.Lock()
	o.platform = p
	o.mu.Unlock()
	o.poke()
}

// bindUser passes a resident key's platform user to the platform, if it
// wants to know (linli.UserBinder).
func (o *Outbox) bindUser(key, user string) {
	o.mu.Lock()
	p := o.platform
	o.mu.Unlock()
	if b, ok := p.(linli.UserBinder); ok {
		b.BindUser(key, user)
	}
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
// failed deliveries (an unknown chat, a non-friend), and about every message
// possibly delivered by a process that died (the error wraps ErrMaybeSent).
// It runs on the goroutine calling RunDue, outside the outbox's lock: it may
// call Send.
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
// @mentions into the text, masks phone and ID-card numbers in a message to a
// group (linli.MaskPrivate; not in a Verbatim one), splits over-long text
// and persists the result.
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
	out.Text = textnorm.Printable(out.Text) // names and typed text echoed: no BEL, ESC sequences, bidi overrides
	if len(out.Mention) > 0 && out.To.Group != "" {
		out.Text = mentionText(out.Mention) + out.Text
	}
	if out.To.Group != "" && !out.Verbatim {
		// Nothing a resident typed — a phone or ID-card number in a report,
		// a 接龙 note, an opinion — is ever repeated into a group, whatever
		// family renders it: only staff's own notices go as typed.
		out.Text = linli.MaskPrivate(out.Text)
	}
	now := o.clock.Now()
	parts := splitText(out.Text, o.cfg.MaxLength)
	o.mu.Lock()
	alerts, err := o.enqueueLocked(out, parts, now)
	o.mu.Unlock()
	for _, a := range alerts {
		if err := o.Send(a); err != nil {
			o.log.Error("无法排队发送积压提醒", "err", err)
		}
	}
	return err
}

// enqueueLocked stores the parts of out and returns the backlog notices to
// queue after it (checkBacklogLocked). Call with o.mu held.
func (o *Outbox) enqueueLocked(out linli.Outgoing, parts []string, now time.Time) ([]linli.Outgoing, error) {
	if out.Key == "" && o.scope != "" {
		out.Key = fmt.Sprintf("%s:%d", o.scope, o.scopeN)
		o.scopeN++
		if o.quiet != nil && o.quiet(out) {
			o.log.Info("重放消息的回复不再重发", "key", out.Key, "to", out.To.String())
			return nil, nil // its number is taken all the same, so the keys of the others match the first attempt's
		}
	}
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
			o.health.failed(o.log, now, err)
			err = fmt.Errorf("outbox: enqueue: %w", err)
			if o.scope != "" && o.scopeErr == nil {
				o.scopeErr = err
			}
			return nil, err
		}
		o.health.ok(o.log, now)
		if ok {
			o.pending = append(o.pending, part)
		}
	}
	o.poke()
	return o.checkBacklogLocked(), nil
}

// mentionText renders the @mentions that start a group message: each name
// cleaned and shortened for showing (textnorm.MentionName: one line, no
// control characters, at most textnorm.MentionRunes characters and "…"),
// so a 300-character 群昵称 does not fill the message. Out.Mention keeps
// the full names: who is addressed is still exactly known.
func mentionText(names []string) string {
	var b strings.Builder
	for _, name := range names {
		b.WriteString("@")
		b.WriteString(textnorm.MentionName(linli.MaskPrivate(name))) // masked before it is shortened: a cut number is not found
		b.WriteString(" ")
	}
	return b.String()
}

// scopeKeys gives every message sent without a Key, until end is called, a
// key made of prefix and a count: handling the same inbound message again
// (from the journal, after a crash) then queues nothing it queued before.
// Messages quiet reports true for are not queued at all (nil: none). The
// engine opens one scope at a time, around one message. end returns the
// error of the first message of the scope that could not be stored (a full
// disk): the inbound message is then not finished, and handled again.
func (o *Outbox) scopeKeys(prefix string, quiet func(linli.Outgoing) bool) (end func() error) {
	o.mu.Lock()
	o.scope, o.scopeN, o.quiet, o.scopeErr = prefix, 0, quiet, nil
	o.mu.Unlock()
	return func() error {
		o.mu.Lock()
		defer o.mu.Unlock()
		err := o.scopeErr
		o.scope, o.quiet, o.scopeErr = "", nil, nil
		return err
	}
}

// scopeFailed reports the error of the first message of the open scope that
// could not be stored, if any.
func (o *Outbox) scopeFailed() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.scopeErr
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
		o.log.Warn("无法私聊也无法在群里找到此人，尝试私聊", "user", out.To.User)
		return out
	}
	out.Mention = append([]string{r.Name}, out.Mention...)
	out.To = linli.Chat{Group: r.LastGroup}
	return out
}
