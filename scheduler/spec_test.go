package scheduler

import (
	"testing"
	"time"

	"linli"
)

func TestNextAfter(t *testing.T) {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	from := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC) // a Monday
	tests := []struct {
		spec string
		from time.Time
		want time.Time
	}{
		{"0 8 * * 1", from, time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)},
		{"0 8 * * mon-fri", from, time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC)},
		{"０ ８ ＊ ＊ １", from, time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)},
		{"  30  9 1 * *  ", from, time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)},
		{"@daily", from, time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)},
		{"@every 90m", from, from.Add(90 * time.Minute)},
		{"0 8 * * *", from.In(shanghai), time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)},
		{"CRON_TZ=Asia/Shanghai 0 8 * * *", from, time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)},
		{"TZ=UTC 0 9 * * *", from.In(shanghai), time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)},
		{"0 0 29 2 *", from, time.Date(2028, 2, 29, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		got, err := NextAfter(tt.spec, tt.from)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("NextAfter(%q, %v) = %v, %v; want %v", tt.spec, tt.from, got, err, tt.want)
		}
	}
}

func TestParseNormalises(t *testing.T) {
	s, err := Parse("０ ８  ＊ ＊ １", nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.String() != "0 8 * * 1" || s.Location() != time.UTC {
		t.Errorf("Parse = %q in %v; want %q in UTC", s, s.Location(), "0 8 * * 1")
	}
}

func TestValidate(t *testing.T) {
	for spec, valid := range map[string]bool{
		"0 8 * * 1": true, "@weekly": true, "CRON_TZ=Asia/Shanghai @daily": true,
		"": false, "0 8 * * 1 2026": false, "8点": false, "TZ=": false, "0 0 31 4 *": false,
	} {
		err := Validate(spec)
		if (err == nil) != valid {
			t.Errorf("Validate(%q) = %v; want valid=%v", spec, err, valid)
		}
		if err != nil && linli.ErrorCode(err) != linli.EInvalid {
			t.Errorf("Validate(%q) code = %s; want EInvalid", spec, linli.ErrorCode(err))
		}
	}
}

// TestSchedulerNext: the calendar of activities' recurrences, nth rules
// (the N-th weekday of every month) beside cron specs.
func TestSchedulerNext(t *testing.T) {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, shanghai)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	s := &Scheduler{}
	tests := []struct{ rule, after, want string }{
		{"0 8 * * 6", "2026-11-28 08:00", "2026-12-05 08:00"},
		{"nth 1 6 15:00", "2026-12-05 15:00", "2027-01-02 15:00"},
		{"nth 1 6 15:00", "2026-11-23 09:00", "2026-12-05 15:00"},
		{"nth -1 0 10:00", "2026-11-23 09:00", "2026-11-29 10:00"},
		{"nth 3 3 19:30", "2026-11-23 09:00", "2026-12-16 19:30"},
	}
	for _, tt := range tests {
		got, err := s.Next(tt.rule, at(tt.after))
		if err != nil || !got.Equal(at(tt.want)) || got.Location() != shanghai {
			t.Errorf("Next(%s, %s) = %v %v, want %s", tt.rule, tt.after, got, err, tt.want)
		}
	}
	if got, err := s.Next("0 0 30 2 *", at("2026-11-23 09:00")); err != nil || !got.IsZero() {
		t.Errorf("Next of a spec that never fires = %v %v, want zero time and no error", got, err)
	}
	for _, bad := range []string{"0 25 * * *", "nth 5 6 15:00", "nth 1 7 15:00", "nth 1 6 25:00", "nth 1 6", "nth x"} {
		if _, err := s.Next(bad, at("2026-11-23 09:00")); linli.ErrorCode(err) != linli.EInvalid {
			t.Errorf("Next(%q) error = %v, want EInvalid", bad, err)
		}
	}
	if err := Validate("nth 1 6 15:00"); err != nil {
		t.Errorf("Validate(nth rule) = %v", err)
	}
}
