package main

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"linli/bot/wxfake"
)

// On WeChat only the friend whose 备注 is a staff name gets a workbench
// link: not a friend who calls himself 李社工, not a group member whose
// 群昵称 is 李社工.
func TestWeChatWorkbenchLinkOnlyByRemark(t *testing.T) {
	e := startTrustE2E(t)
	e.app.web.BaseURL = "http://127.0.0.1:1" // links are sent once a server listens
	e.flush()
	link := func(got string) bool { return strings.Contains(got, "/login?t=") }

	n := len(e.srv.Sent())
	e.srv.Inject(wxfake.PrivateText{From: "李社工", Text: "后台"}) // nickname only, no 备注
	e.waitHandled("后台")
	e.flush()
	if got := e.sentSince(n); link(got) || !strings.Contains(got, "居民朋友") {
		t.Errorf("a friend with the nickname only:\n%s", got)
	}

	n = len(e.srv.Sent())
	e.say("老赵", "@邻里通 后台") // 群昵称 李社工
	e.flush()
	if got := e.sentSince(n); link(got) {
		t.Errorf("the group member called 李社工 got a link:\n%s", got)
	}

	n = len(e.srv.Sent())
	e.srv.Inject(wxfake.PrivateText{From: "Lily", Text: "后台"}) // 备注 李社工
	e.waitHandled("后台")
	e.flush()
	var toLily bool
	for _, s := range e.srv.Sent()[n:] {
		toLily = toLily || s.ToUserName == e.srv.UserName("Lily") && link(s.Text)
	}
	if !toLily {
		t.Errorf("the real 李社工 got no link privately:\n%s", e.sentSince(n))
	}
}

// `linli run` with [web] addr: the workbench listens, and the 后台 link
// names the address it listens on.
func TestWorkbenchListens(t *testing.T) {
	h := newHarness(t, "2026-11-23 09:00", nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := h.app.serveWorkbench(ctx, "127.0.0.1:0", "", slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
	base := h.app.web.BaseURL
	if !strings.HasPrefix(base, "http://127.0.0.1:") || strings.HasSuffix(base, ":0") {
		t.Fatalf("BaseURL %q, want the bound address", base)
	}
	h.say("李社工: 后台")
	var link string
	for _, s := range texts(h.flush()) {
		link = loginLink.FindString(s)
	}
	if !strings.HasPrefix(link, base+"/login?t=") {
		t.Fatalf("the link %q does not name %s", link, base)
	}
	resp, err := http.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("GET %s: %d", link, resp.StatusCode)
	}
	if err := h.app.serveWorkbench(ctx, base[len("http://"):], "", slog.New(slog.DiscardHandler)); err == nil || !strings.Contains(err.Error(), "工作台无法监听") {
		t.Errorf("a second server on the same address: %v, want the Chinese error", err)
	}
}
