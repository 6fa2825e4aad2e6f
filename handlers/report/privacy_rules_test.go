package report

import (
	"strings"
	"testing"
	"time"

	"linli"
)

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

// The report a unit's contact (outside the community) gets never carries
// the resident's phone number.
func TestUnitAlertMasksPhone(t *testing.T) {
	r := &linli.Report{ID: 3, Category: "设施维修", Description: "路灯不亮，有事打我13812345678", Deadline: time.Now()}
	got := textReportUnitAlert("幸福里社区", r, linli.Unit{Name: "物业", Contact: "张经理"}, "", time.UTC)
	if strings.Contains(got, "13812345678") || !strings.Contains(got, "138****5678") {
		t.Errorf("unit alert %q; want the phone masked", got)
	}
}
