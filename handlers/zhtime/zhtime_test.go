package zhtime

import (
	"strings"
	"testing"
	"time"

	"linli"
)

var shanghai = mustLoad("Asia/Shanghai")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// at builds a time in Shanghai from "2006-01-02 15:04".
func at(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, shanghai)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// rd reads with a calendar that rejects the specs the scheduler rejects in
// these tests; cmd/linli tests the same cases with the real scheduler.
var rd = Reader{Cal: fakeCalendar{"0 25 * * *": true, "0 8 * * 7": true}}

// fakeCalendar rejects the specs it lists and puts every other one an hour
// after the time asked about.
type fakeCalendar map[string]bool

func (c fakeCalendar) Next(spec string, after time.Time) (time.Time, error) {
	if c[spec] {
		return time.Time{}, linli.Errorf(linli.EInvalid, "重复规则“%s”无法识别", spec)
	}
	return after.Add(time.Hour), nil
}

const (
	monday  = "2026-11-23 09:00" // the usual "now": a Monday morning
	yearEnd = "2026-12-30 09:00" // a Wednesday, for year rollover
)

func TestParse(t *testing.T) {
	tests := []struct {
		now, in, want string
	}{
		// absolute dates
		{monday, "2026-11-28 09:30", "2026-11-28 09:30"},
		{monday, "2026-11-28 9:30", "2026-11-28 09:30"},
		{monday, "2026/11/28 09:30", "2026-11-28 09:30"},
		{monday, "2026.11.28 09:30", "2026-11-28 09:30"},
		{monday, "2026年11月28日 9:30", "2026-11-28 09:30"},
		{monday, "11-28 09:30", "2026-11-28 09:30"},
		{monday, "11/28 09:30", "2026-11-28 09:30"},
		{monday, "11月28日 9:30", "2026-11-28 09:30"},
		{monday, "11月28日9:30", "2026-11-28 09:30"},
		{monday, "11月28号 9点半", "2026-11-28 09:30"},
		{monday, "11月28日上午9点", "2026-11-28 09:00"},
		{monday, "11月28日下午3点", "2026-11-28 15:00"},
		{monday, "11月28日晚上7点30", "2026-11-28 19:30"},
		{monday, "11月28日 下午 3点", "2026-11-28 15:00"},
		{monday, "十一月二十八日", "2026-11-28 09:00"},
		{monday, "11月28日", "2026-11-28 09:00"}, // date only: DefaultHour
		{monday, "11月28日(周六) 09:30", "2026-11-28 09:30"},
		{monday, "11月28日周六下午3点", "2026-11-28 15:00"},
		{monday, "2020-01-01 08:00", "2020-01-01 08:00"}, // the past is the caller's call
		{monday, "28号下午3点", "2026-11-28 15:00"},
		{monday, "5号", "2026-12-05 09:00"},  // 18 days ago is further than 12 days ahead
		{monday, "20号", "2026-11-20 09:00"}, // just passed: stays in the past
		{monday, "1月5日", "2027-01-05 09:00"},
		{monday, "11月20日", "2026-11-20 09:00"},
		// relative days
		{monday, "明天8点", "2026-11-24 08:00"},
		{monday, "明天 8点", "2026-11-24 08:00"},
		{monday, "明天早上8点", "2026-11-24 08:00"},
		{monday, "明天下午3点", "2026-11-24 15:00"},
		{monday, "明天下午", "2026-11-24 15:00"},
		{monday, "明天", "2026-11-24 09:00"},
		{monday, "后天上午10点", "2026-11-25 10:00"},
		{monday, "大后天", "2026-11-26 09:00"},
		{monday, "今天晚上8点", "2026-11-23 20:00"},
		{monday, "今晚8点", "2026-11-23 20:00"},
		{monday, "今晚", "2026-11-23 20:00"},
		{monday, "明早7点半", "2026-11-24 07:30"},
		{monday, "今天8点", "2026-11-23 08:00"}, // said explicitly: not moved to tomorrow
		{monday, "晚上12点", "2026-11-24 00:00"},
		{monday, "明天凌晨2点", "2026-11-24 02:00"},
		// weekdays
		{monday, "周六上午9点", "2026-11-28 09:00"},
		{monday, "星期六9点", "2026-11-28 09:00"},
		{monday, "礼拜天", "2026-11-29 09:00"},
		{monday, "周6 9点", "2026-11-28 09:00"},
		{monday, "周一10点", "2026-11-23 10:00"}, // today, still ahead
		{monday, "周一9点", "2026-11-30 09:00"},  // today, no longer ahead
		{monday, "周一8点", "2026-11-30 08:00"},
		{monday, "下周一9点", "2026-11-30 09:00"},
		{monday, "下周六", "2026-12-05 09:00"},
		{monday, "下周日", "2026-12-06 09:00"},
		{monday, "下下周三", "2026-12-09 09:00"},
		{monday, "本周五下午2点", "2026-11-27 14:00"},
		{monday, "这周日", "2026-11-29 09:00"},
		{monday, "本周一8点", "2026-11-23 08:00"}, // this week's Monday, already past
		// time only: today if ahead, else tomorrow
		{monday, "9:30", "2026-11-23 09:30"},
		{monday, "09:30", "2026-11-23 09:30"},
		{monday, "9:00", "2026-11-24 09:00"},
		{monday, "8:30", "2026-11-24 08:30"},
		{monday, "3点", "2026-11-24 03:00"}, // literal 24-hour reading
		{monday, "15点", "2026-11-23 15:00"},
		{monday, "下午3点", "2026-11-23 15:00"},
		{monday, "下午 3点", "2026-11-23 15:00"},
		{monday, "中午12点", "2026-11-23 12:00"},
		{monday, "中午1点", "2026-11-23 13:00"},
		{monday, "十点", "2026-11-23 10:00"},
		{monday, "十二点", "2026-11-23 12:00"},
		{monday, "两点", "2026-11-24 02:00"},
		{monday, "下午两点", "2026-11-23 14:00"},
		{monday, "九点半", "2026-11-23 09:30"},
		{monday, "十点十五", "2026-11-23 10:15"},
		{monday, "十点零五分", "2026-11-23 10:05"},
		{monday, "3点15分", "2026-11-24 03:15"},
		{monday, "10点5分", "2026-11-23 10:05"},
		{monday, "3点一刻", "2026-11-24 03:15"},
		{monday, "下午3点三刻", "2026-11-23 15:45"},
		{monday, "10点整", "2026-11-23 10:00"},
		{monday, "10时30分", "2026-11-23 10:30"},
		{monday, "下午", "2026-11-23 15:00"},
		// durations
		{monday, "10分钟后", "2026-11-23 09:10"},
		{monday, "半小时后", "2026-11-23 09:30"},
		{monday, "两个小时后", "2026-11-23 11:00"},
		{monday, "二十四小时后", "2026-11-24 09:00"},
		{monday, "3天后", "2026-11-26 09:00"},
		{monday, "2周后", "2026-12-07 09:00"},
		// year rollover
		{yearEnd, "1月5日", "2027-01-05 09:00"},
		{yearEnd, "1月5号下午3点", "2027-01-05 15:00"},
		{yearEnd, "1-5 8:00", "2027-01-05 08:00"},
		{yearEnd, "5号", "2027-01-05 09:00"},
		{yearEnd, "12月31日 10:00", "2026-12-31 10:00"},
		{yearEnd, "12月31日晚上12点", "2027-01-01 00:00"},
		{yearEnd, "12月25日", "2026-12-25 09:00"},
		{yearEnd, "明天8点", "2026-12-31 08:00"},
		{yearEnd, "后天", "2027-01-01 09:00"},
		{yearEnd, "周五", "2027-01-01 09:00"},
		{yearEnd, "下周一9点", "2027-01-04 09:00"},
		{yearEnd, "8:30", "2026-12-31 08:30"},
		{yearEnd, "3天后", "2027-01-02 09:00"},
		{"2027-01-02 09:00", "12月30日", "2026-12-30 09:00"}, // just passed: not 2027-12-30
	}
	for _, tt := range tests {
		t.Run(tt.now[:10]+"/"+tt.in, func(t *testing.T) {
			t.Parallel()
			now := at(t, tt.now)
			got, err := Parse(tt.in, now)
			if err != nil {
				t.Fatalf("Parse(%q) error: %v", tt.in, err)
			}
			if want := at(t, tt.want); !got.Equal(want) || got.Location() != shanghai {
				t.Errorf("Parse(%q) = %s, want %s", tt.in, got.Format(time.RFC3339), want.Format(time.RFC3339))
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "请写上时间"},
		{"xx", "无法识别时间“xx”，可以这样写：11月28日 9:30、明天下午3点、周六上午9点、2026-11-28 09:30"},
		{"明天8点开会", "无法识别"},
		{"2月30日", "没有2月30日"},
		{"2026-02-29 9:00", "2026年2月没有29日"},
		{"13月1日", "没有13月1日"},
		{"32号", "没有32号"},
		{"25点", "小时应在0到23之间"},
		{"9:60", "分钟应在0到59之间"},
		{"上午15点", "上午没有15点"},
		{"中午5点", "中午没有5点"},
		{"凌晨", "请写明凌晨几点"},
		{"11月28日(周五) 09:30", "11月28日是周六，不是周五"},
		{"明天8点5", "无法识别"}, // 8:05 or 8:50? say 8点05 or 8点5分
		{"今晚下午3点", "无法识别"},
		{"周19点", "无法识别"},
		{"半天后", "无法识别"}, // the library would read 30 days
		{"3个月后", "无法识别"},
		{"每天8点", "无法识别"}, // recurring: ParseWhen's business
		{"9:3", "无法识别"},
	}
	now := at(t, monday)
	for _, tt := range tests {
		got, err := Parse(tt.in, now)
		if err == nil {
			t.Errorf("Parse(%q) = %s, want error", tt.in, got)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) error %q, want it to contain %q", tt.in, err, tt.want)
		}
	}
}

func TestParseRecurring(t *testing.T) {
	tests := []struct{ in, spec, desc string }{
		{"每天8点", "0 8 * * *", "每天 08:00"},
		{"每日 8:00", "0 8 * * *", "每天 08:00"},
		{"每天早上8点半", "30 8 * * *", "每天 08:30"},
		{"每天", "0 9 * * *", "每天 09:00"},
		{"每晚8点", "0 20 * * *", "每天 20:00"},
		{"每天晚上12点", "0 0 * * *", "每天 00:00"},
		{"每周一9点", "0 9 * * 1", "每周一 09:00"},
		{"每周六上午9点", "0 9 * * 6", "每周六 09:00"},
		{"每周六7点", "0 7 * * 6", "每周六 07:00"},
		{"每星期三下午3点", "0 15 * * 3", "每周三 15:00"},
		{"每周日", "0 9 * * 0", "每周日 09:00"},
		{"每周一三五 19:30", "30 19 * * 1,3,5", "每周一、三、五 19:30"},
		{"每周二、周四晚上7点", "0 19 * * 2,4", "每周二、四 19:00"},
		{"每周一至周五8点", "0 8 * * 1-5", "每周一至周五 08:00"},
		{"每周五到周日", "0 9 * * 0,5,6", "每周五至周日 09:00"},
		{"每周末 10点", "0 10 * * 0,6", "每周六、日 10:00"},
		{"工作日8点", "0 8 * * 1-5", "每周一至周五 08:00"},
		{"每个工作日8点", "0 8 * * 1-5", "每周一至周五 08:00"},
		{"每月1日9点", "0 9 1 * *", "每月1日 09:00"},
		{"每月1号", "0 9 1 * *", "每月1日 09:00"},
		{"每月15日下午3点", "0 15 15 * *", "每月15日 15:00"},
		{"每个月1号、15号", "0 9 1,15 * *", "每月1日、15日 09:00"},
		{"每年11月28日", "0 9 28 11 *", "每年11月28日 09:00"},
		{"0 8 * * 1", "0 8 * * 1", "每周一 08:00"},
		{"30 7 1 * *", "30 7 1 * *", "每月1日 07:30"},
		{"*/30 8-18 * * 1-5", "*/30 8-18 * * 1-5", "按cron“*/30 8-18 * * 1-5”"},
	}
	for _, tt := range tests {
		spec, desc, ok := rd.ParseRecurring(tt.in)
		if !ok || spec != tt.spec || desc != tt.desc {
			t.Errorf("ParseRecurring(%q) = %q, %q, %v; want %q, %q, true", tt.in, spec, desc, ok, tt.spec, tt.desc)
		}
	}
}

func TestParseRecurringRejects(t *testing.T) {
	for _, in := range []string{
		"明天8点", "11月28日 9:30", "", "每周", "每月", "每两周", "每小时",
		"每月第一个周六9点", "每月最后一天", "0 25 * * *", "0 8 * * 7", "每周六上午15点",
	} {
		if spec, desc, ok := rd.ParseRecurring(in); ok {
			t.Errorf("ParseRecurring(%q) = %q, %q, true; want ok=false", in, spec, desc)
		}
	}
}

func TestParseWhen(t *testing.T) {
	now := at(t, monday)
	tests := []struct {
		in, spec, t, err string
	}{
		{in: "每天8点", spec: "0 8 * * *"},
		{in: "0 8 * * 1", spec: "0 8 * * 1"},
		{in: "工作日8点", spec: "0 8 * * 1-5"},
		{in: "明天8点", t: "2026-11-24 08:00"},
		{in: "2026-11-28 09:30", t: "2026-11-28 09:30"},
		{in: "每月第一个周六9点", err: "暂不支持重复时间“每月第一个周六9点”"},
		{in: "每月最后一天", err: "暂不支持"},
		{in: "0 25 * * *", err: "cron表达式“0 25 * * *”有误"},
		{in: "每两周", err: "可以这样写：每天8点、每周一9点"},
		{in: "下个月", err: "无法识别时间"},
	}
	for _, tt := range tests {
		got, spec, err := rd.ParseWhen(tt.in, now)
		switch {
		case tt.err != "":
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseWhen(%q) error %v, want it to contain %q", tt.in, err, tt.err)
			}
		case err != nil:
			t.Errorf("ParseWhen(%q) error: %v", tt.in, err)
		case tt.spec != "":
			if spec != tt.spec || !got.IsZero() {
				t.Errorf("ParseWhen(%q) = %s, %q; want zero time, %q", tt.in, got, spec, tt.spec)
			}
		default:
			if !got.Equal(at(t, tt.t)) || spec != "" {
				t.Errorf("ParseWhen(%q) = %s, %q; want %s, \"\"", tt.in, got, spec, tt.t)
			}
		}
	}
}

