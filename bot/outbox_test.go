package bot_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"linli"
	"linli/bot"
)

func TestOutboxCoalescesBurst(t *testing.T) {
	h := newHarness(t, nil)
	const g = "幸福里1期居民群"
	// 50 replies to one group within 2 s.
	for i := 0; i < 50; i++ {
		if err := h.outbox.Send(linli.Outgoing{To: linli.Chat{Group: g}, Text: fmt.Sprintf("第%02d位 报名成功，活动：社区健康讲座", i+1)}); err != nil {
			t.Fatal(err)
		}
		h.clock.Advance(40 * time.Millisecond)
	}
	h.flush()
	sent := h.plat.sent
	if len(sent) == 0 || len(sent) > 3 {
		t.Fatalf("50 replies became %d messages, want 1..3", len(sent))
	}
	var lines []string
	for _, s := range sent {
		lines = append(lines, strings.Split(s.Text, "\n")...)
	}
	if len(lines) != 50 {
		t.Fatalf("got %d lines, want 50 (nothing lost, nothing doubled)", len(lines))
	}
	for i, l := range lines {
		if want := fmt.Sprintf("第%02d位", i+1); !strings.HasPrefix(l, want) {
			t.Fatalf("line %d = %q, want prefix %q (order kept)", i, l, want)
		}
	}
}

func TestOutboxPacing(t *testing.T) {
	h := newHarness(t, nil)
	// 30 groups' worth of broadcast: distinct chats, all queued at once.
	for i := 0; i < 30; i++ {
		h.outbox.Send(linli.Outgoing{To: linli.Chat{Group: fmt.Sprintf("群%02d", i)}, Text: "停水通知"})
	}
	// Two quick messages to one chat after a first was sent must wait.
	h.flush()
	if len(h.plat.sent) != 30 {
		t.Fatalf("sent %d, want 30", len(h.plat.sent))
	}
	gap := time.Minute / time.Duration(h.cfg.Outbox.PerMinute)
	for i := 1; i < len(h.plat.at); i++ {
		if d := h.plat.at[i].Sub(h.plat.at[i-1]); d < gap {
			t.Fatalf("send %d came %v after the previous one, want at least %v", i, d, gap)
		}
	}
	// In any one-minute window, at most per_minute messages.
	for i := range h.plat.at {
		n := 0
		for j := i; j < len(h.plat.at) && h.plat.at[j].Sub(h.plat.at[i]) < time.Minute; j++ {
			n++
		}
		if n > h.cfg.Outbox.PerMinute {
			t.Fatalf("%d messages within a minute from send %d, limit %d", n, i, h.cfg.Outbox.PerMinute)
		}
	}
}

func TestOutboxPerChatInterval(t *testing.T) {
	h := newHarness(t, nil)
	h.cfg.Outbox.PerMinute = 600                                   // so only the per-chat interval binds
	h.cfg.Outbox.CoalesceWindow = linli.Duration(time.Millisecond) // and not the window
	ob, _ := bot.NewOutbox(h.store, h.store, h.clock, h.cfg.Outbox, nil)
	ob.SetPlatform(h.plat)
	h.outbox = ob
	to := linli.Chat{Group: "幸福里1期居民群"}
	ob.Send(linli.Outgoing{To: to, Text: "一"})
	h.flush()
	ob.Send(linli.Outgoing{To: to, Text: "二"})
	h.flush()
	ob.Send(linli.Outgoing{To: to, Text: "三"})
	h.flush()
	if len(h.plat.sent) != 3 {
		t.Fatalf("sent %q", h.plat.texts())
	}
	for i := 1; i < 3; i++ {
		if d := h.plat.at[i].Sub(h.plat.at[i-1]); d < time.Duration(h.cfg.Outbox.PerChatInterval) {
			t.Errorf("gap %v below per-chat interval", d)
		}
	}
}

func TestOutboxSplitsLongText(t *testing.T) {
	h := newHarness(t, nil)
	var b strings.Builder
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&b, "%03d 这一行是报名名单里的一位居民\n", i)
	}
	h.outbox.Send(linli.Outgoing{To: linli.Chat{Group: "幸福里1期居民群"}, Text: b.String()})
	h.flush()
	if len(h.plat.sent) < 2 {
		t.Fatalf("a %d-rune text went out as %d message(s)", len([]rune(b.String())), len(h.plat.sent))
	}
	total := 0
	for _, s := range h.plat.sent {
		if n := len([]rune(s.Text)); n > h.cfg.Outbox.MaxLength {
			t.Errorf("piece of %d runes > %d", n, h.cfg.Outbox.MaxLength)
		}
		total += strings.Count(s.Text, "居民")
	}
	if total != 200 {
		t.Errorf("lines after split = %d, want 200", total)
	}
}

