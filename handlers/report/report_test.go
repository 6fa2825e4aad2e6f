package report

import (
	"slices"
	"testing"
	"time"

	"linli"
)

func TestParseIDAndScore(t *testing.T) {
	ids := []struct {
		args string
		id   uint64
		rest string
		ok   bool
	}{
		{"3 已更换灯泡", 3, "已更换灯泡", true},
		{"#12", 12, "", true},
		{"3号 好了", 3, "好了", true},
		{"一下", 0, "一下", false},
		{"0", 0, "0", false},
		{"35楼", 0, "35楼", false},
	}
	for _, tt := range ids {
		id, rest, ok := parseID(tt.args)
		if id != tt.id || rest != tt.rest || ok != tt.ok {
			t.Errorf("parseID(%q) = %d %q %v", tt.args, id, rest, ok)
		}
	}
	scores := []struct {
		args    string
		score   int
		comment string
	}{
		{"5 很及时", 5, "很及时"},
		{"4分", 4, ""},
		{"五星 好,谢谢!", 5, "好，谢谢！"},
		{"五颗星", 5, ""},
		{"三颗星 还可以", 3, "还可以"},
		{"五星好评", 5, "好评"},
		{"5分很及时", 5, "很及时"},
		{"满意", 5, ""},
		{"非常满意 谢谢", 5, "谢谢"},
		{"一般", 3, ""},
		{"不满意 修了还坏", 1, "修了还坏"},
		{"不太满意", 2, ""},
		{"满分", 5, ""},
		{"好评 很及时", 5, "很及时"},
		{"十分满意", 5, ""},
		{"十分不满意", 1, ""},
		{"差评", 1, ""},
		{"★★★★", 4, ""},
		{"1", 1, ""},
		{"7", 0, ""},
		{"10", 0, ""},
		{"4.5", 0, ""},
		{"一直不亮", 0, ""},
		{"★★★★★★", 0, ""},
		{"6", 0, ""},
		{"0", 0, ""},
		{"很好", 0, ""},
		{"", 0, ""},
	}
	for _, tt := range scores {
		n, c, ok := parseScore(tt.args)
		if n != tt.score || c != tt.comment || ok != (tt.score > 0) {
			t.Errorf("parseScore(%q) = %d %q %v", tt.args, n, c, ok)
		}
	}
}

func TestComputeReportStats(t *testing.T) {
	t0 := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	list := []*linli.Report{
		{ID: 1, Status: linli.ReportResolved, Deadline: t0.Add(time.Hour), ResolvedAt: t0, Rating: 5},
		{ID: 2, Status: linli.ReportResolved, Deadline: t0, ResolvedAt: t0.Add(time.Hour), Rating: 2},
		{ID: 3, Status: linli.ReportRejected},
		{ID: 4, Status: linli.ReportAccepted, Deadline: t0},
		{ID: 5, Status: linli.ReportResolved, DuplicateOf: 1, Rating: 4},
	}
	s := computeReportStats(list, t0.Add(time.Minute))
	want := ReportStats{Total: 4, Merged: 1, Resolved: 2, Rejected: 1, Open: 1, Overdue: 1, OnTime: 1, Rated: 3, RateSum: 11, Pleased: 2}
	if s != want {
		t.Fatalf("stats = %+v, want %+v", s, want)
	}
	if r := s.ResolutionRate(); r < 0.66 || r > 0.67 {
		t.Errorf("resolution rate = %v, want 2/3", r)
	}
	if got := s.Satisfaction(); got < 3.66 || got > 3.67 {
		t.Errorf("satisfaction = %v, want 11/3", got)
	}
	if (ReportStats{}).ResolutionRate() != 0 || (ReportStats{}).Satisfaction() != 0 {
		t.Error("empty stats are not zero")
	}
}

func TestLeadingIDs(t *testing.T) {
	for args, want := range map[string][]uint64{
		"1 2 3":     {1, 2, 3},
		"1,2、3":     {1, 2, 3},
		"#1 #2":     {1, 2},
		"1 1":       {1},
		"1 好的":      {1},
		"3 已更换灯泡":   {3},
		"3 2个灯泡已更换": {3},
		"第一个":       nil,
	} {
		if got := leadingIDs(args); !slices.Equal(got, want) {
			t.Errorf("leadingIDs(%q) = %v, want %v", args, got, want)
		}
	}
	for s, want := range map[string]bool{"2 3": true, "2": true, "": false, "已更换": false, "2 个": false} {
		if got := onlyIDs(s); got != want {
			t.Errorf("onlyIDs(%q) = %v, want %v", s, got, want)
		}
	}
}
