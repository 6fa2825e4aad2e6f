// Package bot is linli's engine: it takes messages from a platform adapter,
// normalises and deduplicates them, identifies the sender, routes them to a
// handler and sends every reply through the outbox, which paces and
// coalesces messages the way a careful person would.
//
// Engine.Handle processes one message synchronously (the console and tests
// use it); Engine.Receive records a message in the inbound journal and
// queues it (platform adapters call it, through an Inbox, before they
// acknowledge the message to their platform) and Engine.Run handles the
// queue, starting with what a previous process recorded and did not
// finish.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"linli"
)

// MaxTextRunes bounds the text the engine handles: above anything WeChat
// delivers in one message (a 300-line 接龙 is about 6,000 characters), so
// every message a person can send is parsed whole. A longer one is not
// handled, and its sender is told (TextTooLong) when it was meant for the
// bot; nothing is ever cut silently.
const MaxTextRunes = 32000

// Options configure an Engine.
type Options struct {
	Config       *linli.Config       // required, validated
	Clock        linli.Clock         // required
	Dedupe       linli.DedupeStore   // required
	Residents    linli.ResidentStore // required
	Outbox       *Outbox             // required
	Understander linli.Understander  // optional: free-text understanding
	Lexicon      linli.Lexicon       // required: yes and thanks (nlu.Words())
	Aliases      *GroupAliases       // optional: renamed groups re-bound with 绑定群
	Normalize    func(string) string // required: text normaliser (textnorm.Normalize)
	Logger       *slog.Logger        // optional
	Middleware   []linli.Middleware  // optional, outermost first

	// Inbound, if set, journals what Receive accepts, so that a message
	// handed over by a platform is handled even if the process dies first
	// (see Receive).
	Inbound linli.InboundStore
	// Wait pauses Run before it retries a message after a storage failure;
	// it reports false when ctx ended first. Default: a timer. Tests pass
	// one that advances a simulated clock.
	Wait func(ctx context.Context, d time.Duration) bool
}

// Engine routes inbound messages to handlers. Handle is safe for concurrent
// use, but messages from one Run loop are handled one at a time, in order.
type Engine struct {
	opt    Options
	log    *slog.Logger
	router *Router

	offers offers

	idMu    sync.Mutex
	users   map[string]string // platform user → resident key, this process (identity.go)
	holders map[string]string // resident key → platform user
	index   userIndex         // records by Resident.User and Resident.Who (identity_index.go)

	mu     sync.Mutex
	queue  []*inbound // Receive → Run, in order (inbound.go)
	wake   chan struct{}
	closed bool
}

// New returns an engine. Register handlers on Router() before use.
func New(opt Options) *Engine {
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if opt.Wait == nil {
		opt.Wait = sleepTimer
	}
	e := &Engine{opt: opt, log: log.With("component", "engine"), wake: make(chan struct{}, 1)}
	e.router = newRouter(opt.Config, opt.Understander, opt.Lexicon)
	return e
}

// Router returns the router handlers register on.
func (e *Engine) Router() *Router { return e.router }

// Outbox returns the engine's outbox.
func (e *Engine) Outbox() *Outbox { return e.opt.Outbox }

// Handle processes one message: serve check (renamed groups included, see
// resolveGroup), dedupe, normalisation, identification, routing. Errors
// returned are storage failures; handler errors are answered to the user
// and logged, not returned.
func (e *Engine) Handle(ctx context.Context, m linli.Message) error {
	return e.handle(ctx, m, true)
}

