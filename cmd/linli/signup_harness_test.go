package main

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"linli"
	"linli/bot/console"
)

// harness runs the whole app on a simulated clock, fed through a console
// (for its script-line parsing and clock driving) but delivering to a
// capture platform so tests can inspect every outgoing message, media
// included.
type harness struct {
	t     *testing.T
	app   *app
	clock *linli.SimClock
	con   *console.Console
	cap   *capture
	db    string
}

// capture is a linli.Platform that keeps what is delivered.
type capture struct {
	mu      sync.Mutex
	sent    []linli.Outgoing
	friends map[string]bool
}

func (c *capture) Deliver(out linli.Outgoing) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sent = append(c.sent, out)
	return nil
}

func (c *capture) CanPrivate(user string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.friends[user]
}

// take returns and forgets what was delivered so far.
func (c *capture) take() []linli.Outgoing {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.sent
	c.sent = nil
	return out
}

// newHarness starts the demo community at start on a fresh database.
func newHarness(t *testing.T, start string, u linli.Understander) *harness {
	t.Helper()
	cfg, err := loadConfig("")
	if err != nil {
		t.Fatal(err)
	}
	at, err := console.ParseClock(start, cfg.Location)
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, clock: linli.NewSimClock(at), db: filepath.Join(t.TempDir(), "linli.db")}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if h.app, err = newApp(cfg, h.clock, log, appOptions{dbPath: h.db, understander: u}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.app.Close() })
	h.cap = &capture{friends: map[string]bool{}}
	for _, f := range friendsOf(cfg) {
		h.cap.friends[f] = true
	}
	h.con = console.New(console.Options{Config: cfg, Clock: h.clock, Engine: h.app.engine,
		Timed: []linli.Timed{h.app.outbox, h.app.sched}, Out: io.Discard, Err: io.Discard, RunID: "test"})
	h.app.outbox.SetPlatform(h.cap)
	return h
}

// say feeds one console line ("群/昵称: 文本" or "昵称: 文本").
func (h *harness) say(line string) {
	h.t.Helper()
	if err := h.con.Line(context.Background(), line); err != nil {
		h.t.Fatalf("%s: %v", line, err)
	}
}

// advance moves the clock by d, running everything due on the way.
func (h *harness) advance(d time.Duration) {
	h.con.AdvanceTo(h.clock.Now().Add(d))
}

// advanceTo moves the clock to "2026-11-25 09:20", running everything due.
func (h *harness) advanceTo(at string) {
	h.t.Helper()
	t, err := console.ParseClock(at, h.app.cfg.Location)
	if err != nil {
		h.t.Fatal(err)
	}
	h.con.AdvanceTo(t)
}

// flush advances until the outbox is empty and returns what was delivered.
func (h *harness) flush() []linli.Outgoing {
	h.con.Flush()
	return h.cap.take()
}

// texts renders delivered messages one per entry as "[chat] text".
func texts(outs []linli.Outgoing) []string {
	var s []string
	for _, o := range outs {
		s = append(s, "["+o.To.String()+"] "+o.Text)
	}
	return s
}
