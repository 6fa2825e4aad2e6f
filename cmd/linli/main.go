// Command linli is 邻里通, a WeChat group bot for residential communities.
//
//	linli console   a group chat simulated in the terminal (demo community built in)
//	linli run       serve the configured WeChat groups
//	linli export    export records as json, csv or xlsx
//	linli backup    copy the database while it is in use
//	linli nlu       classify resident text read from stdin
//	linli bench     build a large database and time the engine on it
//	linli doctor    check configuration, dictionaries and database
//	linli wxfake    a fake WeChat server for trying `linli run` without an account
//	linli version   print the version
package main

import (
	"fmt"
	"io"
	"os"
	_ "time/tzdata" // the configured zone must load on machines without zoneinfo
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "console":
		return runConsole(rest, stdin, stdout, stderr)
	case "run":
		return runRun(rest, stdout, stderr)
	case "export":
		return runExport(rest, stdout, stderr)
	case "backup":
		return runBackup(rest, stdout, stderr)
	case "nlu":
		return runNLU(rest, stdin, stdout, stderr)
	case "bench":
		return runBench(rest, stdout, stderr)
	case "doctor":
		return runDoctor(rest, stdout, stderr)
	case "wxfake":
		return runWxfake(rest, stdout, stderr)
	case "version", "--version", "-v":
		fmt.Fprintln(stdout, "linli", version)
		return 0
	case "help", "--help", "-h":
		usage(stdout)
		return 0
	}
	fmt.Fprintf(stderr, "linli: 未知的子命令 %q\n\n", cmd)
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprint(w, `邻里通 linli — 社区居民群机器人

用法:
  linli console [--config FILE] [--db FILE] [--clock "2026-11-23 09:00"]
                      在终端里模拟居民群（不带 --config 时使用内置演示社区）
  linli run [--config FILE] [--wechat-server URL]
                      连接微信，服务配置中的群
  linli export KIND [--db FILE] [--format json|csv|xlsx] [--out FILE]
                      导出记录，KIND: activities signups reports polls votes residents
  linli backup --out FILE [--db FILE]
                      在线备份数据库
  linli nlu           从标准输入逐行理解居民的话，输出 JSON
  linli bench seed|run
                      生成大数据库、计时常用命令（见 linli bench help）
  linli doctor [--config FILE]
                      检查配置、词典和数据库
  linli wxfake        本地模拟微信服务器，用于不登录真实账号试用 linli run
  linli version       显示版本

每个子命令都可加 --help 查看说明。
`)
}