// handle is Handle; dedupe is false for a message from the journal, whose
// id was marked seen when it was recorded.
func (e *Engine) handle(ctx context.Context, m linli.Message, dedupe bool) error {
	cfg := e.opt.Config
	now := e.opt.Clock.Now()
	if m.At.IsZero() {
		m.At = now
	}
	if m.Group != "" && !e.resolveGroup(&m) {
		return nil // not a group we serve
	}
	if m.Sender == "" {
		return nil
	}
	if m.ID != "" && dedupe {
		first, err := e.opt.Dedupe.MarkSeen(m.ID, now)
		if err != nil {
			return err
		}
		if !first {
			e.log.Debug("重复的消息，已忽略", "id", m.ID)
			return nil
		}
	}
	if !utf8.ValidString(m.Text) {
		m.Text = strings.ToValidUTF8(m.Text, "\uFFFD")
	}
	if n := utf8.RuneCountInString(m.Text); n > MaxTextRunes {
		e.refuseTooLong(m, n)
		return nil
	}
	m.Norm, m.Addressed = prepare(e.opt.Normalize(m.Text), cfg.BotName, m.Mentioned || m.Private())
	if err := e.identify(&m, now); err != nil {
		return err
	}
	if m.Norm == "" && m.Image == nil {
		return nil
	}
	req := &linli.Request{Msg: &m, Out: e.opt.Outbox, Now: now}
	switch cmd, st := e.offers.take(m.Chat(), m.Sender, m.Norm, now, e.opt.Lexicon); st {
	case offerTaken: // "是" to the bot's own question: handle the command it offered
		m.Norm, m.Addressed = cmd, true
	case offerExpired: // too late to be sure what it answers: ask for the command
		if err := req.Reply(fmt.Sprintf(TextOfferExpired, int(OfferTTL/time.Minute), cmd)); err != nil {
			e.log.Error("回复失败", "err", err)
		}
		return nil
	case offerWithdrawn: // withdrawn by a no or a command since: ask for the command
		if err := req.Reply(fmt.Sprintf(TextOfferWithdrawn, cmd)); err != nil {
			e.log.Error("回复失败", "err", err)
		}
		return nil
	case offerRefused: // "不用了": withdrawn, and acknowledged with silence like every ack
		return nil
	}
	if !m.Addressed && e.agrees(&m) {
		// "是啊太黑了" under a neighbour's offered 随手拍: agreement, not a
		// report of the sender's own; commands and emergencies still count.
		ctx = context.WithValue(ctx, agreeKey{}, true)
	}
	offered := false
	req.OfferFunc = func(command string) {
		offered = true
		e.offers.put(m.Chat(), m.Sender, command, false, now)
	}
	req.OfferWordsFunc = func(command string) {
		offered = true
		e.offers.put(m.Chat(), m.Sender, command, true, now)
	}
	h := e.router.dispatch
	for i := len(e.opt.Middleware) - 1; i >= 0; i-- {
		h = e.opt.Middleware[i](h)
	}
	h = Recover(e.log)(h)
	chatter := new(chatterNote)
	err := h(context.WithValue(ctx, chatterKey{}, chatter), req)
	switch {
	case offered:
	case req.Command != "":
		// A command of the sender's own (not chatter, not a second line
		// of what they were saying) withdraws an open question.
		e.offers.drop(m.Chat(), m.Sender)
	case chatter.silent && err == nil && m.Image == nil && !e.opt.Lexicon.Ack(m.Norm) &&
		!e.separateReport(&m, chatter.report, now):
		// A second line of what they were saying ("晚上黑乎乎的"): it
		// continues the words of an offered 随手拍.
		e.offers.extend(m.Chat(), m.Sender, strings.Join(strings.Fields(m.Text), " "), now)
	}
	if err != nil {
		if serr := e.opt.Outbox.scopeFailed(); serr != nil {
			// Its reply could not be stored: no error message (it could not
			// be stored either, or would come before the real answer when
			// the message is handled again).
			return serr
		}
		e.answerError(req, err)
	}
	return nil
}

// agreeKey is the context key under which the engine tells dispatch that a
// message agrees with a neighbour's offered question (agrees).
type agreeKey struct{}

