package wxfake_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/eatmoreapple/openwechat"

	"linli/bot/wxfake"
)

const (
	g1    = "幸福里1期居民群"
	zhang = "张阿姨"
)

func community() wxfake.Options {
	return wxfake.Options{
		Groups: []wxfake.Group{
			{Topic: g1, Members: []wxfake.Member{{NickName: zhang, DisplayName: "3-502 张阿姨"}, {NickName: "李社工"}}},
			{Topic: "幸福里工作群", Members: []wxfake.Member{{NickName: "李社工"}}},
		},
		Friends:  []wxfake.Friend{{NickName: "李社工"}},
		SyncHold: 5 * time.Second,
	}
}

// guard is the failure timeout: tests never wait on it unless broken.
func guard(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func pngBytes(t *testing.T, n int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, n, n))
	for i := 0; i < n; i++ {
		img.Set(i, i, color.RGBA{R: 200, A: 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

type received struct {
	topic, sender, text string
	image               []byte
	id                  string
}

// newBot returns a real openwechat bot pointed at srv whose handler copies
// group and private messages onto the returned channel. A private message
// "logout" makes the handler log out (Logout must run on the sync goroutine).
func newBot(t *testing.T, ctx context.Context, srv *wxfake.Server) (*openwechat.Bot, chan received) {
	bot := openwechat.NewBot(ctx)
	bot.Caller.Client.HTTPClient().Transport = srv.Transport()
	openwechat.Normal.Prepare(bot)
	bot.UUIDCallback = func(string) {}
	ch := make(chan received, 16)
	bot.MessageHandler = func(msg *openwechat.Message) {
		r := received{text: msg.Content, id: msg.MsgId}
		if msg.IsComeFromGroup() {
			g, err := msg.Sender()
			if err != nil {
				t.Errorf("Sender: %v", err)
				return
			}
			m, err := msg.SenderInGroup()
			if err != nil {
				t.Errorf("SenderInGroup: %v", err)
				return
			}
			r.topic, r.sender = g.NickName, m.DisplayName
		} else if u, err := msg.Sender(); err == nil {
			r.sender = u.NickName
		}
		if msg.IsPicture() {
			var b bytes.Buffer
			if err := msg.SaveFile(&b); err != nil {
				t.Errorf("SaveFile: %v", err)
			}
			r.image = b.Bytes()
		}
		if r.text == "logout" {
			if err := msg.Bot().Logout(); err != nil {
				t.Errorf("Logout: %v", err)
			}
		}
		ch <- r
	}
	return bot, ch
}

func recv(t *testing.T, ctx context.Context, ch chan received) received {
	t.Helper()
	select {
	case r := <-ch:
		return r
	case <-ctx.Done():
		t.Fatal("timed out waiting for a message")
	}
	return received{}
}

func TestRealClientEndToEnd(t *testing.T) {
	ctx := guard(t)
	srv := wxfake.New(community())
	defer srv.Close()
	bot, ch := newBot(t, ctx, srv)
	scanned := make(chan struct{})
	bot.ScanCallBack = func(openwechat.CheckLoginResponse) { close(scanned) }
	done := make(chan error, 1)
	go func() { done <- bot.Login() }()
	srv.Scan()
	<-scanned
	srv.Confirm()
	if err := <-done; err != nil {
		t.Fatalf("Login: %v", err)
	}
	self, err := bot.GetCurrentUser()
	if err != nil || self.NickName != "邻里通" {
		t.Fatalf("self = %v, %v", self, err)
	}
	groups, err := self.Groups()
	if err != nil {
		t.Fatal(err)
	}
	group := groups.GetByNickName(g1)
	if group == nil || groups.Count() != 2 {
		t.Fatalf("groups = %v", groups)
	}

	srv.Inject(wxfake.GroupText{Group: g1, Member: zhang, Text: "报名 1\n两个人 <好>"})
	if r := recv(t, ctx, ch); r.topic != g1 || r.sender != "3-502 张阿姨" || r.text != "报名 1\n两个人 <好>" {
		t.Fatalf("got %+v", r)
	}
	img := pngBytes(t, 8)
	srv.Inject(wxfake.GroupImage{Group: g1, Member: zhang, Data: img})
	if r := recv(t, ctx, ch); !bytes.Equal(r.image, img) {
		t.Fatalf("image: got %d bytes, want %d", len(r.image), len(img))
	}
	srv.Inject(wxfake.PrivateText{From: "李社工", Text: "导出 报名 1"})
	if r := recv(t, ctx, ch); r.sender != "李社工" || r.topic != "" {
		t.Fatalf("private: %+v", r)
	}

	if _, err := group.SendText("@张阿姨 报名成功"); err != nil {
		t.Fatal(err)
	}
	if _, err := group.SendImage(bytes.NewReader(img)); err != nil {
		t.Fatal(err)
	}
	sent := srv.Sent()
	if len(sent) != 2 || sent[0].To != g1 || !sent[0].Group || sent[0].Text != "@张阿姨 报名成功" ||
		sent[1].Kind != "image" || !bytes.Equal(sent[1].Data, img) {
		t.Fatalf("sent = %+v", sent)
	}

	srv.Inject(wxfake.PrivateText{From: "李社工", Text: "logout"})
	recv(t, ctx, ch)
	<-bot.Context().Done()
	if !errors.Is(bot.CrashReason(), openwechat.ErrUserLogout) || srv.Stats().Logouts != 1 || srv.LoggedIn() {
		t.Fatalf("after logout: reason %v, stats %+v", bot.CrashReason(), srv.Stats())
	}
}

func login(t *testing.T, ctx context.Context, srv *wxfake.Server, hot string) (*openwechat.Bot, chan received, context.CancelFunc) {
	t.Helper()
	bctx, cancel := context.WithCancel(ctx)
	bot, ch := newBot(t, bctx, srv)
	if err := bot.HotLogin(openwechat.NewFileHotReloadStorage(hot), openwechat.NewRetryLoginOption()); err != nil {
		t.Fatalf("login: %v", err)
	}
	return bot, ch, cancel
}

func TestHotLoginKickAndRelogin(t *testing.T) {
	ctx := guard(t)
	opts := community()
	opts.AutoConfirm = true
	srv := wxfake.New(opts)
	defer srv.Close()
	hot := filepath.Join(t.TempDir(), "hot.json")

	_, _, cancel := login(t, ctx, srv, hot)
	cancel()
	bot, _, cancel := login(t, ctx, srv, hot)
	defer cancel()
	if st := srv.Stats(); st.QRLogins != 1 || st.HotLogins != 1 {
		t.Fatalf("stats after hot login: %+v", st)
	}
	before := srv.UserName(g1)
	srv.Kick(1102)
	<-bot.Context().Done()
	var ret openwechat.Ret
	if !errors.As(bot.CrashReason(), &ret) || ret != 1102 {
		t.Fatalf("crash reason %v", bot.CrashReason())
	}
	b := openwechat.NewBot(ctx)
	b.Caller.Client.HTTPClient().Transport = srv.Transport()
	if err := b.HotLogin(openwechat.NewFileHotReloadStorage(hot)); err == nil {
		t.Fatal("hot login with kicked credentials succeeded")
	}
	srv.Relogin()
	if after := srv.UserName(g1); after == before || after == "" {
		t.Fatalf("UserName not renewed: %q → %q", before, after)
	}
	bot, ch, cancel2 := login(t, ctx, srv, hot) // stale hot login → QR (auto-confirmed)
	defer cancel2()
	srv.Inject(wxfake.GroupText{Group: g1, Member: "3-502 张阿姨", Text: "在吗"})
	if r := recv(t, ctx, ch); r.topic != g1 || r.sender != "3-502 张阿姨" {
		t.Fatalf("after relogin: %+v", r)
	}
	_ = bot
}

func TestFaultsAndFiles(t *testing.T) {
	ctx := guard(t)
	opts := community()
	opts.AutoConfirm = true
	srv := wxfake.New(opts)
	defer srv.Close()
	bot, ch, cancel := login(t, ctx, srv, filepath.Join(t.TempDir(), "hot.json"))
	defer cancel()
	self, _ := bot.GetCurrentUser()
	friends, err := self.Friends()
	if err != nil {
		t.Fatal(err)
	}
	li := friends.GetByNickName("李社工")

	srv.FailSends(1, 1205)
	_, err = li.SendText("第一次")
	var ret openwechat.Ret
	if !errors.As(err, &ret) || ret != 1205 {
		t.Fatalf("want Ret 1205, got %v", err)
	}
	srv.DropNextSend()
	if _, err := li.SendText("丢了回应"); err != nil {
		t.Fatalf("dropped response: %v", err)
	}
	sent := srv.Sent()
	t.Logf("a send whose response was dropped was recorded %d times (openwechat retries POSTs)", len(sent))
	if len(sent) != 2 || sent[0].Text != "丢了回应" || sent[1].Text != "丢了回应" {
		t.Fatalf("sent = %+v", sent)
	}

	data := bytes.Repeat([]byte("0123456789"), 120_000) // 1.2 MB: three chunks
	path := filepath.Join(t.TempDir(), "报名表-3.xlsx")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := li.SendFile(f); err != nil {
		t.Fatal(err)
	}
	last := srv.Sent()[2]
	if last.Kind != "file" || last.Name != "报名表-3.xlsx" || !bytes.Equal(last.Data, data) || srv.Stats().Chunks != 3 {
		t.Fatalf("file: %s %q %d bytes, stats %+v", last.Kind, last.Name, len(last.Data), srv.Stats())
	}

	srv.InjectMalformed()
	id := srv.InjectTwice(wxfake.PrivateText{From: "李社工", Text: "重复"})
	a, b := recv(t, ctx, ch), recv(t, ctx, ch)
	if a.id != id || b.id != id {
		t.Fatalf("duplicate delivery: %q %q, want %q twice", a.id, b.id, id)
	}
}

func TestRenameIsSeenAfterTheNextLogin(t *testing.T) {
	ctx := guard(t)
	opts := community()
	opts.AutoConfirm = true
	srv := wxfake.New(opts)
	defer srv.Close()
	hot := filepath.Join(t.TempDir(), "hot.json")
	_, ch, cancel := login(t, ctx, srv, hot)
	srv.Inject(wxfake.GroupText{Group: g1, Member: zhang, Text: "改名前"})
	recv(t, ctx, ch)
	const renamed = "幸福里一期邻居群"
	if srv.Rename("没有这个群", "x") {
		t.Fatal("renamed a group that does not exist")
	}
	before := srv.UserName(g1)
	if !srv.Rename(g1, renamed) || srv.UserName(renamed) != before || srv.UserName(g1) != "" {
		t.Fatalf("after Rename: UserName %q → %q, old name %q", before, srv.UserName(renamed), srv.UserName(g1))
	}
	// openwechat cached the group at login: the old topic until it logs in again.
	srv.Inject(wxfake.GroupText{Group: renamed, Member: zhang, Text: "改名后"})
	if r := recv(t, ctx, ch); r.topic != g1 {
		t.Fatalf("before the next login: %+v", r)
	}
	srv.Relogin()
	cancel()
	_, ch, cancel = login(t, ctx, srv, hot)
	defer cancel()
	srv.Inject(wxfake.GroupText{Group: renamed, Member: zhang, Text: "重新登录后"})
	if r := recv(t, ctx, ch); r.topic != renamed || r.sender != "3-502 张阿姨" {
		t.Fatalf("after the next login: %+v", r)
	}
}
