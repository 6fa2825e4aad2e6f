package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"linli"
)

func runBackup(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	dbPath := fs.String("db", "", "数据库文件（默认: 配置中的 db，或当前目录的 linli.db）")
	configPath := fs.String("config", "", "配置文件（用其中的 db）")
	out := fs.String("out", "", "备份文件（必填）")
	if done, code := parseFlags(backupCmd, fs, args, stdout, stderr); done {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "linli backup: 多余的参数 %q（备份文件用 --out 指定）\n", strings.Join(fs.Args(), " "))
		return 2
	}
	if *out == "" {
		fmt.Fprintln(stderr, "linli backup: 请用 --out 指定备份文件，例如 linli backup --config linli.toml --out linli-备份.db")
		return 2
	}
	cfg, path, code := databaseOf("backup", *configPath, *dbPath, stderr)
	if code != 0 {
		return code
	}
	if err := makeOutDir(*out); err != nil {
		fmt.Fprintln(stderr, "linli backup:", err)
		return 1
	}
	done, err := backupVia(path, *out, stdout)
	if err != nil {
		fmt.Fprintln(stderr, "linli backup:", backupError(*out, err))
		return 1
	}
	if done {
		return 0
	}
	db, err := openDB(cfg, path)
	if err != nil {
		fmt.Fprintln(stderr, "linli backup:", err)
		return 1
	}
	defer db.Close()
	if err := db.BackupFile(*out); err != nil { // verified before it is kept
		fmt.Fprintln(stderr, "linli backup:", backupError(*out, err))
		return 1
	}
	n, err := db.BackupMedia(*out + ".media")
	if err != nil {
		fmt.Fprintln(stderr, "linli backup:", backupError(*out+".media", err))
		return 1
	}
	fmt.Fprintln(stdout, backupDone(*out, n))
	return 0
}

// backupDone is what a successful backup prints.
func backupDone(out string, photos int) string {
	s := fmt.Sprintf("已备份到 %s（已校验）", out)
	if photos > 0 {
		s += fmt.Sprintf("，照片 %d 张复制到 %s.media", photos, out)
	}
	return s
}

// makeOutDir creates the directory an output file goes into, or says in
// Chinese why it cannot.
func makeOutDir(out string) error {
	dir := filepath.Dir(out)
	st, err := os.Stat(dir)
	if err == nil && !st.IsDir() {
		return fmt.Errorf("无法写入 %s：%s 不是目录", out, dir)
	}
	if err == nil {
		return nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("无法创建输出目录 %s（%s）", dir, plainOSError(err))
	}
	return nil
}

// databaseOf finds the database a subcommand works on: --db, else the db of
// --config (relative to the configuration file), else linli.db here. A
// missing database is refused (code 1) with a Chinese message; cfg is the
// configuration (the demo's settings without --config).
func databaseOf(sub, configPath, dbPath string, stderr io.Writer) (*linli.Config, string, int) {
	cfg, err := loadConfig(configPath)
	if err != nil {
		fmt.Fprintf(stderr, "linli %s: %v\n", sub, err)
		return nil, "", 1
	}
	path := dbPath
	switch {
	case path != "":
	case configPath != "":
		path = cfg.DB
	default:
		path = "linli.db"
	}
	if _, err := os.Stat(path); err != nil {
		abs, _ := filepath.Abs(path)
		fmt.Fprintf(stderr, "linli %s: 找不到数据库 %s（用 --config 指定配置文件，或用 --db 指定数据库）\n", sub, abs)
		return nil, "", 1
	}
	return cfg, path, 0
}

// backupError names target for a full disk or another file system
// failure, not the temporary file the backup was being written to.
func backupError(target string, err error) error {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EROFS) || errors.Is(err, fs.ErrPermission) {
		return writeFailed(target, err)
	}
	return err
}

// plainOSError says an os error's cause in Chinese.
func plainOSError(err error) string {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "没有权限"
	case errors.Is(err, fs.ErrExist):
		return "已存在同名文件"
	case errors.Is(err, fs.ErrNotExist):
		return "路径不存在"
	case errors.Is(err, syscall.ENOSPC):
		return "磁盘已满"
	case errors.Is(err, syscall.EROFS):
		return "只读文件系统"
	case errors.Is(err, syscall.ENOTDIR):
		return "路径中有一段不是目录"
	}
	return err.Error()
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
	a.log.Info("每晚备份已写入并校验", "path", path, "new_photos", n, "removed_old", removed)
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
