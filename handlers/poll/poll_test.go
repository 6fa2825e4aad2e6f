package poll

import (
	"slices"
	"strings"
	"testing"
	"time"

	"linli"
	"linli/nlu"
)

func pollTestConfig(t *testing.T, polls linli.PollConfig) *linli.Config {
	t.Helper()
	cfg := &linli.Config{Groups: []string{"幸福里1期居民群", "幸福里2期居民群"}, Polls: polls}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestParsePoll(t *testing.T) {
	cfg := pollTestConfig(t, linli.PollConfig{TotalHouseholds: 6})
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, cfg.Location)
	s, err := parsePoll("加装电梯 一户一票 选项:同意/反对/弃权 规则:双三分之二 截止:11月30日 18:00 匿名 群:幸福里1期居民群 提议:3栋 加装电梯 讨论至:11月25日 18:00", now, cfg)
	if err != nil {
		t.Fatal(err)
	}
	want := pollSpec{title: "加装电梯", rule: linli.RuleCivil, proposal: "3栋 加装电梯",
		options: []string{"同意", "反对", "弃权"}, groups: []string{"幸福里1期居民群"}, maxChoices: 1,
		anonymous: true, household: true,
		deadline:     time.Date(2026, 11, 30, 18, 0, 0, 0, cfg.Location),
		discussUntil: time.Date(2026, 11, 25, 18, 0, 0, 0, cfg.Location)}
	if s.title != want.title || s.rule != want.rule || s.proposal != want.proposal || !slices.Equal(s.options, want.options) ||
		!slices.Equal(s.groups, want.groups) || s.maxChoices != 1 || !s.anonymous || !s.household ||
		!s.deadline.Equal(want.deadline) || !s.discussUntil.Equal(want.discussUntil) {
		t.Fatalf("parsePoll =\n%+v\nwant\n%+v", s, want)
	}

	multi, err := parsePoll("活动 选项:唱歌、跳舞、下棋、书法 多选2 截止:明天18点", now, cfg)
	if err != nil || multi.maxChoices != 2 || len(multi.options) != 4 || len(multi.groups) != 2 || multi.household {
		t.Fatalf("multi = %+v, %v", multi, err)
	}
	spaced, err := parsePoll("时间 选项:周六 周日 多选 截止:11月28日", now, cfg)
	if err != nil || !slices.Equal(spaced.options, []string{"周六", "周日"}) || spaced.maxChoices != 2 {
		t.Fatalf("space-separated options = %+v, %v", spaced, err)
	}

	// A date without a time of day means the end of that day, for both.
	dates, err := parsePoll("时间 选项:周六/周日 讨论至:11月25日 截止:11月28日 群:1期", now, cfg)
	if err != nil || !dates.deadline.Equal(time.Date(2026, 11, 28, 23, 59, 0, 0, cfg.Location)) ||
		!dates.discussUntil.Equal(time.Date(2026, 11, 25, 23, 59, 0, 0, cfg.Location)) ||
		!slices.Equal(dates.groups, []string{"幸福里1期居民群"}) {
		t.Fatalf("date-only times, short group name = %+v, %v", dates, err)
	}

	bad := []struct{ args, want string }{
		{"选项:同意/反对 截止:11月30日", "标题"},
		{"加装电梯 截止:11月30日", "至少两个选项"},
		{"加装电梯 选项:同意/同意 截止:11月30日", "重复"},
		{"加装电梯 选项:同意/反对", "截止时间"},
		{"加装电梯 选项:同意/反对 截止:11月20日", "已经过去"},
		{"加装电梯 选项:同意/反对 截止:下辈子", "截止时间"},
		{"加装电梯 选项:同意/反对 截止:11月30日 讨论至:12月2日", "之间"},
		{"加装电梯 选项:同意/反对 截止:11月30日 规则:全票", "无法识别"},
		{"加装电梯 选项:同意/反对/弃权 多选 规则:过半 截止:11月30日", "只能单选"},
		{"加装电梯 选项:同意/反对/弃权 多选5 截止:11月30日", "多选5"},
		{"加装电梯 选项:同意/反对 截止:11月30日 群:隔壁小区群", "隔壁小区群"},
		{"加装电梯 选项:同意/反对 截止:11月30日 群:居民群", "幸福里1期居民群、幸福里2期居民群"},
		{"加装电梯 选项:同意/反对 截止:明天 讨论至:明天", "之间"},
	}
	for _, b := range bad {
		if _, err := parsePoll(b.args, now, cfg); err == nil || !strings.Contains(linli.ErrorMessage(err), b.want) {
			t.Errorf("parsePoll(%q) err = %v, want one mentioning %q", b.args, err, b.want)
		}
	}
}

