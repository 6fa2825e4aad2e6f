package survey

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"linli"
)

var now = time.Date(2026, 11, 23, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))

func testConfig(t *testing.T) *linli.Config {
	t.Helper()
	cfg := &linli.Config{Groups: []string{"幸福里1期居民群", "幸福里2期居民群"}}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	return cfg
}

func options(n int) string {
	o := make([]string, n)
	for i := range o {
		o[i] = fmt.Sprintf("选项%d", i+1)
	}
	return strings.Join(o, "/")
}

// TestRuleSurveyPublish: a survey has 1 to 20 questions, a question 2 to
// 10 options (linli.MaxSurveyOptions) unless it is free text; the kinds
// come from 多选 / 填空 or the absence of options.
func TestRuleSurveyPublish(t *testing.T) {
	cfg := testConfig(t)
	s, err := parsePublish("社区需求调研 截止:12月20日 群:1期\n1. 哪类活动？ 健康讲座/文艺演出 多选\n2. 满意吗？ 满意/一般\n3. 建议？ 填空\n4. 还有吗", now, cfg)
	if err != nil {
		t.Fatal(err)
	}
	kinds := []string{}
	for _, q := range s.Questions {
		kinds = append(kinds, q.Kind)
	}
	if s.Title != "社区需求调研" || !reflect.DeepEqual(s.Groups, []string{"幸福里1期居民群"}) ||
		!reflect.DeepEqual(kinds, []string{"multiple", "single", "text", "text"}) || s.Deadline.Day() != 20 {
		t.Fatalf("parsed %+v (kinds %v)", s, kinds)
	}
	if _, err := parsePublish("十个选项 截止:12月20日\n1. 选？ "+options(10), now, cfg); err != nil {
		t.Errorf("10 options: %v, want accepted", err)
	}
	many := "多题 截止:12月20日"
	for i := 1; i <= 20; i++ {
		many += fmt.Sprintf("\n%d. 第%d题？ 是/否", i, i)
	}
	if _, err := parsePublish(many, now, cfg); err != nil {
		t.Errorf("20 questions: %v, want accepted", err)
	}
	for name, text := range map[string]string{
		"no questions":  "空问卷 截止:12月20日",
		"11 options":    "太多 截止:12月20日\n1. 选？ " + options(11),
		"one option":    "一个 截止:12月20日\n1. 选？ 是/",
		"21 questions":  many + "\n21. 多一题？ 是/否",
		"no deadline":   "无期限\n1. 满意吗？ 满意/一般",
		"past deadline": "过期 截止:11月20日\n1. 满意吗？ 满意/一般",
		"numbering":     "跳号 截止:12月20日\n2. 满意吗？ 满意/一般",
		"多选 no options": "多选 截止:12月20日\n1. 哪些？ 多选",
		"duplicate":     "重复 截止:12月20日\n1. 满意吗？ 满意/满意",
		"single option": "一个选项 截止:12月20日\n1. 好吗？ 好",
	} {
		if _, err := parsePublish(text, now, cfg); linli.ErrorCode(err) != linli.EInvalid {
			t.Errorf("%s: err %v, want EInvalid", name, err)
		}
	}
}

// TestRuleSurveyAnswers: one question per message ("1 AC") or all in
// order ("AC 满意 希望…", the last free text taking the rest); letters or
// option texts; one choice for a single question; nothing unknown.
func TestRuleSurveyAnswers(t *testing.T) {
	s, err := parsePublish("调研 截止:12月20日\n1. 哪类？ 健康讲座/文艺演出/亲子活动/志愿服务 多选\n2. 满意吗？ 满意/一般/不满意\n3. 建议？ 填空", now, testConfig(t))
	if err != nil {
		t.Fatal(err)
	}
	s.ID = 1
	for _, tt := range []struct {
		in   string
		want [][]string
	}{
		{"AC 满意 希望 多办讲座", [][]string{{"健康讲座", "亲子活动"}, {"满意"}, {"希望 多办讲座"}}},
		{"1 AC", [][]string{{"健康讲座", "亲子活动"}, nil, nil}},
		{"1 ca", [][]string{{"健康讲座", "亲子活动"}, nil, nil}},
		{"1 健康讲座、志愿服务", [][]string{{"健康讲座", "志愿服务"}, nil, nil}},
		{"2 B", [][]string{nil, {"一般"}, nil}},
		{"3 多办 讲座", [][]string{nil, nil, {"多办 讲座"}}},
		{"D C 1", [][]string{{"志愿服务"}, {"不满意"}, {"1"}}},
	} {
		got, err := parseAnswers(s, tt.in)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("问卷1 %s: %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "2 AB", "1 E", "AC", "AC 满意", "AC 好 建议", "2 很好"} {
		if got, err := parseAnswers(s, bad); err == nil {
			t.Errorf("问卷1 %s: %q, want an error", bad, got)
		}
	}
}

// TestRuleSurveyResultsTie: the groups' summary names every option at the
// top when they tie, and says so when nobody chose any.
func TestRuleSurveyResultsTie(t *testing.T) {
	s, err := parsePublish("调研 截止:12月20日\n1. 满意吗？ 满意/一般/不满意\n2. 哪个？ 甲/乙", now, testConfig(t))
	if err != nil {
		t.Fatal(err)
	}
	s.ID = 1
	r := results{respondents: 2, counts: [][]int{{1, 0, 1}, {0, 0}}}
	got := textResultsGroup(s, r)
	if !strings.Contains(got, "1. 满意吗？ 选得最多：满意、不满意（各1人）") || !strings.Contains(got, "2. 哪个？ 没有人选") {
		t.Errorf("summary %q; want the tie named and the unchosen question said", got)
	}
	r.counts[0] = []int{0, 2, 1}
	if got := textResultsGroup(s, r); !strings.Contains(got, "选得最多：一般（2人）") {
		t.Errorf("summary %q; want 一般（2人）", got)
	}
}

// TestRuleSurveyAnswerForms: an intensifier before an option's text is that
// option (很满意 is 满意, 很不满意 is 不满意); a question number beyond the
// survey is said plainly.
func TestRuleSurveyAnswerForms(t *testing.T) {
	s, err := parsePublish("调研 截止:12月20日\n1. 哪类？ 健康讲座/文艺演出 多选\n2. 满意吗？ 满意/一般/不满意", now, testConfig(t))
	if err != nil {
		t.Fatal(err)
	}
	s.ID = 1
	for in, want := range map[string]string{"AA 很满意": "满意", "A 非常满意": "满意", "A 很不满意": "不满意", "A 一般": "一般"} {
		got, err := parseAnswers(s, in)
		if err != nil || len(got[1]) != 1 || got[1][0] != want {
			t.Errorf("%q: %v %v; want 第2题 %s", in, got, err, want)
		}
	}
	if _, err := parseAnswers(s, "A 很好"); err == nil {
		t.Errorf("很好 accepted as an option")
	}
	if _, err := parseAnswers(s, "3 多出来的题"); err == nil || !strings.Contains(err.Error(), "问卷1只有2道题，没有第3题") {
		t.Errorf("3 多出来的题: %v; want 问卷1只有2道题，没有第3题", err)
	}
}
