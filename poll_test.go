package linli

import "testing"

func TestPollEvaluate(t *testing.T) {
	yesNo := []string{"同意", "反对", "弃权"}
	tests := []struct {
		name    string
		poll    Poll
		tally   PollTally
		turnout bool
		passed  bool
	}{
		{"过半 strictly more than half", Poll{Rule: RuleMajority, Options: yesNo},
			PollTally{Counts: []int{5, 4, 1}, Ballots: 10}, true, false},
		{"过半 6 of 10", Poll{Rule: RuleMajority, Options: yesNo},
			PollTally{Counts: []int{6, 4, 0}, Ballots: 10}, true, true},
		{"过半 yes option found by name", Poll{Rule: RuleMajority, Options: []string{"反对", "同意"}},
			PollTally{Counts: []int{1, 2}, Ballots: 3}, true, true},
		{"三分之二 exactly 2/3", Poll{Rule: RuleTwoThirds, Options: yesNo},
			PollTally{Counts: []int{6, 2, 1}, Ballots: 9}, true, true},
		{"三分之二 below", Poll{Rule: RuleTwoThirds, Options: yesNo},
			PollTally{Counts: []int{5, 3, 1}, Ballots: 9}, true, false},
		{"no ballots", Poll{Rule: RuleMajority, Options: yesNo}, PollTally{Counts: []int{0, 0, 0}}, true, false},
		{"双三分之二 participation short", Poll{Rule: RuleCivil, Options: yesNo, TotalHouseholds: 6},
			PollTally{Counts: []int{3, 0, 0}, Ballots: 3}, false, false},
		{"双三分之二 4 of 6 take part, 3 of 4 agree", Poll{Rule: RuleCivil, Options: yesNo, TotalHouseholds: 6},
			PollTally{Counts: []int{3, 1, 0}, Ballots: 4}, true, true},
		{"双三分之二 abstention counts against 3/4", Poll{Rule: RuleCivil, Options: yesNo, TotalHouseholds: 6},
			PollTally{Counts: []int{2, 1, 1}, Ballots: 4}, true, false},
		{"双三分之二过半 3 of 5", Poll{Rule: RuleCivilSimple, Options: yesNo, TotalHouseholds: 6},
			PollTally{Counts: []int{3, 2, 0}, Ballots: 5}, true, true},
		{"双三分之二 area short", Poll{Rule: RuleCivil, Options: yesNo, TotalHouseholds: 6, TotalArea: 600},
			PollTally{Counts: []int{4, 0, 0}, Areas: []float64{360, 0, 0}, Ballots: 4, Area: 360}, false, false},
		{"双三分之二 area met, area approval short", Poll{Rule: RuleCivil, Options: yesNo, TotalHouseholds: 6, TotalArea: 600},
			PollTally{Counts: []int{3, 1, 0}, Areas: []float64{250, 150, 0}, Ballots: 4, Area: 400}, true, false},
		{"no rule decides nothing", Poll{Options: yesNo},
			PollTally{Counts: []int{3, 0, 0}, Ballots: 3}, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := tt.poll.Evaluate(tt.tally)
			if o.Turnout != tt.turnout || o.Passed != tt.passed {
				t.Fatalf("Evaluate = %+v; want turnout %v passed %v", o, tt.turnout, tt.passed)
			}
		})
	}
	if n := (&Poll{Rule: RuleCivil, TotalHouseholds: 7}).Evaluate(PollTally{}).NeedHouseholds; n != 5 {
		t.Fatalf("NeedHouseholds of 7 = %d, want 5", n)
	}
}

func TestTallyVotes(t *testing.T) {
	p := &Poll{Options: []string{"A", "B", "C"}, MaxChoices: 2}
	got := TallyVotes(p, []Vote{{Choices: []int{0, 2}, Area: 90}, {Choices: []int{2}, Area: 100}, {Choices: []int{7}}})
	if got.Ballots != 3 || got.Counts[0] != 1 || got.Counts[2] != 2 || got.Areas[2] != 190 || got.Area != 190 {
		t.Fatalf("TallyVotes = %+v", got)
	}
}
