package storage

import (
	"fmt"
	"time"

	"go.etcd.io/bbolt"

	"linli"
)

var _ linli.DedupeStore = (*DB)(nil)

// pruneEvery is how often (in new ids) MarkSeen forgets ids older than
// Retention.
const pruneEvery = 1000

// MarkSeen records id and reports whether this is its first sighting. The
// check and the record are one transaction, so of concurrent calls with the
// same id exactly one reports true. at is when the message was seen (the
// engine's clock); every pruneEvery new ids, ids seen more than Retention
// before at are forgotten. An empty id cannot be remembered: MarkSeen reports
// true and stores nothing.
func (db *DB) MarkSeen(id string, at time.Time) (bool, error) {
	if id == "" {
		return true, nil
	}
	key := []byte(id)
	// Fast path for redeliveries: a read transaction costs no fsync.
	var seen bool
	if err := db.view(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketSeen)
		seen = b != nil && b.Get(key) != nil
		return nil
	}); err != nil {
		return false, fmt.Errorf("storage: mark seen %q: %w", id, err)
	}
	if seen {
		return false, nil
	}
	var first bool
	err := db.update(func(tx *bbolt.Tx) (err error) {
		first, err = markSeenTx(tx, key, at)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("storage: mark seen %q: %w", id, err)
	}
	return first, nil
}

// markSeenTx records key as seen at at unless it was, and reports whether
// it was new. Every pruneEvery new ids, ids seen more than Retention before
// at are forgotten.
func markSeenTx(tx *bbolt.Tx, key []byte, at time.Time) (bool, error) {
	b, err := writeBucket(tx, bucketSeen)
	if err != nil {
		return false, err
	}
	if b.Get(key) != nil {
		return false, nil
	}
	if err := b.Put(key, itob(uint64(at.UnixMilli()))); err != nil {
		return false, err
	}
	n, err := nextID(b) // counts insertions
	if err != nil {
		return false, err
	}
	if n%pruneEvery == 0 {
		if _, err := pruneSeen(b, at.Add(-Retention)); err != nil {
			return false, err
		}
	}
	return true, nil
}

// PruneSeen forgets ids first seen before before and reports how many it
// forgot. MarkSeen prunes by itself now and then; PruneSeen is for explicit
// housekeeping (see Prune).
func (db *DB) PruneSeen(before time.Time) (int, error) {
	var n int
	err := db.update(func(tx *bbolt.Tx) (err error) {
		n, err = pruneSeen(tx.Bucket(bucketSeen), before)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("storage: prune seen: %w", err)
	}
	return n, nil
}

// pruneSeen deletes the ids of b seen before before.
func pruneSeen(b *bbolt.Bucket, before time.Time) (int, error) {
	cutoff := before.UnixMilli()
	return deleteWhere(b, func(_, v []byte) bool {
		return int64(btoi(v)) < cutoff
	})
}
