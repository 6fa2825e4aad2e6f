package storage

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"go.etcd.io/bbolt"

	"linli"
)

// signupKey is the key of a resident's sign-up for an activity.
func signupKey(activityID uint64, resident string) []byte {
	return append(itob(activityID), resident...)
}

// SignUp signs req.Resident up for req.ActivityID, or changes the party size
// or 接龙 line of their sign-up, in one transaction shared with concurrent
// callers (groupUpdate). A new sign-up is confirmed when its party fits
// in the free seats and waitlisted otherwise; a larger party that no longer
// fits leaves the old sign-up alone (SignupNoRoom). Past the deadline nothing
// changes (SignupClosed) but a party that shrinks, until the start. It returns ENotFound for a missing activity and
// EInvalid for a party size outside 1..1+MaxExtraPeople or an empty name.
func (db *DB) SignUp(req linli.SignupRequest) (linli.SignupResult, error) {
	if req.Resident == "" || req.PartySize < 1 || req.PartySize > 1+linli.MaxExtraPeople {
		return linli.SignupResult{}, linli.Errorf(linli.EInvalid, "报名人数应为 1 到 %d 人", 1+linli.MaxExtraPeople)
	}
	var res linli.SignupResult
	var missing bool
	err := db.groupUpdate(func(tx *bbolt.Tx) (err error) {
		res, missing, err = signUpTx(tx, req)
		return err
	})
	if err != nil {
		return linli.SignupResult{}, fmt.Errorf("storage: sign up %q for %d: %w", req.Resident, req.ActivityID, err)
	}
	if missing {
		return linli.SignupResult{}, activityNotFound(req.ActivityID)
	}
	return res, nil
}

// signUpTx is SignUp inside a transaction. It writes nothing unless the
// outcome is SignupAdded or SignupUpdated, or a repeated sign-up is to be
// told to its group (req.Acked false), and may run more than once.
func signUpTx(tx *bbolt.Tx, req linli.SignupRequest) (res linli.SignupResult, missing bool, err error) {
	a, err := changeSignup(tx, req.ActivityID, req.Resident, func(a *linli.Activity, sb *bbolt.Bucket, old linli.Signup, found bool) error {
		if st := a.State(req.Now); st == linli.ActivityCancelled || st == linli.ActivityOver || st == linli.ActivityDraft {
			res.Signup, res.Previous, res.Outcome = old, old, linli.SignupClosed
			return errUnchanged // not "您已报名" for what will not take place
		}
		exists := found && old.Active()
		entry, source := old.Entry, old.Source
		if req.Entry != "" {
			entry, source = req.Entry, req.Source
		}
		if exists {
			res.Signup, res.Previous = old, old
			if old.PartySize == req.PartySize && old.Entry == entry {
				res.Outcome = linli.SignupUnchanged
				if req.Acked || !old.Acked || !a.SignupOpen(req.Now) {
					return errUnchanged
				}
				untell(&res.Signup, linli.ChangeAgain)
				if err := putSignup(tx, sb, &res.Signup); err != nil {
					return err
				}
				return errUnchanged // the sign-up is written; the activity stays as it was
			}
		}
		shrink := exists && req.PartySize < old.PartySize && !a.Started(req.Now) // as a cancellation may, until the start
		if !a.SignupOpen(req.Now) && !shrink {
			res.Outcome = linli.SignupClosed
			return errUnchanged
		}
		s := &res.Signup
		if exists {
			if old.Status == linli.SignupConfirmed {
				delta := req.PartySize - old.PartySize
				if delta > 0 && !a.Fits(delta) {
					res.Outcome = linli.SignupNoRoom
					return errUnchanged
				}
				a.Taken += delta
			}
			s.PartySize, s.Entry, s.Source, s.UpdatedAt = req.PartySize, entry, source, req.Now
			if !req.Acked {
				untell(s, linli.ChangeParty)
			}
			res.Outcome = linli.SignupUpdated
		} else {
			a.SignupSeq++
			*s = linli.Signup{
				ActivityID: a.ID, Resident: req.Resident, Household: req.Household,
				PartySize: req.PartySize, Seq: a.SignupSeq, Group: req.Group,
				Source: req.Source, Entry: req.Entry, Acked: req.Acked,
				CreatedAt: req.Now, UpdatedAt: req.Now,
			}
			if a.Fits(s.PartySize) {
				s.Status = linli.SignupConfirmed
				a.Taken += s.PartySize
			} else {
				s.Status = linli.SignupWaitlisted
				a.Waiting++
			}
			res.Outcome = linli.SignupAdded
		}
		if err := putSignup(tx, sb, s); err != nil {
			return err
		}
		if res.Outcome != linli.SignupUpdated {
			return nil
		}
		var err error
		if res.Promoted, err = promote(tx, a, req.Now); err != nil {
			return err
		}
		for _, p := range res.Promoted {
			if p.Resident == s.Resident {
				*s = p
			}
		}
		res.Promoted = slices.DeleteFunc(res.Promoted, func(p linli.Signup) bool { return p.Resident == s.Resident })
		return nil
	})
	if a != nil {
		res.Activity = *a
	}
	if err == nil && a != nil && res.Signup.Status == linli.SignupWaitlisted {
		// Every outcome names the sign-up's place in the queue, read as
		// this transaction leaves it ("候补第0位" was a position never set).
		res.Signup.Position, err = waitPosition(tx, a.ID, res.Signup.Seq)
	}
	return res, a == nil && err == nil, err
}

