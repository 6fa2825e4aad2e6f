package main

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"linli/bot/wxfake"
)

// TestServeAgainstFakeWeChat runs what `linli run --wechat-server URL` runs,
// on the real clock: it logs in, answers a resident's group message, and
// stops cleanly when cancelled (Ctrl-C).
func TestServeAgainstFakeWeChat(t *testing.T) {
	srv := wxfake.New(wxfake.Options{
		AutoConfirm: true,
		Groups:      []wxfake.Group{{Topic: "幸福里1期居民群", Members: []wxfake.Member{{NickName: "张阿姨", DisplayName: "3-502 张阿姨"}}}},
		Friends:     []wxfake.Friend{{NickName: "李社工", RemarkName: "李社工"}},
		SyncHold:    200 * time.Millisecond,
	})
	defer srv.Close()
	cfg, err := loadConfig("")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cfg.DB = filepath.Join(dir, "linli.db")
	cfg.WeChat.QRCodePNG = filepath.Join(dir, "qr.png")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, cfg, serveOptions{server: srv.URL(), qr: io.Discard}, slog.New(slog.DiscardHandler))
	}()
	srv.Inject(wxfake.GroupText{Group: "幸福里1期居民群", Member: "张阿姨", Text: "绑定 3栋502"})
	wctx, wcancel := context.WithTimeout(ctx, 30*time.Second) // a guard, not a delay
	defer wcancel()
	sent, err := srv.WaitSent(wctx, 1)
	if err != nil {
		t.Fatalf("no reply: %v", err)
	}
	if !strings.HasPrefix(sent[0].Text, "@3-502 张阿姨 已登记您的户号（户号不在群里显示") || sent[0].To != "幸福里1期居民群" {
		t.Fatalf("reply = %+v", sent[0])
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v after cancel, want a clean stop", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop after cancel")
	}
}
