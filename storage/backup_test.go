package storage

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"linli"
)

func TestBackup(t *testing.T) {
	db, path := newTestDB(t)
	mustMarkSeen(t, db, "m1", t0)
	updateResident(t, db, "张阿姨", func(r *linli.Resident) { r.Household = "3栋502" })

	var buf bytes.Buffer
	n, err := db.Backup(&buf)
	if err != nil || n != int64(buf.Len()) || n == 0 {
		t.Fatalf("Backup = %d, %v (buffer %d bytes)", n, err, buf.Len())
	}

	dir := t.TempDir()
	backup := filepath.Join(dir, "backup.db")
	if err := os.WriteFile(backup, []byte("old backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := db.BackupFile(backup); err != nil { // overwrites, while db is open
		t.Fatal(err)
	}
	if err := Check(backup); err != nil {
		t.Errorf("the backup does not pass Check: %v", err)
	}
	if err := db.BackupFile(path); err == nil {
		t.Error("BackupFile over the database itself succeeded")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("backup dir holds %d entries, want only the backup", len(entries))
	}

	copyDB := openTest(t, backup)
	if first, err := copyDB.MarkSeen("m1", t0); err != nil || first {
		t.Errorf("backup lost the seen id: %v, %v", first, err)
	}
	if r, err := copyDB.Resident("张阿姨"); err != nil || r.Household != "3栋502" {
		t.Errorf("backup resident = %+v, %v", r, err)
	}
}

func TestBackupMediaCopiesNewFilesOnly(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(filepath.Join(dir, "linli.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	name, err := db.SaveMedia([]byte("photo one"), ".png")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "backup.media")
	if n, err := db.BackupMedia(out); err != nil || n != 1 {
		t.Fatalf("first backup copied %d, %v; want 1", n, err)
	}
	if _, err := db.SaveMedia([]byte("photo two"), ".jpg"); err != nil {
		t.Fatal(err)
	}
	if n, err := db.BackupMedia(out); err != nil || n != 1 {
		t.Fatalf("second backup copied %d, %v; want only the new photo", n, err)
	}
	got, err := os.ReadFile(filepath.Join(out, name))
	if err != nil || string(got) != "photo one" {
		t.Fatalf("backed-up photo = %q, %v", got, err)
	}
}
