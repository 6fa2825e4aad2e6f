package console

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"linli"
)

// scripted is a LineReader giving lines one at a time; each ReadLine first
// waits for next, so the test decides when the "person" types.
type scripted struct {
	lines []string
	next  chan struct{}
}

func (s *scripted) ReadLine(string) (string, error) {
	<-s.next
	if len(s.lines) == 0 {
		return "", io.EOF
	}
	l := s.lines[0]
	s.lines = s.lines[1:]
	return l, nil
}

// firing is a Timed job that says when it ran.
type firing struct {
	mu   sync.Mutex
	at   time.Time
	done bool
	ran  chan time.Time
}

func (f *firing) NextDue() (time.Time, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.at, !f.done
}
func (f *firing) RunDue(now time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.done && !now.Before(f.at) {
		f.done = true
		f.ran <- now
	}
	return nil
}

// At a terminal the simulated clock follows the wall clock: a job due two
// minutes later fires when the wall clock gets there, without !clock.
func TestInteractiveClockFollowsWall(t *testing.T) {
	cfg := &linli.Config{Groups: []string{"群"}}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	wall := start
	now := func() time.Time { mu.Lock(); defer mu.Unlock(); return wall }
	job := &firing{at: start.Add(2 * time.Minute), ran: make(chan time.Time, 1)}
	tick := make(chan time.Time)
	ed := &scripted{next: make(chan struct{})}
	clock := linli.NewSimClock(start)
	var out, errs bytes.Buffer
	c := New(Options{Config: cfg, Clock: clock, Engine: &recorder{}, Timed: []linli.Timed{idle{}, job},
		Out: &out, Err: &errs, Interactive: true, Editor: ed, Wall: now, Tick: tick})
	done := make(chan error)
	go func() { done <- c.Run(context.Background(), nil, true) }()

	mu.Lock()
	wall = start.Add(time.Minute)
	mu.Unlock()
	tick <- wall
	select {
	case at := <-job.ran:
		t.Fatalf("job ran at %v, a minute early", at)
	default:
	}
	mu.Lock()
	wall = start.Add(2*time.Minute + time.Second)
	mu.Unlock()
	tick <- wall
	if at := <-job.ran; !at.Equal(job.at) {
		t.Errorf("job ran at %v, want %v", at, job.at)
	}
	ed.next <- struct{}{} // Ctrl-D
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestFilesTheBotSendsAreSaved(t *testing.T) {
	cfg := &linli.Config{Groups: []string{"群"}}
	cfg.Validate()
	dir := filepath.Join(t.TempDir(), "files")
	var out bytes.Buffer
	c := New(Options{Config: cfg, Clock: linli.NewSimClock(time.Now()), Out: &out, Err: io.Discard, FilesDir: dir})
	for range 2 {
		if err := c.Deliver(linli.Outgoing{To: linli.Chat{User: "李社工"}, Media: &linli.Media{Name: "报名表-1.xlsx", Kind: linli.MediaFile, Data: []byte("PK")}}); err != nil {
			t.Fatal(err)
		}
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("files folder mode %v, want 0700", fi.Mode().Perm())
	}
	for _, name := range []string{"报名表-1.xlsx", "报名表-1 (2).xlsx"} {
		p := filepath.Join(dir, name)
		if b, err := os.ReadFile(p); err != nil || string(b) != "PK" {
			t.Errorf("%s: %q, %v", p, b, err)
		}
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s saved with mode %v, want 0600 (exports hold phone numbers)", p, fi.Mode().Perm())
		}
		if !strings.Contains(out.String(), "[文件] 报名表-1.xlsx（已保存到 "+p+"）") {
			t.Errorf("output does not name %s:\n%s", p, out.String())
		}
	}
}

// TestPromptIsInTheCommunitysZone: a clock ticking in the server's zone
// (UTC) still prompts in the configured one; the red team saw 12-08 08:22>
// turn into 12-08 00:22>.
func TestPromptIsInTheCommunitysZone(t *testing.T) {
	cfg := &linli.Config{Groups: []string{"群"}, Timezone: "Asia/Shanghai"}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	c := New(Options{Config: cfg, Clock: linli.NewSimClock(time.Date(2026, 12, 8, 0, 22, 0, 0, time.UTC)), Out: io.Discard, Err: io.Discard})
	if got := c.prompt(); got != "12-08 08:22> " {
		t.Errorf("prompt %q, want 12-08 08:22> ", got)
	}
}
