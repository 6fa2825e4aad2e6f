package main

import "io"

// Temporary until the nlu work lands.
func runNLU(args []string, stdin io.Reader, stdout, stderr io.Writer) int { return 1 }
func runDoctor(args []string, stdout, stderr io.Writer) int               { return 1 }
