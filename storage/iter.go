package storage

import (
	"fmt"

	"go.etcd.io/bbolt"

	"linli"
)

// Iterations over whole aggregates, for exports: each runs in one read
// transaction (one consistent snapshot) and holds one record at a time
// (one activity's sign-ups for EachSignup) and gives back the file pages
// it has read as it goes (iter_release.go), so memory does not grow with
// the size of the database. fn must not write to the database (a write
// waiting for the file to grow would wait for this transaction to end);
// the values passed to fn are valid only during the call. An error from fn
// stops the iteration and is returned (wrapped; errors.Is finds it).

// EachSignup calls fn with every sign-up and its activity, by activity and
// then in queue order, with waitlist positions: the order of AllSignups.
func (db *DB) EachSignup(fn func(a *linli.Activity, s *linli.Signup) error) error {
	err := db.view(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketSignups)
		r := releaser{db: db, tx: tx}
		return eachJSON(tx.Bucket(bucketActivities), func(_ []byte, a *linli.Activity) error {
			list, err := activitySignups(b, a.ID)
			if err != nil {
				return err
			}
			for i := range list {
				r.step()
				if err := fn(a, &list[i]); err != nil {
					return err
				}
			}
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("storage: each sign-up: %w", err)
	}
	return nil
}

// CountSignups returns the number of sign-ups stored. It walks the pages
// of the sign-ups, not the records: cheaper than EachSignup, not free.
func (db *DB) CountSignups() (int, error) {
	n := 0
	err := db.view(func(tx *bbolt.Tx) error {
		if b := tx.Bucket(bucketSignups); b != nil {
			n = b.Stats().KeyN
			releaseMapped(db.bolt, tx)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("storage: count sign-ups: %w", err)
	}
	return n, nil
}

// EachReport calls fn with every report in id order.
func (db *DB) EachReport(fn func(r *linli.Report) error) error {
	err := db.view(func(tx *bbolt.Tx) error {
		rel := releaser{db: db, tx: tx}
		return eachJSON(tx.Bucket(bucketReports), func(_ []byte, r *linli.Report) error { rel.step(); return fn(r) })
	})
	if err != nil {
		return fmt.Errorf("storage: each report: %w", err)
	}
	return nil
}

// EachResident calls fn with every resident, ordered by name (the order of
// Residents).
func (db *DB) EachResident(fn func(r *linli.Resident) error) error {
	err := db.view(func(tx *bbolt.Tx) error {
		rel := releaser{db: db, tx: tx}
		return eachJSON(tx.Bucket(bucketResidents), func(_ []byte, r *linli.Resident) error { rel.step(); return fn(r) })
	})
	if err != nil {
		return fmt.Errorf("storage: each resident: %w", err)
	}
	return nil
}
