package zhtime

import (
	"errors"
	"strings"
	"testing"
	"time"
)

var zero time.Time

func TestParseSpan(t *testing.T) {
	tests := []struct {
		in, start, end string // end "" for no range
	}{
		{"12月1日14:00-16:00", "2026-12-01 14:00", "2026-12-01 16:00"},
		{"12月1日 14:00-16:00", "2026-12-01 14:00", "2026-12-01 16:00"},
		{"12月1日 9:30—11:00", "2026-12-01 09:30", "2026-12-01 11:00"},
		{"12月1日 9:30——11:00", "2026-12-01 09:30", "2026-12-01 11:00"},
		{"12月1日 9:30~11:00", "2026-12-01 09:30", "2026-12-01 11:00"},
		{"12月1日 14:00至16:00", "2026-12-01 14:00", "2026-12-01 16:00"},
		{"12月1日下午2点到4点", "2026-12-01 14:00", "2026-12-01 16:00"},
		{"12月1日 下午2点到下午4点半", "2026-12-01 14:00", "2026-12-01 16:30"},
		{"12月1日上午9点到下午1点", "2026-12-01 09:00", "2026-12-01 13:00"},
		{"12月1日 9:30-1:00", "2026-12-01 09:30", "2026-12-01 13:00"}, // a bare 1 after 9:30 is the afternoon
		{"12月1日晚上7点到12点", "2026-12-01 19:00", "2026-12-02 00:00"},
		{"2026-12-01 14:00-16:00", "2026-12-01 14:00", "2026-12-01 16:00"},
		{"12-01 14:00-16:00", "2026-12-01 14:00", "2026-12-01 16:00"},
		{"明天 下午 2 点 到 4 点", "2026-11-24 14:00", "2026-11-24 16:00"},
		{"周六 9:00-11:30", "2026-11-28 09:00", "2026-11-28 11:30"},
		// one-off times pass through with no end
		{"12月1日 14:00", "2026-12-01 14:00", ""},
		{"11.28 9:30", "2026-11-28 09:30", ""},
		{"明天 下午 3 点", "2026-11-24 15:00", ""},
		{"11 月 28 日 9 点 30", "2026-11-28 09:30", ""},
	}
	now := at(t, monday)
	for _, tt := range tests {
		start, end, err := ParseSpan(tt.in, now)
		if err != nil {
			t.Errorf("ParseSpan(%q): %v", tt.in, err)
			continue
		}
		gotEnd := ""
		if !end.IsZero() {
			gotEnd = end.Format("2006-01-02 15:04")
		}
		if got := start.Format("2006-01-02 15:04"); got != tt.start || gotEnd != tt.end {
			t.Errorf("ParseSpan(%q) = %s – %q, want %s – %q", tt.in, got, gotEnd, tt.start, tt.end)
		}
	}
}

func TestParseSpanErrors(t *testing.T) {
	tests := []struct {
		in   string
		kind error // nil: not a time at all
		want string
	}{
		{"12月1日 16:00-14:00", ErrSpanOrder, "不晚于开始时间"},
		{"12月1日 14:00-14:00", ErrSpanOrder, "不晚于开始时间"},
		{"12月1日 22:00-01:00", ErrSpanMidnight, "跨过午夜"},
		{"12月1日 晚上10点到凌晨1点", ErrSpanMidnight, "跨过午夜"},
		{"12月1日 14:00-12月2日 10:00", ErrSpanMidnight, "跨过午夜"},
		{"12月1日 14:00-下班", nil, "无法识别时间"},
		{"11.28", nil, "无法识别时间"},         // may be 11:28: a dot date needs a time after it
		{"12月1日(周三) 14:00", nil, "不是周三"}, // 12月1日 is a Tuesday
	}
	now := at(t, monday)
	for _, tt := range tests {
		_, _, err := ParseSpan(tt.in, now)
		switch {
		case err == nil:
			t.Errorf("ParseSpan(%q) accepted", tt.in)
		case tt.kind != nil && !errors.Is(err, tt.kind):
			t.Errorf("ParseSpan(%q) = %v, want %v", tt.in, err, tt.kind)
		case !strings.Contains(err.Error(), tt.want):
			t.Errorf("ParseSpan(%q) = %q, want it to say %q", tt.in, err, tt.want)
		}
	}
}

