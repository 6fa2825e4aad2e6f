package handlers

import (
	"slices"
	"testing"
	"time"

	"linli"
)

func TestKeywordClassifier(t *testing.T) {
	tests := []struct {
		text     string
		category string
		keywords []string
	}{
		{"3号楼门口垃圾堆了好几天", "环境卫生", []string{"垃圾"}},
		{"3号楼门口路灯不亮", "设施维修", []string{"路灯"}},
		{"消防通道被车堵了", "安全隐患", []string{"消防通道", "车"}},
		{"6号楼楼道私拉电线给电动车充电", "安全隐患", []string{"电线", "电动车", "充电"}},
		{"楼下有车乱停挡路", "停车交通", []string{"车"}},
		{"楼上装修太吵了", "噪音扰民", []string{"装修"}},
		{"花坛里的树枝断了要修剪", "绿化养护", []string{"花坛", "树枝"}},
		{"有人在群里卖东西", "其他", nil},
	}
	for _, tt := range tests {
		cat, kw := keywordClassifier{}.Classify(tt.text)
		if cat != tt.category || !slices.Equal(kw, tt.keywords) {
			t.Errorf("Classify(%q) = %s %v, want %s %v", tt.text, cat, kw, tt.category, tt.keywords)
		}
	}
}

func TestPlaceOf(t *testing.T) {
	tests := []struct {
		text     string
		place    string
		building int
	}{
		{"3号楼门口垃圾堆了好几天", "3栋", 3},
		{"三栋2单元楼道灯坏了", "3栋2单元", 3},
		{"12幢后面", "12栋", 12},
		{"东门的栏杆松动了", "东门", 0},
		{"地下车库漏水", "地下车库", 0},
		{"3楼有人装修", "", 0}, // a floor, not a building
		{"路灯不亮", "", 0},
	}
	for _, tt := range tests {
		place, b := placeOf(tt.text)
		if place != tt.place || b != tt.building {
			t.Errorf("placeOf(%q) = %q %d, want %q %d", tt.text, place, b, tt.place, tt.building)
		}
	}
}

func TestSameProblem(t *testing.T) {
	tests := []struct {
		a, b []string
		want bool
	}{
		{[]string{"垃圾"}, []string{"垃圾"}, true},
		{[]string{"灯"}, []string{"路灯"}, true},
		{[]string{"门口", "垃圾"}, []string{"门口", "路灯"}, false},
		{[]string{"3号楼"}, []string{"3号楼"}, false},
		{nil, []string{"垃圾"}, false},
	}
	for _, tt := range tests {
		if got := sameProblem(tt.a, tt.b); got != tt.want {
			t.Errorf("sameProblem(%v, %v) = %v", tt.a, tt.b, got)
		}
	}
}

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

func TestChatterAfterWord(t *testing.T) {
	for norm, want := range map[string]bool{
		"随手拍真方便":        true,
		"随手拍是什么":        true,
		"随手拍好用吗":        true,
		"随手拍 真的很臭":      false,
		"随手拍好多垃圾没人收":    false,
		"随手拍3号楼门口路灯不亮":  false,
		"随手拍:3号楼门口路灯不亮": false,
	} {
		if got := chatterAfterWord(norm, "随手拍"); got != want {
			t.Errorf("chatterAfterWord(%q) = %v, want %v", norm, got, want)
		}
	}
}

func TestHasContent(t *testing.T) {
	for desc, want := range map[string]bool{
		"一下":          false,
		",拍了":         false,
		"看看这个":        false,
		"3号楼":         false,
		"东门这里":        false,
		"这里有问题":       false,
		"坏了":          false,
		"。。。":         false,
		"电梯又坏了":       true,
		"3号楼门口路灯不亮":   true,
		"楼下有个大坑":      true,
		"有人在楼道抽烟":     true,
		"垃圾桶满了好几天没人收": true,
		"下水道堵了":       true,
	} {
		if got := hasContent(desc); got != want {
			t.Errorf("hasContent(%q) = %v, want %v", desc, got, want)
		}
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