// untell marks s as not yet told to its group: change, unless the group has
// not been told of the sign-up itself yet (it will be, as it stands then).
func untell(s *linli.Signup, change string) {
	if !s.Acked && s.Change == linli.ChangeNew {
		return
	}
	s.Acked, s.Change = false, change
}

// CancelSignup cancels resident's sign-up for activityID and confirms, in
// queue order, the waitlisted sign-ups that fit in the freed seats. Nothing
// changes when there is no active sign-up (CancelNotSignedUp) or the
// activity has started at now (CancelTooLate). It returns ENotFound for a
// missing activity.
func (db *DB) CancelSignup(activityID uint64, resident string, now time.Time) (linli.CancelResult, error) {
	var res linli.CancelResult
	var missing bool
	err := db.groupUpdate(func(tx *bbolt.Tx) (err error) {
		res, missing, err = cancelTx(tx, activityID, resident, now)
		return err
	})
	if err != nil {
		return linli.CancelResult{}, fmt.Errorf("storage: cancel sign-up %q for %d: %w", resident, activityID, err)
	}
	if missing {
		return linli.CancelResult{}, activityNotFound(activityID)
	}
	return res, nil
}

// cancelTx is CancelSignup inside a transaction. It writes nothing unless
// the outcome is CancelDone, and may run more than once.
func cancelTx(tx *bbolt.Tx, activityID uint64, resident string, now time.Time) (res linli.CancelResult, missing bool, err error) {
	a, err := changeSignup(tx, activityID, resident, func(a *linli.Activity, sb *bbolt.Bucket, s linli.Signup, found bool) error {
		res.Signup = s
		switch {
		case !found || !s.Active():
			res.Outcome = linli.CancelNotSignedUp
			return errUnchanged
		case !now.Before(a.StartsAt):
			res.Outcome = linli.CancelTooLate
			return errUnchanged
		}
		if s.Status == linli.SignupConfirmed {
			a.Taken -= s.PartySize
		} else {
			a.Waiting--
		}
		s.Status, s.UpdatedAt, s.Acked, s.Change = linli.SignupCancelled, now, true, linli.ChangeNew
		res.Signup = s
		if err := putSignup(tx, sb, &s); err != nil {
			return err
		}
		var err error
		res.Promoted, err = promote(tx, a, now)
		res.Outcome = linli.CancelDone
		return err
	})
	if a != nil {
		res.Activity = *a
	}
	return res, a == nil && err == nil, err
}

