package main

import (
	"strings"
	"testing"
	"time"

	"linli"
)

// TestSignupIntents checks that free text never signs anyone up or out:
// the bot asks for the explicit command instead.
func TestSignupIntents(t *testing.T) {
	nlu := stubNLU{
		"我想报名":      {Intent: linli.IntentSignup, Confidence: 0.9},
		"我和老伴想去听讲座": {Intent: linli.IntentSignup, Confidence: 0.9, Slots: linli.Slots{Activity: "讲座", PartySize: 2}},
		"讲座我不去了":    {Intent: linli.IntentCancel, Confidence: 0.9, Slots: linli.Slots{Activity: "讲座"}},
		"报名的人真多":    {Intent: linli.IntentSignup, Confidence: 0.5},
		"我报名了":      {Intent: linli.IntentSignup, Confidence: 0.9},
		"讲座我报上了":    {Intent: linli.IntentSignup, Confidence: 0.9, Slots: linli.Slots{Activity: "讲座"}},
	}
	h := newHarness(t, "2026-11-23 09:00", nlu)
	h.say(publishLecture)
	h.flush()
	steps := []struct{ line, want string }{
		{"幸福里1期居民群/张阿姨: 我想报名", "您是要报名活动1「健康讲座」（11月25日(周三) 09:30）吗？10分钟内回复「是」或「报名 1」即可。"},
		{"幸福里1期居民群/张阿姨: 我和老伴想去听讲座", "回复「是」或「报名 1 +1」即可"},
		// The same question is not put twice in a day.
		{"幸福里1期居民群/张阿姨: 我想报名", ""},
		{"幸福里1期居民群/张阿姨: 报名的人真多", ""},
		{"幸福里1期居民群/张阿姨: 讲座我不去了", ""},
		{"李社工: 发布活动 义诊 时间:11月26日 14:00 地点:卫生站 名额:50", ""},
		{"幸福里1期居民群/张阿姨: 我想报名", "您是要报名哪个活动？回复「报名 编号」：\n活动1「健康讲座」"},
		{"幸福里1期居民群/张阿姨: 报名 1", ""},
		// Already signed up for the activity meant: no question.
		{"幸福里1期居民群/张阿姨: 我报名了", ""},
		{"幸福里1期居民群/张阿姨: 讲座我报上了", ""},
		{"幸福里1期居民群/张阿姨: @邻里通 我报名了", "您的报名：\n活动1「健康讲座」11月25日(周三) 09:30 社区活动室 — 已报名（1人）"},
		{"幸福里1期居民群/张阿姨: 讲座我不去了", "您是要取消活动1「健康讲座」的报名吗？10分钟内回复「是」或「取消报名 1」即可。"},
		// A plain yes accepts the question: the offered command is run.
		{"幸福里1期居民群/张阿姨: 好的", "已取消您活动1「健康讲座」的报名。"},
		{"幸福里1期居民群/张阿姨: @邻里通 我想报名", "您是要报名哪个活动？"},
		{"幸福里1期居民群/张阿姨: @邻里通 我和老伴想去听讲座", "回复「是」或「报名 1 +1」即可"},
		{"幸福里1期居民群/张阿姨: 是", "报名成功：活动1「健康讲座」"},
	}
	for _, st := range steps {
		h.say(st.line)
		h.advance(time.Minute)
		out := h.flush()
		got := strings.Join(texts(out), "\n")
		if st.want == "" {
			for _, o := range out {
				if o.To.Group == "幸福里1期居民群" && !strings.Contains(o.Text, "报名成功") && !strings.Contains(o.Text, "【活动报名】") {
					t.Errorf("%s: unexpected reply %q", st.line, o.Text)
				}
			}
			continue
		}
		if !strings.Contains(got, st.want) {
			t.Errorf("%s:\n got %s\nwant %s", st.line, got, st.want)
		}
	}
	s, err := h.app.db.Signup(1, "张阿姨")
	if err != nil || s.Status != linli.SignupConfirmed || s.PartySize != 2 {
		t.Fatalf("only explicit commands and accepted questions count: %+v %v", s, err)
	}
}
