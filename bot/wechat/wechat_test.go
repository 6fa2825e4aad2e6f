package wechat_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"linli"
	"linli/bot/wechat"
	"linli/bot/wxfake"
)

const (
	g1    = "幸福里1期居民群"
	staff = "幸福里工作群"
)

func TestReceive(t *testing.T) {
	h := start(t)
	img := pngBytes(t)
	h.srv.Inject(wxfake.GroupText{Group: "广场舞群", Member: "张阿姨", Text: "not served"})
	h.srv.Inject(wxfake.SelfText{To: g1, Text: "the bot's own echo"})
	h.srv.Inject(wxfake.GroupText{Group: g1, Member: "张阿姨", Text: "@邻里通 报名 1"})
	m := h.next()
	if m.Group != g1 || m.Sender != "3-502 张阿姨" || m.Nickname != "张阿姨" || m.Text != "@邻里通 报名 1" ||
		!m.Mentioned || m.ID == "" || m.Image != nil {
		t.Fatalf("group text: %+v", m)
	}
	h.srv.Inject(wxfake.GroupImage{Group: g1, Member: "3-502 张阿姨", Data: img})
	m = h.next()
	if m.Image == nil || !bytes.Equal(m.Image.Data, img) || m.Image.Kind != linli.MediaImage || m.Sender != "3-502 张阿姨" {
		t.Fatalf("group image: %+v", m)
	}
	if saved, err := os.ReadFile(m.Image.Path); err != nil || !bytes.Equal(saved, img) {
		t.Fatalf("image not saved in MediaDir: %v", err)
	}
	h.srv.Inject(wxfake.PrivateText{From: "李社工", Text: "导出 报名 1"})
	if m = h.next(); m.Group != "" || m.Sender != "李社工" || m.Text != "导出 报名 1" || m.Mentioned {
		t.Fatalf("private text: %+v", m)
	}
}

func TestDeliver(t *testing.T) {
	h := start(t)
	ctx := h.ctx
	if !h.a.CanPrivate("李社工") || h.a.CanPrivate("张阿姨") {
		t.Fatal("CanPrivate: want 李社工 only")
	}
	img, xlsx := pngBytes(t), bytes.Repeat([]byte("PK\x03\x04 xlsx "), 100_000) // 1.1 MB: chunked
	imgPath := filepath.Join(t.TempDir(), "随手拍.png")
	if err := os.WriteFile(imgPath, img, 0o600); err != nil {
		t.Fatal(err)
	}
	outs := []linli.Outgoing{
		{ID: 1, To: linli.Chat{Group: g1}, Text: "@3-502 张阿姨 报名成功", Mention: []string{"3-502 张阿姨"}},
		{ID: 2, To: linli.Chat{User: "李社工"}, Media: &linli.Media{Name: "报名表-3.xlsx", Kind: linli.MediaFile, Data: xlsx}},
		{ID: 3, To: linli.Chat{Group: staff}, Text: "新上报", Media: &linli.Media{Name: "随手拍.png", Kind: linli.MediaImage, Path: imgPath}},
	}
	for _, out := range outs {
		if err := h.a.Deliver(out); err != nil {
			t.Fatalf("Deliver %d: %v", out.ID, err)
		}
	}
	sent, err := h.srv.WaitSent(ctx, 4)
	if err != nil {
		t.Fatal(err)
	}
	want := []wxfake.Sent{
		{Kind: "text", To: g1, Group: true, Text: "@3-502 张阿姨 报名成功"},
		{Kind: "file", To: "李社工", Name: "报名表-3.xlsx", Data: xlsx},
		{Kind: "text", To: staff, Group: true, Text: "新上报"},
		{Kind: "image", To: staff, Group: true, Name: "随手拍.png", Data: img},
	}
	for i, w := range want {
		s := sent[i]
		if s.Kind != w.Kind || s.To != w.To || s.Group != w.Group || s.Text != w.Text || s.Name != w.Name || !bytes.Equal(s.Data, w.Data) {
			t.Errorf("sent[%d] = %s %q %q %q (%d bytes), want %s %q %q %q (%d bytes)", i, s.Kind, s.To, s.Text, s.Name,
				len(s.Data), w.Kind, w.To, w.Text, w.Name, len(w.Data))
		}
	}
	err = h.a.Deliver(linli.Outgoing{To: linli.Chat{Group: "不存在的群"}, Text: "x"})
	if err == nil || errors.Is(err, linli.ErrRetryLater) {
		t.Fatalf("unknown group: %v", err)
	}
	if err = h.a.Deliver(linli.Outgoing{To: linli.Chat{User: "张阿姨"}, Text: "x"}); err == nil || errors.Is(err, linli.ErrRetryLater) {
		t.Fatalf("not a friend: %v", err)
	}
}

