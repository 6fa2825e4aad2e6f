package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"linli"
)

func runBackup(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", "linli.db", "数据库文件")
	out := fs.String("out", "", "备份文件 (必填)")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if *out == "" {
		fmt.Fprintln(stderr, "linli backup: 请用 --out 指定备份文件，例如 linli backup --out linli-备份.db")
		return 2
	}
	if _, err := os.Stat(*dbPath); err != nil {
		fmt.Fprintf(stderr, "linli backup: 找不到数据库 %s（用 --db 指定）\n", *dbPath)
		return 1
	}
	db, err := openDB(nil, *dbPath)
	if err != nil {
		fmt.Fprintln(stderr, "linli backup:", err)
		return 1
	}
	defer db.Close()
	if err := os.MkdirAll(filepath.Dir(*out), 0o700); err != nil {
		fmt.Fprintln(stderr, "linli backup:", err)
		return 1
	}
	if err := db.BackupFile(*out); err != nil { // verified before it is kept
		fmt.Fprintln(stderr, "linli backup:", err)
		return 1
	}
	n, err := db.BackupMedia(*out + ".media")
	if err != nil {
		fmt.Fprintln(stderr, "linli backup:", err)
		return 1
	}
	fmt.Fprintf(stdout, "已备份到 %s（已校验）", *out)
	if n > 0 {
		fmt.Fprintf(stdout, "，照片 %d 张复制到 %s.media", n, *out)
	}
	fmt.Fprintln(stdout)
	return 0
}

// nightlyBackupPrefix and nightlyBackupLayout name the nightly backups:
// linli-20261123-0330.db, in the configured zone.
const (
	nightlyBackupPrefix = "linli-"
	nightlyBackupLayout = "20060102-1504"
)

// nightlyBackup copies the database into the backup directory while the bot
// runs (bbolt lets only one process open the file, so `linli backup` cannot
// run beside `linli run`), one verified file per night, photos into a
// shared media directory (their names are their content), and deletes the
// nightly files older than [backup] keep days.
func (a *app) nightlyBackup(job linli.Job, occ time.Time) error {
	dir := backupDir(a.cfg, a.db.Path())
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("nightly backup: %w", err)
	}
	path := filepath.Join(dir, nightlyBackupPrefix+occ.In(a.cfg.Location).Format(nightlyBackupLayout)+".db")
	if err := a.db.BackupFile(path); err != nil {
		return err
	}
	n, err := a.db.BackupMedia(filepath.Join(dir, "media"))
	if err != nil {
		return err
	}
	removed, err := rotateBackups(dir, occ, a.cfg.Backup.Keep, a.cfg.Location)
	a.log.Info("nightly backup written and verified", "path", path, "new_photos", n, "removed_old", removed)
	return err
}

// rotateBackups deletes the nightly backups in dir written keep days or more
// before now, judged by the time in their names. It never deletes the newest
// one, and leaves every other file alone.
func rotateBackups(dir string, now time.Time, keep int, loc *time.Location) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("rotate backups: %w", err)
	}
	type nightly struct {
		name string
		at   time.Time
	}
	var all []nightly
	for _, e := range entries {
		stamp, ok := strings.CutPrefix(e.Name(), nightlyBackupPrefix)
		if !ok || !e.Type().IsRegular() {
			continue
		}
		stamp, ok = strings.CutSuffix(stamp, ".db")
		at, err := time.ParseInLocation(nightlyBackupLayout, stamp, loc)
		if !ok || err != nil {
			continue
		}
		all = append(all, nightly{e.Name(), at})
	}
	newest := -1
	for i, n := range all {
		if newest < 0 || n.at.After(all[newest].at) {
			newest = i
		}
	}
	cutoff := now.Add(-time.Duration(keep)*24*time.Hour + time.Minute) // a night's backup a minute late still counts as that night
	var removed []string
	for i, n := range all {
		if i == newest || n.at.After(cutoff) {
			continue
		}
		if err := os.Remove(filepath.Join(dir, n.name)); err != nil {
			return removed, fmt.Errorf("rotate backups: %w", err)
		}
		removed = append(removed, n.name)
	}
	return removed, nil
}
