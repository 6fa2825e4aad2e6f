package storage

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"time"

	"go.etcd.io/bbolt"

	"linli"
)

var _ linli.PollService = (*DB)(nil)

// Buckets of the poll family. Votes are keyed by itob(poll id) followed by
// the voter's identity (see voteKey); opinions by itob(poll id) and
// itob(seq).
var (
	bucketPolls        = []byte("polls")
	bucketPollVotes    = []byte("poll_votes")
	bucketPollOpinions = []byte("poll_opinions")
	// bucketPollVoters maps itob(poll id) + voter identity to the key of
	// the vote they cast in a 一户一票 poll (see voterKey), so that one
	// person cannot cast for several households by re-binding.
	bucketPollVoters = []byte("poll_voters")
)

// pollRecord is a poll as stored: the domain poll plus what only storage
// needs.
type pollRecord struct {
	linli.Poll
	// Secret keys the hashes that stand for voters in an anonymous poll. It
	// is erased when the poll closes, after which no one, not even someone
	// holding the database, can tell whose ballot is whose.
	Secret        []byte `json:"secret,omitempty"`
	Forwarded     uint64 `json:"opinions_forwarded,omitempty"` // last opinion seq sent to staff
	DigestPending bool   `json:"digest_pending,omitempty"`     // an opinion digest job is scheduled
}

// CreatePoll assigns p.ID, sets p.Status to open and stores p. An anonymous
// poll gets a fresh random secret for its voter hashes.
func (db *DB) CreatePoll(p *linli.Poll) error {
	rec := pollRecord{Poll: *p}
	rec.Status = linli.PollOpen
	if p.Anonymous {
		rec.Secret = make([]byte, 32)
		if _, err := rand.Read(rec.Secret); err != nil {
			return fmt.Errorf("storage: create poll: secret: %w", err)
		}
	}
	err := db.update(func(tx *bbolt.Tx) error { return createPollTx(tx, &rec) })
	if err != nil {
		return fmt.Errorf("storage: create poll: %w", err)
	}
	*p = rec.Poll
	return nil
}

// createPollTx stores rec under a new ID inside tx.
func createPollTx(tx *bbolt.Tx, rec *pollRecord) error {
	b, err := writeBucket(tx, bucketPolls)
	if err != nil {
		return err
	}
	if rec.ID, err = nextID(b); err != nil {
		return err
	}
	return putJSON(b, itob(rec.ID), rec)
}

// Poll returns the poll id, or an ENotFound *linli.Error.
func (db *DB) Poll(id uint64) (*linli.Poll, error) {
	rec, err := getRecord[pollRecord](db, fmt.Sprintf("poll %d", id), bucketPolls, itob(id),
		func() error { return pollNotFound(id) })
	if err != nil {
		return nil, err
	}
	return &rec.Poll, nil
}

