package storage

import (
	"encoding/binary"

	"fmt"
	"slices"

	"go.etcd.io/bbolt"

	"linli"
)

// Counters behind 统计 活动, kept by putSignup, putActivity and
// putResident in the records' transactions (and built by buildIndexes, schema 4):
var (
	// itob(activity) → JSON linli.SignupCounts
	bucketSignupCounts = []byte("signup_counts")
	// month ("2026-11", or monthAll) + sep + name → 8-byte count of the
	// name's sign-ups that took part (Signup.Took) in activities not
	// cancelled starting that month
	bucketTook = []byte("took")
	// month (or monthAll) → 8-byte count of the distinct names under it in
	// bucketTook; keyPeople → the count of bucketPeople
	bucketStatCounts = []byte("stat_counts")
	// name → flags (personResident, personWalkIn): the people linli knows
	bucketPeople = []byte("people")
)

var (
	monthAll  = "all"
	keyPeople = []byte("people")
)

const (
	personResident byte = 1 << iota
	personWalkIn
)

// activityMonth is the month an activity's participants count in: of its
// start, in the zone its time was given in.
func activityMonth(a *linli.Activity) string { return a.StartsAt.Format("2006-01") }

func getCount(b *bbolt.Bucket, key []byte) uint64 {
	if b == nil {
		return 0
	}
	return btoi(b.Get(key))
}

// addCount adds delta to the 8-byte counter at key of bucket name, deleting
// it at zero, and returns the new value.
func addCount(tx *bbolt.Tx, name, key []byte, delta int) (uint64, error) {
	b, err := writeBucket(tx, name)
	if err != nil {
		return 0, err
	}
	n := int64(btoi(b.Get(key))) + int64(delta)
	if n <= 0 {
		return 0, deleteKey(b, key)
	}
	v := make([]byte, 8)
	binary.BigEndian.PutUint64(v, uint64(n))
	if err := b.Put(key, v); err != nil {
		return 0, fmt.Errorf("count %s: %w", name, err)
	}
	return uint64(n), nil
}

