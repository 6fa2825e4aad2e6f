package storage

import (
	"errors"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"linli"
)

func enqueue(t *testing.T, db *DB, out linli.Outgoing) (uint64, bool) {
	t.Helper()
	ok, err := db.EnqueueOutgoing(&out)
	if err != nil {
		t.Fatalf("EnqueueOutgoing(%q): %v", out.Text, err)
	}
	return out.ID, ok
}

func pendingIDs(t *testing.T, db *DB) []uint64 {
	t.Helper()
	list, err := db.PendingOutgoing()
	if err != nil {
		t.Fatal(err)
	}
	ids := []uint64{}
	for _, o := range list {
		ids = append(ids, o.ID)
	}
	return ids
}

func equalIDs(a, b []uint64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestOutboxAcrossReopen(t *testing.T) {
	db, _ := newTestDB(t)
	group := linli.Chat{Group: "幸福里1期居民群"}
	enqueues := []struct {
		out    linli.Outgoing
		wantID uint64
		wantOK bool
	}{
		{linli.Outgoing{Key: "job:1:a", To: group, Text: "活动提醒", Queued: t0}, 1, true},
		{linli.Outgoing{To: linli.Chat{User: "张阿姨"}, Text: "报名成功", Mention: []string{"张阿姨"}, Queued: t0}, 2, true},
		{linli.Outgoing{Key: "job:1:a", To: group, Text: "活动提醒（重跑）", Queued: t0}, 0, false},
		{linli.Outgoing{Key: "job:1:b", To: group, Text: "第二条", Queued: t0}, 3, true},
	}
	for i, e := range enqueues {
		id, ok := enqueue(t, db, e.out)
		if id != e.wantID || ok != e.wantOK {
			t.Fatalf("enqueue %d = id %d, %v; want id %d, %v", i, id, ok, e.wantID, e.wantOK)
		}
	}

	db = reopen(t, db)
	list, err := db.PendingOutgoing()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 3 || list[1].Text != "报名成功" || list[1].Mention[0] != "张阿姨" || !list[1].Queued.Equal(t0) {
		t.Fatalf("pending after reopen = %+v", list)
	}

	for range 2 { // completing twice is harmless
		if err := db.CompleteOutgoing([]uint64{1, 3, 99}, t0.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	if got := pendingIDs(t, db); !equalIDs(got, []uint64{2}) {
		t.Fatalf("pending = %v, want [2]", got)
	}

	// A job re-run after a crash must not send again, even after reopen.
	db = reopen(t, db)
	if id, ok := enqueue(t, db, linli.Outgoing{Key: "job:1:a", To: group, Text: "again"}); ok || id != 0 {
		t.Fatalf("enqueue of a completed key = %d, %v; want refused", id, ok)
	}
	if id, ok := enqueue(t, db, linli.Outgoing{To: group, Text: "new"}); !ok || id != 4 {
		t.Fatalf("next enqueue = %d, %v; want id 4", id, ok)
	}
}

func TestUpdateOutgoing(t *testing.T) {
	db, _ := newTestDB(t)
	id, _ := enqueue(t, db, linli.Outgoing{Key: "k", To: linli.Chat{Group: "g"}, Text: "hi"})
	list, _ := db.PendingOutgoing()
	out := list[0]
	out.Tries = 2
	if err := db.UpdateOutgoing(out); err != nil {
		t.Fatal(err)
	}
	list, _ = db.PendingOutgoing()
	if list[0].Tries != 2 {
		t.Fatalf("tries = %d, want 2", list[0].Tries)
	}

	changed := out
	changed.Key = "other"
	if err := db.UpdateOutgoing(changed); err == nil {
		t.Error("UpdateOutgoing accepted a changed key")
	}

	if err := db.CompleteOutgoing([]uint64{id}, t0); err != nil {
		t.Fatal(err)
	}
	err := db.UpdateOutgoing(out)
	if linli.ErrorCode(err) != linli.ENotFound {
		t.Fatalf("UpdateOutgoing of a completed message = %v, want ENotFound", err)
	}
	if got := pendingIDs(t, db); len(got) != 0 {
		t.Fatalf("completed message came back: pending = %v", got)
	}
}

func TestPruneOutboxKeys(t *testing.T) {
	db, _ := newTestDB(t)
	done, _ := enqueue(t, db, linli.Outgoing{Key: "done", Text: "x"})
	enqueue(t, db, linli.Outgoing{Key: "pending", Text: "y"})
	if err := db.CompleteOutgoing([]uint64{done}, t0); err != nil {
		t.Fatal(err)
	}

	if n, err := db.PruneOutboxKeys(t0); err != nil || n != 0 {
		t.Fatalf("PruneOutboxKeys(t0) = %d, %v; want 0", n, err)
	}
	if _, ok := enqueue(t, db, linli.Outgoing{Key: "done"}); ok {
		t.Fatal("key completed within retention was reused")
	}
	if n, err := db.PruneOutboxKeys(t0.Add(Retention)); err != nil || n != 1 {
		t.Fatalf("PruneOutboxKeys(later) = %d, %v; want 1", n, err)
	}
	if _, ok := enqueue(t, db, linli.Outgoing{Key: "done"}); !ok {
		t.Error("pruned key still refused")
	}
	if _, ok := enqueue(t, db, linli.Outgoing{Key: "pending"}); ok {
		t.Error("key of a pending message was pruned")
	}
}

func TestMarkSending(t *testing.T) {
	db, _ := newTestDB(t)
	a := linli.Outgoing{To: linli.Chat{Group: "群"}, Text: "一"}
	b := linli.Outgoing{To: linli.Chat{Group: "群"}, Text: "二"}
	for _, o := range []*linli.Outgoing{&a, &b} {
		if _, err := db.EnqueueOutgoing(o); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.MarkSending([]uint64{a.ID, 999}, t0); err != nil {
		t.Fatal(err)
	}
	db = reopen(t, db)
	p, err := db.PendingOutgoing()
	if err != nil || len(p) != 2 || !p[0].Sending.Equal(t0) || !p[1].Sending.IsZero() {
		t.Fatalf("pending = %+v, %v; want the first marked as sending", p, err)
	}
	if err := db.MarkSending([]uint64{a.ID}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if p, _ := db.PendingOutgoing(); !p[0].Sending.IsZero() {
		t.Fatalf("MarkSending with a zero time did not clear it: %+v", p[0])
	}
}

func TestWriteFaultFailsWritesOnly(t *testing.T) {
	var fail atomic.Bool
	path := filepath.Join(t.TempDir(), "linli.db")
	db := openTest(t, path, WithWriteFault(func() error {
		if fail.Load() {
			return syscall.ENOSPC
		}
		return nil
	}))
	mustMarkSeen(t, db, "m1", t0)
	fail.Store(true)
	if _, err := db.MarkSeen("m2", t0); !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("MarkSeen with a full disk = %v, want ENOSPC", err)
	}
	if first, err := db.MarkSeen("m1", t0); err != nil || first {
		t.Fatalf("reads must still work: %v, %v", first, err)
	}
	fail.Store(false)
	if first, err := db.MarkSeen("m2", t0); err != nil || !first {
		t.Fatalf("after the disk has room again: %v, %v", first, err)
	}
}
