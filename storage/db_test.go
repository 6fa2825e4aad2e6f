package storage

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"
)

// t0 is the base time of the tests.
var t0 = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// openTest opens a database at path and closes it when the test ends.
func openTest(t testing.TB, path string, opts ...Option) *DB {
	t.Helper()
	db, err := Open(path, opts...)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// newTestDB opens a fresh database in a temporary directory.
func newTestDB(t testing.TB) (*DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "linli.db")
	return openTest(t, path), path
}

// reopen closes db and opens its file again.
func reopen(t testing.TB, db *DB) *DB {
	t.Helper()
	path := db.Path()
	if err := db.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	return openTest(t, path)
}

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

// rawVersion reads the schema version with bbolt directly.
func rawVersion(t *testing.T, path string) int {
	t.Helper()
	bdb, err := bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	var v int
	if err := bdb.View(func(tx *bbolt.Tx) (err error) {
		v, err = schemaVersion(tx)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestOpenCreatesSchemaAndReopenKeepsData(t *testing.T) {
	db, path := newTestDB(t)
	if got := rawVersionOpen(t, db); got != SchemaVersion() {
		t.Fatalf("schema version = %d, want %d", got, SchemaVersion())
	}
	if first, err := db.MarkSeen("m1", t0); err != nil || !first {
		t.Fatalf("MarkSeen = %v, %v", first, err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if got := rawVersion(t, path); got != SchemaVersion() {
		t.Fatalf("schema version on disk = %d, want %d", got, SchemaVersion())
	}
	db = openTest(t, path)
	if first, err := db.MarkSeen("m1", t0); err != nil || first {
		t.Fatalf("MarkSeen after reopen = %v, %v; want false", first, err)
	}
}

func rawVersionOpen(t *testing.T, db *DB) int {
	t.Helper()
	var v int
	if err := db.view(func(tx *bbolt.Tx) (err error) {
		v, err = schemaVersion(tx)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestOpenUpToDateDoesNotWrite(t *testing.T) {
	db, path := newTestDB(t)
	db.Close()
	before := fileHash(t, path)
	openTest(t, path).Close()
	if fileHash(t, path) != before {
		t.Fatal("opening an up-to-date database changed the file")
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "linli.db")
	bdb, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := bdb.Update(func(tx *bbolt.Tx) error {
		b, err := tx.CreateBucket(bucketMeta)
		if err != nil {
			return err
		}
		return b.Put(keySchema, itob(99))
	}); err != nil {
		t.Fatal(err)
	}
	bdb.Close()
	before := fileHash(t, path)

	db, err := Open(path)
	if err == nil {
		db.Close()
		t.Fatal("Open of a newer schema succeeded")
	}
	if !errors.Is(err, ErrNewerSchema) {
		t.Errorf("error %v does not wrap ErrNewerSchema", err)
	}
	for _, want := range []string{"数据库版本 99", "请升级 linli", fmt.Sprintf("schema 99 is newer than supported %d", SchemaVersion())} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	if fileHash(t, path) != before {
		t.Fatal("refused Open modified the file")
	}
}

func TestOpenLockedByAnotherHandle(t *testing.T) {
	_, path := newTestDB(t)
	db, err := Open(path, WithTimeout(20*time.Millisecond))
	if err == nil {
		db.Close()
		t.Fatal("second Open succeeded")
	}
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "数据库正被另一个 linli 进程使用") || strings.Contains(err.Error(), "database is in use") {
		t.Fatalf("error = %v, want ErrLocked with a clear message", err)
	}
}

func TestOpenRejectsGarbage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "linli.db")
	if err := os.WriteFile(path, []byte(strings.Repeat("not a database ", 1000)), 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := Open(path)
	if err == nil {
		db.Close()
		t.Fatal("Open of garbage succeeded")
	}
	if !strings.Contains(err.Error(), "不是有效的 linli 数据库") {
		t.Errorf("error = %v", err)
	}
}

func TestMigrationsRunOnceInOrderAndAtomically(t *testing.T) {
	path := filepath.Join(t.TempDir(), "linli.db")
	marker := []byte("marker")
	var runs int
	v2 := func(tx *bbolt.Tx, _ *slog.Logger) error {
		runs++
		b, err := writeBucket(tx, marker)
		if err != nil {
			return err
		}
		return b.Put([]byte("v2"), []byte("done"))
	}
	failing := func(tx *bbolt.Tx, _ *slog.Logger) error {
		b, err := writeBucket(tx, marker)
		if err != nil {
			return err
		}
		if err := b.Put([]byte("v3"), []byte("partial")); err != nil {
			return err
		}
		return errors.New("boom")
	}

	openTest(t, path, withMigrations([]migration{migrateV1})).Close()
	if got := rawVersion(t, path); got != 1 {
		t.Fatalf("version = %d, want 1", got)
	}
	for range 2 {
		openTest(t, path, withMigrations([]migration{migrateV1, v2})).Close()
	}
	if runs != 1 {
		t.Fatalf("migration v2 ran %d times, want 1", runs)
	}
	if got := rawVersion(t, path); got != 2 {
		t.Fatalf("version = %d, want 2", got)
	}

	db, err := Open(path, withMigrations([]migration{migrateV1, v2, failing}))
	if err == nil {
		db.Close()
		t.Fatal("Open with a failing migration succeeded")
	}
	if !strings.Contains(err.Error(), "migrate schema 2 to 3: boom") {
		t.Errorf("error = %v", err)
	}
	if got := rawVersion(t, path); got != 2 {
		t.Fatalf("version after failed migration = %d, want 2", got)
	}
	db = openTest(t, path, withMigrations([]migration{migrateV1, v2}))
	if err := db.view(func(tx *bbolt.Tx) error {
		b := tx.Bucket(marker)
		if got := string(b.Get([]byte("v2"))); got != "done" {
			t.Errorf("v2 marker = %q", got)
		}
		if got := b.Get([]byte("v3")); got != nil {
			t.Errorf("failed migration left %q", got)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}
