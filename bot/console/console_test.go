package console

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"linli"
)

// idle is a Timed with nothing to do.
type idle struct{}

func (idle) NextDue() (time.Time, bool) { return time.Time{}, false }
func (idle) RunDue(time.Time) error     { return nil }

// recorder is a Handler that keeps the messages it is given.
type recorder struct{ got []linli.Message }

func (r *recorder) Handle(_ context.Context, m linli.Message) error {
	r.got = append(r.got, m)
	return nil
}

func TestRunContinuationLines(t *testing.T) {
	cfg := &linli.Config{Groups: []string{"群"}}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	var out, errs bytes.Buffer
	c := New(Options{Config: cfg, Clock: linli.NewSimClock(time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)),
		Engine: rec, Timed: []linli.Timed{idle{}}, Out: &out, Err: &errs})
	script := "群/张阿姨: #接龙\n  健康讲座\n\t1. 张阿姨\n// comment\n  not a continuation\n群/王叔: 你好\n"
	if err := c.Run(context.Background(), strings.NewReader(script), false); err != nil {
		t.Fatal(err)
	}
	if len(rec.got) != 2 || rec.got[0].Text != "#接龙\n健康讲座\n1. 张阿姨" || rec.got[1].Text != "你好" {
		t.Fatalf("messages = %+v", rec.got)
	}
	if !strings.Contains(errs.String(), "第5行") {
		t.Fatalf("the stray indented line after a comment should be reported as line 5: %q", errs.String())
	}
}

// TestRunBlankLineInMessage: a blank line between indented lines is part of
// the message (real 接龙 have them); one before an unindented line ends it.
func TestRunBlankLineInMessage(t *testing.T) {
	cfg := &linli.Config{Groups: []string{"群"}}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	var out, errs bytes.Buffer
	c := New(Options{Config: cfg, Clock: linli.NewSimClock(time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)),
		Engine: rec, Timed: []linli.Timed{idle{}}, Out: &out, Err: &errs})
	script := "群/张阿姨: #接龙\n  健康讲座\n\n   \n  1. 老王\n  2. 张阿姨\n\n群/王叔: 你好\n"
	if err := c.Run(context.Background(), strings.NewReader(script), false); err != nil {
		t.Fatal(err)
	}
	if len(rec.got) != 2 || rec.got[0].Text != "#接龙\n健康讲座\n\n\n1. 老王\n2. 张阿姨" || rec.got[1].Text != "你好" {
		t.Fatalf("messages = %+v", rec.got)
	}
	if errs.Len() > 0 {
		t.Fatalf("errors: %s", errs.String())
	}
}

// oneShot is a Timed with one piece of work due at a fixed time.
type oneShot struct {
	at   time.Time
	done bool
}

func (o *oneShot) NextDue() (time.Time, bool) { return o.at, !o.done }
func (o *oneShot) RunDue(now time.Time) error {
	if !now.Before(o.at) {
		o.done = true
	}
	return nil
}

func TestSettleRunsWorkDueWithinHorizon(t *testing.T) {
	start := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	cfg := &linli.Config{Groups: []string{"群"}}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	soon, later := &oneShot{at: start.Add(30 * time.Second)}, &oneShot{at: start.Add(2 * time.Hour)}
	clock := linli.NewSimClock(start)
	c := New(Options{Config: cfg, Clock: clock, Engine: &recorder{},
		Timed: []linli.Timed{idle{}, soon, later}, Out: &bytes.Buffer{}, Err: &bytes.Buffer{}})
	c.Settle(time.Minute)
	if !soon.done || later.done {
		t.Fatalf("after Settle: soon done %v (want true), later done %v (want false)", soon.done, later.done)
	}
	if got := clock.Now(); !got.Equal(soon.at) {
		t.Fatalf("clock at %v, want %v: Settle moves only as far as the work within the horizon", got, soon.at)
	}
}

func TestEndOfInputRunsHeldWork(t *testing.T) {
	start := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	cfg := &linli.Config{Groups: []string{"群"}}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, hold := range []time.Duration{0, 30 * time.Second} {
		held, later := &oneShot{at: start.Add(30 * time.Second)}, &oneShot{at: start.Add(31 * time.Second)}
		clock := linli.NewSimClock(start)
		c := New(Options{Config: cfg, Clock: clock, Engine: &recorder{}, Hold: hold,
			Timed: []linli.Timed{idle{}, held, later}, Out: &bytes.Buffer{}, Err: &bytes.Buffer{}})
		if err := c.Run(context.Background(), strings.NewReader("群/张阿姨: 报名 1\n"), false); err != nil {
			t.Fatal(err)
		}
		if held.done != (hold > 0) || later.done {
			t.Errorf("hold %v: held answer run %v, later work run %v", hold, held.done, later.done)
		}
	}
}
