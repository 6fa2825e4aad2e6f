package bot_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"linli"
	"linli/bot"
)

// journal is an in-memory linli.InboundStore that can fail its writes.
type journal struct {
	mu      sync.Mutex
	seen    map[string]bool
	records map[uint64]linli.Message
	started map[uint64]bool
	seq     uint64
	full    bool // writes fail
}

func newJournal() *journal {
	return &journal{seen: map[string]bool{}, records: map[uint64]linli.Message{}, started: map[uint64]bool{}}
}

func (j *journal) RecordInbound(m linli.Message, at time.Time) (uint64, bool, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.full {
		return 0, false, errors.New("no space left on device")
	}
	if j.seen[m.ID] {
		return 0, false, nil
	}
	j.seen[m.ID] = true
	j.seq++
	j.records[j.seq] = m
	return j.seq, true, nil
}

func (j *journal) PendingInbound() ([]linli.InboundRecord, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	var out []linli.InboundRecord
	for s, m := range j.records {
		out = append(out, linli.InboundRecord{Seq: s, Msg: m, Started: j.started[s]})
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Seq < out[b].Seq })
	return out, nil
}

func (j *journal) CompleteInbound(done, next uint64) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.full {
		return errors.New("no space left on device")
	}
	delete(j.records, done)
	if _, ok := j.records[next]; ok {
		j.started[next] = true
	}
	return nil
}

func (j *journal) setFull(v bool) {
	j.mu.Lock()
	j.full = v
	j.mu.Unlock()
}

// journaled is an engine with a journal, its handled messages counted by an
// echo command.
type journaled struct {
	h       *harness
	j       *journal
	engine  *bot.Engine
	handled chan string
	waits   chan time.Duration
	after   func() // called by the handler once it has replied
}

func newJournaled(t *testing.T, h *harness, j *journal) *journaled {
	r := &journaled{h: h, j: j, handled: make(chan string, 100), waits: make(chan time.Duration, 100)}
	r.engine = bot.New(bot.Options{Config: h.cfg, Clock: h.clock, Dedupe: h.store, Residents: h.store,
		Outbox: h.outbox, Lexicon: testWords{}, Normalize: func(s string) string { return strings.TrimSpace(s) }, Inbound: j,
		Wait: func(ctx context.Context, d time.Duration) bool {
			r.waits <- d
			h.clock.Advance(d)
			return ctx.Err() == nil
		}})
	r.engine.Router().Command(linli.Command{Names: []string{"报名"}, Args: linli.ArgsRequired, Handler: func(ctx context.Context, req *linli.Request) error {
		defer func() { r.handled <- req.Args }()
		err := req.Reply("已收到报名 " + req.Args)
		if r.after != nil {
			r.after()
		}
		return err
	}})
	return r
}

func (r *journaled) run(t *testing.T) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { r.engine.Run(ctx); close(done) }()
	return func() { cancel(); <-done }
}

func next[T any](t *testing.T, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(10 * time.Second): // a guard, not a delay
		t.Fatal("timed out")
	}
	var zero T
	return zero
}