// agrees reports whether m begins with a yes ("是啊", "对的") and goes on
// without naming a place while someone else in the chat has a live offer:
// the sender agrees with the neighbour ("是啊太黑了"), they are not
// reporting something of their own.
func (e *Engine) agrees(m *linli.Message) bool {
	lex := e.opt.Lexicon
	runes := []rune(m.Norm)
	for n := 1; n <= 3 && n < len(runes); n++ {
		if !lex.Yes(string(runes[:n])) {
			continue
		}
		if place, _ := lex.Place(string(runes[n:])); place != "" {
			return false
		}
		return e.offers.othersLive(m.Chat(), m.Sender, m.At)
	}
	return false
}

// separateReport reports whether a line of chatter after an offered 随手拍
// is a report of its own rather than more of the same one: the nlu took it
// for a report (u) and it names a place other than the offered words'
// ("还有8栋后面的井盖也没了" after "3栋门口路灯坏了"). It is not added to the
// offered words; the report family has already handled it as free text.
func (e *Engine) separateReport(m *linli.Message, u *linli.Understanding, now time.Time) bool {
	if u == nil || u.Intent != linli.IntentReport {
		return false
	}
	words := e.offers.offered(m.Chat(), m.Sender, now)
	if words == "" {
		return false
	}
	lex := e.opt.Lexicon
	place, _ := lex.Place(m.Norm)
	if place == "" {
		place = u.Slots.Place
	}
	if place == "" {
		return false // "晚上黑乎乎的": more of what they were saying
	}
	was, _ := lex.Place(e.opt.Normalize(words))
	return place != was
}

// Serves reports whether messages from the group called topic on the
// platform are handled: a served group, the staff group, or a renamed group
// re-bound to one of them. (A staff member's 绑定群 is also handled from any
// group; platforms that filter groups must let text through for it.)
func (e *Engine) Serves(topic string) bool {
	cfg := e.opt.Config
	if cfg.Served(topic) || (topic != "" && topic == cfg.StaffGroup) {
		return true
	}
	_, ok := e.opt.Aliases.Configured(topic)
	return ok
}

// resolveGroup decides whether the group message m is handled and sets
// m.Topic to the group's platform name. A message from a renamed group that
// was re-bound gets the configured name in m.Group. From a group the bot
// does not know, only a staff member's 绑定群 passes (m.Group stays the
// platform name), so that a renamed group can be bound from inside it.
func (e *Engine) resolveGroup(m *linli.Message) bool {
	cfg := e.opt.Config
	m.Topic = m.Group
	if cfg.Served(m.Group) || m.Group == cfg.StaffGroup {
		return true
	}
	if name, ok := e.opt.Aliases.Configured(m.Group); ok {
		m.Group = name
		return true
	}
	if !cfg.RoleOf(m.Contact).IsStaff() {
		return false
	}
	norm, _ := prepare(e.opt.Normalize(truncateRunes(m.Text, MaxTextRunes)), cfg.BotName, m.Mentioned)
	return strings.HasPrefix(norm, linli.CommandBindGroup)
}

// refuseTooLong tells the sender of a message over MaxTextRunes, in the
// chat it came from, that it was not handled and to send it in parts:
// whatever it was (a command, a 接龙, an article pasted into the group),
// nothing in it was read, and the sender would otherwise wait for an answer
// that never comes. It is told once per message: the reply's key is the
// message id, so a redelivery or a replay from the journal queues nothing
// more.
func (e *Engine) refuseTooLong(m linli.Message, runes int) {
	e.log.Info("消息太长，未处理，已告知发送人", "id", m.ID, "group", m.Group, "sender", m.Sender, "runes", runes)
	text := TextTooLong
	if strings.Contains(truncateRunes(m.Text, 200), "接龙") {
		text = TextTooLongJielong // a 接龙 cannot be sent in parts
	}
	out := linli.Outgoing{To: m.Chat(), Text: fmt.Sprintf(text, runes, MaxTextRunes)}
	if m.ID != "" {
		out.Key = "too-long:" + m.ID
	}
	if !m.Private() {
		out.Mention = []string{m.Sender}
	}
	if err := e.opt.Outbox.Send(out); err != nil {
		e.log.Error("回复失败", "err", err)
	}
}

