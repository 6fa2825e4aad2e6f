package scheduler

import (
	"testing"
	"time"

	"linli"
)

// TestRuleMinInterval: a recurring schedule ("@every") repeats at most once
// a minute (MinInterval): 59 seconds is refused, a minute accepted.
func TestRuleMinInterval(t *testing.T) {
	for _, tt := range []struct {
		spec string
		ok   bool
	}{
		{"@every 59s", false},
		{"@every 1m", true},
		{"@every 61s", true},
	} {
		_, err := Parse(tt.spec, time.UTC)
		if ok := err == nil; ok != tt.ok || (!ok && linli.ErrorCode(err) != linli.EInvalid) {
			t.Errorf("recurrence limit (once a minute, MinInterval): Parse(%q) = %v; want accepted %v", tt.spec, err, tt.ok)
		}
	}
}
