package main

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"linli"
	"linli/bot"
	"linli/bot/wxfake"
	"linli/storage"
)

// TestWriteFailureStormOnFakeWeChat: `linli run` answering twenty residents
// (privately: twenty deliveries) when the disk fills up right after its
// third message, before that delivery can be recorded. The issue measured one
// message sent 24,358 times. Here nothing is delivered twice, the process
// does not loop (a bounded number of sends and writes over two simulated
// hours), staff are told once, and once space returns every reply goes out
// exactly once, by itself.
func TestWriteFailureStormOnFakeWeChat(t *testing.T) {
	var full atomic.Bool
	var writes atomic.Int64
	handled := make(chan string, 100)
	observe := func(next linli.HandlerFunc) linli.HandlerFunc {
		return func(ctx context.Context, req *linli.Request) error {
			defer func() { handled <- req.Msg.ID }()
			return next(ctx, req)
		}
	}
	r := startRunWith(t, true, func(cfg *linli.Config) { cfg.StaffGroup = "幸福里工作群" }, func(o *serveOptions) {
		o.storage = []storage.Option{storage.WithWriteFault(func() error {
			writes.Add(1)
			if full.Load() {
				return syscall.ENOSPC
			}
			return nil
		})}
		o.observe = []linli.Middleware{observe}
	})
	r.srv.Inject(wxfake.GroupText{Group: "幸福里工作群", Member: "李社工", Text: "在吗"}) // the staff group becomes known
	r.until(linli.SessionUp)
	wait(t, handled, "the staff group message")
	const n = 20
	for i := 1; i <= n; i++ { // privately: one delivery each
		r.srv.Inject(wxfake.PrivateText{From: fmt.Sprintf("居民%02d", i), Text: "帮助"})
	}
	for i := 0; i < n; i++ {
		wait(t, handled, "a resident's message")
	}

	// Deliver until the third reply, then the disk is full.
	before := len(r.srv.Sent())
	hook := func(wxfake.Sent) {
		if len(r.srv.Sent())-before == 3 {
			full.Store(true)
		}
	}
	r.onSent.Store(&hook)
	stormWrites := writes.Load()
	end := r.clock.Now().Add(2 * time.Hour)
	steps := 0
	for ; steps < 5000; steps++ {
		due, ok := r.app.outbox.NextDue()
		if !ok || due.After(end) {
			break
		}
		r.clock.Set(due)
		r.app.outbox.RunDue(r.clock.Now())
	}
	r.clock.Set(end)
	during := r.srv.Sent()[before:]
	stormWrites = writes.Load() - stormWrites
	t.Logf("two hours of a full disk: %d sends, %d write attempts, %d outbox runs", len(during), stormWrites, steps)
	if len(during) != 4 || during[3].To != "幸福里工作群" || during[3].Text != bot.TextStorageDown {
		t.Fatalf("while the disk was full sent %+v; want 3 replies and one alert to the staff group", during)
	}
	if stormWrites > 60 || steps > 60 {
		t.Errorf("%d write attempts in %d runs over two hours: the retries must back off", stormWrites, steps)
	}

	full.Store(false)
	r.flush()
	sent := r.srv.Sent()[before:]
	replies := map[string]int{}
	for _, s := range sent {
		if strings.HasPrefix(s.To, "居民") {
			replies[s.To]++
		}
	}
	if len(replies) != n {
		t.Errorf("%d residents answered, want %d: %v", len(replies), n, replies)
	}
	for who, c := range replies {
		if c != 1 {
			t.Errorf("%s answered %d times, want once", who, c)
		}
	}
	if p, _ := r.app.db.PendingOutgoing(); len(p) != 0 {
		t.Errorf("%d messages still pending after recovery", len(p))
	}
	if _, _, down := r.app.outbox.StorageDown(); down {
		t.Error("the outbox did not notice the disk has room again")
	}
	// And the bot still answers.
	r.srv.Inject(wxfake.GroupText{Group: rigGroup1, Member: "张阿姨", Text: "帮助"})
	wait(t, handled, "a message after recovery")
	r.flush()
	if last := r.srv.Sent()[len(r.srv.Sent())-1]; !strings.HasPrefix(last.Text, "@3-502 张阿姨 ") {
		t.Errorf("after recovery the bot sent %+v", last)
	}
}
