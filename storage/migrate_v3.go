package storage

import (
	"encoding/json"
	"fmt"
	"log/slog"

	"go.etcd.io/bbolt"

	"linli"
)

// migrateProgressEvery is how many records migrateV3 indexes between two
// progress lines in the log.
const migrateProgressEvery = 100_000

// migrateV3 builds the indexes and counters of index.go from the records
// (dropping any partial ones first), logging its progress: sign-ups by
// resident, household and waitlist; activities by end; reports by
// reporter, grid and status, month, and their counts; residents by
// nickname.
func migrateV3(tx *bbolt.Tx, log *slog.Logger) error {
	for _, name := range indexBuckets {
		if tx.Bucket(name) != nil {
			if err := tx.DeleteBucket(name); err != nil {
				return fmt.Errorf("drop %s: %w", name, err)
			}
		}
	}
	steps := []struct {
		what   string
		bucket []byte
		index  func(k, v []byte) error
	}{
		{"activities", bucketActivities, indexDecoded(func(a *linli.Activity) error { return indexActivity(tx, a) })},
		{"sign-ups", bucketSignups, indexDecoded(func(s *linli.Signup) error {
			if err := indexSignup(tx, s); err != nil {
				return err
			}
			return tallySignup(tx, signupActivity(tx, s), nil, s)
		})},
		{"reports", bucketReports, indexDecoded(func(r *linli.Report) error {
			if err := indexReport(tx, r); err != nil {
				return err
			}
			return countReport(tx, nil, r)
		})},
		{"residents", bucketResidents, indexDecoded(func(r *linli.Resident) error { return indexResident(tx, r) })},
	}
	for _, st := range steps {
		b := tx.Bucket(st.bucket)
		if b == nil {
			continue
		}
		// The keys are collected first: a cursor must not run over a
		// bucket while the transaction writes (other buckets' pages may
		// move), and the records are read back one by one.
		n, total := 0, b.Stats().KeyN
		log.Info("building indexes", "of", st.what, "records", total)
		var keys [][]byte
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if v != nil {
				keys = append(keys, append([]byte(nil), k...))
			}
		}
		for _, k := range keys {
			if err := st.index(k, b.Get(k)); err != nil {
				return fmt.Errorf("index %s %s: %w", st.what, keyString(k), err)
			}
			if n++; n%migrateProgressEvery == 0 {
				log.Info("building indexes", "of", st.what, "done", n, "of", total)
			}
		}
		log.Info("indexes built", "of", st.what, "records", n)
	}
	return nil
}

// indexDecoded decodes a JSON record and hands it to fn.
func indexDecoded[T any](fn func(*T) error) func(k, v []byte) error {
	return func(k, v []byte) error {
		var rec T
		if err := json.Unmarshal(v, &rec); err != nil {
			return fmt.Errorf("decode: %w", err)
		}
		return fn(&rec)
	}
}
