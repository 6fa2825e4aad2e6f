package storage

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"linli"
)

// seedLedger writes n entries for one resident (and n for 99 others) in
// a few transactions.
func seedLedger(b *testing.B, n int) *DB {
	b.Helper()
	db, err := Open(filepath.Join(b.TempDir(), "bench.db"), WithNoSync())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	for start := 0; start < n; start += 1000 {
		err := db.update(func(tx *bbolt.Tx) error {
			for i := start; i < min(start+1000, n); i++ {
				for _, who := range []string{"张阿姨", fmt.Sprintf("居民%02d", i%99)} {
					if _, _, err := addPoints(tx, linli.PointsEntry{Resident: who, Amount: 1, Kind: linli.PointsGrant,
						CreatedAt: pointsT0.Add(time.Duration(i) * time.Minute)}, 0); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	return db
}

// BenchmarkPointsBalance: 积分 reads the kept balance and the latest 3
// entries; its cost does not grow with the history (compare -bench with
// 1k and 20k entries: go test ./storage -run '^$' -bench PointsBalance).
func BenchmarkPointsBalance(b *testing.B) {
	for _, n := range []int{1000, 20000} {
		db := seedLedger(b, n)
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			for b.Loop() {
				bal, err := db.PointsBalance("张阿姨")
				if err != nil || bal.Balance != n {
					b.Fatalf("balance %+v, %v; want %d", bal, err, n)
				}
				if h, _, err := db.PointsHistory("张阿姨", 0, 3); err != nil || len(h) != 3 {
					b.Fatalf("history %d entries, %v", len(h), err)
				}
			}
		})
	}
}
