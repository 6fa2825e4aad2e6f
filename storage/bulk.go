package storage

import (
	"fmt"
	"time"

	"go.etcd.io/bbolt"

	"linli"
)

// Bulk writes many records in one transaction through the same write paths
// as the single-record methods (the counters, queues and indexes they keep
// are kept the same way): for building large databases quickly (`linli
// bench seed`, imports). It is valid only during the function given to
// DB.Bulk.
type Bulk struct{ tx *bbolt.Tx }

// Bulk runs fn in one write transaction, committed if fn returns nil.
// Split a very large load into several calls to bound the memory a
// transaction holds.
func (db *DB) Bulk(fn func(b *Bulk) error) error {
	err := db.update(func(tx *bbolt.Tx) error { return fn(&Bulk{tx: tx}) })
	if err != nil {
		return fmt.Errorf("storage: bulk write: %w", err)
	}
	return nil
}

// PutResident stores r under r.Name, replacing any resident of that name.
func (b *Bulk) PutResident(r *linli.Resident) error {
	if r.Name == "" {
		return linli.Errorf(linli.EInvalid, "居民名字不能为空")
	}
	rb, err := writeBucket(b.tx, bucketResidents)
	if err != nil {
		return err
	}
	var old linli.Resident
	if _, err := loadOld(rb, []byte(r.Name), &old); err != nil {
		return err
	}
	return putResident(b.tx, rb, r.Name, old.Nickname, r)
}

// CreateActivity stores a under a new ID as DB.CreateActivity does.
func (b *Bulk) CreateActivity(a *linli.Activity) error {
	rec, err := createActivityTx(b.tx, *a)
	if err != nil {
		return err
	}
	*a = rec
	return nil
}

// SignUp is DB.SignUp inside the bulk transaction.
func (b *Bulk) SignUp(req linli.SignupRequest) (linli.SignupResult, error) {
	if req.Resident == "" || req.PartySize < 1 || req.PartySize > 1+linli.MaxExtraPeople {
		return linli.SignupResult{}, linli.Errorf(linli.EInvalid, "报名人数应为 1 到 %d 人", 1+linli.MaxExtraPeople)
	}
	res, missing, err := signUpTx(b.tx, req)
	if err == nil && missing {
		err = activityNotFound(req.ActivityID)
	}
	return res, err
}

// CancelSignup is DB.CancelSignup inside the bulk transaction.
func (b *Bulk) CancelSignup(activityID uint64, resident string, now time.Time) (linli.CancelResult, error) {
	res, missing, err := cancelTx(b.tx, activityID, resident, now)
	if err == nil && missing {
		err = activityNotFound(activityID)
	}
	return res, err
}

// CheckIn is DB.CheckIn for one resident inside the bulk transaction.
func (b *Bulk) CheckIn(activityID uint64, resident string, at time.Time) error {
	_, err := change[linli.Activity]{
		bucket:  bucketActivities,
		key:     itob(activityID),
		missing: func() error { return activityNotFound(activityID) },
		fn: func(tx *bbolt.Tx, a *linli.Activity) error {
			if a.Status == linli.ActivityCancelled {
				return checkinCancelled(a)
			}
			_, err := checkIn(tx, a, resident, at)
			return err
		},
	}.apply(b.tx)
	return err
}

// CreateReport stores r as a new report (r.ID set), as it stands: the
// caller gives its final status, times and rating. Pending images and
// duplicate detection are not involved; r.DuplicateOf may name an
// original.
func (b *Bulk) CreateReport(r *linli.Report) error {
	rb, err := writeBucket(b.tx, bucketReports)
	if err != nil {
		return err
	}
	if r.ID, err = nextID(rb); err != nil {
		return err
	}
	return putReport(b.tx, r)
}

// CreatePoll is DB.CreatePoll inside the bulk transaction (anonymous polls
// are not supported here: their secret is drawn by DB.CreatePoll).
func (b *Bulk) CreatePoll(p *linli.Poll) error {
	if p.Anonymous {
		return linli.Errorf(linli.EInvalid, "bulk: anonymous polls are created with DB.CreatePoll")
	}
	rec := pollRecord{Poll: *p}
	rec.Status = linli.PollOpen
	if err := createPollTx(b.tx, &rec); err != nil {
		return err
	}
	*p = rec.Poll
	return nil
}

// ClosePoll marks poll id closed at at, without tallying (bulk history).
func (b *Bulk) ClosePoll(id uint64, at time.Time) error {
	pb, err := writeBucket(b.tx, bucketPolls)
	if err != nil {
		return err
	}
	var rec pollRecord
	if err := loadPoll(pb, id, &rec); err != nil {
		return err
	}
	rec.Status, rec.ClosedAt = linli.PollClosed, at
	return putJSON(pb, itob(id), &rec)
}

// CastVote is DB.CastVote inside the bulk transaction.
func (b *Bulk) CastVote(ballot linli.Ballot) (linli.VoteReceipt, error) {
	rec, userErr, err := castVoteTx(b.tx, ballot)
	if err != nil {
		return rec, err
	}
	return rec, userErr
}
