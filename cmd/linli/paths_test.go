package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"linli/storage"
)

// writeConfig writes the demo community with db = db into dir/linli.toml.
func writeConfig(t *testing.T, dir, db string) string {
	t.Helper()
	demo, err := os.ReadFile("demo.toml")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "linli.toml")
	if err := os.WriteFile(path, []byte("db = \""+db+"\"\n"+stripKey(string(demo), "db")), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestConfigPathsAreRelativeToTheConfigFile(t *testing.T) {
	dir := t.TempDir()
	cfg, err := loadConfig(writeConfig(t, dir, "data/x.db"))
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "data", "x.db"); cfg.DB != want {
		t.Errorf("db = %q, want %q", cfg.DB, want)
	}
	cfg, err = loadConfig(writeConfig(t, dir, "/abs/x.db"))
	if err != nil || cfg.DB != "/abs/x.db" {
		t.Errorf("absolute db = %q, %v", cfg.DB, err)
	}
	demo, err := loadConfig("")
	if err != nil || demo.DB != "linli.db" {
		t.Errorf("demo db = %q, %v: the demo community's paths are left alone", demo.DB, err)
	}
}

// backup refuses to back up a database that does not exist (it used to
// create an empty one and report success), finds the database through
// --config, and creates the output directory.
func TestBackupWithConfig(t *testing.T) {
	dir := t.TempDir()
	conf := writeConfig(t, dir, "linli.db")
	out := filepath.Join(t.TempDir(), "新目录", "子目录", "b.db")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"backup", "--config", conf, "--out", out}, nil, &stdout, &stderr); code != 1 {
		t.Fatalf("backup of a missing database: exit %d", code)
	}
	if !strings.Contains(stderr.String(), "找不到数据库 "+filepath.Join(dir, "linli.db")) {
		t.Errorf("stderr %q", stderr.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "linli.db")); err == nil {
		t.Fatal("backup created the database it could not find")
	}
	db, err := storage.Open(filepath.Join(dir, "linli.db"))
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"backup", "--config", conf, "--out", out}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("backup: exit %d: %s", code, stderr.String())
	}
	if err := storage.Check(out); err != nil {
		t.Fatalf("backup does not pass the check: %v", err)
	}
	if !strings.Contains(stdout.String(), "已备份到 "+out) {
		t.Errorf("stdout %q", stdout.String())
	}

	// An output directory that cannot be made is explained in Chinese.
	blocker := filepath.Join(t.TempDir(), "file")
	os.WriteFile(blocker, nil, 0o644)
	stderr.Reset()
	if code := run([]string{"backup", "--config", conf, "--out", filepath.Join(blocker, "b.db")}, nil, &stdout, &stderr); code != 1 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(stderr.String(), "不是目录") && !strings.Contains(stderr.String(), "无法创建输出目录") {
		t.Errorf("stderr %q", stderr.String())
	}
}

func TestExportWithConfig(t *testing.T) {
	dir := t.TempDir()
	conf := writeConfig(t, dir, "d/linli.db")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"export", "residents", "--config", conf}, nil, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "找不到数据库") {
		t.Fatalf("missing db: exit %d, %q", code, stderr.String())
	}
	os.MkdirAll(filepath.Join(dir, "d"), 0o755)
	db, err := storage.Open(filepath.Join(dir, "d", "linli.db"))
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	stderr.Reset()
	if code := run([]string{"export", "residents", "--config", conf}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if strings.TrimSpace(stdout.String()) != "[]" {
		t.Errorf("stdout %q", stdout.String())
	}
}

func TestCopyNewFiles(t *testing.T) {
	src, dst := t.TempDir(), filepath.Join(t.TempDir(), "m")
	os.WriteFile(filepath.Join(src, "a.jpg"), []byte("A"), 0o600)
	os.WriteFile(filepath.Join(src, "b.jpg"), []byte("B"), 0o600)
	os.WriteFile(filepath.Join(src, "c.jpg.tmp"), []byte("half"), 0o600)
	if n, err := copyNewFiles(src, dst); n != 2 || err != nil {
		t.Fatalf("first copy: %d, %v", n, err)
	}
	os.WriteFile(filepath.Join(src, "d.jpg"), []byte("D"), 0o600)
	if n, err := copyNewFiles(src, dst); n != 1 || err != nil {
		t.Fatalf("second copy: %d, %v (only the new photo)", n, err)
	}
	if b, _ := os.ReadFile(filepath.Join(dst, "d.jpg")); string(b) != "D" {
		t.Errorf("d.jpg = %q", b)
	}
	if n, err := copyNewFiles(filepath.Join(src, "none"), dst); n != 0 || err != nil {
		t.Errorf("missing media dir: %d, %v", n, err)
	}
}
