package storage

import (
	"fmt"
	"time"

	"go.etcd.io/bbolt"

	"linli"
)

// Signup returns resident's sign-up for activityID in any status, with its
// waitlist position, or an ENotFound *linli.Error.
func (db *DB) Signup(activityID uint64, resident string) (*linli.Signup, error) {
	var s linli.Signup
	var found bool
	err := db.view(func(tx *bbolt.Tx) (err error) {
		b := tx.Bucket(bucketSignups)
		if found, err = getJSON(b, signupKey(activityID, resident), &s); err != nil || !found {
			return err
		}
		if s.Status == linli.SignupWaitlisted {
			s.Position, err = waitPosition(tx, activityID, s.Seq)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("storage: sign-up %q for %d: %w", resident, activityID, err)
	}
	if !found {
		return nil, linli.Errorf(linli.ENotFound, "%s 没有报名活动 %d", resident, activityID)
	}
	return &s, nil
}

// Signups lists the sign-ups of activityID (any status) in queue order, with
// waitlist positions.
func (db *DB) Signups(activityID uint64) ([]linli.Signup, error) {
	var list []linli.Signup
	err := db.view(func(tx *bbolt.Tx) (err error) {
		list, err = activitySignups(tx.Bucket(bucketSignups), activityID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("storage: sign-ups of %d: %w", activityID, err)
	}
	return list, nil
}

// AllSignups lists every sign-up, by activity and then queue order, with
// waitlist positions.
func (db *DB) AllSignups() ([]linli.Signup, error) {
	var all []linli.Signup
	err := db.view(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketSignups)
		return eachJSON(tx.Bucket(bucketActivities), func(_ []byte, a *linli.Activity) error {
			list, err := activitySignups(b, a.ID)
			all = append(all, list...)
			return err
		})
	})
	if err != nil {
		return nil, fmt.Errorf("storage: all sign-ups: %w", err)
	}
	return all, nil
}

// ResidentSignups lists resident's sign-ups in any status, by activity, with
// waitlist positions, from the by-resident index.
func (db *DB) ResidentSignups(resident string) ([]linli.Signup, error) {
	list, err := db.indexedSignups(bucketSignupsByResident, nameKey(resident), func(rest []byte) []byte {
		return signupKey(btoi(rest), resident)
	})
	if err != nil {
		return nil, fmt.Errorf("storage: sign-ups of %q: %w", resident, err)
	}
	return list, nil
}

// HouseholdSignups lists the sign-ups made for household (a canonical 户号)
// in any status, by activity and then resident, from the by-household
// index.
func (db *DB) HouseholdSignups(household string) ([]linli.Signup, error) {
	list, err := db.indexedSignups(bucketSignupsByHousehold, nameKey(household), func(rest []byte) []byte { return rest })
	if err != nil {
		return nil, fmt.Errorf("storage: sign-ups of household %q: %w", household, err)
	}
	return list, nil
}

// indexedSignups reads the sign-ups an index lists under prefix: key turns
// the rest of an index key into the sign-up's key. Waitlisted ones get
// their position.
func (db *DB) indexedSignups(index, prefix []byte, key func(rest []byte) []byte) ([]linli.Signup, error) {
	var list []linli.Signup
	err := db.view(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketSignups)
		return eachWithPrefix(tx.Bucket(index), prefix, func(k, _ []byte) error {
			var s linli.Signup
			found, err := getJSON(b, key(k[len(prefix):]), &s)
			if err != nil || !found {
				return err
			}
			if s.Status == linli.SignupWaitlisted {
				if s.Position, err = waitPosition(tx, s.ActivityID, s.Seq); err != nil {
					return err
				}
			}
			list = append(list, s)
			return nil
		})
	})
	return list, err
}

// CheckIn records at as the check-in time of the named residents' active
// sign-ups for activityID (the first check-in counts) and returns those
// sign-ups. A waitlisted party that fits in the free seats is confirmed;
// one that does not stays waitlisted, marked WalkIn. Names without an
// active sign-up are skipped. It returns ENotFound for a missing activity
// and EConflict for a cancelled one.
func (db *DB) CheckIn(activityID uint64, residents []string, at time.Time) ([]linli.Signup, error) {
	var out []linli.Signup
	_, err := change[linli.Activity]{
		bucket:  bucketActivities,
		key:     itob(activityID),
		missing: func() error { return activityNotFound(activityID) },
		fn: func(tx *bbolt.Tx, a *linli.Activity) error {
			out = nil
			if a.Status == linli.ActivityCancelled {
				return checkinCancelled(a)
			}
			for _, name := range residents {
				s, err := checkIn(tx, a, name, at)
				if err != nil {
					return err
				}
				if s != nil {
					out = append(out, *s)
				}
			}
			return nil
		},
	}.commit(db, fmt.Sprintf("check in for %d", activityID))
	if err != nil {
		return nil, err
	}
	return out, nil
}