func TestSplit(t *testing.T) {
	now := at(t, monday)
	tests := []struct {
		in, expr, rest string
		ok             bool
	}{
		{"明天8点 幸福里1期居民群 内容", "明天8点", "幸福里1期居民群 内容", true},
		{"11月28日 9:30 全部 明天停水", "11月28日 9:30", "全部 明天停水", true},
		{"明天 下午3点 全部 开会", "明天 下午3点", "全部 开会", true},
		{"11月28日(周六) 09:30 全部 x", "11月28日(周六) 09:30", "全部 x", true},
		{"0 8 * * 1 全部 内容", "0 8 * * 1", "全部 内容", true},
		{"每周一 9点 全部 交垃圾分类表", "每周一 9点", "全部 交垃圾分类表", true},
		{"工作日8点 幸福里2期居民群 早安", "工作日8点", "幸福里2期居民群 早安", true},
		{"明天", "明天", "", true},
		{" 明天8点  全部 内容", "明天8点", "全部 内容", true},
		{"幸福里 内容", "", "幸福里 内容", false},
		{"每月第一个周六9点 全部 内容", "", "每月第一个周六9点 全部 内容", false},
		{"", "", "", false},
	}
	for _, tt := range tests {
		expr, rest, ok := rd.Split(tt.in, now)
		if expr != tt.expr || rest != tt.rest || ok != tt.ok {
			t.Errorf("Split(%q) = %q, %q, %v; want %q, %q, %v", tt.in, expr, rest, ok, tt.expr, tt.rest, tt.ok)
		}
	}
}

