package storage

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"

	"linli"
)

var _ linli.MediaStore = (*DB)(nil)

// MediaDir is the directory beside the database file that holds images
// (report photos): "<db>.media". Records refer to its files by name.
func (db *DB) MediaDir() string { return db.Path() + ".media" }

// mediaExt is what SaveMedia accepts as an extension.
var mediaExt = regexp.MustCompile(`^\.[a-z0-9]{1,5}$`)

// mediaName is what a stored media file is called.
var mediaName = regexp.MustCompile(`^[0-9a-f]{24}\.[a-z0-9]{1,5}$`)

// SaveMedia writes data into MediaDir under a name derived from its
// content, so saving the same bytes twice keeps one file. The write goes
// through a temporary file and a rename: a crash leaves no partial image.
func (db *DB) SaveMedia(data []byte, ext string) (string, error) {
	if !mediaExt.MatchString(ext) {
		ext = ".bin"
	}
	if len(data) == 0 {
		return "", linli.Errorf(linli.EInvalid, "图片是空的")
	}
	sum := sha256.Sum256(data)
	name := hex.EncodeToString(sum[:12]) + ext
	dir := db.MediaDir()
	path := filepath.Join(dir, name)
	if _, err := os.Stat(path); err == nil {
		return name, nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("storage: media dir: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return "", fmt.Errorf("storage: save media: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return "", fmt.Errorf("storage: save media: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "", fmt.Errorf("storage: save media: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("storage: save media: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return "", fmt.Errorf("storage: save media: %w", err)
	}
	return name, nil
}

// MediaPath returns the path of a file saved by SaveMedia. It returns an
// ENotFound *linli.Error when name is not such a file (names from elsewhere
// never reach outside MediaDir).
func (db *DB) MediaPath(name string) (string, error) {
	if !mediaName.MatchString(name) {
		return "", linli.Errorf(linli.ENotFound, "找不到图片 %s", name)
	}
	path := filepath.Join(db.MediaDir(), name)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return "", linli.Errorf(linli.ENotFound, "找不到图片 %s", name)
	} else if err != nil {
		return "", fmt.Errorf("storage: media %s: %w", name, err)
	}
	return path, nil
}

// DeleteMedia removes a file saved by SaveMedia; a missing file, or a name
// that is not such a file, is not an error (nothing is removed).
func (db *DB) DeleteMedia(name string) error {
	if !mediaName.MatchString(name) {
		return nil
	}
	err := os.Remove(filepath.Join(db.MediaDir(), name))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("storage: delete media %s: %w", name, err)
	}
	return nil
}

// BackupMedia copies the media files into dir, skipping those already
// there: files are named by their content and never change, so a repeated
// backup copies only new images. It returns how many files it copied.
func (db *DB) BackupMedia(dir string) (int, error) {
	entries, err := os.ReadDir(db.MediaDir())
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("storage: backup media: %w", err)
	}
	copied := 0
	for _, e := range entries {
		if !e.Type().IsRegular() || !mediaName.MatchString(e.Name()) {
			continue
		}
		dst := filepath.Join(dir, e.Name())
		if _, err := os.Stat(dst); err == nil {
			continue
		}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return copied, fmt.Errorf("storage: backup media: %w", err)
		}
		if err := copyFile(filepath.Join(db.MediaDir(), e.Name()), dst); err != nil {
			return copied, fmt.Errorf("storage: backup media: %w", err)
		}
		copied++
	}
	return copied, nil
}

// copyFile copies src to dst through a temporary file and a rename.
func copyFile(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	tmp := dst + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, dst)
}
