package storage

import (
	"encoding/json"
	"fmt"
	"time"

	"go.etcd.io/bbolt"

	"linli"
)

var _ linli.OutboxStore = (*DB)(nil)

// outboxKey is the record of an idempotency key in bucketOutboxKeys. A key is
// kept while its message is pending and for Retention after it completed, so
// that a job re-run after a crash does not send again.
type outboxKey struct {
	ID        uint64    `json:"id"`
	Completed time.Time `json:"completed"` // zero while pending
}

// EnqueueOutgoing assigns out.ID from the outbox sequence and stores out as
// pending. When out.Key is set and was used before (by a message pending or
// completed within Retention) it reports false, stores nothing and leaves
// out.ID alone.
func (db *DB) EnqueueOutgoing(out *linli.Outgoing) (bool, error) {
	var id uint64
	err := db.update(func(tx *bbolt.Tx) error {
		id = 0
		b, err := writeBucket(tx, bucketOutbox)
		if err != nil {
			return err
		}
		var keys *bbolt.Bucket
		if out.Key != "" {
			if keys, err = writeBucket(tx, bucketOutboxKeys); err != nil {
				return err
			}
			if keys.Get([]byte(out.Key)) != nil {
				return nil
			}
		}
		if id, err = nextID(b); err != nil {
			return err
		}
		rec := *out
		rec.ID = id
		if keys != nil {
			if err := putJSON(keys, []byte(out.Key), outboxKey{ID: id}); err != nil {
				return err
			}
		}
		return putJSON(b, itob(id), &rec)
	})
	if err != nil {
		return false, fmt.Errorf("storage: enqueue outgoing: %w", err)
	}
	if id == 0 {
		return false, nil
	}
	out.ID = id
	return true, nil
}

// PendingOutgoing lists the messages not yet completed, in ID order.
func (db *DB) PendingOutgoing() ([]linli.Outgoing, error) {
	var list []linli.Outgoing
	err := db.view(func(tx *bbolt.Tx) (err error) {
		list, err = listJSON[linli.Outgoing](tx.Bucket(bucketOutbox))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("storage: pending outgoing: %w", err)
	}
	return list, nil
}

// CompleteOutgoing removes sent (or dropped) messages from the pending set and
// records at as the completion time of their keys. Ids not pending are
// ignored, so completing twice is harmless. Every pruneEvery completed keys,
// keys completed more than Retention before at are forgotten.
func (db *DB) CompleteOutgoing(ids []uint64, at time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	err := db.update(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketOutbox)
		keys := tx.Bucket(bucketOutboxKeys)
		for _, id := range ids {
			var out linli.Outgoing
			found, err := getJSON(b, itob(id), &out)
			if err != nil {
				return err
			}
			if !found {
				continue
			}
			if out.Key != "" && keys != nil {
				if err := putJSON(keys, []byte(out.Key), outboxKey{ID: id, Completed: at}); err != nil {
					return err
				}
				n, err := nextID(keys) // counts completions
				if err != nil {
					return err
				}
				if n%pruneEvery == 0 {
					if _, err := pruneOutboxKeys(keys, at.Add(-Retention)); err != nil {
						return err
					}
				}
			}
			if err := deleteKey(b, itob(id)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("storage: complete outgoing %v: %w", ids, err)
	}
	return nil
}

// UpdateOutgoing rewrites the pending message out.ID (retry counts). It
// returns an ENotFound *linli.Error when the message is no longer pending,
// so that a completed message is never brought back; out.Key must not change.
func (db *DB) UpdateOutgoing(out linli.Outgoing) error {
	err := db.update(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketOutbox)
		var old linli.Outgoing
		found, err := getJSON(b, itob(out.ID), &old)
		if err != nil {
			return err
		}
		if !found {
			return linli.Errorf(linli.ENotFound, "找不到待发消息 %d", out.ID)
		}
		if old.Key != out.Key {
			return fmt.Errorf("key changed from %q to %q", old.Key, out.Key)
		}
		return putJSON(b, itob(out.ID), &out)
	})
	if err != nil {
		return fmt.Errorf("storage: update outgoing %d: %w", out.ID, err)
	}
	return nil
}

// PruneOutboxKeys forgets the keys of messages completed before before and
// reports how many it forgot. Keys of pending messages are kept.
func (db *DB) PruneOutboxKeys(before time.Time) (int, error) {
	var n int
	err := db.update(func(tx *bbolt.Tx) (err error) {
		n, err = pruneOutboxKeys(tx.Bucket(bucketOutboxKeys), before)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("storage: prune outbox keys: %w", err)
	}
	return n, nil
}

// pruneOutboxKeys deletes the keys of b completed before before. A record
// that does not decode is kept: better a key that blocks a message than a
// message sent twice.
func pruneOutboxKeys(b *bbolt.Bucket, before time.Time) (int, error) {
	return deleteWhere(b, func(_, v []byte) bool {
		var k outboxKey
		if json.Unmarshal(v, &k) != nil {
			return false
		}
		return !k.Completed.IsZero() && k.Completed.Before(before)
	})
}

var _ linli.SendingMarker = (*DB)(nil)

// MarkSending records at as the start of a delivery of the pending messages
// ids (a zero at clears it), in one transaction. Ids not pending are ignored.
func (db *DB) MarkSending(ids []uint64, at time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	err := db.update(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketOutbox)
		for _, id := range ids {
			var out linli.Outgoing
			found, err := getJSON(b, itob(id), &out)
			if err != nil {
				return err
			}
			if !found {
				continue
			}
			out.Sending = at
			if err := putJSON(b, itob(id), &out); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("storage: mark sending %v: %w", ids, err)
	}
	return nil
}
