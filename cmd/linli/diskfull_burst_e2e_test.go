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
	"linli/bot/wxfake"
	"linli/storage"
)

// TestFullDiskMidBurstLosesNoAnswer: six residents ask 帮助 in a burst and
// the disk fills up while the third is handled, so its reply cannot be
// queued. The red team saw only one of six answered, for good. Here the
// message stays in the inbound journal, is handled again once writes
// work, and every resident is answered exactly once.
func TestFullDiskMidBurstLosesNoAnswer(t *testing.T) {
	var full atomic.Bool
	var begun, waits atomic.Int64
	handled := make(chan string, 100)
	observe := func(next linli.HandlerFunc) linli.HandlerFunc {
		return func(ctx context.Context, req *linli.Request) error {
			defer func() { handled <- req.Msg.Sender }()
			if strings.HasPrefix(req.Msg.Sender, "居民") && begun.Add(1) == 3 {
				full.Store(true) // the third resident's reply cannot be stored
			}
			return next(ctx, req)
		}
	}
	var r *runRig
	r = startRunWith(t, true, func(cfg *linli.Config) { cfg.StaffGroup = "幸福里工作群" }, func(o *serveOptions) {
		o.storage = []storage.Option{storage.WithWriteFault(func() error {
			if full.Load() {
				return syscall.ENOSPC
			}
			return nil
		})}
		o.observe = []linli.Middleware{observe}
		o.wait = func(ctx context.Context, d time.Duration) bool {
			if waits.Add(1) == 3 {
				full.Store(false) // space is freed while the engine waits
			}
			r.clock.Advance(d)
			return ctx.Err() == nil
		}
	})
	r.srv.Inject(wxfake.GroupText{Group: "幸福里工作群", Member: "李社工", Text: "在吗"})
	r.until(linli.SessionUp)
	wait(t, handled, "the staff group message")
	const n = 6
	for i := 1; i <= n; i++ {
		r.srv.Inject(wxfake.PrivateText{From: fmt.Sprintf("居民%02d", i), Text: "帮助"})
	}
	seen := map[string]bool{}
	for len(seen) < n {
		seen[wait(t, handled, "a resident's message")] = true
	}
	if waits.Load() < 3 {
		t.Fatalf("the engine waited %d times: the full disk never held a message back", waits.Load())
	}
	r.flush()
	replies := map[string]int{}
	for _, s := range r.srv.Sent() {
		if strings.HasPrefix(s.To, "居民") {
			replies[s.To]++
		}
	}
	for i := 1; i <= n; i++ {
		who := fmt.Sprintf("居民%02d", i)
		if replies[who] != 1 {
			t.Errorf("%s answered %d times, want once (all: %v)", who, replies[who], replies)
		}
	}
	if p, _ := r.app.db.PendingInbound(); len(p) != 0 {
		t.Errorf("%d messages still pending in the journal", len(p))
	}
}
