package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"linli"
)

// communityDB writes a database the way the bot does (residents binding
// their households) and returns the app, open, with its config.
func communityDB(t *testing.T, path string) *app {
	t.Helper()
	cfg, err := loadConfig("")
	if err != nil {
		t.Fatal(err)
	}
	cfg.DB = path
	clock := linli.NewSimClock(time.Date(2026, 11, 23, 9, 0, 0, 0, cfg.Location))
	a, err := newApp(cfg, clock, slog.New(slog.DiscardHandler), appOptions{dbPath: path})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 300; i++ {
		m := linli.Message{ID: fmt.Sprintf("m%d", i), Group: "幸福里1期居民群",
			Sender: fmt.Sprintf("%d-%d0%d 居民%d", i%9+1, i%6+1, i%4+1, i), Text: "帮助"}
		if err := a.engine.Handle(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
	return a
}

func sha(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

// TestNightlyBackupsRotateAndVerify: one verified file per night in the
// backup directory, photos shared, only the last [backup] keep nights kept.
func TestNightlyBackupsRotateAndVerify(t *testing.T) {
	dir := t.TempDir()
	a := communityDB(t, filepath.Join(dir, "linli.db"))
	defer a.Close()
	a.cfg.Backup.Dir = filepath.Join(dir, "elsewhere")
	a.cfg.Backup.Keep = 3
	night := time.Date(2026, 11, 1, 3, 30, 0, 0, a.cfg.Location)
	for i := 0; i < 6; i++ {
		if err := a.nightlyBackup(linli.Job{}, night.AddDate(0, 0, i)); err != nil {
			t.Fatalf("night %d: %v", i, err)
		}
	}
	entries, err := os.ReadDir(a.cfg.Backup.Dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := "linli-20261104-0330.db linli-20261105-0330.db linli-20261106-0330.db"
	if got := strings.Join(names, " "); got != want {
		t.Fatalf("backup dir holds %q, want the last 3 nights %q", got, want)
	}
	good, _, ok := latestGoodBackup(a.cfg, a.db.Path())
	if !ok || filepath.Base(good) != "linli-20261106-0330.db" {
		t.Fatalf("latest good backup = %q, %v", good, ok)
	}
}

// TestDamagedDatabaseIsRefusedEverywhere: a truncated copy of a database,
// and an empty file, are refused by doctor, run, console, export and backup
// with a message saying where the latest good backup is and how to restore
// it; the file is not modified (same hash) and nothing panics.
func TestDamagedDatabaseIsRefusedEverywhere(t *testing.T) {
	dir := t.TempDir()
	orig := filepath.Join(dir, "good.db")
	a := communityDB(t, orig)
	if err := a.nightlyBackup(linli.Job{}, time.Date(2026, 11, 22, 3, 30, 0, 0, a.cfg.Location)); err != nil {
		t.Fatal(err)
	}
	a.Close()
	data, err := os.ReadFile(orig)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"truncated", data[:len(data)/3], "文件不完整"},
		{"cut mid-page", data[:len(data)-100], "不是页面大小"},
		{"empty", nil, "0 字节"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "linli.db")
			if err := os.WriteFile(path, tc.data, 0o600); err != nil {
				t.Fatal(err)
			}
			// Its backups are where the config says.
			conf := filepath.Join(t.TempDir(), "linli.toml")
			text := strings.Replace(demoConfig, `db = "linli.db"`, fmt.Sprintf("db = %q", path), 1) +
				fmt.Sprintf("\n[backup]\ndir = %q\n", orig+".backups")
			if err := os.WriteFile(conf, []byte(text), 0o600); err != nil {
				t.Fatal(err)
			}
			// Without a config, backups are looked for next to the file.
			if err := os.Symlink(orig+".backups", path+".backups"); err != nil {
				t.Fatal(err)
			}
			before := sha(t, path)
			for _, args := range [][]string{
				{"doctor", "--config", conf},
				{"run", "--config", conf},
				{"console", "--config", conf, "--db", path},
				{"export", "residents", "--db", path},
				{"backup", "--db", path, "--out", filepath.Join(t.TempDir(), "b.db")},
			} {
				var stdout, stderr bytes.Buffer
				code := run(args, strings.NewReader("幸福里1期居民群/张阿姨: 帮助\n"), &stdout, &stderr)
				out := stdout.String() + stderr.String()
				if code == 0 {
					t.Errorf("%s: exit 0 on a damaged database:\n%s", args[0], out)
				}
				for _, want := range []string{"已损坏", tc.want, "最近一份完好的备份", "linli-20261122-0330.db", "恢复方法", "cp "} {
					if !strings.Contains(out, want) {
						t.Errorf("%s: output lacks %q:\n%s", args[0], want, out)
					}
				}
				if strings.Contains(out, "panic") || strings.Contains(out, "goroutine ") {
					t.Errorf("%s panicked:\n%s", args[0], out)
				}
				if sha(t, path) != before {
					t.Fatalf("%s modified the damaged file", args[0])
				}
			}
		})
	}
}

// TestForeignBboltFileIsRefusedEverywhere: another program's bbolt file
// (testdata/foreign-bbolt.bbolt: one bucket "something_else", no linli
// version; made with the red team's mkbolt) is refused by doctor, run,
// console, export and backup, saying it is not linli's and to check the
// path (not to restore a backup), and its bytes stay the same.
func TestForeignBboltFileIsRefusedEverywhere(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "foreign-bbolt.bbolt"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "foreign.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(t.TempDir(), "linli.toml")
	text := strings.Replace(demoConfig, `db = "linli.db"`, fmt.Sprintf("db = %q", path), 1)
	if err := os.WriteFile(conf, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	before := sha(t, path)
	for _, args := range [][]string{
		{"doctor", "--config", conf},
		{"run", "--config", conf},
		{"console", "--config", conf, "--db", path},
		{"export", "activities", "--db", path},
		{"backup", "--db", path, "--out", filepath.Join(t.TempDir(), "b.db")},
	} {
		var stdout, stderr bytes.Buffer
		code := run(args, strings.NewReader("幸福里1期居民群/张阿姨: 活动\n"), &stdout, &stderr)
		out := stdout.String() + stderr.String()
		if code == 0 {
			t.Errorf("%s: exit 0 on another program's database:\n%s", args[0], out)
		}
		for _, want := range []string{"不是 linli 的数据库", `"something_else"`, "不会打开或改动", "是否指错了文件"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: output lacks %q:\n%s", args[0], want, out)
			}
		}
		for _, bad := range []string{"已损坏", "一致性检查通过", "[]", "panic"} {
			if strings.Contains(out, bad) {
				t.Errorf("%s: output has %q:\n%s", args[0], bad, out)
			}
		}
		if sha(t, path) != before {
			t.Fatalf("%s modified another program's database", args[0])
		}
	}
}