// checkIn records at as the check-in time of resident's sign-up for a,
// unless they checked in already, and returns the sign-up; nil when they
// have no active one. It updates a's counters (the caller saves a).
func checkIn(tx *bbolt.Tx, a *linli.Activity, resident string, at time.Time) (*linli.Signup, error) {
	s, err := change[linli.Signup]{
		bucket:  bucketSignups,
		key:     signupKey(a.ID, resident),
		missing: func() error { return errUnchanged },
		save:    saveSignup,
		fn: func(_ *bbolt.Tx, s *linli.Signup) error {
			if !s.Active() || !s.CheckedIn.IsZero() {
				return errUnchanged
			}
			s.CheckedIn = at
			if s.Status == linli.SignupWaitlisted {
				if a.Fits(s.PartySize) {
					s.Status, s.WalkIn, s.UpdatedAt = linli.SignupConfirmed, false, at
					a.Taken += s.PartySize
					a.Waiting--
				} else {
					s.WalkIn = true
				}
			}
			return nil
		},
	}.apply(tx)
	if err != nil || s == nil || !s.Active() {
		return nil, err
	}
	return s, nil
}

// UnackedSignups lists the sign-ups of activityID made in group that are
// not marked acknowledged — active ones, and ones cancelled with a
// ChangeCancelled to tell — in queue order, with waitlist positions.
func (db *DB) UnackedSignups(activityID uint64, group string) ([]linli.Signup, error) {
	var out []linli.Signup
	err := db.view(func(tx *bbolt.Tx) error {
		list, err := activitySignups(tx.Bucket(bucketSignups), activityID)
		for _, s := range list {
			if s.Unacked(group) {
				out = append(out, s)
			}
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("storage: unacknowledged sign-ups of %d: %w", activityID, err)
	}
	return out, nil
}

// MarkAcked marks the sign-ups of activityID named in told as acknowledged,
// each only if its Seq is still the one told.
func (db *DB) MarkAcked(activityID uint64, told map[string]uint64) error {
	err := db.update(func(tx *bbolt.Tx) error {
		for name, seq := range told {
			_, err := change[linli.Signup]{
				bucket:  bucketSignups,
				key:     signupKey(activityID, name),
				missing: func() error { return errUnchanged },
				save:    saveSignup,
				fn: func(_ *bbolt.Tx, s *linli.Signup) error {
					if s.Seq != seq || s.Acked {
						return errUnchanged
					}
					s.Acked, s.Change = true, linli.ChangeNew
					return nil
				},
			}.apply(tx)
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("storage: mark acknowledged for %d: %w", activityID, err)
	}
	return nil
}

// MarkUntold records that the group of resident's sign-up for activityID is
// to be told what (see linli.ActivityService.MarkUntold). It returns
// ENotFound when there is no such sign-up.
func (db *DB) MarkUntold(activityID uint64, resident, what string) error {
	_, err := change[linli.Signup]{
		bucket:  bucketSignups,
		key:     signupKey(activityID, resident),
		missing: func() error { return linli.Errorf(linli.ENotFound, "%s 没有报名活动 %d", resident, activityID) },
		save:    saveSignup,
		fn: func(_ *bbolt.Tx, s *linli.Signup) error {
			untell(s, what)
			return nil
		},
	}.commit(db, fmt.Sprintf("mark untold %q for %d", resident, activityID))
	return err
}

// WalkIn records name as come without signing up, checked in at at (see
// linli.ActivityService.WalkIn). It returns ENotFound for a missing
// activity and EConflict for a cancelled one.
func (db *DB) WalkIn(activityID uint64, name string, at time.Time) (linli.Signup, error) {
	var out linli.Signup
	_, err := change[linli.Activity]{
		bucket:  bucketActivities,
		key:     itob(activityID),
		missing: func() error { return activityNotFound(activityID) },
		fn: func(tx *bbolt.Tx, a *linli.Activity) error {
			if a.Status == linli.ActivityCancelled {
				return checkinCancelled(a)
			}
			sb, err := writeBucket(tx, bucketSignups)
			if err != nil {
				return err
			}
			var old linli.Signup
			found, err := getJSON(sb, signupKey(a.ID, name), &old)
			if err != nil {
				return err
			}
			if found && old.Active() {
				s, err := checkIn(tx, a, name, at)
				if s != nil {
					out = *s
				}
				return err
			}
			a.SignupSeq++
			out = linli.Signup{ActivityID: a.ID, Resident: name, PartySize: 1, Seq: a.SignupSeq,
				Source: linli.SourceWalkIn, Acked: true, CreatedAt: at, UpdatedAt: at, CheckedIn: at}
			if a.Fits(1) {
				out.Status = linli.SignupConfirmed
				a.Taken++
			} else {
				out.Status, out.WalkIn = linli.SignupWaitlisted, true
				a.Waiting++
			}
			return putSignup(tx, sb, &out)
		},
	}.commit(db, fmt.Sprintf("walk-in %q for %d", name, activityID))
	if err != nil {
		return linli.Signup{}, err
	}
	return out, nil
}

func checkinCancelled(a *linli.Activity) error {
	return linli.Errorf(linli.EConflict, "活动%d已取消，不能签到", a.ID)
}
