package storage

import (
	"fmt"

	"go.etcd.io/bbolt"

	"linli"
)

var _ linli.JobStore = (*DB)(nil)

// PutJob stores j. A job with a non-empty Key replaces the job that already
// has that Key and takes its ID; otherwise a zero j.ID is assigned from the
// job sequence. j.ID is set on success. A job whose ID is set but differs
// from the ID of the job holding its Key is refused: two jobs cannot share a
// key. Changing the Key of a stored job releases its old key.
func (db *DB) PutJob(j *linli.Job) error {
	rec := *j
	err := db.update(func(tx *bbolt.Tx) error {
		b, err := writeBucket(tx, bucketJobs)
		if err != nil {
			return err
		}
		keys, err := writeBucket(tx, bucketJobKeys)
		if err != nil {
			return err
		}
		if rec.Key != "" {
			if owner := btoi(keys.Get([]byte(rec.Key))); owner != 0 {
				if rec.ID != 0 && rec.ID != owner {
					return fmt.Errorf("key %q belongs to job %d", rec.Key, owner)
				}
				rec.ID = owner
			}
		}
		if rec.ID == 0 {
			if rec.ID, err = nextID(b); err != nil {
				return err
			}
		} else if err := reserveID(b, rec.ID); err != nil {
			return err
		}
		var old linli.Job
		found, err := getJSON(b, itob(rec.ID), &old)
		if err != nil {
			return err
		}
		if found && old.Number != 0 {
			rec.Number = old.Number
		}
		if rec.Number == 0 {
			if rec.Number, err = nextJobNumber(tx, rec.Kind); err != nil {
				return err
			}
		}
		if found && old.Key != "" && old.Key != rec.Key {
			if err := deleteKey(keys, []byte(old.Key)); err != nil {
				return err
			}
		}
		if rec.Key != "" {
			if err := keys.Put([]byte(rec.Key), itob(rec.ID)); err != nil {
				return fmt.Errorf("put job key %q: %w", rec.Key, err)
			}
		}
		return putJSON(b, itob(rec.ID), &rec)
	})
	if err != nil {
		return fmt.Errorf("storage: put job %d %q: %w", j.ID, j.Key, err)
	}
	j.ID, j.Number = rec.ID, rec.Number
	return nil
}

// nextJobNumber returns the next number for a job of kind: numbers shown to
// people count jobs of one kind only, never reused.
func nextJobNumber(tx *bbolt.Tx, kind string) (uint64, error) {
	b, err := writeBucket(tx, bucketJobNumbers)
	if err != nil {
		return 0, err
	}
	n := btoi(b.Get([]byte(kind))) + 1
	if err := b.Put([]byte(kind), itob(n)); err != nil {
		return 0, fmt.Errorf("job number for %q: %w", kind, err)
	}
	return n, nil
}

// DeleteJob removes the job id and releases its key; deleting a missing job
// is not an error.
func (db *DB) DeleteJob(id uint64) error {
	err := db.update(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketJobs)
		var j linli.Job
		found, err := getJSON(b, itob(id), &j)
		if err != nil || !found {
			return err
		}
		if j.Key != "" {
			if err := deleteKey(tx.Bucket(bucketJobKeys), []byte(j.Key)); err != nil {
				return err
			}
		}
		return deleteKey(b, itob(id))
	})
	if err != nil {
		return fmt.Errorf("storage: delete job %d: %w", id, err)
	}
	return nil
}

// Jobs lists all jobs in ID order.
func (db *DB) Jobs() ([]linli.Job, error) {
	var list []linli.Job
	err := db.view(func(tx *bbolt.Tx) (err error) {
		list, err = listJSON[linli.Job](tx.Bucket(bucketJobs))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("storage: jobs: %w", err)
	}
	return list, nil
}