func TestRateLimitedDeliverIsRetriedLater(t *testing.T) {
	h := start(t)
	h.srv.FailSends(1, 1205)
	out := linli.Outgoing{ID: 7, To: linli.Chat{Group: g1}, Text: "活动提醒"}
	if err := h.a.Deliver(out); !errors.Is(err, linli.ErrRetryLater) {
		t.Fatalf("Ret 1205: got %v, want ErrRetryLater", err)
	}
	if err := h.a.Deliver(out); err != nil {
		t.Fatalf("retry: %v", err)
	}
	if sent := h.srv.Sent(); len(sent) != 1 || sent[0].Text != "活动提醒" {
		t.Fatalf("sent = %+v, want exactly one", sent)
	}
	// Text out, image rate-limited: the retry sends only the image.
	out = linli.Outgoing{ID: 8, To: linli.Chat{Group: g1}, Text: "图片如下",
		Media: &linli.Media{Name: "a.png", Kind: linli.MediaImage, Data: pngBytes(t)}}
	h.srv.FailSendsAfter(1, 1, 1205)
	if err := h.a.Deliver(out); !errors.Is(err, linli.ErrRetryLater) {
		t.Fatalf("want ErrRetryLater, got %v", err)
	}
	if err := h.a.Deliver(out); err != nil {
		t.Fatal(err)
	}
	if sent := h.srv.Sent(); len(sent) != 3 || sent[1].Text != "图片如下" || sent[2].Kind != "image" {
		t.Fatalf("sent = %+v", sent)
	}
}

func TestDroppedResponseIsRetriedByTheClient(t *testing.T) {
	h := start(t)
	h.srv.DropNextSend()
	if err := h.a.Deliver(linli.Outgoing{ID: 9, To: linli.Chat{Group: g1}, Text: "通知"}); err != nil {
		t.Fatalf("Deliver: %v", err)
	}
	sent := h.srv.Sent()
	t.Logf("dropped response: the fake recorded the message %d times", len(sent))
	if len(sent) != 2 || sent[0].ClientMsgID != sent[1].ClientMsgID {
		t.Fatalf("sent = %+v: want the same message twice (openwechat retries the POST)", sent)
	}
}

func TestPanicInReceiveAndDuplicates(t *testing.T) {
	h := start(t)
	h.panics.Store(1)
	h.srv.Inject(wxfake.GroupText{Group: g1, Member: "张阿姨", Text: "boom"})
	h.srv.InjectMalformed()
	id := h.srv.InjectTwice(wxfake.GroupText{Group: g1, Member: "张阿姨", Text: "报名 2"})
	a, b := h.next(), h.next()
	if a.ID != id || b.ID != id || a.Text != "报名 2" {
		t.Fatalf("duplicates: %q %q, want %q twice", a.ID, b.ID, id)
	}
	if !h.a.Up() {
		t.Fatal("session dropped after a panic / malformed batch")
	}
	if logs := h.logs.String(); !strings.Contains(logs, "处理消息时程序出错（已恢复）") || !strings.Contains(logs, "engine bug") {
		t.Fatalf("panic not logged:\n%s", logs)
	}
}

