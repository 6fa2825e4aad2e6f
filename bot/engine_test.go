package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"linli"
)

// routes registers a few commands that echo what they received.
func routes(r linli.Router) {
	echo := func(ctx context.Context, req *linli.Request) error {
		return req.Reply(req.Command + "|" + req.Args)
	}
	r.Command(linli.Command{Names: []string{"活动"}, Args: linli.ArgsNone, Handler: echo})
	r.Command(linli.Command{Names: []string{"报名"}, Args: linli.ArgsRequired, Usage: "请发送 报名 编号，例如：报名 1", Handler: echo})
	r.Command(linli.Command{Names: []string{"取消报名"}, Args: linli.ArgsRequired, Usage: "取消报名 编号", Handler: echo})
	r.Command(linli.Command{Names: []string{"发布活动"}, Role: linli.RoleStaff, Args: linli.ArgsRequired, Handler: echo})
	r.Command(linli.Command{Names: []string{"受理"}, Role: linli.RoleGridWorker, Args: linli.ArgsRequired, Handler: echo})
	r.Command(linli.Command{Names: []string{"爆炸"}, Args: linli.ArgsNone, Handler: func(ctx context.Context, req *linli.Request) error {
		panic("boom")
	}})
}

func TestRouting(t *testing.T) {
	const g = "幸福里1期居民群"
	tests := []struct {
		name, group, sender, text string
		want                      []string
	}{
		{"plain", g, "3-502 张阿姨", "报名 1", []string{"[幸福里1期居民群] @3-502 张阿姨 报名|1"}},
		{"no space", g, "张阿姨", "报名1 +2", []string{"[幸福里1期居民群] @张阿姨 报名|1 +2"}},
		{"full-width", g, "张阿姨", "报名　１　＋２", []string{"[幸福里1期居民群] @张阿姨 报名|1 +2"}},
		{"traditional", g, "張阿姨", "報名 1", []string{"[幸福里1期居民群] @張阿姨 报名|1"}},
		{"hash prefix", g, "张阿姨", "#活动", []string{"[幸福里1期居民群] @张阿姨 活动|"}},
		{"full-width hash", g, "张阿姨", "＃活动", []string{"[幸福里1期居民群] @张阿姨 活动|"}},
		{"slash prefix", g, "张阿姨", "/活动", []string{"[幸福里1期居民群] @张阿姨 活动|"}},
		{"at mention", g, "张阿姨", "@邻里通 活动", []string{"[幸福里1期居民群] @张阿姨 活动|"}},
		{"at mention with wechat space", g, "张阿姨", "@邻里通\u2005报名 2", []string{"[幸福里1期居民群] @张阿姨 报名|2"}},
		{"colon", g, "张阿姨", "报名：3", []string{"[幸福里1期居民群] @张阿姨 报名|3"}},
		{"longest word wins", g, "张阿姨", "取消报名 1", []string{"[幸福里1期居民群] @张阿姨 取消报名|1"}},
		{"private", "", "张阿姨", "活动", []string{"[私聊 张阿姨] 活动|"}},
		{"args on no-arg command is chatter", g, "张阿姨", "活动真热闹啊", nil},
		{"chatter", g, "张阿姨", "收到", nil},
		{"chatter laughing", g, "张阿姨", "哈哈哈", nil},
		{"missing args gets usage", g, "张阿姨", "报名", []string{"[幸福里1期居民群] @张阿姨 请发送 报名 编号，例如：报名 1"}},
		{"addressed but unknown gets hint", g, "张阿姨", "@邻里通 今天星期几", []string{"[幸福里1期居民群] @张阿姨 " + "没太明白您的意思。发送「帮助」查看可以做什么，例如：活动、报名 1、随手拍 3栋门口路灯坏了。"}},
		{"addressed ack stays silent", "", "张阿姨", "谢谢", nil},
		{"unserved group ignored", "别的群", "张阿姨", "报名 1", nil},
		{"resident refused staff command", g, "张阿姨", "#发布活动 讲座", []string{"[幸福里1期居民群] @张阿姨 「发布活动」是社工使用的命令，居民朋友可以发送「帮助」查看可用功能。"}},
		{"resident spelling out a staff command is told", g, "张阿姨", "发布活动 讲座", []string{"[幸福里1期居民群] @张阿姨 「发布活动」是社工使用的命令，居民朋友可以发送「帮助」查看可用功能。"}},
		{"resident forwarding a staff word in a group is chatter", g, "张阿姨", "发布活动：讲座", nil},
		{"resident asking about a staff word is chatter", g, "张阿姨", "发布活动了吗", nil},
		{"staff may", "", "李社工", "发布活动 讲座", []string{"[私聊 李社工] 发布活动|讲座"}},
		{"resident refused worker command", "", "张阿姨", "受理 3", []string{"[私聊 张阿姨] 「受理」是网格员使用的命令，居民朋友可以发送「帮助」查看可用功能。"}},
		{"worker may", "", "王网格", "受理 3", []string{"[私聊 王网格] 受理|3"}},
		{"panic answered generically", g, "张阿姨", "爆炸", []string{"[幸福里1期居民群] @张阿姨 " + linli.GenericErrorText}},
		{"binary junk", g, "张阿姨", "\x00\x01\xff\xfe", nil},
		{"empty", g, "张阿姨", "   ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil)
			routes(h.engine.Router())
			got := h.say(tt.group, tt.sender, tt.text)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("say(%q)\n got: %q\nwant: %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestLongMessageDoesNotCrash(t *testing.T) {
	h := newHarness(t, nil)
	routes(h.engine.Router())
	got := h.say("幸福里1期居民群", "张阿姨", "报名 "+strings.Repeat("很长", 5000))
	if len(got) == 0 {
		t.Fatal("no reply to a long command")
	}
	for _, s := range got {
		if n := len([]rune(s)); n > h.cfg.Outbox.MaxLength+40 {
			t.Errorf("message of %d runes exceeds the limit", n)
		}
	}
}

func TestDuplicateMessageHasOneEffect(t *testing.T) {
	h := newHarness(t, nil)
	routes(h.engine.Router())
	m := linli.Message{ID: "dup-1", Group: "幸福里1期居民群", Sender: "张阿姨", Text: "报名 1"}
	for i := 0; i < 3; i++ {
		if err := h.engine.Handle(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
	h.flush()
	if got := h.plat.texts(); len(got) != 1 {
		t.Fatalf("3 deliveries of one message gave %d replies: %q", len(got), got)
	}
}

func TestIdentifyHousehold(t *testing.T) {
	h := newHarness(t, nil)
	routes(h.engine.Router())
	h.say("幸福里1期居民群", "3号楼502室-张", "活动")
	r, err := h.store.Resident("3号楼502室-张")
	if err != nil {
		t.Fatal(err)
	}
	if r.Household != "3栋502" || r.LastGroup != "幸福里1期居民群" {
		t.Errorf("resident = %+v, want household 3栋502 in 幸福里1期居民群", r)
	}
}

type fakeNLU struct{ u linli.Understanding }

func (f fakeNLU) Understand(string) linli.Understanding { return f.u }

func TestIntentRouting(t *testing.T) {
	tests := []struct {
		name       string
		group      string
		text       string
		confidence float64
		want       int
	}{
		{"confident in group", "幸福里1期居民群", "我和老伴想去听讲座", 0.9, 1},
		{"unsure in group stays silent", "幸福里1期居民群", "讲座好像不错", 0.5, 0},
		{"unsure but private gets it", "", "讲座好像不错", 0.5, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, fakeNLU{linli.Understanding{Intent: linli.IntentSignup, Confidence: tt.confidence}})
			h.engine.Router().Intent(linli.IntentSignup, func(ctx context.Context, req *linli.Request) error {
				return req.Reply("intent " + req.Understanding.Intent)
			})
			if got := h.say(tt.group, "张阿姨", tt.text); len(got) != tt.want {
				t.Errorf("got %q, want %d replies", got, tt.want)
			}
		})
	}
}

func TestYesAcceptsTheOfferedCommand(t *testing.T) {
	const g = "幸福里1期居民群"
	h := newHarness(t, lectureNLU{})
	routes(h.engine.Router())
	h.engine.Router().Intent(linli.IntentSignup, func(ctx context.Context, req *linli.Request) error {
		req.Offer("报名 1")
		return req.Reply("您是要报名活动1吗？回复「是」或「报名 1」")
	})
	if got := h.say(g, "王叔", "是"); len(got) != 0 {
		t.Fatalf("a yes with nothing offered got %q", got)
	}
	h.say(g, "张阿姨", "我想去听讲座")
	if got := h.say(g, "王叔", "是"); len(got) != 0 {
		t.Fatalf("someone else's yes took the offer: %q", got)
	}
	if got := h.say(g, "张阿姨", "是的！"); len(got) != 1 || !strings.HasSuffix(got[0], "报名|1") {
		t.Fatalf("yes after the offer gave %q, want the offered command handled", got)
	}
	if got := h.say(g, "张阿姨", "是"); len(got) != 0 {
		t.Fatalf("a second yes reused the offer: %q", got)
	}
	// Another message withdraws an offer of a fixed command: a second line
	// may change what the yes would mean.
	h.say(g, "张阿姨", "我想去听讲座")
	h.say(g, "张阿姨", "今天天气不错")
	if got := h.say(g, "张阿姨", "好的"); len(got) != 0 {
		t.Fatalf("yes after an unrelated message got %q", got)
	}
}

func TestLateYesIsToldTheQuestionExpired(t *testing.T) {
	const g = "幸福里1期居民群"
	h := newHarness(t, lectureNLU{})
	routes(h.engine.Router())
	h.engine.Router().Intent(linli.IntentSignup, func(ctx context.Context, req *linli.Request) error {
		req.Offer("报名 1")
		return req.Reply("您是要报名活动1吗？10分钟内回复「是」或「报名 1」")
	})
	h.say(g, "张阿姨", "我想去听讲座")
	h.clock.Advance(linli.OfferTTL + time.Minute)
	got := h.say(g, "张阿姨", "是")
	if len(got) != 1 || !strings.Contains(got[0], "这个问题已过期") || !strings.Contains(got[0], "「报名 1」") {
		t.Fatalf("a late yes got %q, want to be told to send 报名 1 again", got)
	}
	if got := h.say(g, "张阿姨", "是"); len(got) != 0 {
		t.Fatalf("a second late yes got %q", got)
	}
	// Long after, a yes is chatter again.
	h.say(g, "张阿姨", "我想去听讲座")
	h.clock.Advance(3 * time.Hour)
	if got := h.say(g, "张阿姨", "是"); len(got) != 0 {
		t.Fatalf("a yes hours later got %q", got)
	}
}

// lectureNLU understands talk of a 讲座 as a confident sign-up, and
// nothing else.
type lectureNLU struct{}

func (lectureNLU) Understand(text string) linli.Understanding {
	if strings.Contains(text, "讲座") {
		return linli.Understanding{Text: text, Intent: linli.IntentSignup, Confidence: 0.9}
	}
	return linli.Understanding{Text: text, Intent: linli.IntentOther}
}

// TestYesAfterMoreLinesTakesThemAlong: an offered command that ends in the
// sender's words (Request.OfferWords, an offered 随手拍) takes the lines of
// chatter the sender adds before the yes; a plain Offer does not, and acks
// are not added (red-team round 5, finding 3).
func TestYesAfterMoreLinesTakesThemAlong(t *testing.T) {
	const g = "幸福里1期居民群"
	for _, tt := range []struct {
		words bool
		want  string
	}{
		{true, "报名|1 今天天气不错"},
		{false, ""},
	} {
		h := newHarness(t, lectureNLU{})
		routes(h.engine.Router())
		h.engine.Router().Intent(linli.IntentSignup, func(ctx context.Context, req *linli.Request) error {
			if tt.words {
				req.OfferWords("报名 1")
			} else {
				req.Offer("报名 1")
			}
			return req.Reply("您是要报名活动1吗？回复「是」")
		})
		h.say(g, "张阿姨", "我想去听讲座")
		h.say(g, "张阿姨", "今天天气不错")
		h.say(g, "张阿姨", "收到")
		got := h.say(g, "张阿姨", "是")
		if tt.words && (len(got) != 1 || !strings.HasSuffix(got[0], tt.want)) {
			t.Errorf("words offer: yes after two more lines gave %q, want the command %q", got, tt.want)
		}
		if !tt.words && len(got) != 0 {
			t.Errorf("plain offer: yes after two more lines gave %q, want nothing (withdrawn)", got)
		}
		if !tt.words {
			continue
		}
		// A command of the sender's own withdraws a words offer; so does
		// the window.
		h.say(g, "张阿姨", "我想去听讲座")
		h.say(g, "张阿姨", "活动")
		if got := h.say(g, "张阿姨", "好的"); len(got) != 1 || !strings.Contains(got[0], "已撤回") {
			t.Errorf("yes after a command got %q, want to be told it was withdrawn", got)
		}
		h.say(g, "张阿姨", "我想去听讲座")
		h.say(g, "张阿姨", "今天天气不错")
		h.clock.Advance(linli.OfferTTL + time.Second)
		if got := h.say(g, "张阿姨", "好的"); len(got) != 1 || strings.HasSuffix(got[0], "报名|1") {
			t.Errorf("yes after the window got %q, want to be told it expired", got)
		}
	}
}