func TestFormat(t *testing.T) {
	tm := at(t, "2026-11-28 09:30")
	if got, want := Format(tm), "11月28日(周六) 09:30"; got != want {
		t.Errorf("Format = %q, want %q", got, want)
	}
	if got, want := FormatDate(tm), "11月28日"; got != want {
		t.Errorf("FormatDate = %q, want %q", got, want)
	}
	if got, want := Format(at(t, "2027-01-03 18:05")), "1月3日(周日) 18:05"; got != want {
		t.Errorf("Format = %q, want %q", got, want)
	}
}

// What Format writes, Parse reads back.
func TestFormatRoundTrip(t *testing.T) {
	now := at(t, monday)
	for d := 0; d < 150; d += 7 {
		want := now.AddDate(0, 0, d).Add(time.Duration(d) * 17 * time.Minute)
		got, err := Parse(Format(want), now)
		if err != nil || !got.Equal(want) {
			t.Errorf("Parse(Format(%s)) = %s, %v", want, got, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"2026-11-28 09:30", "11-28 09:30", "11月28日晚上7点30", "明天早上8点", "今晚8点",
		"周六上午9点", "下下周三", "九点半", "3点一刻", "半小时后", "二十四小时后", "每周一三五 19:30",
		"每月1、15日", "0 8 * * 1", "每月第一个周六9点", "11月28日(周六) 09:30", "周19点",
		"明天8点 幸福里1期居民群 内容", "十一月二十八日", "晚上12点", "每天晚上12点",
	} {
		f.Add(s)
	}
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, shanghai)
	f.Fuzz(func(t *testing.T, s string) {
		if got, err := Parse(s, now); err == nil {
			if got.Location() != shanghai {
				t.Errorf("Parse(%q) location %v", s, got.Location())
			}
		} else if err.Error() == "" {
			t.Errorf("Parse(%q): empty error", s)
		}
		if spec, _, ok := rd.ParseRecurring(s); ok {
			if len(strings.Fields(spec)) != 5 {
				t.Errorf("ParseRecurring(%q) = %q, not a 5-field spec", s, spec)
			}
		}
		rd.ParseWhen(s, now)
		if expr, rest, ok := rd.Split(s, now); ok && !strings.HasPrefix(strings.TrimSpace(s), expr) {
			t.Errorf("Split(%q) = %q, %q: expr is not a prefix", s, expr, rest)
		}
	})
}

func TestParseDeadline(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, loc)
	tests := []struct{ in, want string }{
		{"明天", "2026-11-24 23:59"},
		{"11月27日", "2026-11-27 23:59"},
		{"周六", "2026-11-28 23:59"},
		{"明天12点", "2026-11-24 12:00"},
		{"明天下午", "2026-11-24 15:00"},
		{"11月27日 18:00", "2026-11-27 18:00"},
		{"20:00", "2026-11-23 20:00"},
	}
	for _, tt := range tests {
		got, err := ParseDeadline(tt.in, now)
		if err != nil || got.Format("2006-01-02 15:04") != tt.want {
			t.Errorf("ParseDeadline(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
		}
	}
}

func TestParseRepeat(t *testing.T) {
	now := at(t, monday)
	tests := []struct {
		text, start, rule, desc string
	}{
		{"每周六 重复", "2026-11-28 08:00", "0 8 * * 6", "每周六 08:00"},
		{"每周", "2026-11-28 08:00", "0 8 * * 6", "每周六 08:00"},
		{"每月", "2026-11-28 08:00", "0 8 28 * *", "每月28日 08:00"},
		{"每天", "2026-11-28 07:30", "30 7 * * *", "每天 07:30"},
		{"每周六上午9点", "", "0 9 * * 6", "每周六 09:00"},
		{"每月第一个周六下午3点", "", "nth 1 6 15:00", "每月第一个周六 15:00"},
		{"每月最后一个周日", "2026-11-29 10:00", "nth -1 0 10:00", "每月最后一个周日 10:00"},
		{"0 14 1 * *", "", "0 14 1 * *", "每月1日 14:00"},
	}
	for _, tt := range tests {
		var start time.Time
		if tt.start != "" {
			start = at(t, tt.start)
		}
		rule, desc, first, err := rd.ParseRepeat(tt.text, start, now)
		if err != nil || rule != tt.rule || desc != tt.desc {
			t.Errorf("ParseRepeat(%q) = %q %q %v; want %q %q", tt.text, rule, desc, err, tt.rule, tt.desc)
			continue
		}
		// The fake calendar answers an hour after the time asked about: a
		// minute before start (start itself may be the first), or now.
		want := now.Add(time.Hour)
		if !start.IsZero() {
			want = start.Add(59 * time.Minute)
		}
		if !first.Equal(want) {
			t.Errorf("ParseRepeat(%q) first = %v, want %v", tt.text, first, want)
		}
	}
	for text, want := range map[string]string{
		"每月第一个周六":    "第一次的时间",
		"每两周9点":      "暂不支持重复时间",
		"0 25 * * *": "cron表达式“0 25 * * *”有误",
	} {
		if _, _, _, err := rd.ParseRepeat(text, time.Time{}, now); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseRepeat(%q) error %v, want it to contain %q", text, err, want)
		}
	}
	if d := describeRule("nth -1 0 10:00"); d != "每月最后一个周日 10:00" {
		t.Errorf("describe = %q", d)
	}
}
