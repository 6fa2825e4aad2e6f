package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"linli"
)

// progressMin is the number of rows from which an export shows a bar (a
// variable for tests).
var progressMin = 20000

// stderrIsTerminal reports whether w is a terminal (a variable for tests).
var stderrIsTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progress is the bar of a long export on stderr; the zero value (no bar)
// does nothing.
type progress struct {
	bar *progressbar.ProgressBar
	w   io.Writer
}

// newProgress starts a bar on stderr when it is a terminal and t says it
// has at least progressMin rows.
func newProgress(t *linli.Table, kind string, stderr io.Writer) *progress {
	if t.Count == nil || !stderrIsTerminal(stderr) {
		return &progress{}
	}
	n, err := t.Count()
	if err != nil || n < progressMin {
		return &progress{}
	}
	return &progress{w: stderr, bar: progressbar.NewOptions(n,
		progressbar.OptionSetWriter(stderr),
		progressbar.OptionSetDescription("导出 "+kind),
		progressbar.OptionShowCount(),
		progressbar.OptionSetItsString("行"),
		progressbar.OptionShowIts(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionSetWidth(30),
	)}
}

// set moves the bar to rows written.
func (p *progress) set(rows int) {
	if p.bar != nil {
		p.bar.Set(rows)
	}
}

// finish ends the bar's line.
func (p *progress) finish(ok bool) {
	if p.bar == nil {
		return
	}
	if ok {
		p.bar.Finish()
	}
	fmt.Fprintln(p.w)
}
