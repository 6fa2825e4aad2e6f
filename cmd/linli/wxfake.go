package main

import (
	"io"

	"linli/bot/wxfake"
)

// runWxfake starts the fake WeChat server for trying `linli run` without an
// account.
func runWxfake(args []string, stdout, stderr io.Writer) int {
	return wxfake.Main(args, stdout, stderr)
}
