package bot_test

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"linli"
	"linli/bot"
	"linli/mock"
)

// faultyStore is an outbox store whose writes fail while full is set, as
// on a full disk. It records deliveries in progress like storage does.
type faultyStore struct {
	*mock.Store
	full   atomic.Bool
	writes atomic.Int32 // attempted writes
}

var _ linli.SendingMarker = (*faultyStore)(nil)

func (s *faultyStore) fail() error {
	s.writes.Add(1)
	if s.full.Load() {
		return fmt.Errorf("write: %w", syscall.ENOSPC)
	}
	return nil
}

func (s *faultyStore) EnqueueOutgoing(out *linli.Outgoing) (bool, error) {
	if err := s.fail(); err != nil {
		return false, err
	}
	return s.Store.EnqueueOutgoing(out)
}

func (s *faultyStore) CompleteOutgoing(ids []uint64, at time.Time) error {
	if err := s.fail(); err != nil {
		return err
	}
	return s.Store.CompleteOutgoing(ids, at)
}

func (s *faultyStore) UpdateOutgoing(out linli.Outgoing) error {
	if err := s.fail(); err != nil {
		return err
	}
	return s.Store.UpdateOutgoing(out)
}

func (s *faultyStore) MarkSending(ids []uint64, at time.Time) error {
	if err := s.fail(); err != nil {
		return err
	}
	pending, _ := s.Store.PendingOutgoing()
	for _, m := range pending {
		for _, id := range ids {
			if m.ID == id {
				m.Sending = at
				s.Store.UpdateOutgoing(m)
			}
		}
	}
	return nil
}

// faultRig is an outbox on a faulty store with a session monitor (which
// tells staff), a recording platform and captured logs.
type faultRig struct {
	t     *testing.T
	h     *harness
	store *faultyStore
	logs  *bytes.Buffer
	drops []string
}

func newFaultRig(t *testing.T) *faultRig {
	h := newHarness(t, nil)
	r := &faultRig{t: t, h: h, store: &faultyStore{Store: mock.NewStore()}, logs: &bytes.Buffer{}}
	r.restart()
	return r
}

