// Package storage keeps linli's data in a bbolt file. It is the only package
// that imports bbolt; it implements the store interfaces of package linli on
// *DB.
//
// Layout: one bucket per aggregate, JSON values, uint64 ids as 8-byte
// big-endian keys (itob) so that iteration is in id order. A meta bucket
// holds the schema version; migrations bring an older file up to date when
// it is opened. Storage never reads the clock: every timestamp comes from
// the caller.
//
// Adding an aggregate (feature code): declare its bucket name in its own
// file, write through writeBucket inside db.update (the bucket is created on
// first use) and read through tx.Bucket inside db.view (a missing bucket
// reads as empty: getJSON, eachJSON and listJSON accept a nil bucket). No
// migration is needed for a new bucket; add one only to transform data that
// is already stored.
package storage

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"sync/atomic"
	"time"

	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Bucket names of the aggregates kept by this package.
var (
	bucketMeta       = []byte("meta")
	bucketSeen       = []byte("seen")
	bucketResidents  = []byte("residents")
	bucketOutbox     = []byte("outbox")
	bucketOutboxKeys = []byte("outbox_keys")
	bucketJobs       = []byte("jobs")
	bucketJobKeys    = []byte("job_keys")
	bucketJobNumbers = []byte("job_numbers") // per-kind counters for Job.Number
)

// keySchema is the key, in the meta bucket, of the schema version.
var keySchema = []byte("schema")

// Retention is how long message ids (dedupe) and the keys of completed
// outgoing messages are remembered.
const Retention = 7 * 24 * time.Hour

// DefaultTimeout is how long Open waits for another process to release the
// database file.
const DefaultTimeout = time.Second

// Errors that Open may return (wrapped; test with errors.Is).
var (
	// ErrNewerSchema means the file was written by a newer linli.
	ErrNewerSchema = errors.New("storage: database schema is newer than supported")
	// ErrLocked means another process holds the database open.
	ErrLocked = errors.New("storage: database is in use by another process")
)

// DB is a linli database. It is safe for concurrent use by multiple
// goroutines.
type DB struct {
	bolt    *bbolt.DB
	commits groupCommit   // writes that share transactions (groupcommit.go)
	fault   func() error  // WithWriteFault
	txs     atomic.Uint64 // transactions run, for released
}

// Option configures Open.
type Option func(*options)

type options struct {
	timeout    time.Duration
	noSync     bool
	migrations []migration
	rebuilds   map[int]func(*DB, *slog.Logger) error
	fault      func() error
	log        *slog.Logger
}

// WithTimeout sets how long Open waits for the file lock held by another
// process before failing with ErrLocked. The default is DefaultTimeout; a
// d <= 0 keeps it (bbolt would otherwise wait forever).
func WithTimeout(d time.Duration) Option {
	return func(o *options) {
		if d > 0 {
			o.timeout = d
		}
	}
}

// WithNoSync skips fsync after each commit: faster, but a crash may lose
// recent writes. For throwaway databases (tests, console demos) only.
func WithNoSync() Option {
	return func(o *options) { o.noSync = true }
}

// WithWriteFault makes every write transaction call fault first and fail
// with its error, writing nothing, when that is not nil: what a full disk or
// a file system remounted read-only does to bbolt. For tests of how linli
// behaves when it cannot write; fault must be safe for concurrent use.
func WithWriteFault(fault func() error) Option {
	return func(o *options) { o.fault = fault }
}

// WithLogger sets where Open logs what it does to the file: the progress of
// a migration that builds indexes over a large database. The default
// discards it.
func WithLogger(l *slog.Logger) Option {
	return func(o *options) {
		if l != nil {
			o.log = l
		}
	}
}

// withMigrations replaces the migration list (tests).
func withMigrations(ms []migration) Option {
	return func(o *options) { o.migrations, o.rebuilds = ms, nil }
}

