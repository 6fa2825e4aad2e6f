package storage

import (
	"encoding/binary"
	"fmt"
	"log/slog"
	"sort"

	"go.etcd.io/bbolt"

	"linli"
)

// migration upgrades the schema by one version inside the transaction it is
// given. It must not commit or roll back tx.
type migration func(tx *bbolt.Tx, log *slog.Logger) error

// migrations[i] upgrades a database from schema version i to i+1; the schema
// version this code writes is len(migrations). Append only: never reorder,
// edit or remove an entry once released. The pending migrations of an Open
// run in one transaction (up to a rebuild, see migrate), so a failure
// leaves the file as it was.
var migrations = []migration{
	migrateV1,
	migrateV2,
	migrateV3,
	migrateV4,
	migrateV5, // report_facts.go
}

// rebuilds[v], when set, runs before migrations[v] (from schema v to v+1),
// on a database at schema v, in transactions of its own: a rebuild of
// derived data too large for one transaction. It must only write data it
// drops first, so that it can run again after a failure: the version moves
// to v+1 only when the transaction of migrations[v] commits.
var rebuilds = map[int]func(db *DB, log *slog.Logger) error{
	2: rebuildLegacyPoints, // the ledger of migrateV3, written in chunks
	3: buildIndexes,        // migrate_v4.go
	4: buildReportFacts,    // report_facts.go
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

// Points of the code before the ledger, which derived 积分 from the
// records on every read: migrateV3 turns what it showed into entries.
const (
	legacyPointsPerAttendance = 5 // an activity checked in at, not cancelled
	legacyPointsPerResolved   = 2 // a 随手拍 resolved, not a duplicate
)

// migrateV3 writes the points that were derived before the ledger existed
// as entries, once: one per checked-in sign-up of an activity not
// cancelled, one per resolved report that is not a duplicate, dated when
// it happened, with the sources the rules use now (so a rule never gives
// them twice). No cap applies: they were earned already.
func migrateV3(tx *bbolt.Tx, _ *slog.Logger) error {
	return nil // the entries are written by rebuildLegacyPoints, which runs first
}

// legacyPoints are the points the first build derived from records: 5 per
// attended activity that was not cancelled, 2 per resolved report that is
// not a duplicate, oldest first.
func legacyPoints(tx *bbolt.Tx) ([]linli.PointsEntry, error) {
	cancelled := map[uint64]bool{}
	titles := map[uint64]string{}
	if err := eachJSON(tx.Bucket(bucketActivities), func(_ []byte, a *linli.Activity) error {
		cancelled[a.ID] = a.Status == linli.ActivityCancelled
		titles[a.ID] = a.Title
		return nil
	}); err != nil {
		return nil, err
	}
	var entries []linli.PointsEntry
	if err := eachJSON(tx.Bucket(bucketSignups), func(_ []byte, s *linli.Signup) error {
		if s.CheckedIn.IsZero() || !s.Active() || cancelled[s.ActivityID] || s.Resident == "" {
			return nil
		}
		entries = append(entries, linli.PointsEntry{Resident: s.Resident, Household: s.Household,
			Amount: legacyPointsPerAttendance, Kind: linli.PointsAttend,
			Reason: fmt.Sprintf("参加活动%d「%s」", s.ActivityID, titles[s.ActivityID]),
			Source: linli.PointsSource(linli.PointsAttend, s.ActivityID, s.Resident), CreatedAt: s.CheckedIn})
		return nil
	}); err != nil {
		return nil, err
	}
	if err := eachJSON(tx.Bucket(bucketReports), func(_ []byte, r *linli.Report) error {
		if r.Status != linli.ReportResolved || r.DuplicateOf != 0 || r.Reporter == "" {
			return nil
		}
		entries = append(entries, linli.PointsEntry{Resident: r.Reporter, Household: r.Household,
			Amount: legacyPointsPerResolved, Kind: linli.PointsReport, Reason: fmt.Sprintf("随手拍#%d已办结", r.ID),
			Source: linli.PointsSource(linli.PointsReport, r.ID, ""), CreatedAt: r.ResolvedAt})
		return nil
	}); err != nil {
		return nil, err
	}
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].CreatedAt.Before(entries[j].CreatedAt) })
	return entries, nil
}

