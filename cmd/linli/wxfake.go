package main

import (
	"io"

	"linli/bot/wxfake"
)

// runWxfake starts the fake WeChat server for trying `linli run` without an
// account.
func runWxfake(args []string, stdout, stderr io.Writer) int {
	for _, a := range args {
		if isHelp(a) {
			wxfakeCmd.help(nil, stdout)
			return 0
		}
	}
	return wxfake.Main(args, stdout, stderr)
}
