package linli

import (
	"strings"
	"testing"
)

// TestPointsConfig: a rule left out takes its default (5, 2, 2, 1 points;
// 3 stars), 0 turns it off, and out-of-range values are refused by key.
func TestPointsConfig(t *testing.T) {
	zero := 0
	c := Config{Groups: []string{"1期群"}, Points: PointsConfig{PerSurvey: &zero}}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	p := c.Points
	if p.Activity() != 5 || p.VolunteerHour() != 2 || p.Report() != 2 || p.Survey() != 0 || p.StarsTop != 3 || p.MonthlyCap != 0 {
		t.Errorf("defaults: activity %d, hour %d, report %d, survey %d (set to 0), stars %d, cap %d; want 5 2 2 0 3 0",
			p.Activity(), p.VolunteerHour(), p.Report(), p.Survey(), p.StarsTop, p.MonthlyCap)
	}
	neg, big := -1, 1001
	for key, pc := range map[string]PointsConfig{
		"per_activity":       {PerActivity: &neg},
		"per_volunteer_hour": {PerVolunteerHour: &big},
		"monthly_cap":        {MonthlyCap: -5},
		"stars_top":          {StarsTop: 51},
	} {
		c := Config{Groups: []string{"1期群"}, Points: pc}
		if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "[points] "+key) {
			t.Errorf("%s out of range: %v, want an error naming it", key, err)
		}
	}
}
