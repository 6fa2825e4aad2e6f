package storage

import (
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestMarkSeen(t *testing.T) {
	db, _ := newTestDB(t)
	steps := []struct {
		id        string
		wantFirst bool
	}{
		{"m1", true},
		{"m1", false},
		{"m2", true},
		{"", true}, // no id: cannot dedupe
		{"", true},
	}
	for i, s := range steps {
		first, err := db.MarkSeen(s.id, t0)
		if err != nil || first != s.wantFirst {
			t.Fatalf("step %d MarkSeen(%q) = %v, %v; want %v", i, s.id, first, err, s.wantFirst)
		}
	}
	db = reopen(t, db)
	for _, id := range []string{"m1", "m2"} {
		if first, err := db.MarkSeen(id, t0); err != nil || first {
			t.Fatalf("after reopen MarkSeen(%q) = %v, %v; want false", id, first, err)
		}
	}
}

func TestMarkSeenConcurrentSameID(t *testing.T) {
	db, _ := newTestDB(t)
	var firsts atomic.Int32
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() {
			first, err := db.MarkSeen("same", t0)
			if err != nil {
				t.Error(err)
			}
			if first {
				firsts.Add(1)
			}
		})
	}
	wg.Wait()
	if n := firsts.Load(); n != 1 {
		t.Fatalf("%d goroutines saw the id first, want exactly 1", n)
	}
}

func TestPruneSeen(t *testing.T) {
	db, _ := newTestDB(t)
	mustMarkSeen(t, db, "old", t0)
	mustMarkSeen(t, db, "new", t0.Add(Retention))
	n, err := db.PruneSeen(t0.Add(Retention).Add(-Retention / 2))
	if err != nil || n != 1 {
		t.Fatalf("PruneSeen = %d, %v; want 1", n, err)
	}
	if first, _ := db.MarkSeen("old", t0); !first {
		t.Error("pruned id still seen")
	}
	if first, _ := db.MarkSeen("new", t0); first {
		t.Error("recent id forgotten")
	}
}

func TestMarkSeenPrunesPeriodically(t *testing.T) {
	db := openTest(t, filepath.Join(t.TempDir(), "linli.db"), WithNoSync())
	mustMarkSeen(t, db, "ancient", t0)
	later := t0.Add(2 * Retention)
	for i := 1; i < pruneEvery; i++ { // the pruneEvery-th insert prunes
		mustMarkSeen(t, db, fmt.Sprintf("m%d", i), later)
	}
	if first, _ := db.MarkSeen("ancient", later); !first {
		t.Error("id older than Retention was not pruned after pruneEvery inserts")
	}
	if first, _ := db.MarkSeen("m1", later); first {
		t.Error("recent id was pruned")
	}
}

func TestPrune(t *testing.T) {
	db, _ := newTestDB(t)
	mustMarkSeen(t, db, "old", t0)
	if _, err := db.Prune(t0.Add(Retention + time.Second)); err != nil {
		t.Fatal(err)
	}
	if first, _ := db.MarkSeen("old", t0); !first {
		t.Error("Prune kept an expired id")
	}
}

func mustMarkSeen(t testing.TB, db *DB, id string, at time.Time) {
	t.Helper()
	if first, err := db.MarkSeen(id, at); err != nil || !first {
		t.Fatalf("MarkSeen(%q) = %v, %v; want true", id, first, err)
	}
}

func BenchmarkMarkSeen(b *testing.B) {
	b.Run("new", func(b *testing.B) {
		db, _ := newTestDB(b)
		i := 0
		for b.Loop() {
			i++
			if _, err := db.MarkSeen(fmt.Sprintf("msg-%d", i), t0); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("repeat", func(b *testing.B) {
		db, _ := newTestDB(b)
		mustMarkSeen(b, db, "msg", t0)
		for b.Loop() {
			if _, err := db.MarkSeen("msg", t0); err != nil {
				b.Fatal(err)
			}
		}
	})
}
