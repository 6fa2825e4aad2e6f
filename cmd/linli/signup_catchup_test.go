package main

import (
	"io"
	"log/slog"
	"strings"
	"testing"

	"linli"
	"linli/bot/console"
)

// TestGatheredAnswerAfterDowntime: a group sign-up is answered at the end
// of the gathering window; if linli was down meanwhile, the answer that
// comes late is folded into what is still true (issue 13 item 8): not
// "报名成功" for an activity already over (nothing at all), and for one
// under way, that it has started and where to check in.
func TestGatheredAnswerAfterDowntime(t *testing.T) {
	for _, tt := range []struct {
		name, back string
		want       string // "" for no answer at all
	}{
		{"back once the activity is over", "2026-11-23 10:30", ""},
		{"back while it is under way", "2026-11-23 09:45", "已登记报名：活动1「健康讲座」已经开始（11月23日(周一) 09:30-10:00，社区活动室），到场请发「签到 1」。"},
		{"back before the start", "2026-11-23 09:10", "报名成功：活动1「健康讲座」"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, "2026-11-23 09:00", nil)
			h.say("李社工: 发布活动 健康讲座 时间:今天 9:30-10:00 地点:社区活动室 名额:30")
			h.flush()
			h.say("幸福里1期居民群/3-502 张阿姨: 报名 1")
			if got := h.cap.take(); len(got) != 0 {
				t.Fatalf("answered before the window ended: %q", texts(got))
			}
			// Down before the window ends; back at tt.back.
			h.app.Close()
			back, err := console.ParseClock(tt.back, h.app.cfg.Location)
			if err != nil {
				t.Fatal(err)
			}
			h.clock.Set(back)
			h.app, err = newApp(h.app.cfg, h.clock, slog.New(slog.NewTextHandler(io.Discard, nil)), appOptions{dbPath: h.db})
			if err != nil {
				t.Fatal(err)
			}
			h.app.outbox.SetPlatform(h.cap)
			h.con = console.New(console.Options{Config: h.app.cfg, Clock: h.clock, Engine: h.app.engine,
				Timed: []linli.Timed{h.app.outbox, h.app.sched}, Out: io.Discard, Err: io.Discard, RunID: "after"})
			h.advance(0)
			var answers []string
			for _, o := range h.flush() {
				if o.To.Group == "幸福里1期居民群" && strings.Contains(o.Text, "张阿姨") {
					answers = append(answers, o.Text)
				}
			}
			switch {
			case tt.want == "" && len(answers) != 0:
				t.Errorf("answers %q, want none", answers)
			case tt.want != "" && (len(answers) != 1 || !strings.Contains(answers[0], tt.want)):
				t.Errorf("answers %q, want one saying %q", answers, tt.want)
			}
			s, err := h.app.db.Signup(1, "3-502 张阿姨")
			if err != nil || !s.Acked {
				t.Errorf("sign-up %+v %v: want it marked told either way", s, err)
			}
		})
	}
}
