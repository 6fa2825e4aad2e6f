package bot_test

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"linli"
	"linli/bot"
)

func TestSessionLostHoldsAndRestoredTellsStaff(t *testing.T) {
	h := newHarness(t, nil)
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	mon := bot.NewSessionMonitor(h.outbox, h.cfg, h.clock, log)

	h.clock.Set(time.Date(2026, 11, 23, 10, 5, 0, 0, h.cfg.Location))
	mon.Lost("网络断开")
	if !strings.Contains(logs.String(), "level=ERROR") || !strings.Contains(logs.String(), "网络断开") {
		t.Errorf("loss not logged at once as an error: %s", logs.String())
	}
	if _, _, down := mon.Down(); !down {
		t.Error("Down() = false after Lost")
	}
	mon.Lost("再次断开") // a second report keeps the first time and reason

	for _, g := range h.cfg.Groups {
		h.outbox.Send(linli.Outgoing{To: linli.Chat{Group: g}, Text: "停水通知"})
	}
	h.clock.Advance(30 * time.Minute)
	h.flush()
	if len(h.plat.sent) != 0 {
		t.Fatalf("delivered while the session was lost: %q", h.plat.texts())
	}

	h.clock.Set(time.Date(2026, 11, 23, 10, 40, 0, 0, h.cfg.Location))
	if err := mon.Restored(); err != nil {
		t.Fatal(err)
	}
	h.flush()
	got := h.plat.texts()
	want := []string{
		"[幸福里1期居民群] 停水通知",
		"[幸福里2期居民群] 停水通知",
		"[幸福里工作群] 【系统】微信连接曾于 11-23 10:05 中断（网络断开），已于 10:40 恢复，共中断35分钟。期间积压的2条消息已补发。",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("after restore sent\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, _, down := mon.Down(); down {
		t.Error("Down() = true after Restored")
	}

	// Restored without a loss does nothing.
	if err := mon.Restored(); err != nil {
		t.Fatal(err)
	}
	h.flush()
	if len(h.plat.sent) != 3 {
		t.Errorf("a restore without a loss sent %q", h.plat.texts()[3:])
	}
}

func TestSessionRestoredWithoutStaffGroupTellsEachStaff(t *testing.T) {
	h := newHarness(t, nil)
	h.cfg.StaffGroup = ""
	h.cfg.Staff = append(h.cfg.Staff, linli.StaffEntry{Name: "赵主任", Role: "supervisor"})
	h.plat.friends["赵主任"] = true
	mon := bot.NewSessionMonitor(h.outbox, h.cfg, h.clock, nil)
	mon.Lost("")
	h.clock.Advance(25 * time.Hour)
	if err := mon.Restored(); err != nil {
		t.Fatal(err)
	}
	h.flush()
	got := h.plat.texts()
	want := []string{
		"[私聊 李社工] 【系统】微信连接曾于 11-23 09:00 中断，已于 11-24 10:00 恢复，共中断1天1小时。中断期间没有待发的消息。",
		"[私聊 赵主任] 【系统】微信连接曾于 11-23 09:00 中断，已于 11-24 10:00 恢复，共中断1天1小时。中断期间没有待发的消息。",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("sent\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestDroppedMessageToldToStaff(t *testing.T) {
	h := newHarness(t, nil)
	h.plat.fail = func(out linli.Outgoing) error {
		if out.To.Group == "已解散的群" {
			return errors.New("wechat: no such group")
		}
		return nil
	}
	m := bot.NewSessionMonitor(h.outbox, h.cfg, h.clock, nil)
	h.outbox.OnDrop(m.Dropped)
	h.outbox.Send(linli.Outgoing{To: linli.Chat{Group: "已解散的群"}, Text: "明天上午停水，请提前储水"})
	h.flush()
	got := h.plat.texts()
	if len(got) != 1 || !strings.HasPrefix(got[0], "[幸福里工作群] 【系统】一条消息多次发送失败，已放弃：发往「已解散的群」") ||
		!strings.Contains(got[0], "明天上午停水") {
		t.Fatalf("staff were told %q", got)
	}
}

func TestDroppedMessageToAConfiguredGroupSuggestsRebinding(t *testing.T) {
	h := newHarness(t, nil)
	const g = "幸福里2期居民群"
	h.plat.fail = func(out linli.Outgoing) error {
		if out.To.Group == g {
			return errors.New("wechat: unknown group")
		}
		return nil
	}
	m := bot.NewSessionMonitor(h.outbox, h.cfg, h.clock, nil)
	h.outbox.OnDrop(m.Dropped)
	h.outbox.Send(linli.Outgoing{To: linli.Chat{Group: g}, Text: "明天上午停水"})
	h.flush()
	got := h.plat.texts()
	if len(got) != 1 || !strings.HasSuffix(got[0], "如果该群改了名，请在改名后的群里发送「绑定群 幸福里2期居民群」。") {
		t.Fatalf("staff were told %q", got)
	}
}

// TestFirstScanIsNoError: the very first login needs a scan; the red team
// read WARN/ERROR 需要重新扫码登录 before anyone had ever scanned. A scan
// needed after a session was up is an error.
func TestFirstScanIsNoError(t *testing.T) {
	h := newHarness(t, nil)
	var logs bytes.Buffer
	mon := bot.NewSessionMonitor(h.outbox, h.cfg, h.clock, slog.New(slog.NewTextHandler(&logs, nil)))
	mon.Session(linli.SessionEvent{State: linli.SessionScan, QRCode: "qr.png", Reason: "微信需要重新扫码登录"})
	if got := logs.String(); !strings.Contains(got, "level=INFO msg=首次登录，请扫码") || strings.Contains(got, "level=ERROR") || strings.Contains(got, "level=WARN") {
		t.Errorf("first scan logged:\n%s", got)
	}
	mon.Session(linli.SessionEvent{State: linli.SessionUp})
	logs.Reset()
	mon.Session(linli.SessionEvent{State: linli.SessionScan, QRCode: "qr.png", Reason: "微信需要重新扫码登录"})
	if got := logs.String(); !strings.Contains(got, "level=ERROR msg=需要重新扫码登录") {
		t.Errorf("a scan after a session was up logged:\n%s", got)
	}
}
