package wxfake_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/eatmoreapple/openwechat"

	"linli/bot/wxfake"
)

func TestMainServesAndIsControlledOverHTTP(t *testing.T) {
	ctx := guard(t)
	mctx, stop := context.WithCancel(ctx)
	pr, pw := io.Pipe()
	exit := make(chan int, 1)
	go func() {
		exit <- wxfake.MainContext(mctx, []string{"--addr", "127.0.0.1:0", "--group", "测试群=张三|3-101 张三,李四",
			"--friend", "李社工"}, pw, io.Discard)
		pw.Close()
	}()
	lines := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	first := <-lines
	base, ok := strings.CutPrefix(first, "wxfake listening on ")
	if !ok {
		t.Fatalf("first line %q", first)
	}
	get := func(path string, out any) {
		t.Helper()
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}

	bot := openwechat.NewBot(ctx)
	u, _ := url.Parse(base)
	bot.Caller.Client.HTTPClient().Transport = wxfake.RewriteTransport(u, nil)
	bot.UUIDCallback = func(string) {}
	got := make(chan string, 4)
	bot.MessageHandler = func(msg *openwechat.Message) {
		if m, err := msg.SenderInGroup(); err == nil {
			got <- m.DisplayName + ":" + msg.Content
			_, _ = msg.ReplyText("收到")
		}
	}
	if err := bot.Login(); err != nil { // auto-confirmed
		t.Fatal(err)
	}
	var ids struct{ IDs []string }
	get("/_fake/inject?"+url.Values{"group": {"测试群"}, "member": {"张三"}, "text": {"报名 1"}}.Encode(), &ids)
	if len(ids.IDs) != 1 {
		t.Fatalf("inject answered %+v", ids)
	}
	if m := <-got; m != "3-101 张三:报名 1" {
		t.Fatalf("bot got %q", m)
	}
	for seen := false; !seen; {
		select {
		case line := <-lines:
			seen = line == "[测试群] 收到"
		case <-ctx.Done():
			t.Fatal("the send was not printed")
		}
	}
	var sent []map[string]any
	get("/_fake/sent", &sent)
	if len(sent) != 1 || sent[0]["to"] != "测试群" || sent[0]["text"] != "收到" {
		t.Fatalf("sent = %v", sent)
	}
	stop()
	if code := <-exit; code != 0 {
		t.Fatalf("exit status %d", code)
	}
}