func TestKickThenReloginWithNewUserNames(t *testing.T) {
	ctx := guard(t)
	srv := wxfake.New(community(false))
	defer srv.Close()
	h := newHarness(t, ctx, srv, filepath.Join(t.TempDir(), "hot.json"))
	srv.Confirm()
	h.run()
	h.session(true)
	<-h.qrs
	oldGroup := srv.UserName(g1)

	srv.Kick(1101)
	if e := h.session(false); e.reason == "" {
		t.Fatal("OnSession(false) without a reason")
	}
	if err := h.a.Deliver(linli.Outgoing{To: linli.Chat{Group: g1}, Text: "掉线时"}); !errors.Is(err, linli.ErrRetryLater) {
		t.Fatalf("Deliver while down: %v", err)
	}
	<-h.qrs // the stale hot login fell back to a QR code
	srv.Relogin()
	srv.Confirm()
	h.session(true)
	if srv.UserName(g1) == oldGroup {
		t.Fatal("fake did not rename the group")
	}
	srv.Inject(wxfake.GroupText{Group: g1, Member: "张阿姨", Text: "还在吗"})
	if m := h.next(); m.Group != g1 || m.Sender != "3-502 张阿姨" {
		t.Fatalf("after relogin: %+v", m)
	}
	if err := h.a.Deliver(linli.Outgoing{To: linli.Chat{Group: g1}, Text: "@3-502 张阿姨 在的", Mention: []string{"3-502 张阿姨"}}); err != nil {
		t.Fatal(err)
	}
	if err := h.a.Deliver(linli.Outgoing{To: linli.Chat{User: "李社工"}, Text: "已恢复",
		Media: &linli.Media{Name: "x.png", Kind: linli.MediaImage, Data: pngBytes(t)}}); err != nil {
		t.Fatal(err) // the image also checks that the new login's upload cookie replaced the stale one
	}
	sent := srv.Sent()
	if len(sent) != 3 || sent[0].To != g1 || sent[0].ToUserName != srv.UserName(g1) || sent[1].To != "李社工" || sent[2].Kind != "image" {
		t.Fatalf("sent after relogin = %+v", sent)
	}
	if png, err := os.ReadFile(h.qrPNG); err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Fatalf("QR code PNG not saved: %v", err)
	}
	if fi, err := os.Stat(h.qrPNG); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("QR code PNG mode %v (%v), want 0600: it is a login credential", fi.Mode().Perm(), err)
	}
}

func TestHotLoginKeepsUploadsWorking(t *testing.T) {
	ctx := guard(t)
	srv := wxfake.New(community(true))
	defer srv.Close()
	hot := filepath.Join(t.TempDir(), "hot.json")
	img := pngBytes(t)
	for i := 0; i < 3; i++ { // QR, then two hot logins in a row
		h := newHarness(t, ctx, srv, hot)
		h.run()
		h.session(true)
		out := linli.Outgoing{To: linli.Chat{Group: g1}, Media: &linli.Media{Name: "p.png", Kind: linli.MediaImage, Data: img}}
		if err := h.a.Deliver(out); err != nil {
			t.Fatalf("run %d: image after login: %v", i, err)
		}
		h.shutdown()
	}
	if st := srv.Stats(); st.QRLogins != 1 || st.HotLogins != 2 || st.Uploads != 3 {
		t.Fatalf("stats = %+v", st)
	}
}

func TestStopWhileWaitingForQRCode(t *testing.T) {
	ctx := guard(t)
	srv := wxfake.New(community(false))
	defer srv.Close()
	h := newHarness(t, ctx, srv, "")
	h.run()
	<-h.qrs
	h.shutdown() // fails the test if Run does not return nil
	if h.a.Up() || srv.LoggedIn() {
		t.Fatal("logged in without a scan")
	}
}