// Polls lists every poll in id order.
func (db *DB) Polls() ([]*linli.Poll, error) {
	var list []*linli.Poll
	err := db.view(func(tx *bbolt.Tx) error {
		return eachJSON(tx.Bucket(bucketPolls), func(_ []byte, r *pollRecord) error {
			list = append(list, &r.Poll)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("storage: polls: %w", err)
	}
	return list, nil
}

// TallyPoll returns the poll and its tally: the frozen result of a closed
// poll, or the live count of an open one, read in one transaction.
func (db *DB) TallyPoll(id uint64) (*linli.Poll, linli.PollTally, error) {
	var rec pollRecord
	var t linli.PollTally
	err := db.view(func(tx *bbolt.Tx) error {
		if err := loadPoll(tx.Bucket(bucketPolls), id, &rec); err != nil {
			return err
		}
		if rec.Result != nil {
			t = *rec.Result
			return nil
		}
		votes, err := pollVotes(tx.Bucket(bucketPollVotes), id)
		t = linli.TallyVotes(&rec.Poll, votes)
		return err
	})
	if err != nil {
		return nil, t, pollErr("tally poll", id, err)
	}
	return &rec.Poll, t, nil
}

// ClosePoll closes poll id at at: the tally is frozen into Result and an
// anonymous poll's secret is erased. A closed poll is returned unchanged, so
// a close job that runs twice has no second effect.
func (db *DB) ClosePoll(id uint64, at time.Time) (*linli.Poll, error) {
	return db.updatePoll("close poll", id, func(tx *bbolt.Tx, rec *pollRecord) error {
		if rec.Status == linli.PollClosed {
			return errUnchanged
		}
		votes, err := pollVotes(tx.Bucket(bucketPollVotes), id)
		if err != nil {
			return err
		}
		t := linli.TallyVotes(&rec.Poll, votes)
		rec.Result, rec.Status, rec.ClosedAt, rec.Secret = &t, linli.PollClosed, at, nil
		if rec.Anonymous {
			if err := scrubVotes(tx.Bucket(bucketPollVotes), id); err != nil {
				return err
			}
		}
		return deletePrefix(tx.Bucket(bucketPollVoters), itob(id))
	})
}

// scrubVotes removes from the votes of a closed anonymous poll what could
// still point at a household: the floor area (unique areas would name the
// flat) and the hash of the member who cast it. The tally is frozen first.
func scrubVotes(b *bbolt.Bucket, pollID uint64) error {
	var keys [][]byte
	var recs []voteRecord
	err := eachWithPrefix(b, itob(pollID), func(k, v []byte) error {
		var r voteRecord
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("decode vote %x: %w", k, err)
		}
		r.Area, r.Self = 0, nil
		keys, recs = append(keys, bytes.Clone(k)), append(recs, r)
		return nil
	})
	for i := range keys {
		if err == nil {
			err = putJSON(b, keys[i], &recs[i])
		}
	}
	return err
}

// AddFeedback appends f to poll id's decisions and follow-ups.
func (db *DB) AddFeedback(id uint64, f linli.PollFeedback) (*linli.Poll, error) {
	return db.updatePoll("add feedback to poll", id, func(_ *bbolt.Tx, rec *pollRecord) error {
		rec.Feedback = append(rec.Feedback, f)
		return nil
	})
}

// updatePoll loads poll id, applies fn and saves the poll, in one
// transaction (see change: fn's errUnchanged skips the save, its other
// errors abort). what names the operation in errors.
func (db *DB) updatePoll(what string, id uint64, fn func(tx *bbolt.Tx, rec *pollRecord) error) (*linli.Poll, error) {
	rec, err := change[pollRecord]{
		bucket:  bucketPolls,
		key:     itob(id),
		missing: func() error { return pollNotFound(id) },
		fn:      fn,
	}.commit(db, fmt.Sprintf("%s %d", what, id))
	if err != nil {
		return nil, err
	}
	return &rec.Poll, nil
}

// loadPoll decodes poll id from b into rec, or returns an ENotFound error.
func loadPoll(b *bbolt.Bucket, id uint64, rec *pollRecord) error {
	found, err := getJSON(b, itob(id), rec)
	if err != nil {
		return err
	}
	if !found {
		return pollNotFound(id)
	}
	return nil
}

func pollNotFound(id uint64) error {
	return linli.Errorf(linli.ENotFound, "没有编号为 %d 的投票。发送「投票」查看进行中的投票。", id)
}

// pollErr passes user errors through and wraps the others with context.
func pollErr(op string, id uint64, err error) error {
	if linli.ErrorCode(err) != linli.EInternal {
		return err
	}
	return fmt.Errorf("storage: %s %d: %w", op, id, err)
}

// eachWithPrefix calls fn for every key of b starting with prefix, in key
// order. b may be nil.
func eachWithPrefix(b *bbolt.Bucket, prefix []byte, fn func(k, v []byte) error) error {
	if b == nil {
		return nil
	}
	c := b.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if v == nil {
			continue
		}
		if err := fn(k, v); err != nil {
			return err
		}
	}
	return nil
}

// deletePrefix deletes the keys of b (which may be nil) starting with prefix.
func deletePrefix(b *bbolt.Bucket, prefix []byte) error {
	if b == nil {
		return nil
	}
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Seek(prefix) {
		if err := c.Delete(); err != nil {
			return err
		}
	}
	return nil
}
