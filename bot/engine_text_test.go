package bot_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"linli"
	"linli/bot"
)

// jielong is a 接龙 of n lines, as WeChat posts it.
func jielong(n int) string {
	var b strings.Builder
	b.WriteString("#接龙\n社区健康讲座 11月28日\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "%d. %d栋%d0%d 居民%03d 报名参加，带家属一位\n", i, i%9+1, i%6+1, i%4+1, i)
	}
	return b.String()
}

// TestLongMessageReachesHandlersWhole: a 300-line 接龙 and a 20,000-
// character message are handed to the handlers whole.
func TestLongMessageReachesHandlersWhole(t *testing.T) {
	for _, text := range []string{jielong(300), strings.Repeat("长", 20000)} {
		h := newHarness(t, nil)
		var got string
		h.engine.Router().Hook(func(ctx context.Context, req *linli.Request) (bool, error) {
			got = req.Msg.Text
			return true, nil
		})
		h.say("幸福里1期居民群", "张阿姨", text)
		if got != text {
			t.Fatalf("handler got %d runes of a %d-rune message", len([]rune(got)), len([]rune(text)))
		}
	}
}

// TestTooLongMessageIsRefusedNotCut: above MaxTextRunes nothing is handled
// and the sender is told so, in the chat it came from, whatever the
// message was: a pasted article is not read either.
func TestTooLongMessageIsRefusedNotCut(t *testing.T) {
	long := strings.Repeat("很", bot.MaxTextRunes)
	tests := []struct {
		name, group, text string
		told              bool
	}{
		{"private", "", long + "!", true},
		{"addressed", "幸福里1期居民群", "@邻里通 " + long, true},
		{"a 接龙", "幸福里1期居民群", "#接龙\n" + long, true},
		{"pasted article", "幸福里1期居民群", long + "。", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil)
			handled := false
			h.engine.Router().Hook(func(ctx context.Context, req *linli.Request) (bool, error) {
				handled = true
				return true, nil
			})
			got := h.say(tt.group, "张阿姨", tt.text)
			if handled {
				t.Error("a message over the limit reached the handlers")
			}
			format := bot.TextTooLong
			if strings.Contains(tt.text, "接龙") { // cannot be split: says what to do instead
				format = bot.TextTooLongJielong
			}
			want := fmt.Sprintf(format, len([]rune(tt.text)), bot.MaxTextRunes)
			if told := len(got) == 1 && strings.HasSuffix(got[0], want); told != tt.told {
				t.Errorf("sent %q; want told=%v (%q)", got, tt.told, want)
			}
		})
	}
}

// TestTooLongMessageIsToldOncePerMessage: the same message delivered
// again is not answered again; another long message is.
func TestTooLongMessageIsToldOncePerMessage(t *testing.T) {
	h := newHarness(t, nil)
	long := strings.Repeat("很", bot.MaxTextRunes+1)
	for i, id := range []string{"long-1", "long-1", "long-2"} {
		m := linli.Message{ID: id, Group: "幸福里1期居民群", Sender: "张阿姨", Text: long}
		if err := h.engine.Handle(context.Background(), m); err != nil {
			t.Fatalf("delivery %d: %v", i, err)
		}
	}
	h.flush()
	all := strings.Join(h.plat.texts(), "\n") // the outbox may join replies to one chat
	want := "@张阿姨 " + fmt.Sprintf(bot.TextTooLong, bot.MaxTextRunes+1, bot.MaxTextRunes)
	if n := strings.Count(all, want); n != 2 {
		t.Fatalf("two long messages (one delivered twice) told %d times, want 2:\n%s", n, all)
	}
}

// TestChatterFailureIsNotAnswered: a handler failure (error or panic) on a
// message not addressed to the bot is logged and gets no reply; the same
// failure on an addressed message or an explicit command gets the generic
// sentence.
func TestChatterFailureIsNotAnswered(t *testing.T) {
	const g = "幸福里1期居民群"
	tests := []struct {
		name, group, text string
		answered          bool
	}{
		{"group chatter", g, "大家好\n我住5号楼", false},
		{"group chatter, panic", g, "谢谢李社工\n我是3号楼的 panic", false},
		{"addressed in the group", g, "@邻里通 我住5号楼", true},
		{"private", "", "我住5号楼", true},
		{"explicit command", g, "坏命令", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil)
			fail := func(req *linli.Request) error {
				if strings.Contains(req.Msg.Norm, "panic") {
					panic("bareLocation: index out of range")
				}
				return errors.New("storage: disk I/O error")
			}
			h.engine.Router().Command(linli.Command{Names: []string{"坏命令"}, Handler: func(ctx context.Context, req *linli.Request) error {
				return fail(req)
			}})
			h.engine.Router().Hook(func(ctx context.Context, req *linli.Request) (bool, error) {
				return true, fail(req)
			})
			got := h.say(tt.group, "张阿姨", tt.text)
			answered := len(got) == 1 && strings.HasSuffix(got[0], linli.GenericErrorText)
			if answered != tt.answered || (!tt.answered && len(got) > 0) {
				t.Errorf("sent %q; want answered=%v", got, tt.answered)
			}
		})
	}
}

// TestTooLongJielongSaysWhatToDo: the answer to a 接龙 over the limit says
// plainly that it is too long and what to do, and does not tell residents
// to split it after saying it cannot be split (red-team round 5, finding 10).
func TestTooLongJielongSaysWhatToDo(t *testing.T) {
	text := fmt.Sprintf(bot.TextTooLongJielong, 53801, bot.MaxTextRunes)
	for _, want := range []string{"太长", "53801", "报名 1", "没有登记"} {
		if !strings.Contains(text, want) {
			t.Errorf("too-long 接龙 answer %q does not say %q", text, want)
		}
	}
	for _, not := range []string{"拆", "分开", "分成"} {
		if strings.Contains(text, not) {
			t.Errorf("too-long 接龙 answer %q tells to split it (%q)", text, not)
		}
	}
}
