package notice

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"linli"
)

func broadcastHandlers(t *testing.T) *Family {
	t.Helper()
	cfg := &linli.Config{Groups: []string{"幸福里1期居民群", "幸福里2期居民群", "和平里居民群"}, StaffGroup: "工作群"}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	return New(Deps{Config: cfg})
}

func TestParseTarget(t *testing.T) {
	h := broadcastHandlers(t)
	all := "幸福里1期居民群|幸福里2期居民群|和平里居民群"
	tests := []struct {
		args, groups, content string
		all, known            bool
		err                   string // part of the error message
	}{
		{args: "全部 明天停水", groups: all, content: "明天停水", all: true, known: true},
		{args: "所有群 明天 停水", groups: all, content: "明天 停水", all: true, known: true},
		{args: "幸福里1期居民群 内容", groups: "幸福里1期居民群", content: "内容", known: true},
		{args: "1期、和平里 内容", groups: "幸福里1期居民群|和平里居民群", content: "内容", known: true},
		{args: "1期,2期,1期 内容", groups: "幸福里1期居民群|幸福里2期居民群", content: "内容", known: true},
		{args: "1期, 2期 内容", groups: "幸福里1期居民群|幸福里2期居民群", content: "内容", known: true},
		{args: "1期 ,2期 内容", groups: "幸福里1期居民群|幸福里2期居民群", content: "内容", known: true},
		{args: "1期;和平里\n第一行\n第二行", groups: "幸福里1期居民群|和平里居民群", content: "第一行\n第二行", known: true},
		{args: "3期 内容", err: "找不到群「3期」。可以发往：幸福里1期居民群、幸福里2期居民群、和平里居民群"},
		{args: "幸福里 内容", err: "「幸福里」对应多个群"},
		{args: "工作群 内容", err: "找不到群「工作群」"},
		{args: "全部", known: true, err: "通知内容不能为空"},
		{args: "1期、", known: true, err: "通知内容不能为空"},
		{args: "", err: "请这样发"},
	}
	for _, tt := range tests {
		got, known, err := h.parseTarget(tt.args, textNoticeUsage(h.Config.Groups))
		if tt.err != "" {
			if err == nil || !strings.Contains(linli.ErrorMessage(err), tt.err) || known != tt.known {
				t.Errorf("parseTarget(%q) = %v, known %v; want error containing %q, known %v", tt.args, err, known, tt.err, tt.known)
			}
			continue
		}
		if err != nil || strings.Join(got.groups, "|") != tt.groups || got.content != tt.content || got.all != tt.all || !known {
			t.Errorf("parseTarget(%q) = %+v, %v, %v; want groups %s content %q all %v", tt.args, got, known, err, tt.groups, tt.content, tt.all)
		}
	}
}

func TestRawTail(t *testing.T) {
	tests := []struct{ raw, tail, want string }{
		{"通知 全部 各位居民：明天停水！", "各位居民:明天停水!", "各位居民：明天停水！"},
		{"通知 全部\r\n各位居民：\r\n  第二行，缩进", "各位居民:\n第二行,缩进", "各位居民：\n  第二行，缩进"},
		{"＃通知　全部　停电：今晚８点", "停电:今晚8点", "停电：今晚８点"},
		{"通知 全部 a\u200b b", "a b", "a\u200b b"},
		{"通知 全部 社區義診", "社区义诊", "社区义诊"},           // Traditional: the normalised text
		{"通知 全部 ① 号楼", "1 号楼", "1 号楼"},           // NFKC rewrote a symbol
		{"通知 全部 关注@邻里通 公众号", "关注 公众号", "关注 公众号"}, // the engine removed the @mention
		{"x", "", ""},
	}
	for _, tt := range tests {
		if got := rawTail(tt.raw, tt.tail); got != tt.want {
			t.Errorf("rawTail(%q, %q) = %q, want %q", tt.raw, tt.tail, got, tt.want)
		}
	}
}

func TestCountParts(t *testing.T) {
	line := strings.Repeat("字", 30) + "\n"
	tests := []struct {
		text  string
		limit int
		want  int
	}{
		{"短", 100, 1},
		{strings.Repeat(line, 3), 100, 1},  // 93 runes
		{strings.Repeat(line, 4), 100, 2},  // cut at a line end: 3 lines + 1 line
		{strings.Repeat("字", 250), 100, 3}, // one long line cut hard
		{strings.Repeat(line, 10), 0, 1},   // no limit
	}
	for _, tt := range tests {
		if got := countParts(tt.text, tt.limit); got != tt.want {
			t.Errorf("countParts(%d runes, %d) = %d, want %d", len([]rune(tt.text)), tt.limit, got, tt.want)
		}
	}
}

func TestPaceEstimate(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	cfg := linli.OutboxConfig{PerMinute: 20, PerChatInterval: linli.Duration(1500 * time.Millisecond),
		CoalesceWindow: linli.Duration(2 * time.Second)}
	groups := func(n, parts int) []linli.Chat {
		var out []linli.Chat
		for i := range n {
			for range parts {
				out = append(out, linli.Chat{Group: fmt.Sprint(i)})
			}
		}
		return out
	}
	fast := cfg
	fast.PerMinute = 600
	tests := []struct {
		name  string
		cfg   linli.OutboxConfig
		ahead int
		dests []linli.Chat
		want  time.Duration
	}{
		{"one message", cfg, 0, groups(1, 1), 2 * time.Second},
		{"30 groups: 3s apart", cfg, 0, groups(30, 1), 2*time.Second + 29*3*time.Second},
		{"after 10 waiting", cfg, 10, groups(1, 1), 2*time.Second + 10*3*time.Second},
		{"per-chat interval binds", fast, 0, groups(1, 3), 2*time.Second + 2*1500*time.Millisecond},
		{"two chats interleave", fast, 0, groups(2, 2), 2*time.Second + 1500*time.Millisecond + 100*time.Millisecond},
	}
	for _, tt := range tests {
		if got := paceEstimate(tt.cfg, now, tt.ahead, tt.dests).Sub(now); got != tt.want {
			t.Errorf("%s: last after %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestDurationText(t *testing.T) {
	for d, want := range map[time.Duration]string{
		92 * time.Second: "1分32秒", 3 * time.Minute: "3分钟", 125 * time.Minute: "2小时5分",
	} {
		if got := durationText(d); got != want {
			t.Errorf("durationText(%v) = %q, want %q", d, got, want)
		}
	}
}

// BenchmarkPaceEstimate is the summary's estimate for a notice to 300
// groups (quadratic in the number of messages).
func BenchmarkPaceEstimate(b *testing.B) {
	cfg := linli.OutboxConfig{PerMinute: 20, PerChatInterval: linli.Duration(1500 * time.Millisecond),
		CoalesceWindow: linli.Duration(2 * time.Second)}
	dests := make([]linli.Chat, 300)
	for i := range dests {
		dests[i] = linli.Chat{Group: fmt.Sprint(i)}
	}
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	for b.Loop() {
		paceEstimate(cfg, now, 0, dests)
	}
}
