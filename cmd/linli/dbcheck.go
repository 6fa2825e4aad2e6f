package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"linli"
	"linli/storage"
)

// openDB opens the database at path for a subcommand after checking it
// (checkDB): a damaged file is refused, untouched, with a message saying
// where the latest good backup is and how to restore it. cfg may be nil
// (subcommands without a configuration): backups are then looked for next
// to the database.
func openDB(cfg *linli.Config, path string, opts ...storage.Option) (*storage.DB, error) {
	if err := checkDB(cfg, path); err != nil {
		return nil, err
	}
	db, err := storage.Open(path, opts...)
	switch {
	case errors.Is(err, storage.ErrDamaged):
		return nil, refusal(cfg, path, err)
	case errors.Is(err, storage.ErrForeign):
		return nil, foreignRefusal(err)
	}
	return db, err
}

// checkDB walks an existing database file (storage.QuickCheck: every page,
// key and value inside the file, in flat memory; doctor and backup run
// bbolt's full consistency check) and refuses another program's bbolt
// file (foreignRefusal). A
// missing file passes (it will be created), and so does one held open by
// another process (storage.Open then says it is in use).
func checkDB(cfg *linli.Config, path string) error {
	err := storage.QuickCheck(path)
	switch {
	case err == nil, errors.Is(err, fs.ErrNotExist), errors.Is(err, storage.ErrLocked):
		return nil
	case errors.Is(err, storage.ErrDamaged):
		return refusal(cfg, path, err)
	case errors.Is(err, storage.ErrForeign):
		return foreignRefusal(err)
	}
	return err
}

// foreignRefusal explains, in Chinese, that the file is another program's
// database and what to do: it is no backup matter, the path is wrong.
func foreignRefusal(foreign error) error {
	var f *storage.ForeignError
	text := foreign.Error()
	if errors.As(foreign, &f) {
		text = f.Error()
	}
	return errors.New(text + "。\n为保护这个文件，linli 不会打开或改动它。\n" +
		"请检查配置中的 db（或 --db）是否指错了文件；要新建 linli 数据库，请填写一个还不存在的文件名。")
}

// refusal explains, in Chinese, that the database at path is damaged and
// how to put the latest good backup in its place.
func refusal(cfg *linli.Config, path string, damage error) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%v\n为保护数据，linli 不会打开或改动这个文件。\n", plainDamage(damage))
	dir := backupDir(cfg, path)
	good, at, ok := latestGoodBackup(cfg, path)
	if !ok {
		fmt.Fprintf(&b, "没有找到完好的备份（查找了 %s 和 %s）。\n", dir, path+".backup")
		fmt.Fprintf(&b, "请保留这个文件（不要删除），联系技术人员抢救数据。")
		return errors.New(b.String())
	}
	if cfg != nil && cfg.Location != nil {
		at = at.In(cfg.Location)
	}
	fmt.Fprintf(&b, "最近一份完好的备份：%s（%s）\n", good, at.Format("2006-01-02 15:04"))
	fmt.Fprintf(&b, "恢复方法：\n")
	fmt.Fprintf(&b, "  1. 停止所有 linli 进程；\n")
	fmt.Fprintf(&b, "  2. 保留损坏的文件：mv %s %s.damaged\n", path, path)
	fmt.Fprintf(&b, "  3. 放回备份：cp %s %s\n", good, path)
	if media := filepath.Join(filepath.Dir(good), "media"); isDir(media) {
		fmt.Fprintf(&b, "     照片：mkdir -p %s.media && cp -n %s/* %s.media/\n", path, media, path)
	}
	fmt.Fprintf(&b, "  4. 运行 linli doctor 确认无误后再启动。备份之后的新记录需要人工补录。")
	return errors.New(b.String())
}

// plainDamage drops Go's "storage: …:" prefixes, keeping the Chinese text.
func plainDamage(err error) string {
	var d *storage.DamageError
	if errors.As(err, &d) {
		return d.Error()
	}
	return err.Error()
}

// backupDir is where nightly backups of the database at dbPath go.
func backupDir(cfg *linli.Config, dbPath string) string {
	if cfg != nil && cfg.Backup.Dir != "" {
		return cfg.Backup.Dir
	}
	return dbPath + ".backups"
}

// backupFiles lists the backups of the database at dbPath, newest first:
// the nightly ones in the backup directory and the single "<db>.backup" of
// earlier versions.
func backupFiles(cfg *linli.Config, dbPath string) []string {
	type file struct {
		path string
		mod  time.Time
	}
	var files []file
	add := func(p string) {
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			files = append(files, file{p, st.ModTime()})
		}
	}
	entries, _ := os.ReadDir(backupDir(cfg, dbPath))
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".db") && !strings.HasPrefix(e.Name(), ".") {
			add(filepath.Join(backupDir(cfg, dbPath), e.Name()))
		}
	}
	add(dbPath + ".backup")
	sort.SliceStable(files, func(i, j int) bool {
		if !files[i].mod.Equal(files[j].mod) {
			return files[i].mod.After(files[j].mod)
		}
		return files[i].path > files[j].path // nightly names sort by date
	})
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = f.path
	}
	return out
}

// latestGoodBackup returns the newest backup that passes the consistency
// check, and when it was written.
func latestGoodBackup(cfg *linli.Config, dbPath string) (string, time.Time, bool) {
	for _, p := range backupFiles(cfg, dbPath) {
		if storage.Check(p) != nil {
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			continue
		}
		return p, st.ModTime(), true
	}
	return "", time.Time{}, false
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}
