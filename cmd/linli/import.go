package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"

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

// registerColumns are the header names accepted for each column.
var registerColumns = map[string][]string{
	"户号":   {"户号", "房号", "门牌"},
	"业主姓名": {"业主姓名", "业主", "姓名"},
	"建筑面积": {"建筑面积㎡", "建筑面积(㎡)", "建筑面积（㎡）", "建筑面积m2", "建筑面积", "面积"},
	"手机":   {"手机", "手机号", "电话", "联系电话"},
}

// readRegister reads and checks the register file: a header row naming
// the columns, then one household per row. All errors are collected, each
// naming its row, and returned together.
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
	col := map[string]int{}
	for i, h := range rows[0] {
		h = strings.ReplaceAll(h, " ", "")
		for name, aliases := range registerColumns {
			for _, a := range aliases {
				if _, taken := col[name]; !taken && h == a {
					col[name] = i
				}
			}
		}
	}
	var missing []string
	for _, name := range []string{"户号", "业主姓名", "建筑面积"} {
		if _, ok := col[name]; !ok {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return nil, linli.Errorf(linli.EInvalid, "第1行（表头）缺少列：%s。表头应为：户号、业主姓名、建筑面积㎡，可选 手机", strings.Join(missing, "、"))
	}
	cell := func(row []string, name string) string {
		i, ok := col[name]
		if !ok || i >= len(row) {
			return ""
		}
		return row[i]
	}
	var problems []string
	seen := map[string]int{}
	var entries []linli.RegisterEntry
	for n, row := range rows[1:] {
		line := n + 2
		if strings.Join(row, "") == "" {
			continue
		}
		raw := cell(row, "户号")
		if raw == "" {
			problems = append(problems, fmt.Sprintf("第%d行：没有户号", line))
			continue
		}
		hh, ok := linli.ParseHousehold(raw)
		if !ok {
			problems = append(problems, fmt.Sprintf("第%d行：户号「%s」看不懂（例如 3栋502、3-1-502）", line, raw))
			continue
		}
		if first, dup := seen[hh.String()]; dup {
			problems = append(problems, fmt.Sprintf("第%d行：户号 %s 与第%d行重复", line, hh, first))
			continue
		}
		seen[hh.String()] = line
		owner := cell(row, "业主姓名")
		if owner == "" {
			problems = append(problems, fmt.Sprintf("第%d行：%s 没有业主姓名", line, hh))
		}
		areaText := strings.TrimSuffix(strings.TrimSuffix(cell(row, "建筑面积"), "㎡"), "m2")
		area, err := strconv.ParseFloat(strings.TrimSpace(areaText), 64)
		if err != nil || area <= 0 || area > 10000 {
			problems = append(problems, fmt.Sprintf("第%d行：%s 的建筑面积「%s」不是数字（例如 89.5）", line, hh, cell(row, "建筑面积")))
			continue
		}
		entries = append(entries, linli.RegisterEntry{Household: hh.String(), Owner: owner, Area: area, Phone: cell(row, "手机")})
	}
	if len(problems) > 0 {
		const show = 20
		total := len(problems)
		more := ""
		if len(problems) > show {
			more = fmt.Sprintf("\n……另有%d处", len(problems)-show)
			problems = problems[:show]
		}
		return nil, linli.Errorf(linli.EInvalid, "名册有%d处问题，什么都没有导入：\n%s%s", total, strings.Join(problems, "\n"), more)
	}
	if len(entries) == 0 {
		return nil, linli.Errorf(linli.EInvalid, "%s 里只有表头，没有一户", path)
	}
	return entries, nil
}
