package storage

import (
	"fmt"
	"time"

	"go.etcd.io/bbolt"

	"linli"
)

var _ linli.FeedbackStore = (*DB)(nil)

// Volunteer hours and activity ratings, in buckets of their own, keyed by
// activity then resident (signupKey).
var (
	bucketVolunteer = []byte("volunteer_hours")  // itob(activity) resident → VolunteerRecord
	bucketRatings   = []byte("activity_ratings") // itob(activity) resident → ActivityRating
)

// CheckOut records a 签退.
func (db *DB) CheckOut(activityID uint64, resident string, at time.Time) (linli.VolunteerRecord, error) {
	rec, err := change[linli.VolunteerRecord]{bucket: bucketVolunteer, key: signupKey(activityID, resident),
		fn: func(_ *bbolt.Tx, r *linli.VolunteerRecord) error {
			switch {
			case r.Settled:
				return linli.Errorf(linli.EConflict, "活动%d的志愿时长已经记好了（%.1f小时），不用再签退。", activityID, r.Hours)
			case !r.CheckedOut.IsZero():
				return linli.Errorf(linli.EConflict, "您已经在 %s 签退过了。", r.CheckedOut.Format("15:04"))
			}
			r.ActivityID, r.Resident, r.CheckedOut = activityID, resident, at
			return nil
		}}.commit(db, fmt.Sprintf("check out of %d", activityID))
	if err != nil {
		return linli.VolunteerRecord{}, err
	}
	return *rec, nil
}

// SettleVolunteer stores the hours of rec once.
func (db *DB) SettleVolunteer(rec linli.VolunteerRecord) (linli.VolunteerRecord, bool, error) {
	settled := false
	out, err := change[linli.VolunteerRecord]{bucket: bucketVolunteer, key: signupKey(rec.ActivityID, rec.Resident),
		fn: func(_ *bbolt.Tx, r *linli.VolunteerRecord) error {
			if r.Settled {
				return errUnchanged
			}
			out := r.CheckedOut
			*r = rec
			if !out.IsZero() {
				r.CheckedOut = out
			}
			r.Settled, settled = true, true
			return nil
		}}.commit(db, fmt.Sprintf("settle volunteer hours of %d", rec.ActivityID))
	if err != nil {
		return linli.VolunteerRecord{}, false, err
	}
	return *out, settled, nil
}

// VolunteerRecords lists the settled and pending records of resident, or
// everyone's for "".
func (db *DB) VolunteerRecords(resident string) ([]linli.VolunteerRecord, error) {
	var out []linli.VolunteerRecord
	err := db.view(func(tx *bbolt.Tx) error {
		return eachJSON(tx.Bucket(bucketVolunteer), func(_ []byte, r *linli.VolunteerRecord) error {
			if resident == "" || r.Resident == resident {
				out = append(out, *r)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("storage: volunteer records: %w", err)
	}
	return out, nil
}

// RateActivity stores r, replacing an earlier rating.
func (db *DB) RateActivity(r linli.ActivityRating) (*linli.ActivityRating, error) {
	var prev *linli.ActivityRating
	_, err := change[linli.ActivityRating]{bucket: bucketRatings, key: signupKey(r.ActivityID, r.Resident),
		fn: func(_ *bbolt.Tx, old *linli.ActivityRating) error {
			if old.Stars != 0 {
				p := *old
				prev = &p
			}
			*old = r
			return nil
		}}.commit(db, fmt.Sprintf("rate activity %d", r.ActivityID))
	if err != nil {
		return nil, err
	}
	return prev, nil
}

// ActivityRatings lists the ratings of one activity: a range of keys.
func (db *DB) ActivityRatings(activityID uint64) ([]linli.ActivityRating, error) {
	var out []linli.ActivityRating
	err := db.view(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketRatings)
		if b == nil {
			return nil
		}
		prefix := itob(activityID)
		c := b.Cursor()
		for k, _ := c.Seek(prefix); k != nil && len(k) >= 8 && btoi(k[:8]) == activityID; k, _ = c.Next() {
			var r linli.ActivityRating
			if _, err := getJSON(b, k, &r); err != nil {
				return err
			}
			out = append(out, r)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("storage: ratings of %d: %w", activityID, err)
	}
	return out, nil
}
