// Command linli is 邻里通, a WeChat group bot for residential communities.
//
//	linli console   a group chat simulated in the terminal (demo community built in)
//	linli init      write a commented linli.toml (a wizard, or flags for scripts)
//	linli run       serve the configured WeChat groups
//	linli export    export records as json, csv or xlsx
//	linli backup    copy the database while it is in use
//	linli import    load the owners' register (linli import households FILE)
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
	case "import":
		return runImport(rest, stdout, stderr)
	case "nlu":
		return runNLU(rest, stdin, stdout, stderr)
	case "bench":
		return runBench(rest, stdout, stderr)
	case "doctor":
		return runDoctor(rest, stdout, stderr)
	case "wxfake":
		return runWxfake(rest, stdout, stderr)
	case "init":
		return runInit(rest, stdin, stdout, stderr)
	case "version", "--version", "-v":
		if len(rest) > 0 && isHelp(rest[0]) {
			versionCmd.help(nil, stdout)
			return 0
		}
		fmt.Fprintln(stdout, "linli", buildVersion())
		return 0
	case "help", "--help", "-h", "-help":
		return runHelp(rest, stdout, stderr)
	}
	fmt.Fprintf(stderr, "linli: 没有子命令 %q（可用: %s）\n查看说明: linli help\n", cmd, subcommandNames())
	return 2
}

func isHelp(arg string) bool {
	return arg == "-h" || arg == "--help" || arg == "-help" || arg == "--h"
}