// Open opens (creating if needed) the database at path and brings its schema
// up to date. It fails with an error wrapping ErrLocked when another process
// holds the file, and with one wrapping ErrNewerSchema, without modifying the
// file, when the file was written by a newer version of linli. An existing
// file that is empty, not a bbolt database or shorter than its pages say is
// refused with an error wrapping ErrDamaged, and a bbolt file without
// linli's schema version (another program's) with one wrapping ErrForeign,
// both untouched: only a path where no file exists becomes a new database.
// Open does not run the full consistency check (see Check), which reads
// every page.
func Open(path string, opts ...Option) (*DB, error) {
	o := options{timeout: DefaultTimeout, migrations: migrations, rebuilds: rebuilds, log: slog.New(slog.DiscardHandler)}
	for _, opt := range opts {
		opt(&o)
	}
	if path == "" {
		return nil, errors.New("storage: open: empty path")
	}
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		if err := create(path, o); err != nil { // open_create.go
			return nil, err
		}
	}
	if err := refuseEmptyOrTruncated(path, o.timeout); err != nil {
		return nil, err
	}
	bdb, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: o.timeout, NoSync: o.noSync})
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return nil, fmt.Errorf("storage: open %s: %w", path, &openError{
			msg:  "数据库正被另一个 linli 进程使用，请先停止它",
			kind: ErrLocked,
		})
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrChecksum):
		return nil, fmt.Errorf("storage: open %s: 不是有效的 linli 数据库 (not a valid database file): %w", path, err)
	case err != nil:
		return nil, fmt.Errorf("storage: open %s: %w", path, err)
	}
	db := &DB{bolt: bdb, fault: o.fault}
	log := o.log.With("component", "storage")
	var have int
	if err := db.view(func(tx *bbolt.Tx) (err error) { have, err = schemaVersion(tx); return err }); err != nil {
		bdb.Close()
		return nil, fmt.Errorf("storage: open %s: %w", path, err)
	}
	if err := db.migrate(o.migrations, o.rebuilds, log); err != nil {
		bdb.Close()
		return nil, fmt.Errorf("storage: open %s: %w", path, err)
	}
	if have > 0 && have < len(o.migrations) { // an existing file was upgraded (migrate_compact.go)
		if err := db.compactAfterMigration(path, o, log); err != nil { // the file is closed
			return nil, fmt.Errorf("storage: open %s: %w", path, err)
		}
	}
	return db, nil
}

// Close releases the database file. Transactions in progress finish first.
func (db *DB) Close() error {
	if err := db.bolt.Close(); err != nil {
		return fmt.Errorf("storage: close: %w", err)
	}
	return nil
}

// Path returns the path of the database file.
func (db *DB) Path() string { return db.bolt.Path() }

// view runs fn in a read-only transaction. Values obtained from a bucket are
// valid only until fn returns; decode or copy them.
func (db *DB) view(fn func(tx *bbolt.Tx) error) error {
	return db.bolt.View(func(tx *bbolt.Tx) error {
		err := fn(tx)
		db.released(tx)
		return err
	})
}

// releaseTxs is how many transactions run between two releases of the file
// pages they touched (releaseMapped): a long-running process reading here
// and there in a large file would otherwise keep every page it ever read
// resident, and its RSS would grow with the history it has touched.
const releaseTxs = 256

// released counts a transaction and, every releaseTxs, gives back the
// pages of the map that tx can see. The pages stay in the page cache.
func (db *DB) released(tx *bbolt.Tx) {
	if db.txs.Add(1)%releaseTxs == 0 {
		releaseMapped(db.bolt, tx)
	}
}

// update runs fn in a read-write transaction, committed if fn returns nil and
// rolled back otherwise. Only one update runs at a time.
func (db *DB) update(fn func(tx *bbolt.Tx) error) error {
	if err := db.injected(); err != nil {
		return err
	}
	return db.bolt.Update(func(tx *bbolt.Tx) error {
		err := fn(tx)
		db.released(tx)
		return err
	})
}

// batch is update for many concurrent writers: calls from several goroutines
// may share one transaction (and one fsync). fn may be called more than once,
// so it must be idempotent and must not leak results to the caller until
// batch returns nil. A lone caller waits up to bbolt's batch delay (10ms);
// use update on latency-sensitive paths.
func (db *DB) batch(fn func(tx *bbolt.Tx) error) error {
	if err := db.injected(); err != nil {
		return err
	}
	return db.bolt.Batch(fn)
}

// injected returns the error of the WithWriteFault function, if any.
func (db *DB) injected() error {
	if db.fault == nil {
		return nil
	}
	if err := db.fault(); err != nil {
		return fmt.Errorf("write failed: %w", err)
	}
	return nil
}

// writeBucket returns the bucket name in a read-write transaction, creating
// it if needed.
func writeBucket(tx *bbolt.Tx, name []byte) (*bbolt.Bucket, error) {
	b, err := tx.CreateBucketIfNotExists(name)
	if err != nil {
		return nil, fmt.Errorf("bucket %s: %w", name, err)
	}
	return b, nil
}

// openError is an Open failure with a message for people (Chinese and
// English) that still matches its sentinel with errors.Is.
type openError struct {
	msg  string
	kind error
}

func (e *openError) Error() string { return e.msg }
func (e *openError) Unwrap() error { return e.kind }
