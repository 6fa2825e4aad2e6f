package storage

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"go.etcd.io/bbolt"

	"linli"
)

var _ linli.ActivityService = (*DB)(nil)

// Buckets of activities and sign-ups. A sign-up is keyed by
// itob(activity id) + resident name, so an activity's sign-ups are one key
// range.
var (
	bucketActivities = []byte("activities")
	bucketSignups    = []byte("signups")
	bucketAsked      = []byte("asked")
	bucketOldHints   = []byte("jielong_hints") // replaced by bucketAsked; dropped when seen
)

// askedEvery is how long a question asked is remembered: the same question
// is not asked again within it.
const askedEvery = 24 * time.Hour

// CreateActivity stores a under a new ID. The counters start at zero.
func (db *DB) CreateActivity(a *linli.Activity) error {
	var rec linli.Activity
	err := db.update(func(tx *bbolt.Tx) (err error) {
		rec, err = createActivityTx(tx, *a)
		return err
	})
	if err != nil {
		return fmt.Errorf("storage: create activity: %w", err)
	}
	*a = rec
	return nil
}

// createActivityTx stores rec under a new ID inside tx, counters zero, and
// returns it as stored.
func createActivityTx(tx *bbolt.Tx, rec linli.Activity) (linli.Activity, error) {
	b, err := writeBucket(tx, bucketActivities)
	if err != nil {
		return rec, err
	}
	id, err := nextID(b)
	if err != nil {
		return rec, err
	}
	rec.ID, rec.Taken, rec.Waiting, rec.SignupSeq, rec.NextID = id, 0, 0, 0, 0
	return rec, putActivity(tx, b, &rec)
}

// Activity returns the activity id, or an ENotFound *linli.Error.
func (db *DB) Activity(id uint64) (*linli.Activity, error) {
	return getRecord[linli.Activity](db, fmt.Sprintf("activity %d", id), bucketActivities, itob(id),
		func() error { return activityNotFound(id) })
}

// Activities lists every activity in ID order.
func (db *DB) Activities() ([]linli.Activity, error) {
	var list []linli.Activity
	err := db.view(func(tx *bbolt.Tx) (err error) {
		list, err = listJSON[linli.Activity](tx.Bucket(bucketActivities))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("storage: activities: %w", err)
	}
	return list, nil
}

// CurrentActivities lists, in ID order, the activities that end at or
// after since (any status), from the by-end index.
func (db *DB) CurrentActivities(since time.Time) ([]linli.Activity, error) {
	var list []linli.Activity
	err := db.view(func(tx *bbolt.Tx) error {
		idx, b := tx.Bucket(bucketActivitiesByEnd), tx.Bucket(bucketActivities)
		if idx == nil {
			return nil
		}
		c := idx.Cursor()
		for k, _ := c.Seek(endKey(since)); k != nil; k, _ = c.Next() {
			var a linli.Activity
			found, err := getJSON(b, k[8:], &a)
			if err != nil {
				return err
			}
			if found {
				list = append(list, a)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("storage: current activities: %w", err)
	}
	slices.SortFunc(list, func(x, y linli.Activity) int { return cmp.Compare(x.ID, y.ID) })
	return list, nil
}

// UpdateActivity applies fn to activity id and saves it in one transaction.
// An error from fn aborts without saving and is returned as is. fn cannot
// change the ID or the counters. A Capacity below the confirmed seats, or a
// change of Status the state machine does not allow at now
// (linli.Activity.Allows, asked of the activity as fn left it but with its
// old status), is an EConflict error. If seats are free afterwards and now
// is before the start, waitlisted sign-ups that fit are confirmed (in queue
// order) and returned.
func (db *DB) UpdateActivity(id uint64, now time.Time, fn func(*linli.Activity) error) (*linli.Activity, []linli.Signup, error) {
	var promoted []linli.Signup
	a, err := change[linli.Activity]{
		bucket:  bucketActivities,
		key:     itob(id),
		missing: func() error { return activityNotFound(id) },
		save:    saveActivity, // fn may move the times
		fn: func(tx *bbolt.Tx, a *linli.Activity) (err error) {
			saved := *a
			if err := fn(a); err != nil {
				return callerErr(err)
			}
			a.ID, a.Taken, a.Waiting, a.SignupSeq = saved.ID, saved.Taken, saved.Waiting, saved.SignupSeq
			if !a.Unlimited() && a.Capacity < a.Taken {
				return linli.Errorf(linli.EConflict, "名额不能少于已报名的 %d 人", a.Taken)
			}
			if probe := *a; probe.Status != saved.Status {
				probe.Status = saved.Status
				if !probe.Allows(a.Status, now) {
					return linli.Errorf(linli.EConflict, "活动%d现在是「%s」，不能改为「%s」", id, probe.State(now), a.Status)
				}
			}
			promoted, err = promote(tx, a, now)
			return err
		},
	}.commit(db, fmt.Sprintf("update activity %d", id))
	if err != nil {
		return nil, nil, err
	}
	return a, promoted, nil
}

// CreateNextOccurrence stores next (a new ID, counters zero, PrevID set) as
// the occurrence after prevID and links it from prevID, unless prevID already
// has a next occurrence, which is then returned with false. It is safe to
// call again after a crash.
func (db *DB) CreateNextOccurrence(prevID uint64, next *linli.Activity) (*linli.Activity, bool, error) {
	var out linli.Activity
	var created bool
	_, err := change[linli.Activity]{
		bucket:  bucketActivities,
		key:     itob(prevID),
		missing: func() error { return activityNotFound(prevID) },
		fn: func(tx *bbolt.Tx, prev *linli.Activity) error {
			created = false
			b := tx.Bucket(bucketActivities)
			if prev.NextID != 0 {
				found, err := getJSON(b, itob(prev.NextID), &out)
				if err != nil {
					return err
				}
				if found {
					return errUnchanged
				}
			}
			id, err := nextID(b)
			if err != nil {
				return err
			}
			out = *next
			out.ID, out.PrevID, out.NextID = id, prevID, 0
			out.Taken, out.Waiting, out.SignupSeq = 0, 0, 0
			prev.NextID = id
			created = true
			return putActivity(tx, b, &out)
		},
	}.commit(db, fmt.Sprintf("next occurrence of %d", prevID))
	if err != nil {
		return nil, false, err
	}
	return &out, created, nil
}

// MarkAsked records that the question key was asked at now and reports
// true unless it was asked within the day before now.
func (db *DB) MarkAsked(key string, now time.Time) (bool, error) {
	var first bool
	_, err := change[time.Time]{
		bucket: bucketAsked,
		key:    []byte(key),
		fn: func(tx *bbolt.Tx, last *time.Time) error {
			if tx.Bucket(bucketOldHints) != nil {
				if err := tx.DeleteBucket(bucketOldHints); err != nil {
					return err
				}
			}
			first = last.IsZero() || !now.Before(last.Add(askedEvery))
			if !first {
				return errUnchanged
			}
			if _, err := deleteWhere(tx.Bucket(bucketAsked), func(_, v []byte) bool { // forget old questions
				var t time.Time
				return t.UnmarshalJSON(v) == nil && now.Sub(t) > askedEvery
			}); err != nil {
				return err
			}
			*last = now
			return nil
		},
	}.commit(db, fmt.Sprintf("mark asked %q", key))
	if err != nil {
		return false, err
	}
	return first, nil
}

func activityNotFound(id uint64) error {
	return linli.Errorf(linli.ENotFound, "找不到编号为 %d 的活动", id)
}
