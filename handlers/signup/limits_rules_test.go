package signup

import (
	"strings"
	"testing"

	"linli"
)

// TestRuleUnrecordedExamples: up to unrecordedExamples (3) unrecorded 接龙
// lines are all named; more are counted, with the first three named.
func TestRuleUnrecordedExamples(t *testing.T) {
	a := &linli.Activity{ID: 1}
	three := textJielongUnrecorded(a, []string{"甲", "乙", "丙"})
	four := textJielongUnrecorded(a, []string{"甲", "乙", "丙", "丁"})
	if !strings.HasPrefix(three, "甲、乙、丙：没有登记") || !strings.HasPrefix(four, "甲、乙、丙等4行没有登记") || strings.Contains(four, "丁") {
		t.Errorf("unrecorded lines (3 named, the rest counted):\n%s\n%s", three, four)
	}
}

// TestRuleStartLead: an activity may start up to maxLeadYears (1) ahead;
// later is refused with the year shown, and a day without a time of day
// is refused whatever the date.
func TestRuleStartLead(t *testing.T) {
	now := rulesT0
	for _, tt := range []struct {
		when   string
		starts int // days after now
		ok     bool
	}{
		{"11月23日 9:30", 364, true},
		{"11月23日 9:30", 366, false},
		{"明天", 1, false},
		{"明天下午3点", 1, true},
	} {
		why := startRefusal(tt.when, now.AddDate(0, 0, tt.starts), now)
		if (why == "") != tt.ok {
			t.Errorf("%s, %d days ahead: refusal %q, want accepted %v", tt.when, tt.starts, why, tt.ok)
		}
	}
	if why := startRefusal("2099-01-01 09:00", now.AddDate(73, 0, 0), now); !strings.Contains(why, "2099年") {
		t.Errorf("a start years ahead is refused with its year: %q", why)
	}
}
