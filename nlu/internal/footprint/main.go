// Command footprint measures what loading package nlu costs: the time from
// start until the first message is understood, and the resident memory
// (VmRSS, and its peak VmHWM, from /proc/self/status) once loaded.
//
//	go run ./nlu/internal/footprint                 # nlu as the bot uses it
//	go run ./nlu/internal/footprint -background     # segmenter loaded in a goroutine
//	go run ./nlu/internal/footprint -baseline       # bare gojieba with its default dictionaries
//
// With -text it prints the understanding of that text as JSON and nothing
// else (used by the tests to check a fresh machine). With -speed FILE it
// also measures the CPU time per message of Understand against raw gojieba
// Cut on the messages of a labelled file:
//
//	go run ./nlu/internal/footprint -speed nlu/testdata/labelled.tsv
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/yanyiwu/gojieba"

	"linli/nlu"
	"linli/textnorm"
)

func main() {
	start := time.Now()
	dictDir := flag.String("dict-dir", "", "dictionary directory (default: embedded)")
	userDict := flag.String("user-dict", "", "extra user dictionary")
	background := flag.Bool("background", false, "load the segmenter in a goroutine")
	baseline := flag.Bool("baseline", false, "measure bare gojieba.NewJieba() with its default dictionaries")
	text := flag.String("text", "", "understand this text, print it as JSON and exit")
	speedFile := flag.String("speed", "", "labelled file: compare Understand's CPU time per message with gojieba Cut")
	rounds := flag.Int("rounds", 20, "passes over the -speed file")
	flag.Parse()

	if *baseline {
		before := memory()
		j := gojieba.NewJieba()
		ready := time.Since(start)
		j.Cut("东门路灯坏了晚上很黑", true)
		first := time.Since(start)
		report("gojieba defaults", before, 0, ready, first)
		j.Free()
		return
	}

	before := memory()
	n, err := nlu.New(nlu.Options{DictDir: *dictDir, UserDict: *userDict, Background: *background})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer n.Close()
	newDone := time.Since(start)
	if err := textnorm.Init(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := n.Wait(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	ready := time.Since(start)
	sample := "东门路灯坏了晚上很黑"
	if *text != "" {
		sample = *text
	}
	u := n.Understand(sample)
	first := time.Since(start)
	if *text != "" {
		json.NewEncoder(os.Stdout).Encode(u)
		return
	}
	report(fmt.Sprintf("nlu (%s)", n.Dicts().Dir), before, newDone, ready, first)
	fmt.Printf("segmenter load %v; first message: %s → %s\n", n.LoadTime().Round(time.Millisecond), sample, u.Intent)
	if *speedFile != "" {
		if err := speed(n, *speedFile, *rounds); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

func report(name, before string, newDone, ready, first time.Duration) {
	runtime.GC()
	fmt.Printf("%s\n  start: %s\n", name, before)
	if newDone > 0 {
		fmt.Printf("  New returned after %v\n", newDone.Round(time.Millisecond))
	}
	fmt.Printf("  ready after %v, first message understood after %v\n", ready.Round(time.Millisecond), first.Round(time.Millisecond))
	fmt.Printf("  loaded: %s\n", memory())
}

// memory returns VmRSS and VmHWM from /proc/self/status.
func memory() string {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown (no /proc)"
	}
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "VmRSS:") || strings.HasPrefix(line, "VmHWM:") {
			out = append(out, strings.Join(strings.Fields(line), " "))
		}
	}
	return strings.Join(out, ", ")
}
