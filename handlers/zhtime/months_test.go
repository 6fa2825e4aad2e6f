package zhtime

import (
	"testing"
	"time"
)

func TestParseMonths(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, loc)
	for _, tt := range []struct {
		arg      string
		emptyAll bool
		name     string
		from     string // "" for all time
	}{
		{"", true, "全部", ""},
		{"", false, "11月", "2026-11"},
		{"本月", true, "11月", "2026-11"},
		{"上月", false, "10月", "2026-10"},
		{"12月", false, "2025年12月", "2025-12"}, // the latest December not in the future
		{"11", false, "11月", "2026-11"},
		{"2025年3月", false, "2025年3月", "2025-03"},
		{"2026-01", false, "1月", "2026-01"},
		{"累计", false, "全部", ""},
	} {
		p, ok := ParseMonths(tt.arg, now, tt.emptyAll)
		from := ""
		if !p.From.IsZero() {
			from = p.From.Format("2006-01")
		}
		if !ok || p.Name != tt.name || from != tt.from {
			t.Errorf("ParseMonths(%q, %v) = %+v, %v; want %s from %q", tt.arg, tt.emptyAll, p, ok, tt.name, tt.from)
		}
	}
	for _, bad := range []string{"13月", "0月", "上周", "abc"} {
		if _, ok := ParseMonths(bad, now, true); ok {
			t.Errorf("ParseMonths(%q) accepted", bad)
		}
	}
}