// changeSignup is the frame of signUpTx and cancelTx: a load–change–save
// of activity activityID inside tx, in which fn also gets the writable
// sign-ups bucket and resident's stored sign-up (found is false when there
// is none). The activity is saved unless fn returns an error or
// errUnchanged, and returned as saved (or as fn left it). A nil activity
// and nil error mean the activity is not stored: fn is not called and
// nothing is written.
func changeSignup(tx *bbolt.Tx, activityID uint64, resident string, fn func(a *linli.Activity, sb *bbolt.Bucket, s linli.Signup, found bool) error) (*linli.Activity, error) {
	sb, err := writeBucket(tx, bucketSignups)
	if err != nil {
		return nil, err
	}
	return change[linli.Activity]{
		bucket:  bucketActivities,
		key:     itob(activityID),
		missing: func() error { return errUnchanged },
		fn: func(_ *bbolt.Tx, a *linli.Activity) error {
			var s linli.Signup
			found, err := getJSON(sb, signupKey(activityID, resident), &s)
			if err != nil {
				return err
			}
			return fn(a, sb, s, found)
		},
	}.apply(tx)
}

// promote confirms, in queue order, the waitlisted sign-ups of a that fit in
// its free seats (a smaller party further down the queue takes seats a
// larger one before it cannot use), as long as a is neither cancelled nor a
// draft and has not started at now.
// It updates a's counters (the caller saves a) and returns the promoted
// sign-ups.
func promote(tx *bbolt.Tx, a *linli.Activity, now time.Time) ([]linli.Signup, error) {
	if a.Waiting == 0 || !a.Fits(1) || a.Status == linli.ActivityCancelled || a.Status == linli.ActivityDraft || a.Started(now) {
		return nil, nil
	}
	sb, err := writeBucket(tx, bucketSignups)
	if err != nil {
		return nil, err
	}
	var queue []linli.Signup // the waitlist in queue order, from its index
	err = eachWithPrefix(tx.Bucket(bucketSignupWaitlist), itob(a.ID), func(_, name []byte) error {
		var s linli.Signup
		found, err := getJSON(sb, signupKey(a.ID, string(name)), &s)
		if found && s.Status == linli.SignupWaitlisted {
			queue = append(queue, s)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	var out []linli.Signup
	for _, s := range queue {
		if !a.Fits(s.PartySize) {
			continue
		}
		s.Status, s.UpdatedAt, s.Position, s.WalkIn = linli.SignupConfirmed, now, 0, false
		a.Taken += s.PartySize
		a.Waiting--
		if err := putSignup(tx, sb, &s); err != nil {
			return nil, err
		}
		out = append(out, s)
		if !a.Fits(1) {
			break
		}
	}
	return out, nil
}

// activitySignups decodes the sign-ups of one activity in queue order and
// sets the positions of the waitlisted ones. b may be nil.
func activitySignups(b *bbolt.Bucket, activityID uint64) ([]linli.Signup, error) {
	if b == nil {
		return nil, nil
	}
	var list []linli.Signup
	prefix := itob(activityID)
	c := b.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var s linli.Signup
		if err := json.Unmarshal(v, &s); err != nil {
			return nil, fmt.Errorf("decode sign-up %d/%q: %w", activityID, k[len(prefix):], err)
		}
		list = append(list, s)
	}
	slices.SortFunc(list, func(x, y linli.Signup) int { return cmp.Compare(x.Seq, y.Seq) })
	pos := 0
	for i := range list {
		if list[i].Status == linli.SignupWaitlisted {
			pos++
			list[i].Position = pos
		}
	}
	return list, nil
}

// waitPosition returns the waitlist position of the waitlisted sign-up
// with seq of activityID: 1 + the waitlisted sign-ups queued before it,
// counted in the waitlist index.
func waitPosition(tx *bbolt.Tx, activityID, seq uint64) (int, error) {
	pos := 0
	prefix := itob(activityID)
	err := eachWithPrefix(tx.Bucket(bucketSignupWaitlist), prefix, func(k, _ []byte) error {
		if btoi(k[8:]) > seq {
			return errStop
		}
		pos++
		return nil
	})
	if err != nil && err != errStop {
		return 0, err
	}
	return pos, nil
}

// errStop ends an iteration early.
var errStop = errors.New("stop")
