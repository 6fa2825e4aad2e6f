package main

import (
	"bufio"
	"io"
	"os"
	"strconv"
	"strings"
)

// peakRSS returns the process's peak resident set (VmHWM) in MB, 0 where
// /proc is not available.
func peakRSS() float64 { return procStatus("VmHWM:") }

// currentRSS returns the process's resident set (VmRSS) in MB.
func currentRSS() float64 { return procStatus("VmRSS:") }

// procStatus reads a kB figure of /proc/self/status in MB.
func procStatus(field string) float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

// resetPeakRSS starts a new peak (Linux: writing 5 to clear_refs resets
// VmHWM to the current RSS); elsewhere it does nothing.
func resetPeakRSS() {
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		return
	}
}

// copyFile copies src to dst (a database to run the bench on).
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
