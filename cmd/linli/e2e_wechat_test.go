package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"linli"
	"linli/bot"
	"linli/bot/wechat"
	"linli/bot/wxfake"
)

// e2e runs the whole bot — engine, handlers, outbox, storage — on the real
// openwechat client against the fake WeChat server over loopback. The app
// runs on a simulated clock: the test advances it to let the outbox send.
type e2e struct {
	t       *testing.T
	srv     *wxfake.Server
	app     *app
	clock   *linli.SimClock
	handled chan string
	session chan bool
}

const e2eGroup = "幸福里1期居民群"

func startE2E(t *testing.T, adjust ...func(*wxfake.Options)) *e2e {
	t.Helper()
	// Staff are the bot's friends whose 备注 is the configured name.
	opts := wxfake.Options{
		Groups: []wxfake.Group{
			{Topic: e2eGroup, Members: []wxfake.Member{{NickName: "张阿姨", DisplayName: "3-502 张阿姨"}, {NickName: "王叔"}}},
			{Topic: "幸福里工作群", Members: []wxfake.Member{{NickName: "李社工"}}},
		},
		Friends: []wxfake.Friend{{NickName: "李社工", RemarkName: "李社工"}, {NickName: "王网格", RemarkName: "王网格"},
			{NickName: "赵主任", RemarkName: "赵主任"}},
		SyncHold: 200 * time.Millisecond,
	}
	for _, f := range adjust {
		f(&opts)
	}
	srv := wxfake.New(opts)
	t.Cleanup(srv.Close)
	cfg, err := loadConfig("")
	if err != nil {
		t.Fatal(err)
	}
	e := &e2e{t: t, srv: srv, clock: linli.NewSimClock(time.Date(2026, 11, 23, 9, 0, 0, 0, cfg.Location)),
		handled: make(chan string, 100), session: make(chan bool, 10)}
	observe := func(next linli.HandlerFunc) linli.HandlerFunc {
		return func(ctx context.Context, req *linli.Request) error {
			defer func() { e.handled <- req.Msg.Norm }()
			return next(ctx, req)
		}
	}
	e.app, err = newApp(cfg, e.clock, slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError})), appOptions{dbPath: filepath.Join(t.TempDir(), "linli.db"),
		middleware: []linli.Middleware{observe}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.app.Close() })
	wopt := wechat.Options{
		ServerURL: srv.URL(), Clock: e.clock,
		HotLoginFile: filepath.Join(t.TempDir(), "hot.json"), RetryDelay: time.Millisecond,
	}
	e.app.wechatGroups(&wopt) // as linli run does
	adapter, err := wechat.New(wopt)
	if err != nil {
		t.Fatal(err)
	}
	e.app.outbox.SetPlatform(adapter)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{}, 2)
	go func() { e.app.engine.Run(ctx); done <- struct{}{} }()
	inbox := observedInbox{Inbox: bot.Inbox{Engine: e.app.engine, Monitor: e.app.monitor}, session: e.session}
	go func() { adapter.Serve(ctx, inbox); done <- struct{}{} }()
	t.Cleanup(func() { cancel(); <-done; <-done })
	srv.Confirm() // the QR code is scanned and confirmed
	e.waitSession(true)
	return e
}

// observedInbox is the inbox of `linli run` that also reports session
// changes to the test.
type observedInbox struct {
	bot.Inbox
	session chan bool
}

func (i observedInbox) Session(ev linli.SessionEvent) {
	i.Inbox.Session(ev)
	switch ev.State {
	case linli.SessionUp:
		i.session <- true
	case linli.SessionDown:
		i.session <- false
	}
}

// wait fails the test if ch yields nothing in time (a guard, not a delay).
func wait[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(20 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
	}
	var zero T
	return zero
}

func (e *e2e) waitSession(up bool) {
	e.t.Helper()
	for {
		if wait(e.t, e.session, "a session change") == up {
			return
		}
	}
}

// say injects a group message and waits until the engine has handled it.
func (e *e2e) say(member, text string) {
	e.t.Helper()
	e.srv.Inject(wxfake.GroupText{Group: e2eGroup, Member: member, Text: text})
	e.waitHandled(text)
}

func (e *e2e) waitHandled(text string) {
	e.t.Helper()
	for {
		if got := wait(e.t, e.handled, "message "+text); strings.Contains(text, got) {
			break
		}
	}
	// The handlers are done, but the engine answers a handler's error (a
	// refusal) after the middleware returns, and completes the message in
	// the journal after that: wait for the journal to be empty, so that
	// the reply is in the outbox before the test flushes it.
	deadline := time.Now().Add(10 * time.Second)
	for {
		pending, err := e.app.db.PendingInbound()
		if err != nil {
			e.t.Fatal(err)
		}
		if len(pending) == 0 {
			return
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("message %q still pending in the journal after 10 s", text)
		}
		runtime.Gosched()
	}
}

