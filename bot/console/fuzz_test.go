package console

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"linli"
)

// FuzzLine: any input line is a message, a comment, a clock command or a
// clear error; it never panics, the clock never goes backwards, and a
// message keeps its text.
func FuzzLine(f *testing.F) {
	for _, s := range []string{"幸福里1期居民群/张阿姨: 报名 1", "张阿姨：帮助", "群/3-502 张阿姨|张阿姨: 你好", "!clock +90m", "!clock 2026-11-29 08:00",
		"!clock +2d", "!clock -1h", "!clock 明天", "!foo", "// 注释", "", "/: x", "群/: x", ":", "群/张阿姨: [图片] /nonexistent.png", "!clock +1h30m"} {
		f.Add(s)
	}
	cfg := &linli.Config{Groups: []string{"群"}}
	if err := cfg.Validate(); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if strings.Contains(line, "[图片]") {
			t.Skip("reads files")
		}
		clock := linli.NewSimClock(time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
		rec := &recorder{}
		var out, errs bytes.Buffer
		c := New(Options{Config: cfg, Clock: clock, Engine: rec, Timed: []linli.Timed{idle{}}, Out: &out, Err: &errs})
		before := clock.Now()
		err := c.Line(context.Background(), line)
		if clock.Now().Before(before) {
			t.Fatalf("%q moved the clock back", line)
		}
		if len(rec.got) == 1 {
			m := rec.got[0]
			if m.Sender == "" || !strings.Contains(line, m.Text) {
				t.Fatalf("%q became %+v", line, m)
			}
		}
		if err != nil && err.Error() == "" {
			t.Fatalf("%q: an error without a message", line)
		}
	})
}
