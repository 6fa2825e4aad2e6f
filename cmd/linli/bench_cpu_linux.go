package main

import (
	"syscall"
	"time"
)

// threadCPU returns the CPU time (user and system) the calling OS thread
// has used; the bench locks its goroutine to one thread while it times a
// command, so that the difference is the command's own work whatever else
// the machine is doing (blocking for the disk is not CPU time).
func threadCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
