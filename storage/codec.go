package storage

import (
	"encoding/binary"
	"encoding/json"
	"fmt"

	"go.etcd.io/bbolt"
)

// Helpers for JSON records. Feature code stores an aggregate as JSON values
// in its own bucket, keyed by itob(id) for sequence ids or by a string for
// natural keys. All helpers must be called inside a transaction (db.view,
// db.update or db.batch); the read helpers accept a nil bucket (one not yet
// created) and treat it as empty. An update of one record (load, change,
// save) goes through change[T] in record.go, a read by key through
// getRecord.

// itob encodes id as an 8-byte big-endian key, so that keys sort in id order.
func itob(id uint64) []byte {
	k := make([]byte, 8)
	binary.BigEndian.PutUint64(k, id)
	return k
}

// btoi decodes a key made by itob. It returns 0 for a key of another length.
func btoi(k []byte) uint64 {
	if len(k) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(k)
}

// getJSON decodes the value at key into v. It reports false (and leaves v
// alone) when b is nil or has no such key.
func getJSON(b *bbolt.Bucket, key []byte, v any) (bool, error) {
	if b == nil {
		return false, nil
	}
	data := b.Get(key)
	if data == nil {
		return false, nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		return true, fmt.Errorf("decode %s: %w", keyString(key), err)
	}
	return true, nil
}

// putJSON encodes v as JSON and stores it at key. b must be writable.
func putJSON(b *bbolt.Bucket, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s: %w", keyString(key), err)
	}
	if err := b.Put(key, data); err != nil {
		return fmt.Errorf("put %s: %w", keyString(key), err)
	}
	return nil
}

// deleteKey removes key from b; a missing key (or nil b) is not an error.
func deleteKey(b *bbolt.Bucket, key []byte) error {
	if b == nil {
		return nil
	}
	if err := b.Delete(key); err != nil {
		return fmt.Errorf("delete %s: %w", keyString(key), err)
	}
	return nil
}

// nextID returns the next sequence id of b (1, 2, …). The sequence is part of
// the transaction: a rolled-back transaction does not consume ids.
func nextID(b *bbolt.Bucket) (uint64, error) {
	id, err := b.NextSequence()
	if err != nil {
		return 0, fmt.Errorf("next id: %w", err)
	}
	return id, nil
}

// reserveID makes sure nextID never returns id or anything below it, for
// records stored under an id chosen by the caller (restores, imports).
func reserveID(b *bbolt.Bucket, id uint64) error {
	if id <= b.Sequence() {
		return nil
	}
	if err := b.SetSequence(id); err != nil {
		return fmt.Errorf("set sequence to %d: %w", id, err)
	}
	return nil
}

// eachJSON decodes every value of b in key order and calls fn with the key
// and the decoded value. Nested buckets are skipped. fn must not modify b;
// collect keys and change them after eachJSON returns. An error from fn stops
// the iteration and is returned as is.
func eachJSON[T any](b *bbolt.Bucket, fn func(key []byte, v *T) error) error {
	if b == nil {
		return nil
	}
	c := b.Cursor()
	for k, data := c.First(); k != nil; k, data = c.Next() {
		if data == nil { // nested bucket
			continue
		}
		v := new(T)
		if err := json.Unmarshal(data, v); err != nil {
			return fmt.Errorf("decode %s: %w", keyString(k), err)
		}
		if err := fn(k, v); err != nil {
			return err
		}
	}
	return nil
}

// listJSON decodes every value of b, in key order.
func listJSON[T any](b *bbolt.Bucket) ([]T, error) {
	var list []T
	err := eachJSON(b, func(_ []byte, v *T) error {
		list = append(list, *v)
		return nil
	})
	return list, err
}

// keyString renders a key for error messages: "#42" for an itob key, the
// quoted string otherwise.
func keyString(k []byte) string {
	if len(k) == 8 && k[0] == 0 {
		return fmt.Sprintf("#%d", btoi(k))
	}
	return fmt.Sprintf("%q", k)
}

// deleteWhere removes every key of b for which match(key, value) is true and
// reports how many it removed. Nested buckets are skipped. It collects the
// keys first, as bbolt cursors must not run over a bucket being changed.
func deleteWhere(b *bbolt.Bucket, match func(key, value []byte) bool) (int, error) {
	if b == nil {
		return 0, nil
	}
	var doomed [][]byte
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if v != nil && match(k, v) {
			doomed = append(doomed, append([]byte(nil), k...))
		}
	}
	for _, k := range doomed {
		if err := deleteKey(b, k); err != nil {
			return 0, err
		}
	}
	return len(doomed), nil
}
