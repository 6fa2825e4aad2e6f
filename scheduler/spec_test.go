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
		// nth rules (the N-th weekday of every month), in from's zone
		{"nth 1 6 15:00", from.In(shanghai), time.Date(2026, 12, 5, 7, 0, 0, 0, time.UTC)},
		{"nth 1 6 15:00", time.Date(2026, 12, 5, 15, 0, 0, 0, time.UTC), time.Date(2027, 1, 2, 15, 0, 0, 0, time.UTC)},
		{"nth -1 0 10:00", from.In(shanghai), time.Date(2026, 11, 29, 2, 0, 0, 0, time.UTC)},
		{"nth 3 3 19:30", from.In(shanghai), time.Date(2026, 12, 16, 11, 30, 0, 0, time.UTC)},
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
		"0 8 * * 1": true, "@weekly": true, "nth 1 6 15:00": true, "CRON_TZ=Asia/Shanghai @daily": true,
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

// TestSchedulerNext: the calendar of activities' recurrences gives no time
// (and no error) for a spec that never fires, an EInvalid error for a bad one.
func TestSchedulerNext(t *testing.T) {
	s, after := &Scheduler{}, time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	if got, err := s.Next("0 0 30 2 *", after); err != nil || !got.IsZero() {
		t.Errorf("Next of a spec that never fires = %v %v, want zero time and no error", got, err)
	}
	if got, err := s.Next("nth 1 6 15:00", after); err != nil || !got.Equal(time.Date(2026, 12, 5, 15, 0, 0, 0, time.UTC)) {
		t.Errorf("Next(nth 1 6 15:00) = %v %v", got, err)
	}
	for _, bad := range []string{"0 25 * * *", "nth 5 6 15:00", "nth 1 7 15:00", "nth 1 6 25:00", "nth 1 6", "nth x"} {
		if _, err := s.Next(bad, after); linli.ErrorCode(err) != linli.EInvalid {
			t.Errorf("Next(%q) error = %v, want EInvalid", bad, err)
		}
	}
}
