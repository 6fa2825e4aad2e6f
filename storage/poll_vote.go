package storage

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"slices"
	"sync/atomic"

	"go.etcd.io/bbolt"

	"linli"
)

// castsInFlight counts CastVote calls in progress. A vote cast while
// others are in flight joins a bbolt batch (one commit and fsync for many
// voters: a vote storm); a lone vote, as from the engine's one-at-a-time
// loop, commits at once rather than waiting out the batch delay (10ms). It
// is shared by all databases of the process, which only affects speed.
var castsInFlight atomic.Int32

// voteRecord is a vote as stored. Self identifies which member of the
// household cast an anonymous vote (a keyed hash of their name), so that a
// second member can be told a vote exists without anyone learning who.
type voteRecord struct {
	linli.Vote
	Self []byte `json:"self,omitempty"`
}

// CastVote records ballot b in one transaction that checks the poll's state
// and keeps one vote per key: the household for a 一户一票 poll, the voter
// otherwise. A second ballot under the same key replaces the first; when
// another member of the household cast it and b.Replace is false, nothing
// changes and the receipt says Blocked. Concurrent calls share transactions
// (see castsInFlight).
//
// Errors: ENotFound (no such poll), EConflict (closed, past the deadline or
// in discussion at b.At), EInvalid (choices empty, out of range, too many,
// or no household for a 一户一票 poll).
func (db *DB) CastVote(b linli.Ballot) (linli.VoteReceipt, error) {
	var rec linli.VoteReceipt
	var userErr error
	write := db.update
	if castsInFlight.Add(1) > 1 {
		write = db.batch
	}
	defer castsInFlight.Add(-1)
	err := write(func(tx *bbolt.Tx) (err error) {
		// batch may run this more than once: castVoteTx starts from scratch.
		rec, userErr, err = castVoteTx(tx, b)
		return err
	})
	if err != nil {
		return linli.VoteReceipt{}, fmt.Errorf("storage: cast vote in poll %d: %w", b.PollID, err)
	}
	if userErr != nil {
		return linli.VoteReceipt{}, userErr
	}
	return rec, nil
}

// castVoteTx is CastVote inside tx: the receipt, a user error (nothing
// written) or a storage error.
func castVoteTx(tx *bbolt.Tx, b linli.Ballot) (rec linli.VoteReceipt, userErr error, err error) {
	err = func() error {
		// batch may run this more than once: start from scratch each time.
		rec, userErr = linli.VoteReceipt{}, nil
		var p pollRecord
		if err := loadPoll(tx.Bucket(bucketPolls), b.PollID, &p); err != nil {
			if linli.ErrorCode(err) != linli.EInternal {
				userErr = err
				return nil
			}
			return err
		}
		rec.Poll = &p.Poll
		choices, err := checkBallot(&p, b)
		if err != nil {
			userErr = err
			return nil // nothing written: let the rest of the batch commit
		}
		votes, err := writeBucket(tx, bucketPollVotes)
		if err != nil {
			return err
		}
		key, self := voteKey(&p, b)
		var voters *bbolt.Bucket
		if p.PerHousehold {
			if voters, err = writeBucket(tx, bucketPollVoters); err != nil {
				return err
			}
			other, err := votedElsewhere(votes, voters.Get(voterKey(&p, b, self)), key, b.Voter, self)
			if err != nil {
				return err
			}
			if other != nil {
				rec.Elsewhere, rec.VotedFor = true, other.Household
				return nil
			}
		}
		var old voteRecord
		found, err := getJSON(votes, key, &old)
		if err != nil {
			return err
		}
		if found {
			rec.ByOther = p.PerHousehold && !sameVoter(&old, b.Voter, self)
			if rec.ByOther && !b.Replace {
				rec.Blocked = true
				return nil
			}
			rec.Previous = old.Choices
		}
		v := voteRecord{Vote: linli.Vote{PollID: p.ID, Choices: choices, Area: b.Area}}
		if p.Anonymous {
			v.Self = self
		} else {
			v.Voter, v.Household, v.At = b.Voter, b.Household, b.At
		}
		if voters != nil {
			if err := voters.Put(voterKey(&p, b, self), key); err != nil {
				return err
			}
		}
		return putJSON(votes, key, &v)
	}()
	return rec, userErr, err
}

