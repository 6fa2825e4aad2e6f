package storage

import (
	"errors"
	"fmt"

	"go.etcd.io/bbolt"

	"linli"
)

// Load–change–save of one JSON record, the shape of every update of an
// aggregate: load the record at a key of its bucket, let the aggregate's
// code change it, save it, all in one transaction. Aggregates describe the
// change with a change[T] and run it with commit (a transaction of its own)
// or apply (inside a transaction they already hold, e.g. groupUpdate).

// errUnchanged, returned by change.fn (or by change.missing), leaves the
// record as it was: nothing is saved and the change succeeds.
var errUnchanged = errors.New("storage: record unchanged")

// change is one load–change–save of the JSON record at key of bucket.
type change[T any] struct {
	bucket, key []byte
	// missing says what to do when no record is stored at key: nil starts
	// fn from the zero T; otherwise missing's error is returned (usually an
	// ENotFound *linli.Error) and fn is not called, or, when it returns
	// errUnchanged, apply and commit return a nil record and no error.
	missing func() error
	// fn changes the record. tx is the transaction, for the other buckets
	// of the aggregate. An error aborts the change; errUnchanged skips the
	// save.
	fn func(tx *bbolt.Tx, v *T) error
	// save stores the changed record; nil stores it at key. Aggregates with
	// indexes (reports) or keys that fn may change (residents) set it.
	save func(tx *bbolt.Tx, b *bbolt.Bucket, v *T) error
}

// apply runs c inside the write transaction tx (creating the bucket) and
// returns the record as saved, or as loaded when fn returned errUnchanged.
// Errors from missing, fn and save are returned as they are.
func (c change[T]) apply(tx *bbolt.Tx) (*T, error) {
	b, err := writeBucket(tx, c.bucket)
	if err != nil {
		return nil, err
	}
	v := new(T)
	found, err := getJSON(b, c.key, v)
	if err != nil {
		return nil, err
	}
	if !found && c.missing != nil {
		if err := c.missing(); !errors.Is(err, errUnchanged) {
			return nil, err
		}
		return nil, nil
	}
	if c.fn != nil {
		switch err := c.fn(tx, v); {
		case errors.Is(err, errUnchanged):
			return v, nil
		case err != nil:
			return nil, err
		}
	}
	if c.save != nil {
		return v, c.save(tx, b, v)
	}
	return v, putJSON(b, c.key, v)
}

// commit runs c in a write transaction of its own: committed when c
// succeeds, rolled back otherwise. A user error (a *linli.Error whose code
// is not EInternal, such as missing's ENotFound) and an error marked with
// callerErr are returned as is; every other failure is wrapped as
// "storage: <what>: …".
func (c change[T]) commit(db *DB, what string) (*T, error) {
	var v *T
	err := db.update(func(tx *bbolt.Tx) (err error) {
		v, err = c.apply(tx)
		return err
	})
	var ce callerError
	switch {
	case err == nil:
		return v, nil
	case errors.As(err, &ce):
		return nil, ce.err
	case linli.ErrorCode(err) != linli.EInternal:
		return nil, err
	}
	return nil, fmt.Errorf("storage: %s: %w", what, err)
}

// callerErr marks an error returned by a function a caller of storage
// passed in (UpdateResident's fn, …), so that commit returns it as is
// rather than as a storage failure. It returns nil for nil.
func callerErr(err error) error {
	if err == nil {
		return nil
	}
	return callerError{err}
}

type callerError struct{ err error }

func (e callerError) Error() string { return e.err.Error() }
func (e callerError) Unwrap() error { return e.err }

// getRecord reads the JSON record at key of bucket in a read transaction of
// its own. A missing record is missing's error; other failures are wrapped
// as "storage: <what>: …".
func getRecord[T any](db *DB, what string, bucket, key []byte, missing func() error) (*T, error) {
	v := new(T)
	var found bool
	err := db.view(func(tx *bbolt.Tx) (err error) {
		found, err = getJSON(tx.Bucket(bucket), key, v)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("storage: %s: %w", what, err)
	}
	if !found {
		return nil, missing()
	}
	return v, nil
}
