package signup

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"linli"
	"linli/handlers/zhtime"
	"linli/nlu"
)

var shanghai, _ = time.LoadLocation("Asia/Shanghai")

// monday is the demo clock: Monday 2026-11-23 09:00.
var monday = time.Date(2026, 11, 23, 9, 0, 0, 0, shanghai)

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, shanghai)
	if err != nil {
		panic(err)
	}
	return t
}

// words is the family with only the lexicon, for the parsers that ask it.
var words = New(Deps{Lexicon: nlu.Words()})

func testConfig(t *testing.T) *linli.Config {
	t.Helper()
	cfg := &linli.Config{Groups: []string{"幸福里1期居民群", "幸福里2期居民群"}, Timezone: "Asia/Shanghai"}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// firstOf is a calendar for the recurrence rules of these tests: it gives
// the first occurrence listed for a rule (the one the rule names after
// monday), and accepts any other spec.
type firstOf map[string]time.Time

func (c firstOf) Next(spec string, after time.Time) (time.Time, error) {
	if t, ok := c[spec]; ok {
		return t, nil
	}
	return after.Add(time.Minute), nil
}

var testTimes = zhtime.Reader{Cal: firstOf{
	"0 8 * * 6": at("2026-11-28 08:00"), "nth 1 6 15:00": at("2026-12-05 15:00"), "0 14 1 * *": at("2026-12-01 14:00"),
}}

func TestParsePublish(t *testing.T) {
	cfg := testConfig(t)
	all := cfg.Groups
	tests := []struct {
		args string
		want publishSpec
	}{
		{"健康讲座 时间:11月28日 9:30 地点:社区活动室 名额:30",
			publishSpec{Title: "健康讲座", StartsAt: at("2026-11-28 09:30"), Place: "社区活动室", Capacity: 30, Deadline: at("2026-11-28 09:30"), Groups: all}},
		{"健康讲座 名额 : 30人 地点: 社区 活动室 时间 :周六上午9点 截止:周五下午5点 群:1期",
			publishSpec{Title: "健康讲座", StartsAt: at("2026-11-28 09:00"), Place: "社区 活动室", Capacity: 30,
				Deadline: at("2026-11-27 17:00"), Groups: []string{"幸福里1期居民群"}}},
		// A date without a time: the end of that day; the day of the activity: until it starts.
		{"健康讲座 时间:11月28日 9:30 地点:活动室 名额:30 截止:11月26日",
			publishSpec{Title: "健康讲座", StartsAt: at("2026-11-28 09:30"), Place: "活动室", Capacity: 30, Deadline: at("2026-11-26 23:59"), Groups: all}},
		{"健康讲座 时间:11月28日 9:30 地点:活动室 名额:30 截止:11月28日",
			publishSpec{Title: "健康讲座", StartsAt: at("2026-11-28 09:30"), Place: "活动室", Capacity: 30, Deadline: at("2026-11-28 09:30"), Groups: all}},
		{"健康讲座 时间:11月28日 19:30 地点:活动室 名额:30 截止:周五",
			publishSpec{Title: "健康讲座", StartsAt: at("2026-11-28 19:30"), Place: "活动室", Capacity: 30, Deadline: at("2026-11-27 23:59"), Groups: all}},
		{"太极拳 时间:11月28日 8:00 地点:广场 名额:20 群:全部 每周六 重复",
			publishSpec{Title: "太极拳", StartsAt: at("2026-11-28 08:00"), Place: "广场", Capacity: 20, Deadline: at("2026-11-28 08:00"),
				Groups: all, Repeat: "0 8 * * 6", RepeatText: "每周六 08:00"}},
		{"读书会 地点:图书室 名额:10 每月第一个周六下午3点 重复",
			publishSpec{Title: "读书会", StartsAt: at("2026-12-05 15:00"), Place: "图书室", Capacity: 10, Deadline: at("2026-12-05 15:00"),
				Groups: all, Repeat: "nth 1 6 15:00", RepeatText: "每月第一个周六 15:00"}},
		{"义诊 时间:12月1日 14:00 地点:卫生站 名额:50 重复:0 14 1 * *",
			publishSpec{Title: "义诊", StartsAt: at("2026-12-01 14:00"), Place: "卫生站", Capacity: 50, Deadline: at("2026-12-01 14:00"),
				Groups: all, Repeat: "0 14 1 * *", RepeatText: "每月1日 14:00"}},
		// A range: the end is kept; 名额:不限 is no cap; 备注 is kept.
		{"手工课 时间:12月1日 14:00-17:00 地点:活动室 名额:不限 备注:请自带剪刀",
			publishSpec{Title: "手工课", StartsAt: at("2026-12-01 14:00"), EndsAt: at("2026-12-01 17:00"), Place: "活动室", Capacity: 0,
				Deadline: at("2026-12-01 14:00"), Groups: all, Note: "请自带剪刀"}},
		{"手工课 时间:明天 下午 2 点 到 4 点 地点:活动室 名额:人数不限",
			publishSpec{Title: "手工课", StartsAt: at("2026-11-24 14:00"), EndsAt: at("2026-11-24 16:00"), Place: "活动室",
				Deadline: at("2026-11-24 14:00"), Groups: all}},
		{"讲座 时间:11.28 9:30 地点:活动室 名额:30",
			publishSpec{Title: "讲座", StartsAt: at("2026-11-28 09:30"), Place: "活动室", Capacity: 30, Deadline: at("2026-11-28 09:30"), Groups: all}},
		// 时间:每周六… is the 重复 field; a range in it sets the end.
		{"太极拳 时间:每周六上午8点 地点:广场 名额:20",
			publishSpec{Title: "太极拳", StartsAt: at("2026-11-28 08:00"), Place: "广场", Capacity: 20, Deadline: at("2026-11-28 08:00"),
				Groups: all, Repeat: "0 8 * * 6", RepeatText: "每周六 08:00"}},
		{"太极拳 时间:每周六8:00-9:30 地点:广场 名额:20",
			publishSpec{Title: "太极拳", StartsAt: at("2026-11-28 08:00"), EndsAt: at("2026-11-28 09:30"), Place: "广场", Capacity: 20,
				Deadline: at("2026-11-28 08:00"), Groups: all, Repeat: "0 8 * * 6", RepeatText: "每周六 08:00"}},
	}
	for _, tt := range tests {
		got, err := parsePublish(tt.args, monday, cfg, testTimes)
		if err != nil {
			t.Errorf("%s: %v", tt.args, err)
			continue
		}
		if !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.args, *got, tt.want)
		}
	}
}

