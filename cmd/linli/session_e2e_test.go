package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"linli"
	"linli/bot/wechat"
	"linli/bot/wxfake"
)

// runRig runs what `linli run` runs (serve) against the fake WeChat server,
// on a simulated clock that the adapter's pauses advance: a five-second
// outage takes no real time. The test delivers the outbox by moving the
// clock (flush).
type runRig struct {
	t        *testing.T
	srv      *wxfake.Server
	clock    *linli.SimClock
	cfg      *linli.Config
	app      *app
	sessions chan linli.SessionEvent
	pauses   []time.Duration
	mu       sync.Mutex
	done     chan error
	onSent   atomic.Pointer[func(wxfake.Sent)] // called for each send the fake records, before it answers
}

const (
	rigGroup1 = "幸福里1期居民群"
	rigGroup2 = "幸福里2期居民群"
)

func startRun(t *testing.T, auto bool, adjust func(cfg *linli.Config)) *runRig {
	return startRunWith(t, auto, adjust, nil)
}

func startRunWith(t *testing.T, auto bool, adjust func(cfg *linli.Config), adjustOpt func(*serveOptions)) *runRig {
	t.Helper()
	cfg, err := loadConfig("")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cfg.DB = filepath.Join(dir, "linli.db")
	cfg.WeChat.QRCodePNG = filepath.Join(dir, "qr.png")
	cfg.StaffGroup = "" // the restored notice goes to each staff member
	if adjust != nil {
		adjust(cfg)
	}
	r := &runRig{t: t, cfg: cfg, clock: linli.NewSimClock(time.Date(2026, 11, 23, 9, 0, 0, 0, cfg.Location)),
		sessions: make(chan linli.SessionEvent, 100), done: make(chan error, 1)}
	r.srv = wxfake.New(wxfake.Options{
		Groups: []wxfake.Group{
			{Topic: rigGroup1, Members: []wxfake.Member{{NickName: "张阿姨", DisplayName: "3-502 张阿姨"}}},
			{Topic: rigGroup2, Members: []wxfake.Member{{NickName: "王叔"}}},
		},
		Friends:     []wxfake.Friend{{NickName: "李社工", RemarkName: "李社工"}, {NickName: "赵主任", RemarkName: "赵主任"}, {NickName: "王网格", RemarkName: "王网格"}},
		AutoConfirm: auto, SyncHold: 200 * time.Millisecond, Clock: r.clock,
		OnSent: func(m wxfake.Sent) {
			if f := r.onSent.Load(); f != nil {
				(*f)(m)
			}
		},
	})
	t.Cleanup(r.srv.Close)
	ready := make(chan *app, 1)
	opt := serveOptions{server: r.srv.URL(), qr: io.Discard, clock: r.clock,
		wechat: func(o *wechat.Options) {
			o.Jitter = func() float64 { return 0.5 }
			o.Sleep = func(ctx context.Context, d time.Duration) bool {
				r.mu.Lock()
				r.pauses = append(r.pauses, d)
				r.mu.Unlock()
				r.clock.Advance(d)
				return ctx.Err() == nil
			}
		},
		app:     func(a *app) { ready <- a },
		session: func(ev linli.SessionEvent) { r.sessions <- ev },
	}
	if adjustOpt != nil {
		adjustOpt(&opt)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		r.done <- serve(ctx, cfg, opt, slog.New(slog.NewTextHandler(io.Discard, nil)))
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-r.done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	r.app = wait(t, ready, "the app")
	return r
}

// until waits for a session event in state (a guard, not a delay).
func (r *runRig) until(state linli.SessionState) linli.SessionEvent {
	r.t.Helper()
	for {
		if ev := wait(r.t, r.sessions, "a session event"); ev.State == state {
			return ev
		}
	}
}

// flush moves the clock until the outbox is empty.
func (r *runRig) flush() {
	r.t.Helper()
	for i := 0; i < 1000; i++ {
		due, ok := r.app.outbox.NextDue()
		if !ok {
			return
		}
		r.clock.Set(due)
		if err := r.app.outbox.RunDue(r.clock.Now()); err != nil {
			r.t.Fatal(err)
		}
	}
	r.t.Fatal("the outbox never emptied")
}

func (r *runRig) sentTo(to string) []string {
	var out []string
	for _, s := range r.srv.Sent() {
		if s.To == to {
			out = append(out, s.Text)
		}
	}
	return out
}

// TestKickThenRecoveryOnFakeWeChat is the session-loss measurement
// (1,046 logins in 5 s, 181 notices per staff member, broadcasts dropped):
// WeChat kicks every session for 5 s while logins go through, and the
// contact list fails once after it; broadcasts are queued meanwhile.
func TestKickThenRecoveryOnFakeWeChat(t *testing.T) {
	r := startRun(t, true, nil)
	r.until(linli.SessionUp)
	before := r.srv.Stats()

	r.srv.Outage(5*time.Second, 1101)
	r.srv.FailContacts(2, 1205) // the first logins after it cannot read contacts
	r.until(linli.SessionDown)
	var broadcasts []string
	for i := 1; i <= 3; i++ {
		for _, g := range []string{rigGroup1, rigGroup2} {
			text := fmt.Sprintf("【通知】%s 第%d条", g, i)
			broadcasts = append(broadcasts, text)
			if err := r.app.outbox.Send(linli.Outgoing{To: linli.Chat{Group: g}, Text: text, Alone: true, Priority: linli.PriorityBroadcast}); err != nil {
				t.Fatal(err)
			}
		}
	}
	r.until(linli.SessionUp)
	logins := r.srv.Stats().Inits - before.Inits
	r.flush()

	r.mu.Lock()
	t.Logf("5 s outage: %d logins (pauses %v), %d contact reads", logins, r.pauses, r.srv.Stats().Contacts-before.Contacts)
	r.mu.Unlock()
	if logins > 4 {
		t.Errorf("%d logins for a 5 s outage, want at most 4", logins)
	}
	for _, staff := range []string{"李社工", "赵主任"} {
		n := 0
		for _, text := range r.sentTo(staff) {
			if strings.Contains(text, "微信连接曾于") {
				n++
				if !strings.Contains(text, "共中断") {
					t.Errorf("notice %q does not say how long the outage lasted", text)
				}
			}
			if strings.Contains(text, "已放弃") {
				t.Errorf("%s was told a message was given up: %q", staff, text)
			}
		}
		if n != 1 {
			t.Errorf("%s got %d restored notices, want 1: %q", staff, n, r.sentTo(staff))
		}
	}
	all := strings.Join(append(r.sentTo(rigGroup1), r.sentTo(rigGroup2)...), "\n")
	for _, b := range broadcasts {
		if n := strings.Count(all, b); n != 1 {
			t.Errorf("%q delivered %d times, want once", b, n)
		}
	}
}

// TestKickNeedingAScanAlertsOnce: a kick that needs a new QR scan sends one
// alert to the configured webhook, naming the QR code's file.
func TestKickNeedingAScanAlertsOnce(t *testing.T) {
	posts := make(chan string, 10)
	robot := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		var m struct {
			MsgType string `json:"msgtype"`
			Text    struct{ Content string }
		}
		json.NewDecoder(req.Body).Decode(&m)
		if m.MsgType != "text" {
			t.Errorf("posted msgtype %q", m.MsgType)
		}
		posts <- m.Text.Content
		w.Write([]byte(`{"errcode":0}`))
	}))
	defer robot.Close()
	r := startRun(t, false, func(cfg *linli.Config) { cfg.Alert.Webhook = robot.URL })
	r.srv.Confirm() // the first login's QR code
	r.until(linli.SessionUp)
	<-posts // a scan was needed at start too

	r.srv.Kick(1100) // logged out on the phone: the saved login is stale
	scan := r.until(linli.SessionScan)
	alert := wait(t, posts, "the webhook alert")
	if !strings.Contains(alert, scan.QRCode) || scan.QRCode == "" || !strings.Contains(alert, "扫码") {
		t.Errorf("alert %q does not name the QR code %q", alert, scan.QRCode)
	}
	r.srv.Confirm()
	r.until(linli.SessionUp)
	r.flush()
	select {
	case extra := <-posts:
		t.Errorf("a second alert for one outage: %q", extra)
	default:
	}
	if n := len(r.sentTo("李社工")); n != 1 {
		t.Errorf("李社工 got %d messages, want the restored notice: %q", n, r.sentTo("李社工"))
	}
}
