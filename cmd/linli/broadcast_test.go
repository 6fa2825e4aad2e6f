package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"linli"
	"linli/bot/console"
)

// timedPlatform wraps the console platform and records the simulated time
// of every delivery.
type timedPlatform struct {
	linli.Platform
	clock linli.Clock
	mu    sync.Mutex
	sent  []linli.Outgoing
	at    []time.Time
}

func (p *timedPlatform) Deliver(out linli.Outgoing) error {
	p.mu.Lock()
	p.sent = append(p.sent, out)
	p.at = append(p.at, p.clock.Now())
	p.mu.Unlock()
	return p.Platform.Deliver(out)
}

// lines returns what was delivered as "[chat] text".
func (p *timedPlatform) lines() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]string, len(p.sent))
	for i, s := range p.sent {
		out[i] = "[" + s.To.String() + "] " + s.Text
	}
	return out
}

// testConsole is linli wired as `linli console` does, on a simulated clock,
// with deliveries recorded.
type testConsole struct {
	t     *testing.T
	app   *app
	clock *linli.SimClock
	con   *console.Console
	plat  *timedPlatform
}

// startConsole opens (or reopens) the database at db with cfg at start.
func startConsole(t *testing.T, cfg *linli.Config, db string, start time.Time) *testConsole {
	t.Helper()
	clock := linli.NewSimClock(start)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := newApp(cfg, clock, log, appOptions{dbPath: db})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	con := console.New(console.Options{Config: cfg, Clock: clock, Engine: a.engine,
		Timed: []linli.Timed{a.outbox, a.sched}, Out: io.Discard, Err: io.Discard, Friends: friendsOf(cfg),
		RunID: fmt.Sprint(start.Unix())})
	plat := &timedPlatform{Platform: con, clock: clock}
	a.outbox.SetPlatform(plat)
	return &testConsole{t: t, app: a, clock: clock, con: con, plat: plat}
}

// say handles one message (group "" = private) without moving the clock.
func (c *testConsole) say(group, sender, text string) {
	c.t.Helper()
	m := linli.Message{ID: fmt.Sprintf("t-%d-%s", c.clock.Now().UnixNano(), text), Group: group, Sender: sender, User: sender, Contact: sender, Text: text}
	if err := c.app.engine.Handle(context.Background(), m); err != nil {
		c.t.Fatal(err)
	}
}

