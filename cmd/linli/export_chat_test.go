package main

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"linli"
)

// sentFile returns the file sent privately to user among out, opened.
func sentFile(t *testing.T, out []linli.Outgoing, user, name string) (*excelize.File, *linli.Outgoing) {
	t.Helper()
	for i := range out {
		if m := out[i].Media; m != nil && m.Name == name {
			if out[i].To.User != user || out[i].To.Group != "" {
				t.Fatalf("%s went to %s, want %s privately", name, out[i].To, user)
			}
			f, err := excelize.OpenReader(bytes.NewReader(m.Data))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { f.Close() })
			return f, &out[i]
		}
	}
	t.Fatalf("no %s sent:\n%s", name, strings.Join(texts(out), "\n"))
	return nil, nil
}

// sheetRows reads the only sheet of f.
func sheetRows(t *testing.T, f *excelize.File) (string, [][]string) {
	t.Helper()
	sheets := f.GetSheetList()
	if len(sheets) != 1 {
		t.Fatalf("sheets %q, want one", sheets)
	}
	rows, err := f.GetRows(sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	return sheets[0], rows
}

// wantRows compares rows cell by cell (missing trailing cells read as "").
func wantRows(t *testing.T, what string, rows, want [][]string) {
	t.Helper()
	if len(rows) != len(want) {
		t.Fatalf("%s: %d rows, want %d:\n%q", what, len(rows), len(want), rows)
	}
	for i := range want {
		got := append(rows[i], make([]string, max(len(want[i])-len(rows[i]), 0))...)
		if fmt.Sprint(got) != fmt.Sprint(want[i]) {
			t.Errorf("%s row %d:\n%q\nwant\n%q", what, i+1, got, want[i])
		}
	}
}

// TestChatExports: 导出 上报, 导出 投票 <编号> and 导出 活动 send staff the
// xlsx files people read (title row, Chinese headers and words, readable
// dates, one column per option with a 合计 row), privately, also when
// asked in the staff group.
func TestChatExports(t *testing.T) {
	h := newHarness(t, "2026-11-23 09:00", nil)
	h.say(publishLecture)
	h.say("幸福里1期居民群/3-502 张阿姨: 报名 1 +1")
	h.say("幸福里1期居民群/3-502 张阿姨: 随手拍 3号楼门口路灯不亮")
	h.say("李社工: 发起投票 活动时间 选项:周六上午/周日下午/都可以 多选2 截止:11月24日 18:00")
	h.say("李社工: 发起投票 物业满意度 选项:满意/不满意 匿名 截止:11月24日 18:00")
	h.advance(time.Minute)
	h.say("幸福里1期居民群/3-502 张阿姨: 投票 1 周六上午 都可以")
	h.say("幸福里1期居民群/7-301 王叔: 投票 1 周日下午")
	h.say("幸福里1期居民群/3-502 张阿姨: 投票 2 满意")
	h.say("幸福里1期居民群/7-301 王叔: 投票 2 不满意")
	h.advance(time.Minute)
	h.flush()
	h.advanceTo("2026-11-23 10:30")
	h.say("幸福里工作群/李社工: 导出 上报")
	h.say("李社工: 导出 投票 1")
	h.say("李社工: 导出 投票 2")
	h.say("李社工: 导出 活动")
	out := h.flush()

	f, msg := sentFile(t, out, "李社工", "随手拍-20261123.xlsx")
	if !strings.Contains(msg.Text, "共1条") && !hasText(out, "李社工", "随手拍记录，共1条。") {
		t.Errorf("no caption with the count:\n%s", strings.Join(texts(out), "\n"))
	}
	sheet, rows := sheetRows(t, f)
	if sheet != "随手拍记录" || len(rows) != 3 || rows[0][0] != "幸福里社区 · 随手拍记录 · 导出时间 2026-11-23 10:30" {
		t.Fatalf("reports file %q: %q", sheet, rows)
	}
	if got := strings.Join(rows[1][:7], ","); got != "编号,上报人,上报的群,类别,问题描述,地点,状态" || !strings.Contains(strings.Join(rows[1], ","), "户号") {
		t.Errorf("reports header %q (staff see the household)", rows[1])
	}
	if got := strings.Join(rows[2][:10], ","); got != "1,3-502 张阿姨,幸福里1期居民群,设施维修,3号楼门口路灯不亮,3栋,待受理,第一网格,王网格,2026-11-23 09:00" {
		t.Errorf("report row %q", rows[2])
	}

	f, _ = sentFile(t, out, "李社工", "投票-1.xlsx")
	sheet, rows = sheetRows(t, f)
	if !hasText(out, "李社工", "投票#1「活动时间」明细，共2票（Excel，每个选项一列，最后一行是合计）。") {
		t.Errorf("no caption for 导出 投票 1:\n%s", strings.Join(texts(out), "\n"))
	}
	wantRows(t, sheet, rows, [][]string{
		{"幸福里社区 · 投票明细 #1 活动时间（进行中） · 导出时间 2026-11-23 10:30"},
		{"序号", "投票人", "户号", "周六上午", "周日下午", "都可以", "投票时间"},
		{"1", "3-502 张阿姨", "3栋502", "✓", "", "✓", "2026-11-23 09:01"},
		{"2", "7-301 王叔", "7栋301", "", "✓", "", "2026-11-23 09:01"},
		{"合计", "2票", "", "1", "1", "1", ""},
	})

	f, _ = sentFile(t, out, "李社工", "投票-2.xlsx")
	sheet, rows = sheetRows(t, f)
	// Anonymous: no voter, household or time, and ballots in no particular
	// order (storage keeps them under a keyed hash).
	if len(rows) == 5 {
		ballots := []string{strings.Join(rows[2][1:], "|"), strings.Join(rows[3][1:], "|")}
		slices.Sort(ballots)
		rows[2], rows[3] = []string{rows[2][0], ballots[0]}, []string{rows[3][0], ballots[1]}
	}
	wantRows(t, sheet, rows, [][]string{
		{"幸福里社区 · 投票明细 #2 物业满意度（进行中） · 导出时间 2026-11-23 10:30"},
		{"序号", "满意", "不满意"},
		{"1", "|✓"},
		{"2", "✓"},
		{"合计", "1", "1"},
	})

	f, _ = sentFile(t, out, "李社工", "活动-20261123.xlsx")
	sheet, rows = sheetRows(t, f)
	if !hasText(out, "李社工", "全部活动，共1个（Excel）。每个活动的报名表请发送「导出 报名 活动编号」。") {
		t.Errorf("no caption for 导出 活动:\n%s", strings.Join(texts(out), "\n"))
	}
	if sheet != "活动" || len(rows) != 3 ||
		strings.Join(rows[2][:7], ",") != "1,健康讲座,2026-11-25 09:30,社区活动室,30,2026-11-25 09:30,报名中" {
		t.Errorf("activities file %q: %q", sheet, rows)
	}
	for _, o := range out {
		if o.To.Group != "" && o.Media != nil {
			t.Errorf("a file went to the group %s", o.To)
		}
	}
}

// hasText reports whether user was sent text privately.
func hasText(out []linli.Outgoing, user, text string) bool {
	for _, o := range out {
		if o.To.User == user && strings.Contains(o.Text, text) {
			return true
		}
	}
	return false
}
