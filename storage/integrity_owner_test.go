package storage

import (
	"encoding/binary"
	"errors"
	"hash/fnv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.etcd.io/bbolt"
)

// foreignDB writes a bbolt file as another program would: its own buckets
// (with fill, none), no linli schema version. NoFreelistSync makes it the
// kind of file a writable bbolt open rewrites on the spot (to add the
// freelist), so only a read-only check keeps it unchanged.
func foreignDB(t *testing.T, buckets ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "foreign.db")
	bdb, err := bbolt.Open(path, 0o600, &bbolt.Options{NoFreelistSync: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := bdb.Update(func(tx *bbolt.Tx) error {
		for _, name := range buckets {
			b, err := tx.CreateBucketIfNotExists([]byte(name))
			if err != nil {
				return err
			}
			if err := b.Put([]byte("k"), []byte("v")); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := bdb.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestForeignBboltFilesAreRefusedUntouched: a sound bbolt file that linli
// did not write (foreign buckets, no buckets at all, or even linli's own
// bucket names without the version) is refused by Check, QuickCheck and
// Open with ErrForeign, saying what is in it, and is not modified.
func TestForeignBboltFilesAreRefusedUntouched(t *testing.T) {
	for _, tc := range []struct {
		name    string
		buckets []string
		want    string
	}{
		{"one foreign bucket", []string{"something_else"}, `"something_else"`},
		{"no buckets", nil, "没有任何数据分区"},
		{"linli-like names, no version", []string{"residents", "outbox", "meta"}, `"meta"、"outbox"、"residents"`},
		{"many buckets", []string{"a", "b", "c", "d", "e", "f", "g"}, "等共 7 个"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := foreignDB(t, tc.buckets...)
			before := fileHash(t, path)
			for name, fn := range map[string]func() error{
				"Check":      func() error { return Check(path) },
				"QuickCheck": func() error { return QuickCheck(path) },
				"Open": func() error {
					db, err := Open(path)
					if err == nil {
						db.Close()
					}
					return err
				},
			} {
				err := fn()
				if !errors.Is(err, ErrForeign) || errors.Is(err, ErrDamaged) {
					t.Errorf("%s = %v, want ErrForeign (not ErrDamaged)", name, err)
					continue
				}
				for _, want := range []string{path, "不是 linli 的数据库", tc.want} {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("%s: %q lacks %q", name, err, want)
					}
				}
				if fileHash(t, path) != before {
					t.Fatalf("%s modified the foreign file", name)
				}
			}
		})
	}
}

// TestNewDatabaseAppearsComplete: a new database is created with its
// version, leaves no temporary file behind, and reopens as linli's.
func TestNewDatabaseAppearsComplete(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "linli.db")
	openTest(t, path).Close()
	if got := rawVersion(t, path); got != SchemaVersion() {
		t.Fatalf("version of a new database = %d, want %d", got, SchemaVersion())
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want only linli.db: %v", len(entries), entries)
	}
	if err := Check(path); err != nil {
		t.Fatalf("Check of a new database: %v", err)
	}
	openTest(t, path).Close()
}

// TestCutMidPageIsRefused: a cut that is not on a page boundary is refused
// by Check and Open, untouched, even when it lies past the pages in use (the
// red team's 32,768 → 30,000 bytes); a file of whole pages past the
// high-water mark is fine (bbolt grows files ahead).
func TestCutMidPageIsRefused(t *testing.T) {
	good := filledDB(t)
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	hwm, page := highWater(t, good), os.Getpagesize()
	if len(data) <= hwm {
		data = append(data, make([]byte, 2*page)...) // room past the pages in use
	}
	for _, n := range []int{hwm + page/2, hwm + 1, len(data) - 1, hwm - page/2} {
		path := copyTo(t, good, func([]byte) []byte { return append([]byte(nil), data[:n]...) })
		before := fileHash(t, path)
		if err := Check(path); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "文件不完整") {
			t.Errorf("cut at %d (high-water %d): Check = %v, want 文件不完整", n, hwm, err)
		}
		if db, err := Open(path); err == nil {
			db.Close()
			t.Errorf("cut at %d: Open accepted it", n)
		} else if !errors.Is(err, ErrDamaged) {
			t.Errorf("cut at %d: Open = %v, want ErrDamaged", n, err)
		}
		if fileHash(t, path) != before {
			t.Fatalf("cut at %d: file modified", n)
		}
	}
	whole := copyTo(t, good, func([]byte) []byte { return append([]byte(nil), data[:hwm+page]...) })
	if err := Check(whole); err != nil {
		t.Errorf("whole pages past the high-water mark: Check = %v", err)
	}
}

// TestMetaPointingPastTheFileIsRefused: a meta page with a valid checksum
// whose root page lies past the file's pages (a bent copy, a foreign
// writer) is refused by Open and Check before bbolt reads through it,
// untouched.
func TestMetaPointingPastTheFileIsRefused(t *testing.T) {
	good := filledDB(t)
	page := os.Getpagesize()
	for name, field := range map[string]int{"root": 16, "freelist": 32} {
		t.Run(name, func(t *testing.T) {
			path := copyTo(t, good, func(b []byte) []byte {
				for i := 0; i < 2; i++ { // both meta pages, so bbolt cannot fall back
					m := b[i*page+pageHeader:]
					binary.LittleEndian.PutUint64(m[field:], 1<<40)
					h := fnv.New64a()
					h.Write(m[:56])
					binary.LittleEndian.PutUint64(m[56:], h.Sum64())
				}
				return b
			})
			before := fileHash(t, path)
			if db, err := Open(path); err == nil {
				db.Close()
				t.Error("Open accepted a meta page pointing past the file")
			} else if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "超出文件范围") {
				t.Errorf("Open = %v, want ErrDamaged saying 超出文件范围", err)
			}
			if err := Check(path); !errors.Is(err, ErrDamaged) {
				t.Errorf("Check = %v, want ErrDamaged", err)
			}
			if fileHash(t, path) != before {
				t.Fatal("file modified")
			}
		})
	}
}
