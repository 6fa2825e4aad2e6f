package storage

import (
	"encoding/json"
	"fmt"
	"sync"
	"testing"

	"go.etcd.io/bbolt"

	"linli"
)

// stormSize and stormSeats are the shape of the sign-up storm: 500
// residents answer an announcement for 30 seats at once.
const (
	stormSize  = 500
	stormSeats = 30
)

// BenchmarkSignupStorm measures SignUp under a storm: each iteration signs
// stormSize residents up concurrently for a new activity and checks that
// exactly stormSeats are confirmed. Compare its sign-ups/s with
// BenchmarkRawBatchPut's puts/s (run both in one `go test -bench`).
func BenchmarkSignupStorm(b *testing.B) {
	db, _ := newTestDB(b)
	b.ResetTimer()
	for b.Loop() {
		if c, w := storm(b, db, stormSize, stormSeats); c != stormSeats || w != stormSize-stormSeats {
			b.Fatalf("confirmed %d waitlisted %d", c, w)
		}
	}
	b.ReportMetric(float64(stormSize*b.N)/b.Elapsed().Seconds(), "signups/s")
}

// BenchmarkRawBatchPut is the baseline of BenchmarkSignupStorm: stormSize
// concurrent bare bbolt Batch puts of a sign-up-sized record per iteration.
func BenchmarkRawBatchPut(b *testing.B) {
	db, _ := newTestDB(b)
	rec, _ := json.Marshal(linli.Signup{ActivityID: 1, Resident: "居民000", Household: "3栋502",
		PartySize: 1, Status: linli.SignupConfirmed, Group: "幸福里1期居民群", Source: linli.SourceCommand,
		CreatedAt: t0, UpdatedAt: t0})
	iter := 0
	b.ResetTimer()
	for b.Loop() {
		iter++
		var wg sync.WaitGroup
		for i := range stormSize {
			wg.Add(1)
			go func() {
				defer wg.Done()
				key := signupKey(uint64(iter), fmt.Sprintf("居民%03d", i))
				err := db.batch(func(tx *bbolt.Tx) error {
					bk, err := writeBucket(tx, []byte("raw"))
					if err != nil {
						return err
					}
					return bk.Put(key, rec)
				})
				if err != nil {
					b.Error(err)
				}
			}()
		}
		wg.Wait()
	}
	b.ReportMetric(float64(stormSize*b.N)/b.Elapsed().Seconds(), "puts/s")
}