// TestServedIsAskedPerMessage: with Served, a group becomes served while
// running (a renamed group re-bound); until then its text still reaches the
// engine (for 绑定群) but its images are not downloaded.
func TestServedIsAskedPerMessage(t *testing.T) {
	ctx := guard(t)
	srv := wxfake.New(community(true))
	t.Cleanup(srv.Close)
	var mu sync.Mutex
	served := map[string]bool{g1: true, staff: true}
	h := newHarnessWith(t, ctx, srv, filepath.Join(t.TempDir(), "hot.json"), func(o *wechat.Options) {
		o.Groups = nil
		o.Served = func(topic string) bool {
			mu.Lock()
			defer mu.Unlock()
			return served[topic]
		}
	})
	h.run()
	h.session(true)
	const other = "广场舞群"
	img := pngBytes(t)
	h.srv.Inject(wxfake.GroupImage{Group: other, Member: "张阿姨", Data: img})
	h.srv.Inject(wxfake.GroupText{Group: other, Member: "李社工", Text: "绑定群 幸福里1期居民群"})
	if m := h.next(); m.Group != other || m.Image != nil || m.Text != "绑定群 幸福里1期居民群" {
		t.Fatalf("from an unserved group got %+v, want its text only", m)
	}
	// The group that talked can be answered, and once served, its images come too.
	if err := h.a.Deliver(linli.Outgoing{ID: 1, To: linli.Chat{Group: other}, Text: "已绑定"}); err != nil {
		t.Fatalf("Deliver to a group known from its text: %v", err)
	}
	mu.Lock()
	served[other] = true
	mu.Unlock()
	h.srv.Inject(wxfake.GroupImage{Group: other, Member: "张阿姨", Data: img})
	if m := h.next(); m.Group != other || m.Image == nil || !bytes.Equal(m.Image.Data, img) {
		t.Fatalf("image from a group now served: %+v", m)
	}
}

// TestQRCodePNGWriteFailureIsLogged: a QR code that cannot be saved says so
// (the error used to be shadowed and lost).
func TestQRCodePNGWriteFailureIsLogged(t *testing.T) {
	for name, bad := range map[string]func(dir string) string{
		"a directory in the way": func(dir string) string { return dir },
		"parent is a plain file": func(dir string) string {
			f := filepath.Join(dir, "file")
			if err := os.WriteFile(f, nil, 0o600); err != nil {
				t.Fatal(err)
			}
			return filepath.Join(f, "qr.png")
		},
	} {
		t.Run(name, func(t *testing.T) {
			ctx := guard(t)
			srv := wxfake.New(community(false))
			defer srv.Close()
			path := bad(t.TempDir())
			h := newHarnessWith(t, ctx, srv, "", func(o *wechat.Options) { o.QRCodePNG = path })
			h.run()
			<-h.qrs
			h.shutdown()
			if logs := h.logs.String(); !strings.Contains(logs, "无法保存登录二维码图片") {
				t.Fatalf("failure to save the QR code not logged:\n%s", logs)
			}
		})
	}
}

// TestDamagedHotLoginFileFallsBackToQR: a hot-login file that is damaged
// (found by FuzzHotStorePatch: a null cookie crashed the patch) means a QR
// login, not a crash.
func TestDamagedHotLoginFileFallsBackToQR(t *testing.T) {
	for name, content := range map[string]string{
		"null cookie": `{"Jar":{"https://wx.qq.com":[null]},"WechatDomain":"wx.qq.com"}`,
		"garbage":     "\x00\x01 not json",
		"truncated":   `{"Jar":{"https://wx.qq.com":[{"Name":"a"`,
	} {
		t.Run(name, func(t *testing.T) {
			ctx := guard(t)
			srv := wxfake.New(community(true))
			defer srv.Close()
			hot := filepath.Join(t.TempDir(), "hot.json")
			if err := os.WriteFile(hot, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			h := newHarness(t, ctx, srv, hot)
			h.run()
			h.session(true)
			if srv.Stats().QRLogins != 1 {
				t.Fatalf("stats = %+v, want a QR login", srv.Stats())
			}
		})
	}
}
