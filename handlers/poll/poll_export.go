package poll

import (
	"context"
	"fmt"
	"time"

	"linli"
	"linli/handlers/export"
)

// Words people read in exports for the codes json keeps.
var (
	pollStatusWords = map[string]string{linli.PollOpen: "进行中", linli.PollClosed: "已结束"}
	ruleWords       = map[string]string{linli.RuleNone: "无"}
	voterWords      = map[string]string{"": "（匿名）"}
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
// closed; null while open or without a rule), then details. People see one
// column per option ("同意：12票"), as many as the poll with most options.
func (h *Family) exportPolls() (*linli.Table, error) {
	polls, err := h.Polls.Polls()
	if err != nil {
		return nil, err
	}
	most := 0
	for _, p := range polls {
		most = max(most, len(p.Options))
	}
	t := &linli.Table{Kind: "polls", Title: "投票汇总",
		Columns: []linli.Column{
			{Key: "id", Title: "编号"},
			{Key: "title", Title: "投票主题"},
			{Key: "status", Title: "状态", Words: pollStatusWords},
			{Key: "options"},
		}}
	for i := range most {
		t.Columns = append(t.Columns, linli.Column{Title: fmt.Sprintf("选项%d", i+1)})
	}
	t.Columns = append(t.Columns, []linli.Column{
		{Key: "rule", Title: "表决规则", Words: ruleWords},
		{Key: "passed", Title: "是否通过"},
		{Key: "ballots", Title: "有效票数"},
		{Key: "max_choices", Title: "最多选几项"},
		{Key: "anonymous", Title: "匿名"},
		{Key: "per_household", Title: "一户一票"},
		{Key: "total_households"},
		{Key: "total_area"},
		{Title: "总户数"},
		{Title: "总面积（㎡）"},
		{Key: "groups", Title: "投票的群"},
		{Key: "proposal", Title: "提议"},
		{Key: "creator", Title: "发起人"},
		{Key: "created_at", Title: "发起时间"},
		{Key: "discuss_until", Title: "讨论截止"},
		{Key: "deadline", Title: "投票截止"},
		{Key: "closed_at", Title: "结束时间"},
		{Key: "feedback", Title: "议事反馈"},
	}...)
	for _, p := range polls {
		p, tally, err := h.Polls.TallyPoll(p.ID)
		if err != nil {
			return nil, err
		}
		opts := make([]pollOption, len(p.Options))
		cells := make([]any, most)
		for i, o := range p.Options {
			opts[i] = pollOption{Text: o}
			if i < len(tally.Counts) {
				opts[i].Votes = tally.Counts[i]
			}
			cells[i] = fmt.Sprintf("%s：%d%s", o, opts[i].Votes, pollUnit(p))
		}
		var passed any
		if p.Status == linli.PollClosed && p.Rule != linli.RuleNone {
			passed = p.Evaluate(tally).Passed
		}
		feedback := make([]string, len(p.Feedback))
		for i, f := range p.Feedback {
			feedback[i] = f.Text
		}
		row := append([]any{p.ID, p.Title, p.Status, opts}, cells...)
		t.Rows = append(t.Rows, append(row, p.Rule, passed,
			tally.Ballots, p.MaxChoices, p.Anonymous, p.PerHousehold, p.TotalHouseholds, p.TotalArea,
			blankZero(p.TotalHouseholds), blankZero(p.TotalArea), p.Groups, p.Proposal, p.Creator, p.CreatedAt, p.DiscussUntil, p.Deadline, p.ClosedAt, feedback))
	}
	return t, nil
}

// exportVotes lists votes (DESIGN.md `linli export votes`): poll_id, voter
// (empty for anonymous polls), household (also empty for anonymous polls:
// with 一户一票 it would name the voter), choices as option texts, then
// voted_at (null for anonymous polls). It reads one poll's votes at a time.
func (h *Family) exportVotes() (*linli.Table, error) {
	t := &linli.Table{Kind: "votes", Title: "投票记录",
		Columns: []linli.Column{
			{Key: "poll_id", Title: "投票编号"},
			{Title: "投票主题"},
			{Key: "voter", Title: "投票人", Words: voterWords},
			{Key: "household", Title: "户号"},
			{Key: "choices", Title: "选择"},
			{Key: "voted_at", Title: "投票时间"},
		}}
	t.Each = func(yield func([]any) error) error {
		polls, err := h.Polls.Polls()
		if err != nil {
			return err
		}
		for _, p := range polls {
			votes, err := h.Polls.Votes(p.ID)
			if err != nil {
				return err
			}
			for _, v := range votes {
				voter, household := v.Voter, v.Household
				if p.Anonymous {
					voter, household = "", ""
				}
				if err := yield([]any{p.ID, p.Title, voter, household, choiceTexts(p, v.Choices), v.At}); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return t, nil
}

// choiceTexts are the texts of the chosen options.
func choiceTexts(p *linli.Poll, choices []int) []string {
	out := make([]string, 0, len(choices))
	for _, c := range choices {
		if c >= 0 && c < len(p.Options) {
			out = append(out, p.Options[c])
		}
	}
	return out
}

// exportPollCommand handles 导出 投票 <编号>: one poll's ballots as .xlsx,
// privately, one column per option.
func (h *Family) exportPollCommand(ctx context.Context, req *linli.Request) error {
	ref, ok := splitPollRef(req.Args)
	if !ok || ref.rest != "" {
		return linli.Errorf(linli.EInvalid, "%s", textPollExportUsage)
	}
	p, tally, err := h.Polls.TallyPoll(ref.id)
	if err != nil {
		return err
	}
	t, err := h.ballotTable(p, tally)
	if err != nil {
		return err
	}
	data, err := export.XLSX(t, export.Options{Location: h.Config.Location, Community: h.Config.Community, At: req.Now})
	if err != nil {
		return err
	}
	media := &linli.Media{Name: fmt.Sprintf("投票-%d.xlsx", p.ID), Kind: linli.MediaFile, Data: data}
	return req.ReplyPrivate(textPollExportCaption(p, tally.Ballots, pollUnit(p)), media)
}

// ballotTable is the 投票明细 of p: a row per ballot (voter, household and
// time unless anonymous), a ✓ under each option chosen, and a 合计 row
// with the tally (the frozen result once closed).
func (h *Family) ballotTable(p *linli.Poll, tally linli.PollTally) (*linli.Table, error) {
	votes, err := h.Polls.Votes(p.ID)
	if err != nil {
		return nil, err
	}
	t := &linli.Table{Kind: "投票明细", Title: textPollExportTitle(p)}
	t.Columns = append(t.Columns, linli.Column{Title: "序号"})
	if !p.Anonymous {
		t.Columns = append(t.Columns, linli.Column{Title: "投票人"}, linli.Column{Title: "户号"})
	}
	if p.TotalArea > 0 {
		t.Columns = append(t.Columns, linli.Column{Title: "面积（㎡）"})
	}
	for _, o := range p.Options {
		t.Columns = append(t.Columns, linli.Column{Title: o})
	}
	if !p.Anonymous {
		t.Columns = append(t.Columns, linli.Column{Title: "投票时间"})
	}
	for n, v := range votes {
		row := []any{n + 1}
		if !p.Anonymous {
			row = append(row, v.Voter, v.Household)
		}
		if p.TotalArea > 0 {
			row = append(row, v.Area)
		}
		for i := range p.Options {
			row = append(row, tick(v.Choices, i))
		}
		if !p.Anonymous {
			row = append(row, v.At)
		}
		t.Rows = append(t.Rows, row)
	}
	total := []any{"合计"}
	if !p.Anonymous {
		total = append(total, fmt.Sprintf("%d%s", tally.Ballots, pollUnit(p)), nil)
	}
	if p.TotalArea > 0 {
		total = append(total, tally.Area)
	}
	for i := range p.Options {
		n := 0
		if i < len(tally.Counts) {
			n = tally.Counts[i]
		}
		total = append(total, n)
	}
	if !p.Anonymous {
		total = append(total, time.Time{})
	}
	t.Rows = append(t.Rows, total)
	return t, nil
}

// tick is ✓ when option i is among choices, else nothing.
func tick(choices []int, i int) any {
	for _, c := range choices {
		if c == i {
			return "✓"
		}
	}
	return nil
}

// blankZero is n for people, or nil (an empty cell) when n is 0.
func blankZero[N int | float64](n N) any {
	if n == 0 {
		return nil
	}
	return n
}
