package storage

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"go.etcd.io/bbolt"

	"linli"
)

// rebuildChunk is how many records one transaction of buildIndexes
// indexes. bbolt splits the nodes a transaction grew only when it commits,
// so one transaction inserting a million random keys into a new bucket
// spends its time moving ever longer slices; chunks keep it linear.
const rebuildChunk = 20_000

// migrateV4 raises the version once buildIndexes (its rebuild, run on the
// database at schema 3, after the points ledger of migrateV3) has built the
// indexes and counters of index.go and activity_stats.go.
func migrateV4(*bbolt.Tx, *slog.Logger) error { return nil }

// buildIndexes builds the indexes and counters from the records, in
// transactions of rebuildChunk records, logging its progress: sign-ups by
// resident, household and waitlist, and their counts; activities by end;
// reports by reporter, grid and status, month and resolver, and their
// counts; residents by nickname, and the people known. It drops them
// first, so after a failure (the version is still 3) it runs again from
// the start.
func buildIndexes(db *DB, log *slog.Logger) error {
	err := db.update(func(tx *bbolt.Tx) error {
		for _, name := range indexBuckets {
			if tx.Bucket(name) != nil {
				if err := tx.DeleteBucket(name); err != nil {
					return fmt.Errorf("drop %s: %w", name, err)
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	steps := []struct {
		what   string
		bucket []byte
		index  func(tx *bbolt.Tx, v []byte) error
	}{
		{"activities", bucketActivities, indexDecoded(func(tx *bbolt.Tx, a *linli.Activity) error { return indexActivity(tx, a) })},
		{"sign-ups", bucketSignups, indexDecoded(func(tx *bbolt.Tx, s *linli.Signup) error {
			if err := indexSignup(tx, s); err != nil {
				return err
			}
			return tallySignup(tx, signupActivity(tx, s), nil, s)
		})},
		{"reports", bucketReports, indexDecoded(func(tx *bbolt.Tx, r *linli.Report) error {
			if err := indexReport(tx, r); err != nil {
				return err
			}
			return countReport(tx, nil, r)
		})},
		{"residents", bucketResidents, indexDecoded(func(tx *bbolt.Tx, r *linli.Resident) error { return indexResident(tx, r) })},
	}
	for _, st := range steps {
		var total int
		if err := db.view(func(tx *bbolt.Tx) error {
			if b := tx.Bucket(st.bucket); b != nil {
				total = b.Stats().KeyN
			}
			return nil
		}); err != nil {
			return err
		}
		if total == 0 {
			continue
		}
		log.Info("building indexes", "of", st.what, "records", total)
		began, n := time.Now(), 0
		var after []byte // the last key indexed
		for {
			var last []byte
			var done int
			err := db.update(func(tx *bbolt.Tx) error {
				last, done = nil, 0
				b := tx.Bucket(st.bucket)
				c := b.Cursor()
				k, v := c.First()
				if after != nil {
					if k, v = c.Seek(after); k != nil && bytes.Equal(k, after) {
						k, v = c.Next()
					}
				}
				// Copied first: the cursor must not run while the
				// transaction writes.
				var keys, values [][]byte
				for ; k != nil && len(keys) < rebuildChunk; k, v = c.Next() {
					if v != nil {
						keys, values = append(keys, bytes.Clone(k)), append(values, bytes.Clone(v))
					}
				}
				for i, k := range keys {
					if err := st.index(tx, values[i]); err != nil {
						return fmt.Errorf("index %s %s: %w", st.what, keyString(k), err)
					}
				}
				if len(keys) > 0 {
					last, done = keys[len(keys)-1], len(keys)
				}
				return nil
			})
			if err != nil {
				return err
			}
			if done == 0 {
				break
			}
			after, n = last, n+done
			if n%migrateProgressEvery < rebuildChunk {
				log.Info("building indexes", "of", st.what, "done", n, "of", total)
			}
		}
		log.Info("indexes built", "of", st.what, "records", n, "took", time.Since(began).Round(time.Millisecond))
	}
	return nil
}

// migrateProgressEvery is about how many records buildIndexes indexes
// between two progress lines in the log.
const migrateProgressEvery = 100_000

// indexDecoded decodes a JSON record and hands it to fn.
func indexDecoded[T any](fn func(tx *bbolt.Tx, v *T) error) func(tx *bbolt.Tx, data []byte) error {
	return func(tx *bbolt.Tx, data []byte) error {
		var rec T
		if err := json.Unmarshal(data, &rec); err != nil {
			return fmt.Errorf("decode: %w", err)
		}
		return fn(tx, &rec)
	}
}
