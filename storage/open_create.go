package storage

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"go.etcd.io/bbolt"
)

// create makes a new database at path, where no file exists, complete with
// its schema: it is built in a temporary file beside path and linked into
// place only once its schema version is written. So a file at a database
// path is either linli's, complete, or someone else's: Open never has to
// guess whether a bbolt file without linli's version is a creation of its
// own that was interrupted (which it could initialise) or another
// program's (which it must not touch), and refuses every such file. When
// another process creates path first, create leaves that file alone and
// returns nil (Open then opens it like any existing file).
func create(path string, o options) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".new-*")
	if err != nil {
		return fmt.Errorf("storage: create %s: %w", path, err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // once linked, path keeps the file
	if err := f.Close(); err != nil {
		return fmt.Errorf("storage: create %s: %w", path, err)
	}
	bdb, err := bbolt.Open(tmp, 0o600, &bbolt.Options{Timeout: o.timeout, NoSync: o.noSync})
	if err != nil {
		return fmt.Errorf("storage: create %s: %w", path, err)
	}
	db := &DB{bolt: bdb, fault: o.fault}
	if err := db.migrate(o.migrations, o.rebuilds, o.log.With("component", "storage")); err != nil {
		bdb.Close()
		return fmt.Errorf("storage: create %s: %w", path, err)
	}
	if err := bdb.Close(); err != nil {
		return fmt.Errorf("storage: create %s: %w", path, err)
	}
	switch err := os.Link(tmp, path); {
	case errors.Is(err, fs.ErrExist):
		return nil // created meanwhile by another process: that one is used
	case err != nil:
		// A file system without hard links: rename, which would replace a
		// file created in the meantime, so look first.
		if _, serr := os.Lstat(path); serr == nil {
			return nil
		}
		if rerr := os.Rename(tmp, path); rerr != nil {
			return fmt.Errorf("storage: create %s: %w", path, rerr)
		}
	}
	if !o.noSync {
		syncDir(dir)
	}
	return nil
}

// syncDir makes a new directory entry durable, where the platform allows
// it (best effort: some systems cannot fsync a directory).
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}
