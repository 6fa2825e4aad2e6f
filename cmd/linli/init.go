package main

import (
	"fmt"
	"io"
)

func runInit(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "linli init: 尚未实现")
	return 1
}
