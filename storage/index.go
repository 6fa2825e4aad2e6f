package storage

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"time"

	"go.etcd.io/bbolt"

	"linli"
)

// Indexes, kept in the same transaction as the records they index by the
// put functions below (every write of an indexed record goes through one),
// so that a per-message read costs what the sender's own records and what
// is open now cost, never the whole history. Index values are empty unless
// said; keys join parts with sep (names never contain a NUL).
//
// Schema 4 (migrateV4, its rebuild buildIndexes) builds them for databases written before.
var (
	// resident + sep + itob(activity) → empty
	bucketSignupsByResident = []byte("idx_signup_resident")
	// household + sep + itob(activity) + resident → empty
	bucketSignupsByHousehold = []byte("idx_signup_household")
	// itob(activity) + itob(seq) → resident, for waitlisted sign-ups: the queue
	bucketSignupWaitlist = []byte("idx_signup_wait")
	// endKey(activity.End()) + itob(id) → empty
	bucketActivitiesByEnd = []byte("idx_activity_end")
	// reporter + sep + itob(id) → empty
	bucketReportsByReporter = []byte("idx_report_reporter")
	// grid + sep + status + sep + itob(id) → empty
	bucketReportsByGrid = []byte("idx_report_grid")
	// resolver + sep + endKey(ResolvedAt) + itob(id) → empty, for resolved reports
	bucketReportsByResolver = []byte("idx_report_resolver")
	// month ("2026-11", of CreatedAt in its own zone) + itob(id) → empty
	bucketReportsByMonth = []byte("idx_report_month")
	// "all" or a month → JSON linli.ReportCounts
	bucketReportCounts = []byte("report_counts")
	// nickname + sep + name → empty, for residents whose nickname is set
	bucketResidentsByHint = []byte("idx_resident_hint")
)

const sep = 0

// indexBuckets are the buckets buildIndexes (schema 4) (re)builds.
var indexBuckets = [][]byte{bucketSignupsByResident, bucketSignupsByHousehold, bucketSignupWaitlist,
	bucketActivitiesByEnd, bucketReportsByReporter, bucketReportsByGrid, bucketReportsByMonth, bucketReportsByResolver,
	bucketReportCounts, bucketResidentsByHint, bucketSignupCounts, bucketTook, bucketStatCounts, bucketPeople}

// join concatenates key parts.
func join(parts ...[]byte) []byte {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	k := make([]byte, 0, n)
	for _, p := range parts {
		k = append(k, p...)
	}
	return k
}

// nameKey is s followed by sep: the prefix of s's entries in an index.
func nameKey(s string) []byte { return append([]byte(s), sep) }

// endKey encodes t so that keys sort in time order (times outside the
// years 1678–2262, such as the zero time, sort first or last).
func endKey(t time.Time) []byte {
	var n uint64
	switch {
	case t.Before(minKeyTime):
	case t.After(maxKeyTime):
		n = math.MaxUint64
	default:
		n = uint64(t.UnixNano()) ^ (1 << 63)
	}
	k := make([]byte, 8)
	binary.BigEndian.PutUint64(k, n)
	return k
}

var (
	minKeyTime = time.Unix(0, math.MinInt64+1)
	maxKeyTime = time.Unix(0, math.MaxInt64)
)

// indexPut and indexDel change one entry of the index bucket name.
func indexPut(tx *bbolt.Tx, name, key, value []byte) error {
	b, err := writeBucket(tx, name)
	if err != nil {
		return err
	}
	if value == nil {
		value = []byte{}
	}
	if err := b.Put(key, value); err != nil {
		return fmt.Errorf("index %s: %w", name, err)
	}
	return nil
}

func indexDel(tx *bbolt.Tx, name, key []byte) error {
	return deleteKey(tx.Bucket(name), key)
}

// loadOld decodes the record stored at key of b into old, reporting
// whether there was one.
func loadOld[T any](b *bbolt.Bucket, key []byte, old *T) (bool, error) {
	data := b.Get(key)
	if data == nil {
		return false, nil
	}
	if err := json.Unmarshal(data, old); err != nil {
		return true, fmt.Errorf("decode %s: %w", keyString(key), err)
	}
	return true, nil
}

// putActivity stores a in b (the activities bucket of tx) and its entry in
// the by-end index.
func putActivity(tx *bbolt.Tx, b *bbolt.Bucket, a *linli.Activity) error {
	var old linli.Activity
	found, err := loadOld(b, itob(a.ID), &old)
	if err != nil {
		return err
	}
	if found && !old.End().Equal(a.End()) {
		if err := indexDel(tx, bucketActivitiesByEnd, join(endKey(old.End()), itob(a.ID))); err != nil {
			return err
		}
	}
	if found {
		if err := retallyActivity(tx, &old, a); err != nil {
			return err
		}
	}
	if err := putJSON(b, itob(a.ID), a); err != nil {
		return err
	}
	return indexActivity(tx, a)
}