func TestOutboxPrivateFallsBackToGroupMention(t *testing.T) {
	h := newHarness(t, nil)
	h.say("幸福里1期居民群", "张阿姨", "大家好") // seen in the group, not a friend
	h.outbox.Send(linli.Outgoing{To: linli.Chat{User: "张阿姨"}, Text: "您已从候补转为正式报名"})
	h.outbox.Send(linli.Outgoing{To: linli.Chat{User: "李社工"}, Text: "新报名"})
	h.flush()
	want := []string{"[幸福里1期居民群] @张阿姨 您已从候补转为正式报名", "[私聊 李社工] 新报名"}
	if got := h.plat.texts(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestOutboxPrivateNeverFallsBack(t *testing.T) {
	h := newHarness(t, nil)
	h.say("幸福里1期居民群", "王网格", "大家好") // a worker who is (wrongly) not a friend
	h.plat.fail = func(out linli.Outgoing) error {
		if out.To.User != "" {
			return errors.New("not a friend")
		}
		return nil
	}
	h.outbox.Send(linli.Outgoing{To: linli.Chat{User: "王网格"}, Text: "新上报：3栋502 张阿姨反映楼道灯坏了", Private: true})
	h.flush()
	if got := h.plat.texts(); len(got) != 0 {
		t.Fatalf("a private-only message reached a group: %q", got)
	}
}

func TestOutboxRetryLaterKeepsMessage(t *testing.T) {
	h := newHarness(t, nil)
	calls := 0
	h.plat.fail = func(out linli.Outgoing) error {
		calls++
		if calls <= 2 {
			return fmt.Errorf("wechat ret 1205: %w", linli.ErrRetryLater)
		}
		return nil
	}
	h.outbox.Send(linli.Outgoing{To: linli.Chat{Group: "幸福里1期居民群"}, Text: "通知"})
	h.flush()
	if len(h.plat.sent) != 1 || calls != 3 {
		t.Fatalf("sent %d after %d calls, want 1 after 3", len(h.plat.sent), calls)
	}
}

func TestOutboxDropsAfterMaxTries(t *testing.T) {
	h := newHarness(t, nil)
	h.plat.fail = func(out linli.Outgoing) error { return errors.New("unknown chat") }
	h.outbox.Send(linli.Outgoing{To: linli.Chat{Group: "幸福里1期居民群"}, Text: "x"})
	h.flush()
	if h.outbox.Pending() != 0 {
		t.Fatalf("pending = %d after repeated failure, want 0 (dropped)", h.outbox.Pending())
	}
}

func TestOutboxHoldWhileOffline(t *testing.T) {
	h := newHarness(t, nil)
	h.outbox.SetOnline(false)
	h.outbox.Send(linli.Outgoing{To: linli.Chat{Group: "幸福里1期居民群"}, Text: "x"})
	if _, ok := h.outbox.NextDue(); ok {
		t.Fatal("something due while offline")
	}
	h.outbox.SetOnline(true)
	h.flush()
	if len(h.plat.sent) != 1 {
		t.Fatalf("sent %d after coming back online", len(h.plat.sent))
	}
}

func TestOutboxKeyIdempotent(t *testing.T) {
	h := newHarness(t, nil)
	for i := 0; i < 3; i++ {
		h.outbox.Send(linli.Outgoing{Key: "job:1:x", To: linli.Chat{Group: "幸福里1期居民群"}, Text: "提醒"})
	}
	h.flush()
	if len(h.plat.sent) != 1 {
		t.Fatalf("sent %d, want 1", len(h.plat.sent))
	}
}

func TestOutboxRestartSendsPendingOnce(t *testing.T) {
	h := newHarness(t, nil)
	h.outbox.Send(linli.Outgoing{To: linli.Chat{Group: "幸福里1期居民群"}, Text: "已发"})
	h.flush()
	h.outbox.Send(linli.Outgoing{To: linli.Chat{Group: "幸福里1期居民群"}, Text: "未发"})
	// "Restart": a new outbox on the same store.
	ob2, err := bot.NewOutbox(h.store, h.store, h.clock, h.cfg.Outbox, nil)
	if err != nil {
		t.Fatal(err)
	}
	ob2.SetPlatform(h.plat)
	h.outbox = ob2
	h.flush()
	if got := h.plat.texts(); len(got) != 2 || !strings.HasSuffix(got[1], "未发") {
		t.Fatalf("after restart sent %q", got)
	}
}

// TestOutboxLanes: with twelve broadcasts going out, an emergency answer
// and a reply to a person overtake the broadcasts still waiting, in that
// order, each delayed by at most one pacing interval past when it could go.
func TestOutboxLanes(t *testing.T) {
	h := newHarness(t, nil)
	gap := time.Minute / time.Duration(h.cfg.Outbox.PerMinute)
	coalesce := time.Duration(h.cfg.Outbox.CoalesceWindow)
	for i := 0; i < 12; i++ {
		h.outbox.Send(linli.Outgoing{To: linli.Chat{Group: fmt.Sprintf("群%02d", i)}, Text: "停水通知",
			Alone: true, Priority: linli.PriorityBroadcast})
	}
	// Let the first three broadcasts go.
	for len(h.plat.sent) < 3 {
		due, _ := h.outbox.NextDue()
		h.clock.Set(due)
		h.outbox.RunDue(h.clock.Now())
	}
	h.clock.Advance(time.Second) // mid-way between two sends
	queued := h.clock.Now()
	h.outbox.Send(linli.Outgoing{To: linli.Chat{Group: "幸福里1期居民群"}, Text: "报名成功", Mention: []string{"张阿姨"}})
	h.outbox.Send(linli.Outgoing{To: linli.Chat{Group: "幸福里2期居民群"}, Text: "请立即拨打119", Alone: true,
		Priority: linli.PriorityEmergency})
	h.flush()
	got := h.plat.texts()
	if len(got) != 14 {
		t.Fatalf("sent %d messages, want 14: %q", len(got), got)
	}
	if got[3] != "[幸福里2期居民群] 请立即拨打119" || got[4] != "[幸福里1期居民群] @张阿姨 报名成功" {
		t.Fatalf("after the broadcasts in progress came %q, %q; want the emergency answer, then the reply", got[3], got[4])
	}
	for i, want := range []time.Duration{0, gap} {
		if late := h.plat.at[3+i].Sub(queued.Add(coalesce)); late > gap+want {
			t.Errorf("message %d went %v after it could, want at most %v", 3+i, late, gap+want)
		}
	}
	for _, s := range got[5:] {
		if !strings.HasSuffix(s, "停水通知") {
			t.Fatalf("broadcasts resumed out of order: %q", got)
		}
	}
}

// TestOutboxLaneWithinChat: a reply to a group overtakes the broadcasts
// queued for that same group.
func TestOutboxLaneWithinChat(t *testing.T) {
	h := newHarness(t, nil)
	g := linli.Chat{Group: "幸福里1期居民群"}
	for i := 1; i <= 3; i++ {
		h.outbox.Send(linli.Outgoing{To: g, Text: fmt.Sprintf("通知%d", i), Alone: true, Priority: linli.PriorityBroadcast})
	}
	h.outbox.Send(linli.Outgoing{To: g, Text: "收到您的报名", Mention: []string{"王叔"}})
	h.flush()
	want := "[幸福里1期居民群] @王叔 收到您的报名\n[幸福里1期居民群] 通知1\n[幸福里1期居民群] 通知2\n[幸福里1期居民群] 通知3"
	if got := strings.Join(h.plat.texts(), "\n"); got != want {
		t.Fatalf("sent\n%s\nwant\n%s", got, want)
	}
}

// TestOutboxMasksNumbersInMentions: a phone number in a display name is
// masked before a long @name is shortened (a cut number would no longer be
// found), and numbers in other forms are masked in the text.
func TestOutboxMasksNumbersInMentions(t *testing.T) {
	h := newHarness(t, nil)
	h.outbox.Send(linli.Outgoing{To: linli.Chat{Group: "幸福里1期居民群"}, Text: "已登记，电话１３９１２３４５６７３",
		Mention: []string{"1-101 蒋 139-1234-0002 一楼的蒋阿姨"}})
	h.flush()
	got := strings.Join(h.plat.texts(), "\n")
	for _, leak := range []string{"1234-000", "12340002", "１３９１２３４５６７３", "13912345673"} {
		if strings.Contains(got, leak) {
			t.Fatalf("a number reached the group: %q", got)
		}
	}
	if !strings.Contains(got, "139****") {
		t.Fatalf("no masked number in %q", got)
	}
}
