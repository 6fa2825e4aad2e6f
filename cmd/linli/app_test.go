package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"linli"
	"linli/storage"
)

// sink is a platform that records what it is given.
type sink struct {
	mu   sync.Mutex
	sent []string
}

func (s *sink) Deliver(out linli.Outgoing) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sent = append(s.sent, "["+out.To.String()+"] "+out.Text)
	return nil
}

func (s *sink) CanPrivate(string) bool { return false }

// testApp wires linli on a database file with a simulated clock.
func testApp(t *testing.T, path string, clock *linli.SimClock) *app {
	t.Helper()
	cfg, err := loadConfig("")
	if err != nil {
		t.Fatal(err)
	}
	a, err := newApp(cfg, clock, nil, appOptions{dbPath: path})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// drain advances the clock until the outbox is empty.
func drain(t *testing.T, a *app, clock *linli.SimClock) {
	t.Helper()
	for i := 0; i < 1000; i++ {
		due, ok := a.outbox.NextDue()
		if !ok {
			return
		}
		clock.Set(due)
		if err := a.outbox.RunDue(clock.Now()); err != nil {
			t.Fatal(err)
		}
	}
	t.Fatal("outbox never drained")
}

func TestDedupeAcrossRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "linli.db")
	clock := linli.NewSimClock(time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	m := linli.Message{ID: "wx-123", Group: "幸福里1期居民群", Sender: "3-502 张阿姨", Text: "帮助"}
	var replies []int
	for run := 0; run < 2; run++ {
		a := testApp(t, path, clock)
		s := &sink{}
		a.outbox.SetPlatform(s)
		if err := a.engine.Handle(context.Background(), m); err != nil {
			t.Fatal(err)
		}
		drain(t, a, clock)
		replies = append(replies, len(s.sent))
		a.Close()
	}
	if replies[0] != 1 || replies[1] != 0 {
		t.Fatalf("replies per run = %v, want [1 0]: a redelivery after restart must be ignored", replies)
	}
}

func TestOutboxSurvivesRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "linli.db")
	clock := linli.NewSimClock(time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	// Run 1 accepts a message but stops before it can be sent.
	a := testApp(t, path, clock)
	if err := a.outbox.Send(linli.Outgoing{To: linli.Chat{Group: "幸福里1期居民群"}, Text: "明天停水通知"}); err != nil {
		t.Fatal(err)
	}
	a.Close()
	var counts []int
	for run := 0; run < 2; run++ {
		a := testApp(t, path, clock)
		s := &sink{}
		a.outbox.SetPlatform(s)
		drain(t, a, clock)
		counts = append(counts, len(s.sent))
		a.Close()
	}
	if counts[0] != 1 || counts[1] != 0 {
		t.Fatalf("sent per restart = %v, want [1 0]: sent once after restart, never twice", counts)
	}
}

func TestLoadConfig(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	base := "community = \"幸福里社区\"\ngroups = [\"一期群\"]\n[[grids]]\nname = \"第一网格\"\nbuildings = [\"1栋\"]\nworker = \"王网格\"\n"
	tests := []struct {
		name, body, wantErr string
	}{
		{"bare chinese sla keys as in DESIGN.md", base + "[sla]\n安全隐患 = \"4h\"\n环境卫生 = \"24h\"\ndefault = \"72h\"\n", ""},
		{"quoted keys", base + "[sla]\n\"安全隐患\" = \"4h\"\n", ""},
		{"unknown key named", base + "grups = [\"x\"]\n", "grups"},
		{"bad value named", base + "[outbox]\nper_chat_interval = \"soon\"\n", "soon"},
		{"missing groups", "community = \"x\"\n", "groups"},
		{"duplicate building", base + "[[grids]]\nname = \"第二网格\"\nbuildings = [\"1栋\"]\nworker = \"刘网格\"\n", "同时属于"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := loadConfig(write(strings.ReplaceAll(tt.name, " ", "_")+".toml", tt.body))
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("error = %v, want one naming %q", err, tt.wantErr)
			case tt.wantErr == "" && cfg.SLAFor("安全隐患") != 4*time.Hour:
				t.Fatalf("SLA not read: %v", cfg.SLA)
			}
		})
	}
}

func TestDemoConfigLoads(t *testing.T) {
	cfg, err := loadConfig("")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Community != "幸福里社区" || len(cfg.Groups) != 2 || len(cfg.Grids) != 3 {
		t.Fatalf("demo config = %+v", cfg)
	}
}

func TestNightlyBackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "linli.db")
	clock := linli.NewSimClock(time.Date(2026, 11, 23, 9, 0, 0, 0, time.FixedZone("CST", 8*3600)))
	a := testApp(t, path, clock)
	defer a.Close()
	if _, err := a.db.UpdateResident("张阿姨", func(r *linli.Resident) error { r.Household = "3栋502"; return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := a.db.SaveMedia([]byte("photo"), ".png"); err != nil {
		t.Fatal(err)
	}
	if err := a.scheduleBackup(); err != nil {
		t.Fatal(err)
	}
	clock.Advance(20 * time.Hour) // past 03:30 the next night
	if err := a.sched.RunDue(clock.Now()); err != nil {
		t.Fatal(err)
	}
	b, err := storage.Open(path + ".backups/linli-20261124-0330.db")
	if err != nil {
		t.Fatalf("no nightly backup: %v", err)
	}
	defer b.Close()
	if r, err := b.Resident("张阿姨"); err != nil || r.Household != "3栋502" {
		t.Fatalf("backup holds %+v, %v", r, err)
	}
	if entries, err := os.ReadDir(path + ".backups/media"); err != nil || len(entries) != 1 {
		t.Fatalf("backup photos: %v, %v", entries, err)
	}
}