func indexActivity(tx *bbolt.Tx, a *linli.Activity) error {
	return indexPut(tx, bucketActivitiesByEnd, join(endKey(a.End()), itob(a.ID)), nil)
}

// saveActivity is the save of a change[linli.Activity] that may move the
// activity's times.
func saveActivity(tx *bbolt.Tx, b *bbolt.Bucket, a *linli.Activity) error {
	return putActivity(tx, b, a)
}

// putSignup stores s in sb (the sign-ups bucket of tx) and keeps its
// entries in the by-resident, by-household and waitlist indexes.
func putSignup(tx *bbolt.Tx, sb *bbolt.Bucket, s *linli.Signup) error {
	key := signupKey(s.ActivityID, s.Resident)
	var old linli.Signup
	found, err := loadOld(sb, key, &old)
	if err != nil {
		return err
	}
	var prev *linli.Signup
	if found {
		prev = &old
		if err := unindexSignup(tx, &old, s); err != nil {
			return err
		}
	}
	if err := putJSON(sb, key, s); err != nil {
		return err
	}
	if err := indexSignup(tx, s); err != nil {
		return err
	}
	return tallySignup(tx, signupActivity(tx, s), prev, s)
}

// signupActivity returns the stored activity of s, nil if none (or
// undecodable: the sign-up's own write reports real damage).
func signupActivity(tx *bbolt.Tx, s *linli.Signup) *linli.Activity {
	var a linli.Activity
	if found, err := getJSON(tx.Bucket(bucketActivities), itob(s.ActivityID), &a); !found || err != nil {
		return nil
	}
	return &a
}

// unindexSignup removes the entries of old that s does not have.
func unindexSignup(tx *bbolt.Tx, old, s *linli.Signup) error {
	if old.Status == linli.SignupWaitlisted && (s.Status != linli.SignupWaitlisted || s.Seq != old.Seq) {
		if err := indexDel(tx, bucketSignupWaitlist, join(itob(old.ActivityID), itob(old.Seq))); err != nil {
			return err
		}
	}
	if old.Household != "" && old.Household != s.Household {
		if err := indexDel(tx, bucketSignupsByHousehold, householdSignupKey(old)); err != nil {
			return err
		}
	}
	return nil
}

func indexSignup(tx *bbolt.Tx, s *linli.Signup) error {
	if err := indexPut(tx, bucketSignupsByResident, join(nameKey(s.Resident), itob(s.ActivityID)), nil); err != nil {
		return err
	}
	if s.Household != "" {
		if err := indexPut(tx, bucketSignupsByHousehold, householdSignupKey(s), nil); err != nil {
			return err
		}
	}
	if s.Status == linli.SignupWaitlisted {
		return indexPut(tx, bucketSignupWaitlist, join(itob(s.ActivityID), itob(s.Seq)), []byte(s.Resident))
	}
	return nil
}

func householdSignupKey(s *linli.Signup) []byte {
	return join(nameKey(s.Household), itob(s.ActivityID), []byte(s.Resident))
}

// saveSignup is the save of a change[linli.Signup].
func saveSignup(tx *bbolt.Tx, b *bbolt.Bucket, s *linli.Signup) error { return putSignup(tx, b, s) }

// putResident stores r in b (the residents bucket of tx) and keeps its
// nickname entry. oldName and oldNick are the name and nickname it was
// loaded with ("" for a new resident); a rename has deleted the old record
// already.
func putResident(tx *bbolt.Tx, b *bbolt.Bucket, oldName, oldNick string, r *linli.Resident) error {
	if oldNick != r.Nickname || oldName != r.Name {
		if err := unindexResidentHint(tx, oldName, oldNick); err != nil {
			return err
		}
	}
	if oldName != r.Name {
		if err := dropPerson(tx, oldName, personResident); err != nil {
			return err
		}
	}
	if err := putJSON(b, []byte(r.Name), r); err != nil {
		return err
	}
	return indexResident(tx, r)
}

func unindexResidentHint(tx *bbolt.Tx, name, nick string) error {
	if nick == "" {
		return nil
	}
	return indexDel(tx, bucketResidentsByHint, join(nameKey(nick), []byte(name)))
}

func indexResident(tx *bbolt.Tx, r *linli.Resident) error {
	if err := addPerson(tx, r.Name, personResident); err != nil {
		return err
	}
	if r.Nickname == "" {
		return nil
	}
	return indexPut(tx, bucketResidentsByHint, join(nameKey(r.Nickname), []byte(r.Name)), nil)
}
