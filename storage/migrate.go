package storage

import (
	"encoding/binary"
	"fmt"
	"log/slog"

	"go.etcd.io/bbolt"

	"linli"
)

// migration upgrades the schema by one version inside the transaction it is
// given. It must not commit or roll back tx.
type migration func(tx *bbolt.Tx, log *slog.Logger) error

// migrations[i] upgrades a database from schema version i to i+1; the schema
// version this code writes is len(migrations). Append only: never reorder,
// edit or remove an entry once released. All pending migrations of an Open
// run in one transaction, so a failure leaves the file as it was.
var migrations = []migration{
	migrateV1,
	migrateV2,
	migrateV3,
}

// rebuilds[v], when set, runs before migrations[v] (from schema v to v+1),
// in transactions of its own: a rebuild of derived data too large for one
// transaction. It must only write data it drops first, so that it can run
// again after a failure: the version moves only when the migrations'
// transaction commits.
var rebuilds = map[int]func(db *DB, log *slog.Logger) error{
	2: buildIndexes,
}

// SchemaVersion is the schema version written by this version of linli.
func SchemaVersion() int { return len(migrations) }

// migrateV1 creates the buckets of the first schema.
func migrateV1(tx *bbolt.Tx, _ *slog.Logger) error {
	for _, name := range [][]byte{bucketSeen, bucketResidents, bucketOutbox, bucketOutboxKeys, bucketJobs, bucketJobKeys} {
		if _, err := writeBucket(tx, name); err != nil {
			return err
		}
	}
	return nil
}

// migrateV2 numbers the jobs stored before jobs had a per-kind Number, in
// ID order, so that 定时通知 #N keeps meaning one notice.
func migrateV2(tx *bbolt.Tx, _ *slog.Logger) error {
	b := tx.Bucket(bucketJobs)
	if b == nil {
		return nil
	}
	jobs, err := listJSON[linli.Job](b)
	if err != nil {
		return err
	}
	for _, j := range jobs {
		if j.Number != 0 {
			continue
		}
		if j.Number, err = nextJobNumber(tx, j.Kind); err != nil {
			return err
		}
		if err := putJSON(b, itob(j.ID), &j); err != nil {
			return err
		}
	}
	return nil
}

// migrate applies the pending migrations of ms. It reads the version first in
// a read-only transaction so that a database that is up to date, or newer
// than ms supports, is not written to at all.
func (db *DB) migrate(ms []migration, rebuild map[int]func(*DB, *slog.Logger) error, log *slog.Logger) error {
	supported := len(ms)
	var have int
	if err := db.view(func(tx *bbolt.Tx) (err error) {
		have, err = schemaVersion(tx)
		return err
	}); err != nil {
		return err
	}
	if have > supported {
		return &openError{
			msg: fmt.Sprintf("数据库版本 %d 比程序支持的 %d 新，请升级 linli (database schema %d is newer than supported %d)",
				have, supported, have, supported),
			kind: ErrNewerSchema,
		}
	}
	if have == supported {
		return nil
	}
	for v := have; v < supported; v++ {
		if fn := rebuild[v]; fn != nil {
			log.Info("migrating database: rebuilding", "from", v, "to", v+1)
			if err := fn(db, log); err != nil {
				return fmt.Errorf("migrate schema %d to %d: %w", v, v+1, err)
			}
		}
	}
	return db.update(func(tx *bbolt.Tx) error {
		// The exclusive file lock means nobody changed the version since the
		// read above, but read it again so this transaction stands alone.
		from, err := schemaVersion(tx)
		if err != nil {
			return err
		}
		for v := from; v < supported; v++ {
			log.Info("migrating database", "from", v, "to", v+1)
			if err := ms[v](tx, log); err != nil {
				return fmt.Errorf("migrate schema %d to %d: %w", v, v+1, err)
			}
		}
		meta, err := writeBucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		if err := meta.Put(keySchema, itob(uint64(supported))); err != nil {
			return fmt.Errorf("write schema version: %w", err)
		}
		return nil
	})
}

// schemaVersion reads the schema version; 0 for a new (or non-linli) file.
func schemaVersion(tx *bbolt.Tx) (int, error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return 0, nil
	}
	v := meta.Get(keySchema)
	if v == nil {
		return 0, nil
	}
	if len(v) != 8 {
		return 0, fmt.Errorf("schema version: want 8 bytes, have %d", len(v))
	}
	n := binary.BigEndian.Uint64(v)
	if n > 1<<31 {
		return 0, fmt.Errorf("schema version %d out of range", n)
	}
	return int(n), nil
}