// answerError tells the user what went wrong: the message of a user error,
// or the generic sentence after logging anything else. An internal failure
// on a message that was neither addressed to the bot nor an explicit command
// (chatter a hook or an intent looked at) is only logged: chatter never gets
// an error reply.
func (e *Engine) answerError(req *linli.Request, err error) {
	if errors.Is(err, linli.ErrNotCommand) {
		return
	}
	if linli.ErrorCode(err) == linli.EInternal {
		e.log.Error("处理消息失败", "id", req.Msg.ID, "group", req.Msg.Group,
			"sender", req.Msg.Sender, "command", req.Command, "addressed", req.Msg.Addressed, "err", err)
		if !req.Msg.Addressed && req.Command == "" {
			return
		}
	}
	if rerr := req.Reply(linli.ErrorMessage(err)); rerr != nil {
		e.log.Error("回复失败", "err", rerr)
	}
}

// identify loads or creates the sender's resident record, refreshes what the
// message tells about them (last group, household from the 群昵称) and sets
// the role from configuration. It writes only when something changed, or
// LastSeen is more than touchEvery old: most messages cost no write.
func (e *Engine) identify(m *linli.Message, now time.Time) error {
	cfg := e.opt.Config
	household := ""
	if h, ok := linli.ParseHousehold(e.opt.Normalize(m.Sender)); ok {
		household = h.String()
	}
	nick := m.Nickname
	if nick == "" {
		nick = m.Sender
	}
	key, err := e.residentKey(m, nick)
	if err != nil {
		return err
	}
	if key != m.Sender {
		if m.Nickname == "" {
			m.Nickname = m.Sender
		}
		m.Sender = key
	}
	apply := func(r *linli.Resident) bool {
		changed := false
		set := func(dst *string, v string) {
			if v != "" && *dst != v {
				*dst, changed = v, true
			}
		}
		if r.FirstSeen.IsZero() {
			r.FirstSeen, changed = now, true
		}
		set(&r.Nickname, m.Nickname)
		set(&r.User, m.User)
		if m.User != "" {
			set(&r.Who, nick)
			set(&r.Hint, m.Hint)
		}
		if m.Group != "" && cfg.Served(m.Group) {
			set(&r.LastGroup, m.Group)
		}
		if m.Private() && !r.Friend {
			r.Friend, changed = true, true
		}
		if !r.Bound {
			set(&r.Household, household)
		}
		if now.Sub(r.LastSeen) >= touchEvery {
			r.LastSeen, changed = now, true
		}
		return changed
	}
	r, err := e.opt.Residents.Resident(m.Sender)
	if err != nil && linli.ErrorCode(err) != linli.ENotFound {
		return err
	}
	if err != nil || apply(r) {
		r, err = e.opt.Residents.UpdateResident(m.Sender, func(r *linli.Resident) error {
			apply(r)
			return nil
		})
		if err != nil {
			return err
		}
	}
	m.Resident = r
	if m.User != "" {
		e.indexed(r.Name, m.User, r.Who)
	}
	m.Role = linli.RoleResident
	if m.Contact != "" {
		m.Role = cfg.RoleOf(m.Contact) // a verified contact only (identity.go)
	}
	e.bindUser(m.Sender, m.User)
	return nil
}

// touchEvery is how stale a resident's LastSeen may get before a message
// refreshes it.
const touchEvery = 10 * time.Minute

func truncateRunes(s string, n int) string {
	out := make([]rune, 0, n)
	for _, r := range s {
		if len(out) == n {
			break
		}
		out = append(out, r)
	}
	return string(out)
}
