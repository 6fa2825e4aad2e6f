package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestExportFileIsTheOwnersOnly: an export holds phone numbers and
// households; the red team found it written -rw-r--r--.
func TestExportFileIsTheOwnersOnly(t *testing.T) {
	p := filepath.Join(t.TempDir(), "s.xlsx")
	if err := writeFile(p, func(w io.Writer) error { _, err := io.WriteString(w, "PK"); return err }); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("export written with mode %v, want 0600", fi.Mode().Perm())
	}
}

// TestFullDiskErrorNamesTheTarget: the red team read "linli backup: write
// /tmp/rt3/tiny/.linli.db.tmp1550400170: no space left on device" and the
// same for an export's temporary .s.xlsx.2097533453.
func TestFullDiskErrorNamesTheTarget(t *testing.T) {
	p := filepath.Join(t.TempDir(), "s.xlsx")
	err := writeFile(p, func(w io.Writer) error {
		return &fs.PathError{Op: "write", Path: filepath.Join(filepath.Dir(p), ".s.xlsx.2097533453"), Err: syscall.ENOSPC}
	})
	if got, want := operatorMessage(err), "磁盘空间不足，无法写入 "+p; got != want {
		t.Errorf("export on a full disk says %q, want %q", got, want)
	}
	backup := backupError("/srv/b.db", fmt.Errorf("storage: backup to /srv/b.db: %w",
		&fs.PathError{Op: "write", Path: "/srv/.b.db.tmp1550400170", Err: syscall.ENOSPC}))
	if got := backup.Error(); got != "磁盘空间不足，无法写入 /srv/b.db" {
		t.Errorf("backup on a full disk says %q", got)
	}
}