// restart builds a new outbox on the same store, as a new process would.
func (r *faultRig) restart() {
	log := slog.New(slog.NewTextHandler(r.logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	ob, err := bot.NewOutbox(r.store, r.store, r.h.clock, r.h.cfg.Outbox, log)
	if err != nil {
		r.t.Fatal(err)
	}
	ob.SetPlatform(r.h.plat)
	mon := bot.NewSessionMonitor(ob, r.h.cfg, r.h.clock, log)
	ob.OnDrop(func(out linli.Outgoing, err error) {
		r.drops = append(r.drops, out.Text+": "+err.Error())
		mon.Dropped(out, err)
	})
	r.h.outbox = ob
}

// runFor drives the outbox on simulated time for d (bounded: a loop would
// show as the step count running out).
func (r *faultRig) runFor(d time.Duration) int {
	end := r.h.clock.Now().Add(d)
	steps := 0
	for ; steps < 10000; steps++ {
		due, ok := r.h.outbox.NextDue()
		if !ok || due.After(end) {
			break
		}
		r.h.clock.Set(due)
		if err := r.h.outbox.RunDue(r.h.clock.Now()); err != nil {
			r.t.Fatal(err)
		}
	}
	r.h.clock.Set(end)
	return steps
}

func (r *faultRig) exact(line string) int {
	n := 0
	for _, s := range r.h.plat.texts() {
		if s == line {
			n++
		}
	}
	return n
}

func (r *faultRig) count(text string) int {
	n := 0
	for _, s := range r.h.plat.texts() {
		n += strings.Count(s, text)
	}
	return n
}

// TestWriteFailureStorm: the disk fills up right after a delivery, in the
// middle of twelve messages. Nothing is delivered twice, nothing loops,
// staff are told once, the process keeps going and resumes by itself when
// space returns; a restart while the disk is still full does not resend the
// message whose completion was never written.
func TestWriteFailureStorm(t *testing.T) {
	r := newFaultRig(t)
	for i := 1; i <= 12; i++ {
		if err := r.h.outbox.Send(linli.Outgoing{To: linli.Chat{Group: fmt.Sprintf("群%02d", i)}, Text: fmt.Sprintf("通知%02d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	delivered := 0
	r.h.plat.fail = func(out linli.Outgoing) error {
		if delivered++; delivered == 3 {
			r.store.full.Store(true) // the write recording this delivery will fail
		}
		return nil
	}
	r.runFor(2 * time.Hour)
	if err := r.h.outbox.Send(linli.Outgoing{To: linli.Chat{Group: "群01"}, Text: "满盘时"}); err == nil {
		t.Error("Send succeeded on a full disk")
	}
	sent := r.h.plat.texts()
	if len(sent) != 4 || r.exact("[群03] 通知03") != 1 || r.count(bot.TextStorageDown) != 1 {
		t.Fatalf("while the disk was full sent %q; want 3 notices and one alert to staff", sent)
	}
	if !strings.HasPrefix(sent[3], "[幸福里工作群] ") {
		t.Errorf("the alert went to %q, want the staff group", sent[3])
	}
	if n := strings.Count(r.logs.String(), "level=ERROR"); n != 1 {
		t.Errorf("%d error lines in two hours of failing writes, want 1:\n%s", n, r.logs.String())
	}
	if w := r.store.writes.Load(); w > 60 {
		t.Errorf("%d write attempts in two hours: retries must back off", w)
	}

	r.restart() // still full: the message being recorded is not sent again
	r.runFor(time.Hour)
	if got := r.h.plat.texts(); len(got) != 5 || r.count(bot.TextStorageDown) != 2 {
		t.Fatalf("after a restart on a full disk sent %q; want only a new alert", got[len(sent):])
	}

	r.store.full.Store(false)
	r.runFor(time.Hour)
	for i := 1; i <= 12; i++ {
		if n := r.exact(fmt.Sprintf("[群%02d] 通知%02d", i, i)); n != 1 {
			t.Errorf("通知%02d delivered %d times, want once: %q", i, n, r.h.plat.texts())
		}
	}
	if p, _ := r.store.PendingOutgoing(); len(p) != 0 {
		t.Errorf("store still holds %d pending messages after recovery", len(p))
	}
	if _, _, down := r.h.outbox.StorageDown(); down {
		t.Error("outbox still thinks the store is failing")
	}
	// The message whose completion was lost is reported, not resent: 通知03
	// was delivered before the restart.
	if len(r.drops) != 1 || !strings.HasPrefix(r.drops[0], "通知03: ") || !errors.Is(errMaybeSent(r.drops[0]), bot.ErrMaybeSent) {
		t.Errorf("drops = %q, want 通知03 reported as possibly sent", r.drops)
	}
	if r.count("不能确定是否已经发出") != 1 {
		t.Errorf("staff were not told about the uncertain message: %q", r.h.plat.texts())
	}
}

func errMaybeSent(s string) error {
	if strings.HasSuffix(s, bot.ErrMaybeSent.Error()) {
		return bot.ErrMaybeSent
	}
	return nil
}

// TestCompletionLostIsNotDeliveredAgain: in one process, a delivery whose
// completion cannot be written is not delivered again, and its completion
// is written once the store works.
func TestCompletionLostIsNotDeliveredAgain(t *testing.T) {
	r := newFaultRig(t)
	r.h.outbox.Send(linli.Outgoing{To: linli.Chat{Group: "群01"}, Text: "一次"})
	r.h.plat.fail = func(linli.Outgoing) error { r.store.full.Store(true); return nil }
	r.runFor(10 * time.Minute)
	r.h.plat.fail = nil
	r.store.full.Store(false)
	r.runFor(10 * time.Minute)
	if n := r.count("一次"); n != 1 {
		t.Fatalf("delivered %d times, want once: %q", n, r.h.plat.texts())
	}
	if p, _ := r.store.PendingOutgoing(); len(p) != 0 {
		t.Fatalf("completion never written: %+v", p)
	}
}

// TestEngineWriteFailurePausesOutbox: a failure reported by another writer
// (the engine's journal) pauses delivery until a write succeeds.
func TestEngineWriteFailurePausesOutbox(t *testing.T) {
	r := newFaultRig(t)
	r.h.outbox.Send(linli.Outgoing{To: linli.Chat{Group: "群01"}, Text: "等一等"})
	r.h.outbox.StorageFailed(errors.New("journal: no space left on device"))
	r.store.full.Store(true)
	r.runFor(time.Minute)
	if r.count("等一等") != 0 {
		t.Fatal("delivered while writes were failing")
	}
	r.store.full.Store(false)
	r.runFor(10 * time.Minute)
	if r.count("等一等") != 1 {
		t.Fatalf("not delivered after recovery: %q", r.h.plat.texts())
	}
}

// TestStoreFailureLogDoesNotFlap: a nearly full disk lets some writes
// through and fails others. The red team saw seven failure and seven
// recovery lines in two seconds. The failure is logged once, and its end
// once, only after writes have worked for a while; staff are told once.
func TestStoreFailureLogDoesNotFlap(t *testing.T) {
	r := newFaultRig(t)
	send := func(i int) {
		r.h.outbox.Send(linli.Outgoing{To: linli.Chat{User: "李社工"}, Text: fmt.Sprintf("第%d条", i), Private: true})
	}
	for i := 0; i < 7; i++ { // fail, work, fail, work ... within seconds
		r.store.full.Store(true)
		send(2 * i)
		r.h.clock.Advance(100 * time.Millisecond)
		r.store.full.Store(false)
		send(2*i + 1)
		r.h.clock.Advance(100 * time.Millisecond)
	}
	logs := r.logs.String()
	if n := strings.Count(logs, "数据库写入失败，暂停发送直到恢复"); n != 1 {
		t.Errorf("failure logged %d times, want once:\n%s", n, logs)
	}
	if n := strings.Count(logs, "数据库写入已恢复"); n != 0 {
		t.Errorf("recovery logged %d times while writes still flapped:\n%s", n, logs)
	}
	r.runFor(time.Minute) // writes keep working
	send(99)
	r.runFor(time.Minute)
	logs = r.logs.String()
	if n := strings.Count(logs, "数据库写入已恢复"); n != 1 {
		t.Errorf("recovery logged %d times, want once after writes kept working:\n%s", n, logs)
	}
	if n := r.exact(bot.TextStorageDown); n > 1 {
		t.Errorf("staff told %d times", n)
	}
}
