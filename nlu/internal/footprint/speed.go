package main

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/yanyiwu/gojieba"

	"linli/nlu"
)

// speed measures the CPU time of Understand against gojieba's raw Cut (a
// segmenter loaded from the same dictionaries) on the messages of file,
// rounds times over. It counts the CPU time of the calling thread
// (RUSAGE_THREAD), not the wall clock, so that a machine busy with other
// work slows neither side: the figure is issue 14's "per message ≤10× raw
// Cut".
func speed(n *nlu.NLU, file string, rounds int) error {
	texts, err := messages(file)
	if err != nil {
		return err
	}
	j := gojieba.NewJieba(n.Dicts().Paths...)
	defer j.Free()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	measure := func(f func(string)) time.Duration {
		start := threadCPU()
		for r := 0; r < rounds; r++ {
			for _, t := range texts {
				f(t)
			}
		}
		return (threadCPU() - start) / time.Duration(rounds*len(texts))
	}
	// Warm up both, then alternate, keeping each side's best of three.
	measure(func(s string) { n.Understand(s) })
	var u, c, tag time.Duration
	for i := 0; i < 3; i++ {
		if d := measure(func(s string) { j.Tag(s) }); tag == 0 || d < tag {
			tag = d
		}
		if d := measure(func(s string) { n.Understand(s) }); u == 0 || d < u {
			u = d
		}
		if d := measure(func(s string) { j.Cut(s, true) }); c == 0 || d < c {
			c = d
		}
	}
	fmt.Printf("%d messages × %d rounds, CPU time per message: Understand %v, gojieba Cut %v (Tag %v), ratio %.1f\n",
		len(texts), rounds, u, c, tag, float64(u)/float64(c))
	return nil
}

// threadCPU is the CPU time the calling OS thread has used.
func threadCPU() time.Duration {
	var ru syscall.Rusage
	const rusageThread = 1 // RUSAGE_THREAD (Linux)
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// messages reads the texts of a labelled file (text<TAB>intent<TAB>category).
func messages(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		text, _, _ := strings.Cut(line, "\t")
		out = append(out, text)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no messages", path)
	}
	return out, sc.Err()
}