// tallyTook moves name's participation in month by delta (±1), keeping
// the month's count of distinct names.
func tallyTook(tx *bbolt.Tx, month, name string, delta int) error {
	for _, m := range []string{month, monthAll} {
		before := getCount(tx.Bucket(bucketTook), join(nameKey(m), []byte(name)))
		after, err := addCount(tx, bucketTook, join(nameKey(m), []byte(name)), delta)
		if err != nil {
			return err
		}
		switch {
		case before == 0 && after > 0:
			_, err = addCount(tx, bucketStatCounts, []byte(m), 1)
		case before > 0 && after == 0:
			_, err = addCount(tx, bucketStatCounts, []byte(m), -1)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// tallySignup moves the counters from what old contributed (nil: a new
// sign-up) to what s does; a is s's activity as stored.
func tallySignup(tx *bbolt.Tx, a *linli.Activity, old, s *linli.Signup) error {
	b, err := writeBucket(tx, bucketSignupCounts)
	if err != nil {
		return err
	}
	var c linli.SignupCounts
	if _, err := getJSON(b, itob(s.ActivityID), &c); err != nil {
		return err
	}
	oldTook := false
	if old != nil {
		c.Add(old.Counts(), -1)
		oldTook = old.Took()
	}
	c.Add(s.Counts(), 1)
	if err := putJSON(b, itob(s.ActivityID), &c); err != nil {
		return err
	}
	if a != nil && a.Status != linli.ActivityCancelled && oldTook != s.Took() {
		delta := 1
		if oldTook {
			delta = -1
		}
		if err := tallyTook(tx, activityMonth(a), s.Resident, delta); err != nil {
			return err
		}
	}
	if s.Source == linli.SourceWalkIn {
		return addPerson(tx, s.Resident, personWalkIn)
	}
	return nil
}

// retallyActivity moves the participation of a's sign-ups when its month
// or its being cancelled changed from old.
func retallyActivity(tx *bbolt.Tx, old, a *linli.Activity) error {
	oldOn, newOn := old.Status != linli.ActivityCancelled, a.Status != linli.ActivityCancelled
	if oldOn == newOn && (!newOn || activityMonth(old) == activityMonth(a)) {
		return nil
	}
	list, err := activitySignups(tx.Bucket(bucketSignups), a.ID)
	if err != nil {
		return err
	}
	for _, s := range list {
		if !s.Took() {
			continue
		}
		if oldOn {
			if err := tallyTook(tx, activityMonth(old), s.Resident, -1); err != nil {
				return err
			}
		}
		if newOn {
			if err := tallyTook(tx, activityMonth(a), s.Resident, 1); err != nil {
				return err
			}
		}
	}
	return nil
}

// addPerson and dropPerson set and clear a flag of name among the people,
// keeping their count.
func addPerson(tx *bbolt.Tx, name string, flag byte) error {
	b, err := writeBucket(tx, bucketPeople)
	if err != nil {
		return err
	}
	var flags byte
	if v := b.Get([]byte(name)); len(v) == 1 {
		flags = v[0]
	}
	if flags&flag != 0 {
		return nil
	}
	if flags == 0 {
		if _, err := addCount(tx, bucketStatCounts, keyPeople, 1); err != nil {
			return err
		}
	}
	return b.Put([]byte(name), []byte{flags | flag})
}

func dropPerson(tx *bbolt.Tx, name string, flag byte) error {
	b := tx.Bucket(bucketPeople)
	if b == nil {
		return nil
	}
	v := b.Get([]byte(name))
	if len(v) != 1 || v[0]&flag == 0 {
		return nil
	}
	if flags := v[0] &^ flag; flags != 0 {
		return b.Put([]byte(name), []byte{flags})
	}
	if _, err := addCount(tx, bucketStatCounts, keyPeople, -1); err != nil {
		return err
	}
	return deleteKey(b, []byte(name))
}

// SignupCounts returns the running counts of the activities ids.
func (db *DB) SignupCounts(ids []uint64) (map[uint64]linli.SignupCounts, error) {
	out := make(map[uint64]linli.SignupCounts, len(ids))
	err := db.view(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketSignupCounts)
		for _, id := range ids {
			var c linli.SignupCounts
			if _, err := getJSON(b, itob(id), &c); err != nil {
				return err
			}
			out[id] = c
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("storage: sign-up counts: %w", err)
	}
	return out, nil
}

// Participants counts the distinct people who took part in activities
// starting in month ("" any), but the names in exclude.
func (db *DB) Participants(month string, exclude []string) (int, error) {
	if month == "" {
		month = monthAll
	}
	n := 0
	err := db.view(func(tx *bbolt.Tx) error {
		n = int(getCount(tx.Bucket(bucketStatCounts), []byte(month)))
		took := tx.Bucket(bucketTook)
		for _, e := range distinct(exclude) {
			if getCount(took, join(nameKey(month), []byte(e))) > 0 {
				n--
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("storage: participants: %w", err)
	}
	return n, nil
}

// KnownPeople counts the residents and the walk-ins who are not residents,
// but the names in exclude (a resident's key or a walk-in's name; a
// nickname excludes nobody).
func (db *DB) KnownPeople(exclude []string) (int, error) {
	n := 0
	err := db.view(func(tx *bbolt.Tx) error {
		n = int(getCount(tx.Bucket(bucketStatCounts), keyPeople))
		people := tx.Bucket(bucketPeople)
		if people == nil {
			return nil
		}
		for _, e := range distinct(exclude) {
			if v := people.Get([]byte(e)); len(v) == 1 && v[0] != 0 {
				n--
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("storage: known people: %w", err)
	}
	return n, nil
}

// distinct returns names sorted, without repeats and without "" (which
// names nobody).
func distinct(names []string) []string {
	out := slices.DeleteFunc(slices.Clone(names), func(n string) bool { return n == "" })
	slices.Sort(out)
	return slices.Compact(out)
}
