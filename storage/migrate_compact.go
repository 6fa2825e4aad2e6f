package storage

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"go.etcd.io/bbolt"
)

// compactTxSize is how many bytes of keys and values one transaction of
// the compaction copies.
const compactTxSize = 64 << 20

// compactAfterMigration rewrites the database file once an existing file
// was upgraded: the migrations' rebuilds leave thousands of free pages
// behind (9,416 on the bench database of a large community, a 75 KB free
// list), and bbolt rewrites and syncs the whole free list at every commit,
// so every message (each writes a few times) cost a large community 2–3×
// what it costs a new one. The copy (bbolt.Compact) is written to a
// hidden file beside the database, synced, and renamed over it; the
// database is then opened again. Should the copy fail (a full disk, say),
// the migrated file is kept as it is and a warning logged: compaction only
// saves time. An error is returned only when the file cannot be opened
// again after the swap.
func (db *DB) compactAfterMigration(path string, o options, log *slog.Logger) error {
	real, err := filepath.EvalSymlinks(path) // rename over the file, not over a link to it
	if err != nil {
		log.Warn("数据库升级后整理失败，继续使用原文件", "err", err)
		return nil
	}
	tmp := filepath.Join(filepath.Dir(real), "."+filepath.Base(real)+".compact")
	_ = os.Remove(tmp) // left by an interrupted compaction
	log.Info("compacting database after migration", "file", real)
	began := time.Now()
	if err := copyCompacted(db.bolt, tmp, o); err != nil {
		_ = os.Remove(tmp)
		log.Warn("数据库升级后整理失败，继续使用原文件", "err", err)
		return nil
	}
	if err := db.bolt.Close(); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("close before compaction: %w", err)
	}
	renamed := os.Rename(tmp, real)
	if renamed != nil {
		_ = os.Remove(tmp)
		log.Warn("数据库升级后整理失败，继续使用原文件", "err", renamed)
	} else if !o.noSync {
		syncDir(filepath.Dir(real))
	}
	bdb, err := bbolt.Open(real, 0o600, &bbolt.Options{Timeout: o.timeout, NoSync: o.noSync})
	if err != nil {
		return fmt.Errorf("reopen after compaction: %w", err)
	}
	db.bolt = bdb
	freeHeap() // the copy's transactions grew the heap (migrate_release.go)
	if renamed == nil {
		log.Info("database compacted", "took", time.Since(began).Round(time.Millisecond))
	}
	return nil
}

// copyCompacted writes a compacted copy of src to the new file dst,
// synced.
func copyCompacted(src *bbolt.DB, dst string, o options) error {
	d, err := bbolt.Open(dst, 0o600, &bbolt.Options{Timeout: o.timeout, NoSync: o.noSync})
	if err != nil {
		return err
	}
	err = bbolt.Compact(d, src, compactTxSize)
	if err == nil && !o.noSync {
		err = d.Sync()
	}
	return errors.Join(err, d.Close())
}
