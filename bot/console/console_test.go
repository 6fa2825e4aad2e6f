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
