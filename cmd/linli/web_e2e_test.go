package main

import (
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
