package storage

import (
	"fmt"
	"slices"
	"time"

	"go.etcd.io/bbolt"

	"linli"
)

// CurrentSignups implements linli.ActivityService: resident's sign-ups of
// the activities that end at or after since. It walks the keys of the
// activities-by-end index from since (what is current: a few dozen
// activities, whatever the history) and looks up resident's sign-up of
// each, so 我的报名 costs what is open now and the resident's own sign-ups
// of it, not the resident's whole history (on the bench database, 20
// sign-ups of ended activities per resident, each decoded with its
// activity).
func (db *DB) CurrentSignups(resident string, since time.Time) ([]linli.Signup, error) {
	var list []linli.Signup
	err := db.view(func(tx *bbolt.Tx) error {
		idx, b := tx.Bucket(bucketActivitiesByEnd), tx.Bucket(bucketSignups)
		if idx == nil || b == nil {
			return nil
		}
		var ids []uint64
		c := idx.Cursor()
		for k, _ := c.Seek(endKey(since)); k != nil; k, _ = c.Next() {
			ids = append(ids, btoi(k[8:]))
		}
		slices.Sort(ids)
		for _, id := range ids {
			var s linli.Signup
			found, err := getJSON(b, signupKey(id, resident), &s)
			if err != nil || !found {
				if err != nil {
					return err
				}
				continue
			}
			if s.Status == linli.SignupWaitlisted {
				if s.Position, err = waitPosition(tx, s.ActivityID, s.Seq); err != nil {
					return err
				}
			}
			list = append(list, s)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("storage: current sign-ups of %q: %w", resident, err)
	}
	return list, nil
}