// flush advances the simulated clock until the outbox is empty or held.
func (e *e2e) flush() {
	e.t.Helper()
	for i := 0; i < 100; i++ {
		due, ok := e.app.outbox.NextDue()
		if !ok {
			return
		}
		e.clock.Set(due)
		if err := e.app.outbox.RunDue(e.clock.Now()); err != nil {
			e.t.Fatal(err)
		}
	}
}

func (e *e2e) sentTexts() []string {
	var out []string
	for _, s := range e.srv.Sent() {
		out = append(out, fmt.Sprintf("[%s] %s", s.To, s.Text))
	}
	return out
}

func TestWeChatEndToEnd(t *testing.T) {
	e := startE2E(t)

	// A resident's group message reaches the handler; the reply arrives at the fake.
	e.say("张阿姨", "绑定 3栋502")
	e.flush()
	if got := e.sentTexts(); len(got) != 1 || got[0] != "["+e2eGroup+"] @3-502 张阿姨 已登记您的户号（户号不在群里显示，私聊我发「绑定 户号」可核对）。以后报名、上报、投票都会按这户记录。" {
		t.Fatalf("sent = %q", got)
	}

	// A duplicate delivery has one effect.
	e.srv.InjectTwice(wxfake.GroupText{Group: e2eGroup, Member: "王叔", Text: "绑定 4栋101"})
	e.say("张阿姨", "帮助") // a barrier: handled after both deliveries
	e.flush()
	if n := strings.Count(strings.Join(e.sentTexts(), "\n"), "@王叔 已登记您的户号"); n != 1 {
		t.Fatalf("duplicate delivery answered %d times: %q", n, e.sentTexts())
	}

	// Ret 1205 on send: the outbox retries later, without loss and without a double.
	before := len(e.srv.Sent())
	e.srv.FailSends(1, 1205)
	e.say("王叔", "绑定 5栋202")
	e.flush()
	sent := e.srv.Sent()[before:]
	if len(sent) != 1 || !strings.Contains(sent[0].Text, "@王叔 已更新您的户号") {
		t.Fatalf("after Ret 1205 sent %+v, want exactly one reply", sent)
	}

	// A kick in the middle of a burst loses nothing.
	before = len(e.srv.Sent())
	for i := 1; i <= 5; i++ {
		e.app.outbox.Send(linli.Outgoing{To: linli.Chat{User: "李社工"}, Text: fmt.Sprintf("第%d条", i)})
		e.app.outbox.Send(linli.Outgoing{To: linli.Chat{Group: e2eGroup}, Text: fmt.Sprintf("群通知%d", i)})
		if i == 1 {
			e.flush()
			e.srv.Kick(1101)
			e.waitSession(false)
		}
	}
	e.flush() // held while the session is down: nothing may be sent, nothing dropped
	if e.app.outbox.Pending() == 0 {
		t.Fatal("outbox emptied while the session was down")
	}
	// Re-login gives every contact and group a new UserName.
	e.srv.Relogin()
	e.srv.Confirm()
	e.waitSession(true)
	e.flush()
	all := strings.Join(func() []string {
		var s []string
		for _, x := range e.srv.Sent()[before:] {
			s = append(s, x.Text)
		}
		return s
	}(), "\n")
	for i := 1; i <= 5; i++ {
		for _, want := range []string{fmt.Sprintf("第%d条", i), fmt.Sprintf("群通知%d", i)} {
			if n := strings.Count(all, want); n != 1 {
				t.Errorf("%s delivered %d times across the kick, want 1", want, n)
			}
		}
	}

	if !strings.Contains(all, "【系统】微信连接曾于") {
		t.Errorf("staff were not told the session was lost and restored: %q", all)
	}

	// After re-login residents and groups are rebound by name.
	before = len(e.srv.Sent())
	e.say("张阿姨", "帮助")
	e.flush()
	sent = e.srv.Sent()[before:]
	if len(sent) != 1 || sent[0].To != e2eGroup || sent[0].ToUserName != e.srv.UserName(e2eGroup) ||
		!strings.HasPrefix(sent[0].Text, "@3-502 张阿姨 ") {
		t.Fatalf("after re-login sent %+v", sent)
	}
	r, err := e.app.db.Resident("3-502 张阿姨")
	if err != nil || r.Household != "3栋502" {
		t.Fatalf("resident after re-login = %+v, %v", r, err)
	}
}

