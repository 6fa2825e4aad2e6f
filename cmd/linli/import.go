package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"strconv"

	"linli"
	"linli/handlers/export"
)

// runImport implements `linli import households FILE`: it loads the
// owners' register (业主名册) from an .xlsx or .csv file with the columns 户号,
// 业主姓名, 建筑面积㎡ and, optionally, 手机. Every row is checked first; any
// error (naming the row) imports nothing. The register replaces the one
// loaded before.
func runImport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	dbPath := fs.String("db", "", "数据库文件 (默认: 配置中的 db，或 linli.db)")
	configPath := fs.String("config", "", "配置文件 (默认: 内置演示社区的设置)")
	var pos []string
	for { // flags may follow the positional arguments
		if done, code := parseFlags(importCmd, fs, args, stdout, stderr); done {
			return code
		}
		if fs.NArg() == 0 {
			break
		}
		pos, args = append(pos, fs.Arg(0)), fs.Args()[1:]
	}
	if len(pos) != 2 || pos[0] != "households" {
		fmt.Fprintln(stderr, "linli import: 请这样用: "+importCmd.usage)
		fmt.Fprintln(stderr, "查看说明: linli help import")
		return 2
	}
	cfg, err := loadConfig(*configPath)
	if err != nil {
		fmt.Fprintln(stderr, "linli import:", err)
		return 1
	}
	entries, err := readRegister(pos[1])
	if err != nil {
		fmt.Fprintln(stderr, "linli import:", linli.ErrorMessage(err))
		if linli.ErrorCode(err) == linli.EInternal {
			fmt.Fprintln(stderr, err)
		}
		return 1
	}
	path := *dbPath
	if path == "" {
		path = cfg.DB
	}
	db, err := openDB(cfg, path)
	if err != nil {
		fmt.Fprintln(stderr, "linli import:", err)
		return 1
	}
	defer db.Close()
	if err := db.ReplaceRegister(entries); err != nil {
		fmt.Fprintln(stderr, "linli import:", linli.ErrorMessage(err))
		return 1
	}
	n, area, err := db.RegisterTotals()
	if err != nil {
		fmt.Fprintln(stderr, "linli import:", err)
		return 1
	}
	fmt.Fprintf(stdout, "已导入业主名册：%d户，总建筑面积 %s㎡。以后「绑定」要与名册核对，一户一票和双三分之二投票只计核实过的户。\n",
		n, strconv.FormatFloat(area, 'f', 2, 64))
	return 0
}

// readRegister reads and checks the register file with the rules of
// linli.ParseRegister (the workbench's upload uses the same): any problem
// (naming its row) imports nothing.
func readRegister(path string) ([]linli.RegisterEntry, error) {
	rows, err := export.ReadRows(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, linli.Errorf(linli.EInvalid, "找不到名册文件 %s", path)
	case errors.Is(err, fs.ErrPermission):
		return nil, linli.Errorf(linli.EInvalid, "没有权限读取名册文件 %s", path)
	case linli.ErrorCode(err) == linli.EInvalid:
		return nil, err // the reader's own words: not an xlsx, a bad csv
	case err != nil:
		return nil, linli.Errorf(linli.EInvalid, "读不了名册文件 %s（应为 xlsx 或 csv）", path)
	}
	if len(rows) == 0 {
		return nil, linli.Errorf(linli.EInvalid, "%s 是空的", path)
	}
	entries, problems, err := linli.ParseRegister(rows)
	switch {
	case err != nil:
		return nil, err
	case len(problems) > 0:
		return nil, linli.RegisterProblemsError(problems)
	}
	return entries, nil
}