// TestJournaledMessagesSurviveAStop: messages recorded but not handled when
// the engine stops are handled by the next engine, once; a redelivery is
// recorded and handled once.
func TestJournaledMessagesSurviveAStop(t *testing.T) {
	h := newHarness(t, nil)
	j := newJournal()
	first := newJournaled(t, h, j)
	// Recorded while no Run is going: as if the process died right after.
	for i := 1; i <= 3; i++ {
		if err := first.engine.Receive(linli.Message{ID: fmt.Sprintf("m%d", i), Group: "幸福里1期居民群", Sender: "张阿姨", Text: fmt.Sprintf("报名 %d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := first.engine.Receive(linli.Message{ID: "m2", Group: "幸福里1期居民群", Sender: "张阿姨", Text: "报名 2"}); err != nil {
		t.Fatal(err)
	}
	if err := first.engine.Receive(linli.Message{ID: "x", Group: "别的群", Sender: "张阿姨", Text: "报名 9"}); err != nil {
		t.Fatal(err)
	}
	if p, _ := j.PendingInbound(); len(p) != 3 {
		t.Fatalf("journal holds %d messages, want 3 (the duplicate and the unserved group are not recorded)", len(p))
	}

	second := newJournaled(t, h, j) // a new process
	stop := second.run(t)
	for i := 1; i <= 3; i++ {
		if got := next(t, second.handled); got != fmt.Sprint(i) {
			t.Fatalf("handled %q, want %d (in order)", got, i)
		}
	}
	second.engine.Receive(linli.Message{ID: "m4", Group: "幸福里1期居民群", Sender: "张阿姨", Text: "报名 4"})
	next(t, second.handled)
	stop()
	h.flush()
	if p, _ := j.PendingInbound(); len(p) != 0 {
		t.Fatalf("journal still holds %+v", p)
	}
	if got := strings.Join(h.plat.texts(), "\n"); got != "[幸福里1期居民群] @张阿姨 已收到报名 1\n@张阿姨 已收到报名 2\n@张阿姨 已收到报名 3\n@张阿姨 已收到报名 4" {
		t.Fatalf("sent %q", got)
	}
}

// TestRehandledMessageSendsNothingTwice: a message handled but not
// completed in the journal (the process died in between) is handled again;
// its replies, keyed by its id, are not queued again.
func TestRehandledMessageSendsNothingTwice(t *testing.T) {
	h := newHarness(t, nil)
	j := newJournal()
	first := newJournaled(t, h, j)
	first.engine.Receive(linli.Message{ID: "m1", Group: "幸福里1期居民群", Sender: "张阿姨", Text: "报名 1"})
	first.after = func() { j.setFull(true) } // the completion will fail
	stop := first.run(t)
	next(t, first.handled)
	next(t, first.waits) // retrying the completion: now "kill -9"
	stop()
	j.setFull(false)
	second := newJournaled(t, h, j)
	stop = second.run(t)
	next(t, second.handled)
	stop()
	h.flush()
	if got := strings.Join(h.plat.texts(), "\n"); strings.Count(got, "已收到报名 1") != 1 {
		t.Fatalf("sent %q, want the reply once", got)
	}
}

// TestReceiveFailsWhenItCannotRecord: a message that cannot be recorded is
// refused (the adapter does not acknowledge it) and the outbox pauses.
func TestReceiveFailsWhenItCannotRecord(t *testing.T) {
	h := newHarness(t, nil)
	j := newJournal()
	r := newJournaled(t, h, j)
	j.setFull(true)
	if err := r.engine.Receive(linli.Message{ID: "m1", Group: "幸福里1期居民群", Sender: "张阿姨", Text: "报名 1"}); err == nil {
		t.Fatal("Receive accepted a message it could not record")
	}
	if _, _, down := h.outbox.StorageDown(); !down {
		t.Error("the outbox was not told writes fail")
	}
	j.setFull(false)
	if err := r.engine.Receive(linli.Message{ID: "m1", Group: "幸福里1期居民群", Sender: "张阿姨", Text: "报名 1"}); err != nil {
		t.Fatalf("Receive once the disk has room: %v", err)
	}
	if _, _, down := h.outbox.StorageDown(); down {
		t.Error("the outbox still thinks writes fail")
	}
}

// TestReplayedMessageDoesNotAnswerAgain: a message whose handling had begun
// when the process died (its effect may be there, its reply not) is
// handled again without replying to its sender; one recorded but not begun
// is answered.
func TestReplayedMessageDoesNotAnswerAgain(t *testing.T) {
	h := newHarness(t, nil)
	j := newJournal()
	first := newJournaled(t, h, j)
	for i := 1; i <= 2; i++ {
		first.engine.Receive(linli.Message{ID: fmt.Sprintf("m%d", i), Group: "幸福里1期居民群", Sender: fmt.Sprintf("居民%d", i), Text: fmt.Sprintf("报名 %d", i)})
	}
	j.CompleteInbound(0, 1) // m1 had begun; then "kill -9"
	second := newJournaled(t, h, j)
	stop := second.run(t)
	next(t, second.handled)
	next(t, second.handled)
	stop()
	h.flush()
	got := strings.Join(h.plat.texts(), "\n")
	if strings.Contains(got, "已收到报名 1") || !strings.Contains(got, "@居民2 已收到报名 2") {
		t.Fatalf("sent %q; want only the reply to the message that had not begun", got)
	}
}
