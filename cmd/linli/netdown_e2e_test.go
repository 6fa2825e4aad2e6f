package main

import (
	"net"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"linli"
	"linli/bot/wechat"
)

// unplugged is a transport that refuses every connection while the
// simulated clock is before until, as when the WeChat server is stopped.
type unplugged struct {
	base  http.RoundTripper
	now   func() time.Time
	until atomic.Pointer[time.Time]
}

func (u *unplugged) RoundTrip(req *http.Request) (*http.Response, error) {
	if t := u.until.Load(); t != nil && u.now().Before(*t) {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	}
	return u.base.RoundTrip(req)
}

// TestConnectionRefusedIsAnOutageFromTheStart: the server cannot be reached
// for three minutes while a session is live. The red team saw the session
// kept "online" while polls were refused, and the notice say 共中断3秒 for
// a 64 s outage. Here the session goes down at the first refused poll (the
// outbox holds what is queued meanwhile) and staff are told the real start
// and length.
func TestConnectionRefusedIsAnOutageFromTheStart(t *testing.T) {
	var cut *unplugged
	var r *runRig
	r = startRunWith(t, true, nil, func(o *serveOptions) {
		prev := o.wechat
		o.wechat = func(w *wechat.Options) {
			prev(w)
			base := w.Transport
			if base == nil {
				base = http.DefaultTransport
			}
			cut = &unplugged{base: base, now: func() time.Time { return r.clock.Now() }} // used once r is set
			w.Transport = cut
		}
	})
	r.until(linli.SessionUp)
	start := r.clock.Now()
	until := start.Add(3 * time.Minute)
	cut.until.Store(&until)
	r.until(linli.SessionDown)
	if r.app.outbox.Online() {
		t.Error("the outbox still delivers while the server cannot be reached")
	}
	if err := r.app.outbox.Send(linli.Outgoing{To: linli.Chat{Group: rigGroup1}, Text: "【通知】停水", Alone: true, Priority: linli.PriorityBroadcast}); err != nil {
		t.Fatal(err)
	}
	r.until(linli.SessionUp)
	r.flush()
	var notice string
	for _, text := range r.sentTo("李社工") {
		if strings.Contains(text, "微信连接曾于") {
			notice = text
		}
	}
	if !strings.Contains(notice, "微信连接曾于 "+start.Format("01-02 15:04")+" 中断") || !strings.Contains(notice, "共中断3分钟") {
		t.Errorf("notice %q; want the outage from %s, 3 minutes long", notice, start.Format("01-02 15:04"))
	}
	if n := strings.Count(strings.Join(r.sentTo(rigGroup1), "\n"), "【通知】停水"); n != 1 {
		t.Errorf("the notice queued during the outage was delivered %d times", n)
	}
}
