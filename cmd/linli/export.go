package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"strings"
	"time"

	"linli"
	"linli/handlers/export"
	"linli/nlu"
)

func runExport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", "", "数据库文件 (默认: 配置中的 db，或 linli.db)")
	configPath := fs.String("config", "", "配置文件 (用于时区；默认: 内置演示社区的设置)")
	format := fs.String("format", "json", "json | csv | xlsx")
	outPath := fs.String("out", "", "输出文件 (默认: 标准输出；xlsx 必须指定)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "用法: linli export KIND [--db FILE] [--format json|csv|xlsx] [--out FILE]\nKIND: "+strings.Join(linli.ExportKinds, " "))
		fs.PrintDefaults()
	}
	kind, flagArgs := splitKind(args)
	if err := fs.Parse(flagArgs); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if kind == "" && fs.NArg() > 0 {
		kind = fs.Arg(0)
	}
	if !slices.Contains(linli.ExportKinds, kind) {
		fmt.Fprintf(stderr, "linli export: 请指定导出类型: %s\n", strings.Join(linli.ExportKinds, " "))
		return 2
	}
	if *format == "xlsx" && *outPath == "" {
		fmt.Fprintln(stderr, "linli export: xlsx 格式需要用 --out 指定文件")
		return 2
	}
	cfg, err := loadConfig(*configPath)
	if err != nil {
		fmt.Fprintln(stderr, "linli export:", err)
		return 1
	}
	path := *dbPath
	if path == "" {
		path = cfg.DB
	}
	if _, err := os.Stat(path); err != nil {
		fmt.Fprintf(stderr, "linli export: 找不到数据库 %s（用 --db 指定）\n", path)
		return 1
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
		fmt.Fprintln(stderr, "linli export:", linli.ErrorMessage(err))
		return 1
	}
	var buf bytes.Buffer
	if err := export.Write(t, *format, cfg.Location, &buf); err != nil {
		fmt.Fprintln(stderr, "linli export:", linli.ErrorMessage(err))
		return 1
	}
	if *outPath == "" {
		stdout.Write(buf.Bytes())
		return 0
	}
	if err := os.WriteFile(*outPath, buf.Bytes(), 0o644); err != nil {
		fmt.Fprintln(stderr, "linli export:", err)
		return 1
	}
	return 0
}

// splitKind takes the first non-flag argument as the kind, so both
// "export signups --format csv" and "export --format csv signups" work.
func splitKind(args []string) (string, []string) {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		return args[0], args[1:]
	}
	return "", args
}