func TestWeChatHandlerPanicKeepsRunning(t *testing.T) {
	e := startE2E(t)
	e.app.engine.Router().Command(linli.Command{Names: []string{"崩溃测试"}, Handler: func(ctx context.Context, req *linli.Request) error {
		panic("handler bug")
	}})
	e.say("王叔", "崩溃测试")
	e.say("张阿姨", "帮助")
	e.flush()
	got := strings.Join(e.sentTexts(), "\n")
	if !strings.Contains(got, "@王叔 "+linli.GenericErrorText) || !strings.Contains(got, "@3-502 张阿姨 您好") {
		t.Fatalf("sent = %q: a panic must be answered generically and the bot keep going", got)
	}
}

func TestWeChatImageAndTextBecomeOneReport(t *testing.T) {
	e := startE2E(t)
	photo := []byte("\x89PNG\r\n\x1a\n fake photo of a broken light")
	e.srv.Inject(wxfake.GroupImage{Group: e2eGroup, Member: "张阿姨", Data: photo})
	e.waitHandled("") // the image
	e.say("张阿姨", "随手拍 3号楼楼道灯坏了")
	e.flush()
	r, err := e.app.db.Report(1)
	if err != nil {
		t.Fatalf("no report: %v (sent %q)", err, e.sentTexts())
	}
	if r.Reporter != "3-502 张阿姨" || len(r.Images) != 1 {
		t.Fatalf("report = %+v, want one image from 3-502 张阿姨", r)
	}
	path, err := e.app.db.MediaPath(r.Images[0])
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != string(photo) {
		t.Fatalf("stored image = %q, %v; want the bytes sent", got, err)
	}
	var toWorker bool
	for _, s := range e.srv.Sent() {
		if s.To == "王网格" && s.Kind == "image" && string(s.Data) == string(photo) {
			toWorker = true
		}
	}
	if !toWorker {
		t.Fatalf("the grid worker did not get the photo: %+v", e.srv.Sent())
	}
}

// sayIn injects a group message in group and waits until it is handled.
func (e *e2e) sayIn(group, member, text string) {
	e.t.Helper()
	e.srv.Inject(wxfake.GroupText{Group: group, Member: member, Text: text})
	e.waitHandled(text)
}

func TestWeChatRenamedGroupIsReBound(t *testing.T) {
	e := startE2E(t)
	const renamed = "幸福里一期邻居群"
	// Residents rename the group; the bot sees the new name at its next login.
	if !e.srv.Rename(e2eGroup, renamed) {
		t.Fatal("no group to rename")
	}
	e.srv.Relogin()
	e.waitSession(false)
	e.srv.Confirm()
	e.waitSession(true)
	e.flush() // the session notice to staff
	before := len(e.srv.Sent())

	// Unknown now: a resident there is ignored (the staff group's message,
	// handled after it, is the barrier).
	e.srv.Inject(wxfake.GroupText{Group: renamed, Member: "张阿姨", Text: "帮助 改名后"})
	e.srv.Inject(wxfake.GroupText{Group: "幸福里工作群", Member: "李社工", Text: "帮助"})
	for got := wait(t, e.handled, "the barrier"); got != "帮助"; got = wait(t, e.handled, "the barrier") {
		if strings.Contains(got, "改名后") {
			t.Fatalf("a message from the renamed group was handled before it was bound: %q", got)
		}
	}
	e.flush()
	for _, s := range e.srv.Sent()[before:] {
		if s.To != "幸福里工作群" {
			t.Fatalf("sent %+v, want only the answer in the staff group", s)
		}
	}

	// A notice to the group is queued; staff bind the group from inside it.
	before = len(e.srv.Sent())
	e.app.outbox.Send(linli.Outgoing{To: linli.Chat{Group: e2eGroup}, Text: "今晚7点开楼长会", Alone: true})
	e.sayIn(renamed, "李社工", "绑定群 "+e2eGroup)
	e.flush()
	sent := e.srv.Sent()[before:]
	if len(sent) != 2 || sent[0].Text != "今晚7点开楼长会" || !strings.HasPrefix(sent[1].Text, "已绑定：本群即「"+e2eGroup+"」") {
		t.Fatalf("after binding sent %+v", sent)
	}
	for _, s := range sent {
		if s.To != renamed || s.ToUserName != e.srv.UserName(renamed) {
			t.Fatalf("sent to %q (%s), want the renamed group", s.To, s.ToUserName)
		}
	}

	// Residents are served again; replies go to the new name.
	before = len(e.srv.Sent())
	e.sayIn(renamed, "张阿姨", "绑定 3栋502")
	e.flush()
	sent = e.srv.Sent()[before:]
	if len(sent) != 1 || sent[0].To != renamed || !strings.HasPrefix(sent[0].Text, "@3-502 张阿姨 已登记您的户号（户号不在群里显示") {
		t.Fatalf("resident's reply: %+v", sent)
	}
	if r, err := e.app.db.Resident("3-502 张阿姨"); err != nil || r.LastGroup != e2eGroup {
		t.Fatalf("resident = %+v, %v; want the configured group as last group", r, err)
	}
}
