package storage

import (
	"encoding/json"
	"fmt"

	"go.etcd.io/bbolt"

	"linli"
)

// AddOpinion stores o under the next opinion sequence number (set in o.Seq)
// and reports whether the caller must schedule a digest to staff: true for
// the first opinion not yet covered by a pending digest. It returns
// ENotFound for an unknown poll and EConflict for a closed one.
func (db *DB) AddOpinion(o *linli.PollOpinion) (bool, error) {
	var schedule bool
	var seq uint64
	_, err := db.updatePoll("add opinion to poll", o.PollID, func(tx *bbolt.Tx, p *pollRecord) error {
		if p.Status != linli.PollOpen {
			return linli.Errorf(linli.EConflict, "投票%d「%s」已经结束，不再收集意见。", p.ID, p.Title)
		}
		ops, err := writeBucket(tx, bucketPollOpinions)
		if err != nil {
			return err
		}
		if seq, err = nextID(ops); err != nil {
			return err
		}
		rec := *o
		rec.Seq = seq
		if err := putJSON(ops, opinionKey(o.PollID, seq), &rec); err != nil {
			return err
		}
		schedule = !p.DigestPending
		if !schedule {
			return errUnchanged
		}
		p.DigestPending = true
		return nil
	})
	if err != nil {
		return false, err
	}
	o.Seq = seq
	return schedule, nil
}

// PendingOpinions lists the opinions on poll pollID not yet forwarded to
// staff, in the order they came.
func (db *DB) PendingOpinions(pollID uint64) ([]linli.PollOpinion, error) {
	var list []linli.PollOpinion
	err := db.view(func(tx *bbolt.Tx) error {
		var p pollRecord
		if err := loadPoll(tx.Bucket(bucketPolls), pollID, &p); err != nil {
			return err
		}
		var err error
		list, err = opinionsAfter(tx.Bucket(bucketPollOpinions), pollID, p.Forwarded)
		return err
	})
	if err != nil {
		return nil, pollErr("pending opinions of poll", pollID, err)
	}
	return list, nil
}

// MarkOpinionsForwarded records that the opinions on poll pollID up to seq
// were sent to staff. It reports whether later opinions are waiting, in
// which case a digest stays pending and the caller must schedule one.
func (db *DB) MarkOpinionsForwarded(pollID, seq uint64) (bool, error) {
	var more bool
	_, err := db.updatePoll("mark opinions forwarded of poll", pollID, func(tx *bbolt.Tx, p *pollRecord) error {
		p.Forwarded = max(p.Forwarded, seq)
		rest, err := opinionsAfter(tx.Bucket(bucketPollOpinions), pollID, p.Forwarded)
		if err != nil {
			return err
		}
		more = len(rest) > 0
		p.DigestPending = more
		return nil
	})
	if err != nil {
		return false, err
	}
	return more, nil
}

func opinionKey(pollID, seq uint64) []byte { return append(itob(pollID), itob(seq)...) }

// opinionsAfter lists the opinions on pollID with Seq > after; b may be nil.
func opinionsAfter(b *bbolt.Bucket, pollID, after uint64) ([]linli.PollOpinion, error) {
	var list []linli.PollOpinion
	err := eachWithPrefix(b, itob(pollID), func(k, v []byte) error {
		var o linli.PollOpinion
		if err := json.Unmarshal(v, &o); err != nil {
			return fmt.Errorf("decode opinion %x: %w", k, err)
		}
		if o.Seq > after {
			list = append(list, o)
		}
		return nil
	})
	return list, err
}
