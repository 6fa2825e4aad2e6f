package storage

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMigrationCompactsTheFile: an upgraded file is rewritten without the
// free pages the rebuilds left (through a symlink too, which stays a
// link), answers as before and takes writes; a compaction that cannot be
// written leaves the migrated file in use with a warning.
func TestMigrationCompactsTheFile(t *testing.T) {
	for _, c := range []struct {
		name          string
		link, blocked bool
	}{{"plain", false, false}, {"through a symlink", true, false}, {"copy fails", false, true}} {
		t.Run(c.name, func(t *testing.T) {
			db, path := newTestDB(t)
			buildCommunity(t, db)
			fresh := checkIndexes(t, "fresh", db)
			facts := gotFacts(t, db, time.Time{}, time.Time{})
			db.Close()
			toSchema2(t, path) // the rebuilds of 3, 4 and 5 run
			open := path
			if c.link {
				open = filepath.Join(t.TempDir(), "link.db")
				if err := os.Symlink(path, open); err != nil {
					t.Fatal(err)
				}
			}
			tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".compact")
			if c.blocked { // a directory that cannot be removed where the copy goes
				if err := os.MkdirAll(filepath.Join(tmp, "x"), 0o700); err != nil {
					t.Fatal(err)
				}
			}
			var log bytes.Buffer
			migrated := openTest(t, open, WithLogger(slogText(&log)))
			compacted := strings.Contains(log.String(), `msg="database compacted"`)
			if compacted == c.blocked {
				t.Fatalf("compacted %v, want %v:\n%s", compacted, !c.blocked, log.String())
			}
			if c.blocked && !strings.Contains(log.String(), "整理失败") {
				t.Errorf("no warning of the failed compaction:\n%s", log.String())
			}
			if !c.blocked {
				if _, err := os.Stat(tmp); !os.IsNotExist(err) {
					t.Errorf("compaction copy left behind: %v", err)
				}
				if free := migrated.bolt.Stats().FreePageN; free > 4 {
					t.Errorf("%d free pages after compaction", free)
				}
			}
			if c.link {
				if fi, err := os.Lstat(open); err != nil || fi.Mode()&os.ModeSymlink == 0 {
					t.Errorf("the link was replaced: %v %v", fi.Mode(), err)
				}
			}
			if v := rawVersionOpen(t, migrated); v != SchemaVersion() {
				t.Fatalf("version %d", v)
			}
			n, h, k, ids, ts, ms := questions(t, migrated)
			compareAnswers(t, "compacted vs fresh", readAnswers(t, migrated, n, h, k, ids, ts, ms), fresh)
			got := gotFacts(t, migrated, time.Time{}, time.Time{})
			if len(got) != len(facts) {
				t.Fatalf("%d facts, want %d", len(got), len(facts))
			}
			changeMore(t, migrated)
			checkIndexes(t, "compacted, then changed", migrated)
		})
	}
}
