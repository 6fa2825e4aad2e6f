package storage

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"go.etcd.io/bbolt"
)

// TestGroupCommitIsolatesFailures runs many concurrent writes, some of which
// fail after writing: every successful write is kept, every failed one is
// rolled back, whichever writes happened to share a transaction.
func TestGroupCommitIsolatesFailures(t *testing.T) {
	db, _ := newTestDB(t)
	bucket := []byte("group_test")
	boom := errors.New("boom")
	var wg sync.WaitGroup
	errs := make([]error, 300)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = db.groupUpdate(func(tx *bbolt.Tx) error {
				b, err := writeBucket(tx, bucket)
				if err != nil {
					return err
				}
				if err := b.Put([]byte(fmt.Sprint(i)), []byte("x")); err != nil {
					return err
				}
				if i%7 == 0 {
					return boom
				}
				return nil
			})
		}()
	}
	wg.Wait()
	err := db.view(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucket)
		for i, e := range errs {
			stored := b.Get([]byte(fmt.Sprint(i))) != nil
			if failed := i%7 == 0; failed != errors.Is(e, boom) || stored == failed {
				t.Errorf("write %d: err %v, stored %v", i, e, stored)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
