package linli

import "testing"

// TestRulePollThresholds pins each threshold of Poll.Evaluate on both sides,
// with counts large enough that moving a threshold a little fails a case:
// 过半 (pollHalf), 三分之二 (pollTwoThirds), the participation of
// 双三分之二 (pollCivilTurnout, households and floor area) and its approval
// (pollCivilApproval for major matters, pollHalf for others).
func TestRulePollThresholds(t *testing.T) {
	yesNo := []string{"同意", "反对", "弃权"}
	votes := func(yes, ballots int) PollTally {
		return PollTally{Counts: []int{yes, ballots - yes, 0}, Ballots: ballots}
	}
	areas := func(yes, ballots int, yesArea, area float64) PollTally {
		t := votes(yes, ballots)
		t.Areas, t.Area = []float64{yesArea, area - yesArea, 0}, area
		return t
	}
	civil := Poll{Rule: RuleCivil, Options: yesNo, TotalHouseholds: 1200}
	simple := Poll{Rule: RuleCivilSimple, Options: yesNo, TotalHouseholds: 1200}
	civilArea := Poll{Rule: RuleCivil, Options: yesNo, TotalHouseholds: 1200, TotalArea: 120000}
	simpleArea := Poll{Rule: RuleCivilSimple, Options: yesNo, TotalHouseholds: 1200, TotalArea: 120000}
	tests := []struct {
		rule     string
		poll     Poll
		tally    PollTally
		turnout  bool
		approval bool
	}{
		{"过半 (1/2, pollHalf): half is not more than half", Poll{Rule: RuleMajority, Options: yesNo}, votes(500, 1000), true, false},
		{"过半 (1/2, pollHalf): one more than half", Poll{Rule: RuleMajority, Options: yesNo}, votes(501, 1000), true, true},
		{"三分之二 (2/3, pollTwoThirds): exactly two thirds", Poll{Rule: RuleTwoThirds, Options: yesNo}, votes(800, 1200), true, true},
		{"三分之二 (2/3, pollTwoThirds): one short", Poll{Rule: RuleTwoThirds, Options: yesNo}, votes(799, 1200), true, false},

		{"双三分之二 participation (2/3, pollCivilTurnout): exactly two thirds of households", civil, votes(800, 800), true, true},
		{"双三分之二 participation (2/3, pollCivilTurnout): one household short", civil, votes(799, 799), false, true},
		{"双三分之二 approval (3/4, pollCivilApproval): exactly three quarters", civil, votes(600, 800), true, true},
		{"双三分之二 approval (3/4, pollCivilApproval): one short", civil, votes(599, 800), true, false},
		{"双三分之二过半 approval (1/2, pollHalf): half is not enough", simple, votes(400, 800), true, false},
		{"双三分之二过半 approval (1/2, pollHalf): one more than half", simple, votes(401, 800), true, true},
		{"双三分之二过半 participation (2/3, pollCivilTurnout): one household short", simple, votes(799, 799), false, true},

		{"双三分之二 area participation (2/3, pollCivilTurnout): exactly two thirds of the area", civilArea,
			areas(800, 800, 80000, 80000), true, true},
		{"双三分之二 area participation (2/3, pollCivilTurnout): a square metre short", civilArea,
			areas(800, 800, 79999, 79999), false, true},
		{"双三分之二 area approval (3/4, pollCivilApproval): exactly three quarters of the area", civilArea,
			areas(800, 800, 60000, 80000), true, true},
		{"双三分之二 area approval (3/4, pollCivilApproval): a square metre short", civilArea,
			areas(800, 800, 59999, 80000), true, false},
		{"双三分之二过半 area approval (1/2, pollHalf): half the area is not enough", simpleArea,
			areas(800, 800, 40000, 80000), true, false},
		{"双三分之二过半 area approval (1/2, pollHalf): a square metre more than half", simpleArea,
			areas(800, 800, 40001, 80000), true, true},
	}
	for _, tt := range tests {
		o := tt.poll.Evaluate(tt.tally)
		if o.Turnout != tt.turnout || o.Approval != tt.approval || o.Passed != (tt.turnout && tt.approval) {
			t.Errorf("poll threshold %s: Evaluate(%+v) = turnout %v approval %v passed %v; want turnout %v approval %v",
				tt.rule, tt.tally, o.Turnout, o.Approval, o.Passed, tt.turnout, tt.approval)
		}
	}

	// What the announcement and the result say must take part.
	for _, tt := range []struct {
		households int
		area       float64
		need       int
		needArea   float64
	}{
		{1200, 120000, 800, 80000},
		{1201, 0, 801, 0}, // 800.67 households: 801
		{7, 0, 5, 0},
	} {
		o := (&Poll{Rule: RuleCivil, TotalHouseholds: tt.households, TotalArea: tt.area}).Evaluate(PollTally{})
		if o.NeedHouseholds != tt.need || o.NeedArea != tt.needArea {
			t.Errorf("双三分之二 participation (2/3, pollCivilTurnout) of %d households, %v m²: need %d households, %v m²; want %d, %v",
				tt.households, tt.area, o.NeedHouseholds, o.NeedArea, tt.need, tt.needArea)
		}
	}
}
