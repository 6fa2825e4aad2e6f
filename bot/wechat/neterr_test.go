package wechat

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"linli"
)

type sessionLog struct {
	mu     sync.Mutex
	events []linli.SessionEvent
}

func (s *sessionLog) Receive(linli.Message) error { return nil }
func (s *sessionLog) Session(ev linli.SessionEvent) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.events = append(s.events, ev)
}

// Without a reachable WeChat server, Serve says so in words, with the pause
// before the next try, and keeps its backoff pace (1 s, 2 s, 4 s with the
// jitter at its middle).
func TestServeUnreachableSaysSoInWords(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now: connection refused

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var logs bytes.Buffer
	var mu sync.Mutex
	var pauses []time.Duration
	a, err := New(Options{
		ServerURL: "http://" + addr,
		Logger:    slog.New(slog.NewTextHandler(&logs, nil)),
		Jitter:    func() float64 { return 0.5 },
		Sleep: func(ctx context.Context, d time.Duration) bool {
			mu.Lock()
			defer mu.Unlock()
			pauses = append(pauses, d)
			if len(pauses) == 3 {
				cancel()
			}
			return ctx.Err() == nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	inbox := &sessionLog{}
	if err := a.Serve(ctx, inbox); err != nil {
		t.Fatal(err)
	}
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}
	if fmt.Sprint(pauses) != fmt.Sprint(want) {
		t.Errorf("pauses %v, want %v", pauses, want)
	}
	for _, line := range []string{"无法连接微信服务器（连接被拒绝），1 秒后重试", "无法连接微信服务器（连接被拒绝），2 秒后重试", "无法连接微信服务器（连接被拒绝），4 秒后重试"} {
		if !strings.Contains(logs.String(), line) {
			t.Errorf("log lacks %q:\n%s", line, logs.String())
		}
	}
	if strings.Contains(logs.String(), "login failed") {
		t.Errorf("English in the log:\n%s", logs.String())
	}
	inbox.mu.Lock()
	defer inbox.mu.Unlock()
	if len(inbox.events) == 0 || inbox.events[0].Reason != "无法连接微信服务器（连接被拒绝）" {
		t.Errorf("session events %+v, want the down reason in words", inbox.events)
	}
}

type timeoutErr struct{}

func (timeoutErr) Error() string   { return "i/o timeout" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

func TestNetworkTrouble(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
		ok   bool
	}{
		{&net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host", Name: "login.weixin.qq.com", IsNotFound: true}}, "域名解析失败，请检查网络或 DNS 设置", true},
		{fmt.Errorf("post: %w", &net.OpError{Op: "dial", Err: timeoutErr{}}), "连接超时", true},
		{fmt.Errorf("get: %w", context.DeadlineExceeded), "连接超时", true},
		{errors.New("ret 1203"), "", false},
		{nil, "", false},
	} {
		why, ok := networkTrouble(tc.err)
		if why != tc.want || ok != tc.ok {
			t.Errorf("networkTrouble(%v) = %q, %v; want %q, %v", tc.err, why, ok, tc.want, tc.ok)
		}
	}
	if got := unreachable("连接超时", 1500*time.Millisecond); got != "无法连接微信服务器（连接超时），2 秒后重试" {
		t.Errorf("unreachable: %q", got)
	}
}
