package wechat_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"linli"
	"linli/bot/wechat"
	"linli/bot/wxfake"
)

// simTime is a simulated clock shared by the fake and the adapter, whose
// pauses advance it instead of waiting.
type simTime struct {
	clock  *linli.SimClock
	mu     sync.Mutex
	pauses []time.Duration
}

func newSimTime() *simTime {
	return &simTime{clock: linli.NewSimClock(time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))}
}

func (s *simTime) sleep(ctx context.Context, d time.Duration) bool {
	s.mu.Lock()
	s.pauses = append(s.pauses, d)
	s.mu.Unlock()
	s.clock.Advance(d)
	return ctx.Err() == nil
}

func (s *simTime) adjust(o *wechat.Options) {
	o.Clock, o.Sleep, o.RetryDelay = s.clock, s.sleep, 0 // the default pauses
	o.Jitter = func() float64 { return 0.5 }             // no spread: exact pauses
}

// TestFlappingSessionBacksOff: WeChat kicks every session for 5 s while
// logins still go through. The adapter logs in again after 1 s, 2 s, 4 s
// (simulated), reports the loss once and the recovery once, and never
// reports a session that was kicked at once as up.
func TestFlappingSessionBacksOff(t *testing.T) {
	ctx := guard(t)
	st := newSimTime()
	opts := community(true)
	opts.Clock = st.clock
	srv := wxfake.New(opts)
	defer srv.Close()
	h := newHarnessWith(t, ctx, srv, filepath.Join(t.TempDir(), "hot.json"), st.adjust)
	h.run()
	h.session(true)
	before := srv.Stats().Inits

	srv.Outage(5*time.Second, 1101)
	h.session(false)
	h.session(true) // nothing in between: a flap is one outage
	logins := srv.Stats().Inits - before
	st.mu.Lock()
	pauses := append([]time.Duration(nil), st.pauses...)
	st.mu.Unlock()
	t.Logf("5 s outage: %d logins, pauses %v", logins, pauses)
	if logins > 4 {
		t.Errorf("%d logins for a 5 s outage, want at most 4", logins)
	}
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}
	if len(pauses) < len(want) {
		t.Fatalf("pauses %v, want them to start %v", pauses, want)
	}
	for i, w := range want {
		if pauses[i] != w {
			t.Fatalf("pauses %v, want them to start %v", pauses, want)
		}
	}
	select {
	case e := <-h.sessions:
		t.Fatalf("extra session event %+v", e)
	default:
	}
}

// TestUnknownGroupWaitsForContacts: while the contact list could not be
// read, a message to a group the session does not know yet is deferred
// (ErrRetryLater), not failed; it goes once the list is read.
func TestUnknownGroupWaitsForContacts(t *testing.T) {
	ctx := guard(t)
	st := newSimTime()
	opts := community(true)
	opts.Clock = st.clock
	srv := wxfake.New(opts)
	defer srv.Close()
	srv.FailContacts(1, 1205) // at login
	h := newHarnessWith(t, ctx, srv, filepath.Join(t.TempDir(), "hot.json"), st.adjust)
	h.run()
	h.session(true)
	out := linli.Outgoing{To: linli.Chat{Group: g1}, Text: "停水通知"}
	if err := h.a.Deliver(out); !errors.Is(err, linli.ErrRetryLater) {
		t.Fatalf("Deliver before the contacts are read = %v, want ErrRetryLater", err)
	}
	st.clock.Advance(11 * time.Second)
	if err := h.a.Deliver(out); err != nil {
		t.Fatalf("Deliver once the contacts can be read: %v", err)
	}
	if sent := srv.Sent(); len(sent) != 1 || sent[0].To != g1 {
		t.Fatalf("sent %+v", sent)
	}
	// With the list read, a group that really is unknown is an error.
	if err := h.a.Deliver(linli.Outgoing{To: linli.Chat{Group: "没有这个群"}, Text: "x"}); err == nil || errors.Is(err, linli.ErrRetryLater) {
		t.Fatalf("Deliver to an unknown group = %v, want a plain error", err)
	}
}

// TestUnrecordedMessageIsNotAcknowledged: while the inbox cannot record a
// message, the adapter keeps retrying and WeChat is not told it arrived;
// if the process stops meanwhile, the next login gets it again.
func TestUnrecordedMessageIsNotAcknowledged(t *testing.T) {
	ctx := guard(t)
	st := newSimTime()
	opts := community(true)
	opts.Clock = st.clock
	srv := wxfake.New(opts)
	defer srv.Close()
	hot := filepath.Join(t.TempDir(), "hot.json")
	h := newHarnessWith(t, ctx, srv, hot, st.adjust)
	h.refuse.Store(true)
	h.run()
	h.session(true)
	id := srv.Inject(wxfake.GroupText{Group: g1, Member: "张阿姨", Text: "报名 1"})[0]
	for range 3 { // retried with pauses, never dropped
		select {
		case <-ctx.Done():
			t.Fatal("the adapter stopped trying to record the message")
		case <-h.refused:
		}
	}
	if srv.Unacked() != 1 {
		t.Fatalf("unacked = %d, want the message still WeChat's", srv.Unacked())
	}
	h.shutdown() // the process stops with the message unrecorded

	h2 := newHarnessWith(t, ctx, srv, hot, st.adjust)
	h2.run()
	h2.session(true)
	if m := h2.next(); m.ID != id || m.Text != "报名 1" {
		t.Fatalf("after a restart got %+v, want message %s again", m, id)
	}
	if st := srv.Stats(); st.Redelivered != 1 {
		t.Fatalf("stats = %+v, want one redelivery", st)
	}
}