func TestParsePublishErrors(t *testing.T) {
	cfg := testConfig(t)
	tests := []struct{ args, want string }{
		{"时间:11月28日 9:30 地点:活动室 名额:30", "标题"},
		{"健康讲座 地点:活动室 名额:30", "请写上活动时间"},
		{"健康讲座 时间:11月20日 9:30 地点:活动室 名额:30", "已经过去"},
		{"健康讲座 时间:下个月吧 地点:活动室 名额:30", "无法识别时间"},
		{"健康讲座 时间:11月28日 9:30 名额:30", "地点"},
		{"健康讲座 时间:11月28日 9:30 地点:活动室 名额:0", "名额应为"},
		{"健康讲座 时间:11月28日 9:30 地点:活动室 名额:很多", "看不懂"},
		{"健康讲座 时间:11月28日 9:30 地点:活动室 名额:-1", "看不懂"},
		{"健康讲座 时间:12月1日 16:00-14:00 地点:活动室 名额:30", "不晚于开始时间"},
		{"健康讲座 时间:12月1日 22:00-01:00 地点:活动室 名额:30", "跨过午夜"},
		{"健康讲座 时间:12月1日(周三) 14:00 地点:活动室 名额:30", "不是周三"},
		{"健康讲座 时间:11月28日 9:30 地点:活动室 名额:30 备注:" + strings.Repeat("请带身份证。", 334), "备注最多200个字（现在2004个字）"},
		{"太极拳 时间:每周六上午9点 地点:广场 名额:20 每周日 重复", "只写一个"},
		{"义诊 时间:每月31日 9:00 地点:卫生站 名额:50", "不是每个月都有31日"},
		{"健康讲座 时间:11月28日 9:30 地点:活动室", "请写上名额"},
		{"健康讲座 时间:11月28日 9:30 地点:活动室 名额:30 截止:11月29日", "不能晚于"},
		{"健康讲座 时间:11月28日 9:30 地点:活动室 名额:30 截止:11月28日 10:00", "不能晚于"},
		{"健康讲座 时间:11月28日 9:30 地点:活动室 名额:30 群:3期", "不认识群"},
		{"健康讲座 时间:11月28日 9:30 时间:11月29日 地点:活动室 名额:30", "写了两次"},
		{"读书会 地点:图书室 名额:10 每月第一个周六 重复", "第一次的时间"},
	}
	for _, tt := range tests {
		_, err := parsePublish(tt.args, monday, cfg, testTimes)
		if linli.ErrorCode(err) != linli.EInvalid || !strings.Contains(linli.ErrorMessage(err), tt.want) {
			t.Errorf("%s: %v, want EInvalid mentioning %q", tt.args, err, tt.want)
		}
		if err != nil && !strings.Contains(linli.ErrorMessage(err), "例如") {
			t.Errorf("%s: %q has no example", tt.args, linli.ErrorMessage(err))
		}
	}
}

