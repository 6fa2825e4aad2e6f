package main

import (
	"io"
	"os"
	"path/filepath"
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
