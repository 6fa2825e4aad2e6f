package storage

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"go.etcd.io/bbolt"
)

// Backup writes a consistent copy of the whole database to w while the
// database stays in use (one read transaction; writers are not blocked). It
// reports the number of bytes written. The copy is a database file that Open
// accepts.
func (db *DB) Backup(w io.Writer) (int64, error) {
	n, err := db.writeTo(w)
	if err != nil {
		return n, fmt.Errorf("storage: backup: %w", err)
	}
	return n, nil
}

// BackupFile writes a consistent copy of the database to path. It writes a
// temporary file in the same directory, syncs it, verifies it with Check and
// only then renames it over path, so path holds either the old backup or the
// complete, verified new one. path must not be the database's own file. A
// copy that fails verification is removed and the error wraps ErrDamaged.
func (db *DB) BackupFile(path string) (err error) {
	if abs, aerr := filepath.Abs(path); aerr == nil {
		if own, oerr := filepath.Abs(db.Path()); oerr == nil && own == abs {
			return fmt.Errorf("storage: backup to %s: that is the database itself", path)
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("storage: backup to %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = db.writeTo(tmp); err != nil {
		return fmt.Errorf("storage: backup to %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("storage: backup to %s: sync: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("storage: backup to %s: close: %w", path, err)
	}
	if err = Check(tmp.Name()); err != nil {
		return fmt.Errorf("storage: backup to %s: the copy does not verify: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("storage: backup to %s: %w", path, err)
	}
	return nil
}

// writeTo copies the database to w in one read transaction.
func (db *DB) writeTo(w io.Writer) (n int64, err error) {
	err = db.view(func(tx *bbolt.Tx) error {
		n, err = tx.WriteTo(w)
		return err
	})
	return n, err
}
