package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"linli"
	"linli/handlers/export"
	"linli/nlu"
)

func runExport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", "", "数据库文件（默认: 配置中的 db，或当前目录的 linli.db）")
	configPath := fs.String("config", "", "配置文件（用其中的 db、时区和社区名）")
	format := fs.String("format", "json", "导出格式: json | csv | xlsx")
	outPath := fs.String("out", "", "输出文件（默认: 标准输出；xlsx 必须指定）")
	kind, flagArgs := splitKind(args)
	if done, code := parseFlags(exportCmd, fs, flagArgs, stdout, stderr); done {
		return code
	}
	if kind == "" && fs.NArg() > 0 {
		kind = fs.Arg(0)
	}
	switch {
	case kind == "":
		fmt.Fprintf(stderr, "linli export: 请指定导出类型（可用: %s），例如 linli export signups\n", strings.Join(linli.ExportKinds, " "))
		return 2
	case !slices.Contains(linli.ExportKinds, kind):
		fmt.Fprintf(stderr, "linli export: 没有导出类型 %q（可用: %s）\n", kind, strings.Join(linli.ExportKinds, " "))
		return 2
	case fs.NArg() > 1 || (fs.NArg() == 1 && fs.Arg(0) != kind):
		fmt.Fprintf(stderr, "linli export: 多余的参数 %q（选项要写在 --名称 之后，例如 --format csv）\n", strings.Join(fs.Args(), " "))
		return 2
	}
	if !slices.Contains(export.Formats, *format) {
		fmt.Fprintf(stderr, "linli export: 未知的导出格式 %q（可用: %s）\n", *format, strings.Join(export.Formats, " "))
		return 2
	}
	if *format == "xlsx" && *outPath == "" {
		fmt.Fprintln(stderr, "linli export: xlsx 格式需要用 --out 指定文件")
		return 2
	}
	cfg, path, code := databaseOf("export", *configPath, *dbPath, stderr)
	if code != 0 {
		return code
	}
	if *outPath != "" {
		if err := makeOutDir(*outPath); err != nil {
			fmt.Fprintln(stderr, "linli export:", err)
			return 1
		}
	}
	if done, err := exportVia(path, kind, *format, *outPath, stdout); done || err != nil {
		if err != nil {
			fmt.Fprintln(stderr, "linli export:", err)
			return 1
		}
		return 0
	}
	db, err := openDB(cfg, path) // a damaged file is refused untouched
	if err != nil {
		fmt.Fprintln(stderr, "linli export:", err)
		return 1
	}
	defer db.Close()
	e := &env{cfg: cfg, clock: linli.ClockFunc(time.Now), db: db, words: nlu.Words(), log: slog.New(slog.NewTextHandler(stderr, nil))}
	t, err := export.Build(exports(e.families()), kind)
	if err != nil {
		fmt.Fprintln(stderr, "linli export:", operatorMessage(err))
		return 1
	}
	// The operator of `linli export` holds the database: staff. Phone
	// numbers still appear only in xlsx (Write never puts them in json/csv).
	opt := export.Options{Location: cfg.Location, Community: cfg.Community, At: time.Now(), Staff: true}
	bar := newProgress(t, kind, stderr)
	opt.Progress = bar.set
	if *outPath == "" {
		err = export.Write(t, *format, opt, stdout)
	} else {
		err = writeFile(*outPath, func(w io.Writer) error { return export.Write(t, *format, opt, w) })
	}
	bar.finish(err == nil)
	if err != nil {
		fmt.Fprintln(stderr, "linli export:", linli.ErrorMessage(err))
		return 1
	}
	return 0
}

// writeFile writes path through a temporary file beside it, renamed into
// place once write succeeds: a failed export leaves no half-written file
// (and an earlier file of that name untouched). The file is the owner's
// only (0600): exports hold phone numbers and households.
// Its file system errors name path (not the temporary file) in Chinese.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return writeFailed(path, err)
	}
	defer os.Remove(f.Name()) // fails harmlessly after the rename
	if err := write(f); err != nil {
		f.Close()
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return writeFailed(path, err)
		}
		return err
	}
	if err := f.Close(); err != nil {
		return writeFailed(path, err)
	}
	if err := os.Chmod(f.Name(), 0o600); err != nil {
		return writeFailed(path, err)
	}
	return writeFailed(path, os.Rename(f.Name(), path))
}

// writeError is a failure to write a file the operator named, said in
// Chinese with that file's name.
type writeError struct {
	msg string
	err error
}

func (e *writeError) Error() string { return e.msg }
func (e *writeError) Unwrap() error { return e.err }

// writeFailed says why target could not be written: "磁盘空间不足，无法写入
// X" rather than "write /dir/.X.tmp123: no space left on device". nil
// stays nil.
func writeFailed(target string, err error) error {
	if err == nil {
		return nil
	}
	var we *writeError
	if errors.As(err, &we) {
		return err
	}
	if errors.Is(err, syscall.ENOSPC) {
		return &writeError{msg: "磁盘空间不足，无法写入 " + target, err: err}
	}
	return &writeError{msg: fmt.Sprintf("无法写入 %s（%s）", target, plainOSError(err)), err: err}
}

// operatorMessage is what a command prints for err: a write failure as
// writeFailed says it, a linli.Error's message, else the error.
func operatorMessage(err error) string {
	var we *writeError
	if errors.As(err, &we) {
		return we.msg
	}
	return linli.ErrorMessage(err)
}

// splitKind takes the first non-flag argument as the kind, so both
// "export signups --format csv" and "export --format csv signups" work.
func splitKind(args []string) (string, []string) {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		return args[0], args[1:]
	}
	return "", args
}
