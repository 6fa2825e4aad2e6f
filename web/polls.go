package web

import (
	"net/http"
	"slices"

	"linli"
)

var ruleWords = map[string]string{
	linli.RuleNone: "不设门槛",
}

// pollRows lists polls (only the open ones when openOnly), newest first,
// with their tally measured against their rule.
func (s *Server) pollRows(openOnly bool) ([]pollRow, error) {
	list, err := s.Polls.Polls()
	if err != nil {
		return nil, err
	}
	var rows []pollRow
	for _, p := range list {
		if openOnly && p.Status != linli.PollOpen {
			continue
		}
		p, t, err := s.Polls.TallyPoll(p.ID)
		if err != nil {
			return nil, err
		}
		o := p.Evaluate(t)
		rule := p.Rule
		if w, ok := ruleWords[rule]; ok {
			rule = w
		}
		row := pollRow{ID: p.ID, Title: p.Title, Rule: rule, Deadline: s.local(p.Deadline), Ballots: t.Ballots,
			Households: p.TotalHouseholds, HasHouseholds: p.TotalHouseholds > 0, Passing: o.Decides && o.Passed}
		if p.TotalHouseholds > 0 {
			row.Participation = ratio(t.Ballots, p.TotalHouseholds)
		}
		rows = append(rows, row)
	}
	slices.Reverse(rows)
	return rows, nil
}

func (s *Server) pollList(w http.ResponseWriter, r *http.Request, sess *session) {
	if s.Polls == nil {
		s.notBuiltPage("投票")(w, r, sess)
		return
	}
	rows, err := s.pollRows(false)
	if err != nil {
		s.fail(w, r, sess, err)
		return
	}
	s.render(w, r, sess, "polls", "投票", map[string]any{"Rows": rows})
}