// checkBallot checks b against the poll's state and options and returns the
// choices sorted and without duplicates.
func checkBallot(p *pollRecord, b linli.Ballot) ([]int, error) {
	switch {
	case p.Status != linli.PollOpen || !b.At.Before(p.Deadline):
		return nil, linli.Errorf(linli.EConflict, "投票%d「%s」已经截止，不能再投票或改票。", p.ID, p.Title)
	case b.At.Before(p.DiscussUntil):
		return nil, linli.Errorf(linli.EConflict, "投票%d「%s」还在讨论期，暂不能投票。", p.ID, p.Title)
	case p.PerHousehold && b.Household == "":
		return nil, linli.Errorf(linli.EInvalid, "投票%d按户计票，请先发送「绑定 户号」登记您家。", p.ID)
	case b.Voter == "":
		return nil, linli.Errorf(linli.EInvalid, "投票人不能为空")
	}
	choices := slices.Clone(b.Choices)
	slices.Sort(choices)
	choices = slices.Compact(choices)
	limit := max(p.MaxChoices, 1)
	switch {
	case len(choices) == 0:
		return nil, linli.Errorf(linli.EInvalid, "请选择一个选项。")
	case choices[0] < 0 || choices[len(choices)-1] >= len(p.Options):
		return nil, linli.Errorf(linli.EInvalid, "选项超出范围（共%d个选项）。", len(p.Options))
	case len(choices) > limit:
		return nil, linli.Errorf(linli.EInvalid, "本投票最多选%d项。", limit)
	}
	return choices, nil
}

// voteKey returns the key of b's vote in bucketPollVotes and, for an
// anonymous poll, the keyed hash of the voter's name. The identity part is
// the household (一户一票) or the voter's name; in an anonymous poll it is
// an HMAC of that under the poll's secret.
func voteKey(p *pollRecord, b linli.Ballot) (key, self []byte) {
	id := []byte("v:" + b.Voter)
	if p.PerHousehold {
		id = []byte("h:" + b.Household)
	}
	if p.Anonymous {
		id = keyedHash(p.Secret, id)
		self = keyedHash(p.Secret, []byte("v:"+b.Voter))
	}
	return append(itob(p.ID), id...), self
}

// voterKey is the key of b's voter in bucketPollVoters: their name, or
// self (their keyed hash) in an anonymous poll.
func voterKey(p *pollRecord, b linli.Ballot, self []byte) []byte {
	if self != nil {
		return append(itob(p.ID), self...)
	}
	return append(itob(p.ID), "v:"+b.Voter...)
}

// votedElsewhere returns the vote at prev, the key of the vote voter last
// cast in the poll, when it is another key than key and is still theirs
// (a family member may have replaced it since); nil otherwise.
func votedElsewhere(votes *bbolt.Bucket, prev, key []byte, voter string, self []byte) (*voteRecord, error) {
	if prev == nil || bytes.Equal(prev, key) {
		return nil, nil
	}
	var other voteRecord
	found, err := getJSON(votes, prev, &other)
	if err != nil || !found || !sameVoter(&other, voter, self) {
		return nil, err
	}
	return &other, nil
}

func keyedHash(secret, data []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write(data)
	return m.Sum(nil)
}

// sameVoter reports whether old was cast by voter (self is voter's keyed
// hash in an anonymous poll).
func sameVoter(old *voteRecord, voter string, self []byte) bool {
	if old.Self != nil || self != nil {
		return hmac.Equal(old.Self, self)
	}
	return old.Voter == voter
}

// Votes lists the votes of poll pollID in key order. Voter, Household and
// At are empty for an anonymous poll.
func (db *DB) Votes(pollID uint64) ([]linli.Vote, error) {
	var list []linli.Vote
	err := db.view(func(tx *bbolt.Tx) (err error) {
		list, err = pollVotes(tx.Bucket(bucketPollVotes), pollID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("storage: votes of poll %d: %w", pollID, err)
	}
	return list, nil
}

// pollVotes decodes the votes of one poll; b may be nil.
func pollVotes(b *bbolt.Bucket, pollID uint64) ([]linli.Vote, error) {
	var list []linli.Vote
	err := eachWithPrefix(b, itob(pollID), func(k, v []byte) error {
		var r voteRecord
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("decode vote %x: %w", k, err)
		}
		list = append(list, r.Vote)
		return nil
	})
	return list, err
}
