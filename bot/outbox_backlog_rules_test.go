package bot_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"linli"
	"linli/bot"
	"linli/mock"
)

// TestRuleBacklogAlert: staff are told once when the queue would take more
// than an hour to drain at the configured pace (BacklogAlert; 20 a minute:
// more than 1,200 messages), in the emergency lane; again only after the
// queue fell below half an hour.
func TestRuleBacklogAlert(t *testing.T) {
	cfg := testConfig(t)
	clock := linli.NewSimClock(start)
	store := mock.NewStore()
	ob, err := bot.NewOutbox(store, store, clock, cfg.Outbox, nil)
	if err != nil {
		t.Fatal(err)
	}
	bot.NewSessionMonitor(ob, cfg, clock, nil)
	alerts := func() (n int) {
		for _, m := range pendingOf(t, store) {
			if strings.HasPrefix(m.Text, "【系统】待发消息积压") {
				n++
				if m.To.Group != cfg.StaffGroup || m.Lane() != linli.PriorityEmergency {
					t.Errorf("backlog notice to %v in lane %d, want the staff group, emergency lane", m.To, m.Lane())
				}
			}
		}
		return n
	}
	send := func(n int) {
		for i := 0; i < n; i++ {
			g := cfg.Groups[i%len(cfg.Groups)]
			if err := ob.Send(linli.Outgoing{To: linli.Chat{Group: g}, Text: fmt.Sprint("通知", i), Alone: true, Priority: linli.PriorityBroadcast}); err != nil {
				t.Fatal(err)
			}
		}
	}
	send(60 * cfg.Outbox.PerMinute) // exactly an hour: not yet
	if n := alerts(); n != 0 {
		t.Fatalf("an hour of backlog (%d messages at %d a minute): %d notices, want none", ob.Pending(), cfg.Outbox.PerMinute, n)
	}
	send(1)
	if n := alerts(); n != 1 {
		t.Fatalf("more than an hour of backlog: %d notices, want 1", n)
	}
	send(100)
	if n := alerts(); n != 1 {
		t.Fatalf("the backlog growing: %d notices, want still 1", n)
	}
	// Drain to just under half an hour, then grow past an hour again: a new notice.
	total := func() int { return alerts() }
	before := total()
	plat := &recorder{clock: clock, friends: map[string]bool{}}
	ob.SetPlatform(plat)
	for ob.Pending() >= 30*cfg.Outbox.PerMinute {
		due, ok := ob.NextDue()
		if !ok {
			t.Fatal("nothing due while messages are pending")
		}
		clock.Set(due)
		if err := ob.RunDue(clock.Now()); err != nil {
			t.Fatal(err)
		}
	}
	delivered := len(plat.texts())
	send(40 * cfg.Outbox.PerMinute)
	if n := total() + countBacklog(plat.texts()); n != before+1 {
		t.Fatalf("a second backlog after draining below half an hour: %d notices in all, want %d (delivered %d)", n, before+1, delivered)
	}
	_ = time.Second
}

func countBacklog(texts []string) (n int) {
	for _, s := range texts {
		if strings.Contains(s, "【系统】待发消息积压") {
			n++
		}
	}
	return n
}

func pendingOf(t *testing.T, s linli.OutboxStore) []linli.Outgoing {
	t.Helper()
	p, err := s.PendingOutgoing()
	if err != nil {
		t.Fatal(err)
	}
	return p
}