// TestParsePollCivilConfig: a 双三分之二 poll is refused, naming the keys to
// set, when the configuration lacks what the rule is measured against.
func TestParsePollCivilConfig(t *testing.T) {
	const args = "加装电梯 选项:同意/反对 规则:双三分之二 截止:11月30日"
	tests := []struct {
		polls linli.PollConfig
		want  string // "" = accepted
	}{
		{linli.PollConfig{}, "total_households"},
		{linli.PollConfig{TotalHouseholds: 6, TotalArea: 600}, "areas"},
		{linli.PollConfig{TotalHouseholds: 6, Areas: map[string]float64{"3栋502": 90}}, "total_area"},
		{linli.PollConfig{TotalHouseholds: 6, TotalArea: 600, Areas: map[string]float64{"东门": 90}}, "东门"},
		{linli.PollConfig{TotalHouseholds: 6, TotalArea: 600, Areas: map[string]float64{"3-502": 90}}, ""},
		{linli.PollConfig{TotalHouseholds: 6}, ""},
	}
	for _, tt := range tests {
		cfg := pollTestConfig(t, tt.polls)
		now := time.Date(2026, 11, 23, 9, 0, 0, 0, cfg.Location)
		_, err := parsePoll(args, now, cfg)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%+v: %v", tt.polls, err)
		case tt.want != "" && (err == nil || !strings.Contains(linli.ErrorMessage(err), tt.want)):
			t.Errorf("%+v: err = %v, want one naming %q", tt.polls, err, tt.want)
		}
	}
	// Simpler rules need no configuration.
	cfg := pollTestConfig(t, linli.PollConfig{})
	if _, err := parsePoll(strings.Replace(args, "双三分之二", "过半", 1), time.Date(2026, 11, 23, 9, 0, 0, 0, cfg.Location), cfg); err != nil {
		t.Fatal(err)
	}
}

func TestParseBallot(t *testing.T) {
	multi := &linli.Poll{ID: 3, Options: []string{"同意", "反对", "弃权", "2号方案"}, MaxChoices: 4}
	single := &linli.Poll{ID: 1, Options: []string{"同意", "反对", "弃权"}, MaxChoices: 1}
	tests := []struct {
		p       *linli.Poll
		in      string
		want    []int
		replace bool
		remark  string
		ignored []string
	}{
		{multi, "1", []int{0}, false, "", nil},
		{multi, "b", []int{1}, false, "", nil},
		{multi, "同意", []int{0}, false, "", nil},
		{multi, "A、C", []int{0, 2}, false, "", nil},
		{multi, "AC", []int{0, 2}, false, "", nil},
		{multi, "3,1 1", []int{0, 2}, false, "", nil},
		{multi, "2号方案", []int{3}, false, "", nil},
		{multi, "第2项", []int{1}, false, "", nil},
		{multi, "反对 改", []int{1}, true, "", nil},
		{multi, "确认 2", []int{1}, true, "", nil},
		{multi, "同意 都行 弃权 随便", []int{0, 2}, false, "都行 随便", []string{"都行", "随便"}},
		{single, "同意!", []int{0}, false, "", nil},
		{single, "同意！！", []int{0}, false, "", nil},
		{single, "我同意", []int{0}, false, "", nil},
		{single, "同意了", []int{0}, false, "", nil},
		{single, "我选2", []int{1}, false, "", nil},
		{single, "同意,希望早点装", []int{0}, false, "希望早点装", nil},
		{single, "同意，希望早点装，2楼以上出钱", []int{0}, false, "希望早点装，2楼以上出钱", nil},
		{single, "反对 太吵了 改", []int{1}, false, "太吵了 改", nil},
		{single, "同意 谢谢!", []int{0}, false, "", nil},
		{single, "同意 反对", []int{0, 1}, false, "", nil}, // refused as single choice by cast
	}
	for _, tt := range tests {
		b, err := parseBallot(nlu.Words(), tt.p, tt.in)
		if err != nil || !slices.Equal(b.choices, tt.want) || b.replace != tt.replace || b.remark != tt.remark || !slices.Equal(b.ignored, tt.ignored) {
			t.Errorf("parseBallot(%q) = %+v, %v; want %v replace=%v remark=%q ignored=%q", tt.in, b, err, tt.want, tt.replace, tt.remark, tt.ignored)
		}
	}
	for _, in := range []string{"5", "E", "也许", "0", "改", "希望早点装 同意", "!!"} {
		if _, err := parseBallot(nlu.Words(), multi, in); linli.ErrorCode(err) != linli.EInvalid {
			t.Errorf("parseBallot(%q) err = %v, want invalid", in, err)
		}
	}
}

// TestOpinionDigests: opinions go to staff ten to a message, one line each,
// without the household; the 反馈 hint ends the last message only.
func TestOpinionDigests(t *testing.T) {
	p := &linli.Poll{ID: 2, Title: "停车位"}
	var ops []linli.PollOpinion
	for i := range 12 {
		ops = append(ops, linli.PollOpinion{Resident: "居民" + string(rune('A'+i)), Household: "2栋301", Text: "第一行\n第二行"})
	}
	got := opinionDigests(p, ops)
	if len(got) != 2 {
		t.Fatalf("got %d digests, want 2:\n%s", len(got), strings.Join(got, "\n---\n"))
	}
	for i, want := range []struct {
		head  string
		lines int
		hint  bool
	}{{"（第1-10条，共12条）", 11, false}, {"（第11-12条，共12条）", 4, true}} {
		d := got[i]
		if !strings.Contains(d, want.head) || strings.Count(d, "\n")+1 != want.lines ||
			strings.Contains(d, "反馈 2") != want.hint || strings.Contains(d, "2栋301") || !strings.Contains(d, "第一行 第二行") {
			t.Errorf("digest %d =\n%s", i, d)
		}
	}
	if one := opinionDigests(p, ops[:2]); len(one) != 1 || !strings.Contains(one[0], "（2条）") {
		t.Errorf("two opinions = %q", one)
	}
}
