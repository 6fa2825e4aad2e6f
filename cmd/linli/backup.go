package main

import (
	"flag"
	"fmt"
	"io"

	"linli/storage"
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
	db, err := storage.Open(*dbPath)
	if err != nil {
		fmt.Fprintln(stderr, "linli backup:", err)
		return 1
	}
	defer db.Close()
	if err := db.BackupFile(*out); err != nil {
		fmt.Fprintln(stderr, "linli backup:", err)
		return 1
	}
	n, err := db.BackupMedia(*out + ".media")
	if err != nil {
		fmt.Fprintln(stderr, "linli backup:", err)
		return 1
	}
	fmt.Fprintf(stdout, "已备份到 %s", *out)
	if n > 0 {
		fmt.Fprintf(stdout, "，照片 %d 张复制到 %s.media", n, *out)
	}
	fmt.Fprintln(stdout)
	return 0
}
