package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"linli"
)

// jielong2000 is a 2,000-line 接龙 for 健康讲座 (about 24,000 characters,
// under bot.MaxTextRunes), line i naming 居民i.
func jielong2000() string {
	var b strings.Builder
	b.WriteString("#接龙\n健康讲座 报名")
	for i := 1; i <= 2000; i++ {
		fmt.Fprintf(&b, "\n%d. 居民%d", i, i)
	}
	return b.String()
}

// groupReplies returns the group messages in outs.
func groupReplies(outs []linli.Outgoing) []linli.Outgoing {
	var g []linli.Outgoing
	for _, o := range outs {
		if o.To.Group != "" {
			g = append(g, o)
		}
	}
	return g
}

// TestJielong2000Lines (red-team item 9): every line of a 2,000-line 接龙 is
// read. When 1,999 residents signed up with 报名 and the 2,000th posts the
// whole list with her line last, she is registered (2,000 sign-ups) and the
// group gets at most one short message. When one resident posts 2,000 lines
// nobody else signed up with, the group gets one short message counting
// the 1,999 unrecorded lines with a few examples, not a list of names.
func TestJielong2000Lines(t *testing.T) {
	body := jielong2000()
	if n := len([]rune(body)); n > 32000 {
		t.Fatalf("the 接龙 has %d characters, over the engine limit", n)
	}
	t.Run("everyone registered", func(t *testing.T) {
		h := newHarness(t, "2026-11-23 09:00", nil)
		h.say(publishLecture)
		h.say("李社工: 修改活动 1 名额:不限")
		for i := 1; i < 2000; i++ {
			h.say(fmt.Sprintf("幸福里1期居民群/居民%d: 报名 1", i))
		}
		h.advance(time.Minute)
		h.flush()
		h.say("幸福里1期居民群/居民2000: " + body)
		h.advance(2 * time.Minute)
		g := groupReplies(h.flush())
		if len(g) > 1 || (len(g) == 1 && len([]rune(g[0].Text)) > 600) {
			t.Errorf("%d group messages for the 接龙, want at most one short one:\n%s", len(g), strings.Join(texts(g), "\n"))
		}
		list, err := h.app.db.Signups(1)
		if err != nil {
			t.Fatal(err)
		}
		active := 0
		for _, s := range list {
			if s.Active() {
				active++
			}
		}
		if active != 2000 {
			t.Errorf("%d sign-ups, want 2000", active)
		}
	})
	t.Run("one poster", func(t *testing.T) {
		h := newHarness(t, "2026-11-23 09:00", nil)
		h.say(publishLecture)
		h.advance(time.Minute)
		h.flush()
		h.say("幸福里1期居民群/居民1: " + body)
		h.advance(2 * time.Minute)
		g := groupReplies(h.flush())
		if len(g) != 1 {
			t.Fatalf("%d group messages for the 接龙, want one:\n%s", len(g), strings.Join(texts(g), "\n"))
		}
		text := g[0].Text
		if n := strings.Count(text, "居民"); n > 5 || len([]rune(text)) > 600 {
			t.Errorf("the answer names %d residents in %d characters, want a short summary:\n%s", n, len([]rune(text)), text)
		}
		if !strings.Contains(text, "1999行没有登记") {
			t.Errorf("the answer does not count the 1999 unrecorded lines:\n%s", text)
		}
	})
}