// legacyPointsChunk is how many ledger entries one transaction of the
// migration writes: bbolt splits its pages only at commit, so one
// transaction for a year of a large community's entries (hundreds of
// thousands) ran for many minutes and took gigabytes.
const legacyPointsChunk = 20000

// rebuildLegacyPoints writes the legacy points into the ledger (schema 2 →
// 3), dropping whatever ledger a failed earlier attempt left, in
// transactions of legacyPointsChunk entries.
func rebuildLegacyPoints(db *DB, log *slog.Logger) error {
	if err := db.update(func(tx *bbolt.Tx) error {
		for _, name := range [][]byte{bucketPointsEntries, bucketPointsResident, bucketPointsSources, bucketPointsBalances, bucketPointsMonths} {
			if tx.Bucket(name) != nil {
				if err := tx.DeleteBucket(name); err != nil {
					return fmt.Errorf("drop %s: %w", name, err)
				}
			}
		}
		return nil
	}); err != nil {
		return err
	}
	var entries []linli.PointsEntry
	if err := db.view(func(tx *bbolt.Tx) (err error) {
		entries, err = legacyPoints(tx)
		return err
	}); err != nil {
		return err
	}
	for from := 0; from < len(entries); from += legacyPointsChunk {
		to := min(from+legacyPointsChunk, len(entries))
		if err := db.update(func(tx *bbolt.Tx) error {
			for _, e := range entries[from:to] {
				if _, _, err := addPoints(tx, e, 0); err != nil {
					return fmt.Errorf("points of %q (%s): %w", e.Resident, e.Source, err)
				}
			}
			return nil
		}); err != nil {
			return err
		}
		if log != nil && len(entries) > legacyPointsChunk {
			log.Info("升级数据库：积分明细", "done", to, "of", len(entries))
		}
	}
	return nil
}

// migrate applies the pending migrations of ms. It reads the version first in
// a read-only transaction so that a database that is up to date, or newer
// than ms supports, is not written to at all. The migrations run in order,
// each on the data its predecessors left: those up to the next rebuild in
// one transaction (so a failure leaves the file at the last version
// committed), then that rebuild on the database at its version, and so on.
// Without rebuilds, all pending migrations share one transaction.
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
	for v := have; v < supported; {
		if fn := rebuild[v]; fn != nil {
			log.Info("migrating database: rebuilding", "from", v, "to", v+1)
			if err := fn(db, log); err != nil {
				return fmt.Errorf("migrate schema %d to %d: %w", v, v+1, err)
			}
		}
		// Up to the next rebuild, which must see the data at its version.
		to := v + 1
		for to < supported && rebuild[to] == nil {
			to++
		}
		if err := db.migrateTo(ms, v, to, log); err != nil {
			return err
		}
		v = to
	}
	if have > 0 && have < supported { // an existing file was upgraded (0: a new one)
		releaseAfterMigration(db) // migrate_release.go
	}
	return nil
}

// migrateTo runs ms[from:to] in one transaction and writes version to.
func (db *DB) migrateTo(ms []migration, from, to int, log *slog.Logger) error {
	return db.update(func(tx *bbolt.Tx) error {
		// The exclusive file lock means nobody changed the version since it
		// was read, but read it again so this transaction stands alone.
		have, err := schemaVersion(tx)
		if err != nil {
			return err
		}
		if have != from {
			return fmt.Errorf("migrate schema %d to %d: the file is at version %d", from, to, have)
		}
		for v := from; v < to; v++ {
			log.Info("migrating database", "from", v, "to", v+1)
			if err := ms[v](tx, log); err != nil {
				return fmt.Errorf("migrate schema %d to %d: %w", v, v+1, err)
			}
		}
		meta, err := writeBucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		if err := meta.Put(keySchema, itob(uint64(to))); err != nil {
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
