package bot_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"linli"
	"linli/bot"
)

// robot is a local stand-in for a WeCom group robot: it records what is
// posted and answers as WeCom does.
func robot(t *testing.T) (*httptest.Server, chan map[string]any) {
	got := make(chan map[string]any, 10)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var m map[string]any
		if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" || json.Unmarshal(body, &m) != nil {
			t.Errorf("robot got %s %q (%s)", r.Method, body, r.Header.Get("Content-Type"))
		}
		got <- m
		w.Write([]byte(`{"errcode":0,"errmsg":"ok"}`))
	}))
	t.Cleanup(srv.Close)
	return srv, got
}

func TestWebhookPostsWeComTextMessage(t *testing.T) {
	srv, got := robot(t)
	w := &bot.Webhook{URL: srv.URL}
	if err := w.Send(context.Background(), "需要扫码"); err != nil {
		t.Fatal(err)
	}
	m := <-got
	text, _ := m["text"].(map[string]any)
	if m["msgtype"] != "text" || text["content"] != "需要扫码" || len(m) != 2 {
		t.Fatalf("posted %v, want {msgtype: text, text: {content: …}}", m)
	}
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"errcode":93000,"errmsg":"invalid webhook url"}`))
	}))
	defer bad.Close()
	if err := (&bot.Webhook{URL: bad.URL}).Send(context.Background(), "x"); err == nil || !strings.Contains(err.Error(), "93000") {
		t.Fatalf("a refused alert = %v, want the errcode", err)
	}
}

// TestOneOutageOneNoticeOneAlert: an outage that flaps (many losses, many
// QR codes) gives one alert out of band and, once back, one notice to each
// staff member saying when it started and how long it lasted.
func TestOneOutageOneNoticeOneAlert(t *testing.T) {
	h := newHarness(t, nil)
	h.cfg.StaffGroup = ""
	h.cfg.Staff = append(h.cfg.Staff, linli.StaffEntry{Name: "赵主任", Role: "supervisor"})
	h.plat.friends["赵主任"] = true
	srv, got := robot(t)
	mon := bot.NewSessionMonitor(h.outbox, h.cfg, h.clock, nil)
	hook := &bot.Webhook{URL: srv.URL}
	alerts := 0
	mon.SetAlert(func(text string) { alerts++; hook.Post(text) })

	mon.Session(linli.SessionEvent{State: linli.SessionScan, QRCode: "/srv/linli/qr.png"}) // starting: the first login
	<-got
	mon.Session(linli.SessionEvent{State: linli.SessionUp, Reason: "微信已扫码登录"})
	h.flush()
	if sent := h.plat.texts(); len(sent) != 0 {
		t.Fatalf("the first login is not an outage, but staff got %q", sent)
	}

	h.clock.Set(time.Date(2026, 11, 23, 10, 5, 0, 0, h.cfg.Location))
	h.outbox.Send(linli.Outgoing{To: linli.Chat{Group: "幸福里1期居民群"}, Text: "停水通知", Priority: linli.PriorityBroadcast})
	mon.Session(linli.SessionEvent{State: linli.SessionDown, Reason: "微信会话失效（1101）"})
	for i := 0; i < 20; i++ {
		h.clock.Advance(30 * time.Second)
		h.flush()
		mon.Session(linli.SessionEvent{State: linli.SessionDown, Reason: "微信登录失败"})
		mon.Session(linli.SessionEvent{State: linli.SessionScan, QRCode: "/srv/linli/qr.png"})
	}
	select {
	case m := <-got:
		if text := m["text"].(map[string]any)["content"].(string); !strings.Contains(text, "/srv/linli/qr.png") || !strings.Contains(text, "10:05") {
			t.Errorf("alert %q lacks the QR code's file or when it dropped", text)
		}
	case <-time.After(10 * time.Second): // a guard: the alert is posted in the background
		t.Fatal("no alert")
	}
	mon.Session(linli.SessionEvent{State: linli.SessionUp})
	h.flush()
	want := "【系统】微信连接曾于 11-23 10:05 中断（微信会话失效（1101）），已于 10:15 恢复，共中断10分钟。期间积压的1条消息已补发。"
	sent := h.plat.texts()
	if len(sent) != 3 || sent[0] != "[幸福里1期居民群] 停水通知" || sent[1] != "[私聊 李社工] "+want || sent[2] != "[私聊 赵主任] "+want {
		t.Fatalf("after the outage sent\n%s", strings.Join(sent, "\n"))
	}
	if alerts != 2 {
		t.Fatalf("%d alerts, want 2: one while starting, one for the outage", alerts)
	}
}
