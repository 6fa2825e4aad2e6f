package main

import (
	"fmt"
	"io"
)

func runRun(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "linli run: 微信模式尚未接入（见 issue #8）。现在可以用 linli console 试用。")
	return 1
}

func runWxfake(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "linli wxfake: 尚未接入（见 issue #8）。")
	return 1
}
