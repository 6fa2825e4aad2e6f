package bot

import (
	"context"
	"strings"
	"sync"

	"linli"
)

// Act handles m as a private message from m.Sender whose role the caller
// has already verified (the web workbench: a session opened from a link
// the sender asked for privately, see package web), through the same
// router, handlers and middleware as chat, so that a 受理 on the web
// changes the report and tells the resident exactly as the chat command
// does. What the handler answers the sender (text, and media such as an
// 导出's xlsx) is returned instead of sent (the page shows it, or offers
// the file); everything else — the resident's notice, the
// worker's alert — goes through the outbox as usual. An error the handler
// returns is a *linli.Error to show as is, or a failure (logged, and
// returned wrapped so the page shows the generic sentence).
//
// m.Group must be empty; m.ID is ignored (nothing is deduplicated) and no
// offer ("回复「是」") is recorded.
func (e *Engine) Act(ctx context.Context, m linli.Message, role linli.Role) ([]linli.Outgoing, error) {
	now := e.opt.Clock.Now()
	m.Group, m.ID, m.At = "", "", now
	if m.Sender == "" {
		return nil, linli.Errorf(linli.EInvalid, "没有操作人")
	}
	m.Text = strings.ToValidUTF8(m.Text, "\uFFFD")
	m.Norm, m.Addressed = prepare(e.opt.Normalize(m.Text), e.opt.Config.BotName, true)
	// The sender is the resident record the session was opened for (its
	// key): no identification from names, which is the platform's job.
	r, err := e.opt.Residents.Resident(m.Sender)
	switch {
	case linli.ErrorCode(err) == linli.ENotFound:
		r = &linli.Resident{Name: m.Sender}
	case err != nil:
		return nil, err
	}
	// The caller vouches for the role: the contact is the key itself (a
	// verified role holder is keyed by the configured name).
	m.Resident, m.Role, m.User, m.Contact = r, role, r.User, m.Sender
	capture := &replyCapture{next: e.opt.Outbox, to: linli.Chat{User: m.Sender}}
	req := &linli.Request{Msg: &m, Out: capture, Now: now}
	h := e.router.dispatch
	for i := len(e.opt.Middleware) - 1; i >= 0; i-- {
		h = e.opt.Middleware[i](h)
	}
	h = Recover(e.log)(h)
	err = h(ctx, req)
	if err != nil && linli.ErrorCode(err) == linli.EInternal {
		e.log.Error("web action failed", "sender", m.Sender, "command", req.Command, "err", err)
	}
	return capture.taken(), err
}

// replyCapture keeps what a handler sends to the acting person's own
// private chat and passes everything else on.
type replyCapture struct {
	next linli.Sender
	to   linli.Chat

	mu  sync.Mutex
	got []linli.Outgoing
}

func (c *replyCapture) Send(out linli.Outgoing) error {
	if out.To == c.to {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.got = append(c.got, out)
		return nil
	}
	return c.next.Send(out)
}

func (c *replyCapture) taken() []linli.Outgoing {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]linli.Outgoing(nil), c.got...)
}

// Pending passes on the outbox's count of waiting messages, which a
// broadcast's time estimate asks for.
func (c *replyCapture) Pending() int {
	if p, ok := c.next.(interface{ Pending() int }); ok {
		return p.Pending()
	}
	return 0
}
