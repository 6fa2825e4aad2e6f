package poll

import (
	"linli"
)

// Exports are the polls and votes exports.
func (h *Family) Exports() []linli.Export {
	return []linli.Export{{Kind: "polls", Table: h.exportPolls}, {Kind: "votes", Table: h.exportVotes}}
}

// pollOption is one entry of the options column of the polls export.
type pollOption struct {
	Text  string `json:"text"`
	Votes int    `json:"votes"`
}

// exportPolls lists polls (DESIGN.md `linli export polls`): id, title,
// status (open|closed), options as [{text, votes}] (live counts while
// open), rule ("" for none), passed (true/false once a poll with a rule has
// closed; null while open or without a rule), then details.
func (h *Family) exportPolls() (*linli.Table, error) {
	polls, err := h.Polls.Polls()
	if err != nil {
		return nil, err
	}
	t := &linli.Table{Kind: "polls", Columns: []string{"id", "title", "status", "options", "rule", "passed",
		"ballots", "max_choices", "anonymous", "per_household", "total_households", "total_area",
		"groups", "proposal", "creator", "created_at", "discuss_until", "deadline", "closed_at", "feedback"}}
	for _, p := range polls {
		p, tally, err := h.Polls.TallyPoll(p.ID)
		if err != nil {
			return nil, err
		}
		opts := make([]pollOption, len(p.Options))
		for i, o := range p.Options {
			opts[i] = pollOption{Text: o}
			if i < len(tally.Counts) {
				opts[i].Votes = tally.Counts[i]
			}
		}
		var passed any
		if p.Status == linli.PollClosed && p.Rule != linli.RuleNone {
			passed = p.Evaluate(tally).Passed
		}
		feedback := make([]string, len(p.Feedback))
		for i, f := range p.Feedback {
			feedback[i] = f.Text
		}
		t.Rows = append(t.Rows, []any{p.ID, p.Title, p.Status, opts, p.Rule, passed,
			tally.Ballots, p.MaxChoices, p.Anonymous, p.PerHousehold, p.TotalHouseholds, p.TotalArea,
			p.Groups, p.Proposal, p.Creator, p.CreatedAt, p.DiscussUntil, p.Deadline, p.ClosedAt, feedback})
	}
	return t, nil
}

// exportVotes lists votes (DESIGN.md `linli export votes`): poll_id, voter
// (empty for anonymous polls), household (also empty for anonymous polls:
// with 一户一票 it would name the voter), choices as option texts, then
// voted_at (null for anonymous polls).
func (h *Family) exportVotes() (*linli.Table, error) {
	polls, err := h.Polls.Polls()
	if err != nil {
		return nil, err
	}
	t := &linli.Table{Kind: "votes", Columns: []string{"poll_id", "voter", "household", "choices", "voted_at"}}
	for _, p := range polls {
		votes, err := h.Polls.Votes(p.ID)
		if err != nil {
			return nil, err
		}
		for _, v := range votes {
			choices := make([]string, 0, len(v.Choices))
			for _, c := range v.Choices {
				if c >= 0 && c < len(p.Options) {
					choices = append(choices, p.Options[c])
				}
			}
			voter, household := v.Voter, v.Household
			if p.Anonymous {
				voter, household = "", ""
			}
			t.Rows = append(t.Rows, []any{p.ID, voter, household, choices, v.At})
		}
	}
	return t, nil
}