func TestParseSignupArgs(t *testing.T) {
	tests := []struct {
		args  string
		ref   string
		extra int
		ok    bool
	}{
		{"1", "1", -1, true},
		{"1 +1", "1", 1, true},
		{"1+2", "1", 2, true},
		{"健康讲座 + 3人", "健康讲座", 3, true},
		{"1 +0", "1", 0, true},
		{"1 +10", "1", 10, true},
		{"1 +11", "1", -1, false},
		{"1 -1", "1", -1, false},
		{"1 +-1", "1", -1, false},
		{"了吗?", "了吗?", -1, true},
		{"1,谢谢社工!", "1", -1, true},
		{"1 谢谢 [玫瑰]", "1", -1, true},
		{"1 加1", "1", 1, true},
		{"1 加一", "1", 1, true},
		{"1 2人", "1", 1, true},
		{"1 两人", "1", 1, true},
		{"1 1人", "1", 0, true},
		{"1 0人", "1", -1, false},
		{"1 我和老伴", "1", 1, true},
		{"1,我和老伴一起,谢谢!", "1", 1, true},
		{"1 带孩子", "1", 1, true},
		{"1 带两个孙子", "1", 2, true},
		{"1号 +1", "1号", 1, true},
		{"健康讲座 我和老伴", "健康讲座", 1, true},
		{"健康讲座,谢谢", "健康讲座", -1, true},
		{"1 明天来", "1 明天来", -1, true},
		{"1 可以吗", "1 可以吗", -1, true},
		{"的人好多啊", "的人好多啊", -1, true},
		{"+1", "", 1, true}, // 报名+1: which activity is asked
		{"我和老伴", "", 1, true},
	}
	for _, tt := range tests {
		ref, extra, ok := words.parseSignupArgs(tt.args)
		if ref != tt.ref || extra != tt.extra || ok != tt.ok {
			t.Errorf("%q: %q %d %v, want %q %d %v", tt.args, ref, extra, ok, tt.ref, tt.extra, tt.ok)
		}
	}
}

func TestParseJielong(t *testing.T) {
	text := "健康讲座\n11.28 上午9点半\n例 3-502 张阿姨 +1\n\n1. 张阿姨\n2、3-502 王叔 +1\n3.\n4) 李四\n请大家准时\n5. 不算\n- - - - - - - - -\n6. 引用后面的"
	p := parseJielong(text)
	if p.Desc != "健康讲座 11.28 上午9点半" {
		t.Errorf("desc = %q", p.Desc)
	}
	var got []string
	for _, e := range p.Entries {
		got = append(got, e.Text)
	}
	want := []string{"张阿姨", "3-502 王叔 +1", "李四", "不算"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("entries = %q, want %q", got, want)
	}
	for _, c := range []struct {
		text  string
		party int
		ok    bool
	}{{"张阿姨", 1, true}, {"3-502 王叔 +1", 2, true}, {"王叔+2人", 3, true}, {"王叔 3-502", 1, true}, {"王叔 +11", 12, false},
		{"王叔 2人", 2, true}, {"刘姐+老公", 2, true}, {"孙阿姨 和老伴", 2, true}, {"李奶奶(带孙子)", 2, true},
		{"张阿姨 +1", 2, true}, {"3-502 张阿姨 加1", 2, true}, {"赵叔 一共三人", 3, true}, {"王奶奶和李奶奶", 1, true}} {
		if party, ok := words.entryParty(c.text); party != c.party || ok != c.ok {
			t.Errorf("entryParty(%q) = %d %v", c.text, party, ok)
		}
	}
	for line, want := range map[string]string{"3-502 王叔 +1": "3-502王叔", "李奶奶(带孙子)": "李奶奶", "刘姐+老公": "刘姐",
		"孙阿姨 和老伴": "孙阿姨", "王叔 2人": "王叔", "3-502 张阿姨": "3-502张阿姨"} {
		if n := words.namePart(entryKey(line)); n != want {
			t.Errorf("namePart(%q) = %q, want %q", line, n, want)
		}
	}
}