func TestFormatSpan(t *testing.T) {
	start := at(t, "2026-12-01 14:00")
	for _, tt := range []struct{ end, want string }{
		{"", "12月1日(周二) 14:00"},
		{"2026-12-01 16:00", "12月1日(周二) 14:00-16:00"},
		{"2026-12-02 00:00", "12月1日(周二) 14:00-24:00"},
	} {
		var end time.Time
		if tt.end != "" {
			end = at(t, tt.end)
		}
		if got := FormatSpan(start, end); got != tt.want {
			t.Errorf("FormatSpan(%s) = %q, want %q", tt.end, got, tt.want)
		}
	}
}

func TestRecurringMonthEnd(t *testing.T) {
	for _, s := range []string{"每月31日9点", "每月30号", "每月1日和29日"} {
		if _, _, ok := rd.ParseRecurring(s); ok {
			t.Errorf("ParseRecurring(%q) accepted: some months have no such day", s)
		}
		_, _, err := rd.ParseWhen(s, at(t, monday))
		if err == nil || !strings.Contains(err.Error(), "不是每个月都有") {
			t.Errorf("ParseWhen(%q) = %v, want it to say some months lack the day", s, err)
		}
	}
	if _, _, ok := rd.ParseRecurring("每月28日9点"); !ok {
		t.Error("每月28日 refused")
	}
	_, _, _, err := rd.ParseRepeat("每月", at(t, "2026-12-31 09:00"), at(t, monday))
	if err == nil || !strings.Contains(err.Error(), "31日") {
		t.Errorf("每月 from the 31st: %v", err)
	}
}

func TestParseRepeatSpan(t *testing.T) {
	tests := []struct {
		in     string
		length string // "" for none
	}{
		{"每周六上午9点", ""},
		{"每周六9:00-11:00", "2h0m0s"},
		{"每周六上午9点到11点半", "2h30m0s"},
		{"每周六 下午2点 到 4点", "2h0m0s"},
	}
	sat := func(h int) time.Time { return at(t, "2026-11-28 00:00").Add(time.Duration(h) * time.Hour) }
	cal := Reader{Cal: firstOn{"0 9 * * 6": sat(9), "0 14 * * 6": sat(14)}}
	for _, tt := range tests {
		_, _, _, length, err := cal.ParseRepeatSpan(tt.in, zero, at(t, monday))
		if err != nil {
			t.Errorf("ParseRepeatSpan(%q): %v", tt.in, err)
			continue
		}
		got := ""
		if length > 0 {
			got = length.String()
		}
		if got != tt.length {
			t.Errorf("ParseRepeatSpan(%q) length %q, want %q", tt.in, got, tt.length)
		}
	}
	if _, _, _, _, err := cal.ParseRepeatSpan("每周六9:00-8:00", zero, at(t, monday)); !errors.Is(err, ErrSpanOrder) {
		t.Errorf("an end before the start: %v", err)
	}
}

// firstOn is a calendar giving the first occurrence listed for a spec.
type firstOn map[string]time.Time

func (c firstOn) Next(spec string, after time.Time) (time.Time, error) {
	if t, ok := c[spec]; ok {
		return t, nil
	}
	return after.Add(time.Hour), nil
}

func TestHasTimeOfDay(t *testing.T) {
	for s, want := range map[string]bool{
		"明天": false, "11月28日": false, "周六": false, "2099-01-01": false, "后天(周三)": false,
		"明天下午": true, "明天 9:30": true, "今晚": true, "11月28日 9:30-11:30": true, "周六上午9点": true, "3天后": true,
	} {
		if got := HasTimeOfDay(s); got != want {
			t.Errorf("HasTimeOfDay(%q) = %v, want %v", s, got, want)
		}
	}
}
