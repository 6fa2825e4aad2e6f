package report

import "testing"

// Mobile and ID numbers never reach a group as typed; other numbers
// (flats, report numbers, dates, landlines) stay.
func TestMaskPrivate(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"电话13812345678", "电话138****5678"},
		{"13812345678", "138****5678"},
		{"138-1234-5678，", "138****5678，"},
		{"138 1234 5678", "138****5678"},
		{"13812345678/13987654321", "138****5678/139****4321"},
		{"身份证110101199003071234", "身份证110101********1234"},
		{"身份证11010119900307123X。", "身份证110101********123X。"},
		{"3栋502，12319，138123456789", "3栋502，12319，138123456789"}, // 12 digits: not a mobile
		{"12812345678", "12812345678"},                           // no mobile starts 12
		{"2026年11月23日 10:00", "2026年11月23日 10:00"},
	} {
		if got := maskPrivate(tt.in); got != tt.want {
			t.Errorf("maskPrivate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
