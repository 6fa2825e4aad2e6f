package main

import (
	"strings"
	"testing"
)

func TestMatchPattern(t *testing.T) {
	tests := []struct {
		pattern, line string
		want          bool
	}{
		{"[群] 你好", "[群] 你好", true},
		{"[群] 你好", "[群] 你好呀", false}, // whole line without a wildcard
		{"[群] 你好…", "[群] 你好呀", true},
		{"…报名成功…", "[群] @张阿姨 报名成功：活动1", true},
		{"…报名成功…", "[群] @张阿姨 报名失败", false},
		{"…候补…第2位", "候补中，第2位", true},
		{"…候补…第2位", "候补中，第2位（1人）", false}, // a suffix must end the line
		{"a…a", "a", false},               // prefix and suffix do not overlap
		{"a…a", "aa", true},
		{"…", "", true},
		{"x…y…z", "x z y", false}, // parts in order
	}
	for _, tt := range tests {
		if got := matchPattern(tt.pattern, tt.line); got != tt.want {
			t.Errorf("matchPattern(%q, %q) = %v, want %v", tt.pattern, tt.line, got, tt.want)
		}
	}
}

const sampleOutput = `[群A] @张阿姨 报名成功
  @王叔 已进入候补（第1位）
[私聊 王叔] 好消息：您已转为正式报名
-- restart --
  not a continuation of anything
[群B] 收到
`

func TestCheckExpectations(t *testing.T) {
	tests := []struct {
		name   string
		script string
		// want is one substring per expected failure message; none: pass.
		want []string
	}{
		{name: "in order, trimmed, with wildcards",
			script: "//= [群A] @张阿姨 报名成功\n//=   @王叔 已进入候补…\n// x\n//= [私聊 王叔] 好消息…\n//= [群B] 收到"},
		{name: "continuation line matched with its target",
			script: "//= [群A] @王叔 已进入候补（第1位）\n//= [私聊 王叔] …"},
		{name: "no target after a restart",
			script: "//= [群A] not a continuation…",
			want:   []string{"x.txt:1: //= [群A] not a continuation…\n\tno output line matches; closest output lines:\n\t  5:   not a continuation of anything"}},
		{name: "out of order names both lines",
			script: "//= [私聊 王叔] 好消息…\n\n//= [群A] @张阿姨 报名成功",
			want:   []string{"x.txt:3: //= [群A] @张阿姨 报名成功\n\tno output line after output line 3 (matched by line 1) matches; output line 1 does, but comes too early: [群A] @张阿姨 报名成功"}},
		{name: "a failure does not hide the next",
			script: "//= [群A] @李四 报名成功\n//= [群C] 收到",
			want:   []string{"x.txt:1: //= [群A] @李四 报名成功\n\tno output line matches; closest output lines:\n\t  1: [群A] @张阿姨 报名成功", "x.txt:2: //= [群C] 收到"}},
		{name: "counted, anywhere",
			script: "//= [群B] 收到\n//=1 …报名…\n//=1 [群A] @张阿姨 报名成功\n//=0 [群A] …候补…\n//=0 [群B] …候补…",
			want: []string{
				"x.txt:2: //=1 …报名…\n\t2 output lines match, want 1\n\t  1: [群A] @张阿姨 报名成功\n\t  3: [私聊 王叔] 好消息：您已转为正式报名",
				"x.txt:4: //=0 [群A] …候补…\n\t1 output lines match, want 0\n\t  2:   @王叔 已进入候补（第1位）",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exps, err := parseExpectations("x.txt", tt.script)
			if err != nil {
				t.Fatal(err)
			}
			got := checkExpectations(exps, sampleOutput)
			if len(got) != len(tt.want) {
				t.Fatalf("failures:\n%s\nwant %d", strings.Join(got, "\n"), len(tt.want))
			}
			for i := range got {
				if !strings.Contains(got[i], tt.want[i]) {
					t.Errorf("failure %d:\n%s\nwant it to contain:\n%s", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestParseExpectations(t *testing.T) {
	tests := []struct {
		line    string
		count   int
		pattern string
	}{
		{"//= [群] 你好", -1, "[群] 你好"},
		{"  //=   [群] 你好  ", -1, "[群] 你好"},
		{"//=0 [群] …", 0, "[群] …"},
		{"//=12 x", 12, "x"},
		{"//= 3 x", -1, "3 x"},      // a count follows "//=" directly
		{"//=3. 李奶奶", -1, "3. 李奶奶"}, // not a number
	}
	for _, tt := range tests {
		exps, err := parseExpectations("x.txt", "// a comment\n"+tt.line)
		if err != nil || len(exps) != 1 {
			t.Fatalf("%q: %v, %v", tt.line, exps, err)
		}
		if e := exps[0]; e.count != tt.count || e.pattern != tt.pattern || e.line != 2 {
			t.Errorf("%q: count %d pattern %q line %d, want %d %q 2", tt.line, e.count, e.pattern, e.line, tt.count, tt.pattern)
		}
	}
}

func TestParseExpectationsEmpty(t *testing.T) {
	if _, err := parseExpectations("x.txt", "// ok\n//=   \n"); err == nil || !strings.Contains(err.Error(), "x.txt:2:") {
		t.Fatalf("empty pattern: %v, want an error naming x.txt:2", err)
	}
}