func loadTestConfig(t *testing.T, path string) *linli.Config {
	t.Helper()
	cfg, err := loadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func scriptStart(t *testing.T, cfg *linli.Config) time.Time {
	t.Helper()
	start, err := console.ParseClock(defaultScriptClock, cfg.Location)
	if err != nil {
		t.Fatal(err)
	}
	return start
}

// A notice to 30 groups goes out evenly paced, never faster than per_minute
// overall nor per_chat_interval in one chat, and the sender's estimate of
// the last send is right.
func TestBroadcastPacing30Groups(t *testing.T) {
	cfg := loadTestConfig(t, "testdata/broadcast30.toml")
	start := scriptStart(t, cfg)
	c := startConsole(t, cfg, filepath.Join(t.TempDir(), "t.db"), start)
	c.say("", "李社工", "通知 全部 各位居民：本周六上午9点社区广场义诊，欢迎参加！")
	c.con.Flush()

	got := c.plat.lines()
	if len(got) != 31 {
		t.Fatalf("delivered %d messages, want 31 (summary + 30 groups):\n%s", len(got), strings.Join(got, "\n"))
	}
	if !strings.HasPrefix(got[0], "[私聊 李社工] 通知已排队") {
		t.Fatalf("first delivery = %q, want the summary", got[0])
	}
	gap := time.Minute / time.Duration(cfg.Outbox.PerMinute)
	perChat := time.Duration(cfg.Outbox.PerChatInterval)
	last := map[linli.Chat]time.Time{}
	for i, at := range c.plat.at {
		if i > 0 {
			if d := at.Sub(c.plat.at[i-1]); d < gap {
				t.Errorf("delivery %d came %v after the previous one, want ≥ %v", i, d, gap)
			}
		}
		to := c.plat.sent[i].To
		if prev, ok := last[to]; ok && at.Sub(prev) < perChat {
			t.Errorf("two deliveries to %s %v apart, want ≥ %v", to, at.Sub(prev), perChat)
		}
		last[to] = at
		if i > 0 && c.plat.sent[i].Text != "各位居民：本周六上午9点社区广场义诊，欢迎参加！" {
			t.Errorf("delivery %d text = %q (punctuation must be kept as typed)", i, c.plat.sent[i].Text)
		}
	}
	// In any one-minute window, at most per_minute messages.
	for i := range c.plat.at {
		n := 0
		for j := i; j < len(c.plat.at) && c.plat.at[j].Sub(c.plat.at[i]) < time.Minute; j++ {
			n++
		}
		if n > cfg.Outbox.PerMinute {
			t.Errorf("%d deliveries within a minute from delivery %d, limit %d", n, i, cfg.Outbox.PerMinute)
		}
	}
	lastAt := c.plat.at[len(c.plat.at)-1].In(cfg.Location)
	if want := start.Add(2*time.Second + 30*gap); !lastAt.Equal(want) {
		t.Errorf("last delivery at %s, want %s", lastAt, want)
	}
	// The summary promised "预计09:02前发完（约1分32秒）": the last went at 09:01:32.
	if !strings.Contains(got[0], "预计09:02前发完（约1分32秒）") {
		t.Errorf("summary = %q, want the estimate 09:02 (1分32秒)", got[0])
	}
}

// A long notice to few groups is split; parts to one group keep the
// per-chat interval even when the overall pace would allow faster.
func TestBroadcastLongNoticePerChatInterval(t *testing.T) {
	cfg := loadTestConfig(t, "")
	cfg.Outbox.PerMinute = 600 // 100ms apart overall: only the per-chat interval binds
	cfg.Outbox.MaxLength = 100
	c := startConsole(t, cfg, filepath.Join(t.TempDir(), "t.db"), scriptStart(t, cfg))
	var b strings.Builder
	for i := range 12 {
		fmt.Fprintf(&b, "第%02d条：请各楼栋住户于本周五前把电动车从楼道推出，统一到车棚充电。\n", i+1)
	}
	c.say("", "李社工", "通知 1期 "+b.String())
	c.con.Flush()
	perChat := time.Duration(cfg.Outbox.PerChatInterval)
	var parts []time.Time
	var text strings.Builder
	for i, s := range c.plat.sent {
		if s.To.Group == "幸福里1期居民群" {
			parts = append(parts, c.plat.at[i])
			text.WriteString(s.Text + "\n")
		}
	}
	if len(parts) < 3 {
		t.Fatalf("a %d-rune notice went out in %d part(s), want ≥ 3", len([]rune(b.String())), len(parts))
	}
	for i := 1; i < len(parts); i++ {
		if d := parts[i].Sub(parts[i-1]); d < perChat {
			t.Errorf("parts %d and %d only %v apart, want ≥ %v", i-1, i, d, perChat)
		}
	}
	if strings.TrimSpace(text.String()) != strings.TrimSpace(b.String()) {
		t.Errorf("parts joined differ from the notice:\n%s", text.String())
	}
	if summary := c.plat.lines()[0]; !strings.Contains(summary, fmt.Sprintf("每个群分%d条发送", len(parts))) {
		t.Errorf("summary %q does not say the notice goes in %d parts", summary, len(parts))
	}
}

// Multi-line content reaches the groups as typed: line breaks, indentation
// and full-width punctuation kept; Traditional input falls back to the
// normalised text rather than losing words.
func TestBroadcastKeepsContentAsTyped(t *testing.T) {
	tests := []struct{ typed, want string }{
		{"通知 全部\n各位居民：\n  明天（周二）停水！\n请提前储水，谢谢。", "各位居民：\n  明天（周二）停水！\n请提前储水，谢谢。"},
		{"＃通知　１期，２期　停电通知：今晚８点检修。", "停电通知：今晚８点检修。"},
		{"@邻里通 通知 全部 垃圾分类，从我做起", "垃圾分类，从我做起"},
		{"通知 全部 社區義診，歡迎參加", "社区义诊,欢迎参加"},
	}
	for _, tt := range tests {
		cfg := loadTestConfig(t, "")
		c := startConsole(t, cfg, filepath.Join(t.TempDir(), "t.db"), scriptStart(t, cfg))
		c.say("", "李社工", tt.typed)
		c.con.Flush()
		got := c.plat.sent
		if len(got) != 3 || got[1].Text != tt.want || got[2].Text != tt.want {
			t.Errorf("%q delivered %q, want %q to each group", tt.typed, c.plat.lines(), tt.want)
		}
	}
}

// BenchmarkBroadcast30Groups handles one 通知 to 30 groups and sends it all
// on the simulated clock (database writes included).
func BenchmarkBroadcast30Groups(b *testing.B) {
	cfg, err := loadConfig("testdata/broadcast30.toml")
	if err != nil {
		b.Fatal(err)
	}
	start, _ := console.ParseClock(defaultScriptClock, cfg.Location)
	clock := linli.NewSimClock(start)
	a, err := newApp(cfg, clock, slog.New(slog.NewTextHandler(io.Discard, nil)), appOptions{dbPath: filepath.Join(b.TempDir(), "b.db")})
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	con := console.New(console.Options{Config: cfg, Clock: clock, Engine: a.engine,
		Timed: []linli.Timed{a.outbox, a.sched}, Out: io.Discard, Err: io.Discard, Friends: friendsOf(cfg)})
	a.outbox.SetPlatform(con)
	i := 0
	for b.Loop() {
		i++
		m := linli.Message{ID: fmt.Sprint("b", i), Sender: "李社工", User: "李社工", Contact: "李社工", Text: "通知 全部 各位居民：本周六上午9点社区广场义诊，欢迎参加！"}
		if err := a.engine.Handle(context.Background(), m); err != nil {
			b.Fatal(err)
		}
		con.Flush()
	}
}
