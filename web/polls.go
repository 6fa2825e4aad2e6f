package web

import (
	"net/http"
	"slices"
	"strconv"

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

// ruleNeeds says in words what p's rule needs to pass (民法典 第278条 for
// the 双三分之二 rules), for the poll page.
var ruleNeeds = map[string]string{
	linli.RuleNone:        "不设门槛，只看票数。",
	linli.RuleMajority:    "同意票超过投票人数的一半。",
	linli.RuleTwoThirds:   "同意票达到投票人数的三分之二。",
	linli.RuleCivil:       "民法典第278条（重大事项）：参与表决的户数（及面积）达到三分之二，同意的户数（及面积）达到参与表决的四分之三。",
	linli.RuleCivilSimple: "民法典第278条（一般事项）：参与表决的户数（及面积）达到三分之二，同意的户数（及面积）超过参与表决的一半。",
}

type optionRow struct {
	Text  string
	Votes int
	Share float64
	Yes   bool
}

func (s *Server) loadPoll(w http.ResponseWriter, r *http.Request, sess *session) (*linli.Poll, linli.PollTally, bool) {
	id, ok := pathID(r)
	var p *linli.Poll
	var t linli.PollTally
	var err error
	if ok && s.Polls != nil {
		p, t, err = s.Polls.TallyPoll(id)
	}
	if err != nil || p == nil {
		if err == nil || linli.ErrorCode(err) == linli.ENotFound {
			w.WriteHeader(http.StatusNotFound)
			s.render(w, r, sess, "message", "找不到", map[string]any{"Text": "没有这个投票。"})
			return nil, t, false
		}
		s.fail(w, r, sess, err)
		return nil, t, false
	}
	return p, t, true
}

func (s *Server) pollPage(w http.ResponseWriter, r *http.Request, sess *session) {
	p, t, ok := s.loadPoll(w, r, sess)
	if !ok {
		return
	}
	o := p.Evaluate(t)
	var rows []optionRow
	for i, text := range p.Options {
		n := 0
		if i < len(t.Counts) {
			n = t.Counts[i]
		}
		rows = append(rows, optionRow{Text: text, Votes: n, Share: ratio(n, t.Ballots), Yes: o.Decides && i == o.Yes})
	}
	bars := make([]monthFigures, len(rows)) // one bar per option
	for i, x := range rows {
		bars[i] = monthFigures{Label: cutRunes(x.Text, 6), Reports: x.Votes}
	}
	status := "进行中"
	if p.Status == linli.PollClosed {
		status = "已结束"
	}
	data := map[string]any{"P": p, "Rows": rows, "Tally": t, "Outcome": o, "Status": status,
		"Deadline": s.local(p.Deadline), "Needs": ruleNeeds[p.Rule], "Flash": s.takeFlash(sess),
		"Chart": barChart(bars, func(m monthFigures) (float64, string) { return float64(m.Reports), strconv.Itoa(m.Reports) }, 0)}
	if p.TotalHouseholds > 0 {
		data["Turnout"] = ratio(t.Ballots, p.TotalHouseholds)
	}
	if t.Ballots > 0 && o.Yes < len(t.Counts) {
		data["YesShare"] = ratio(t.Counts[o.Yes], t.Ballots)
	}
	if !p.Anonymous && s.Residents != nil {
		missing, known, fromRegister, err := s.notVoted(p)
		if err != nil {
			s.fail(w, r, sess, err)
			return
		}
		data["NotVoted"], data["KnownHouseholds"], data["FromRegister"] = missing, known, fromRegister
	}
	s.render(w, r, sess, "poll", p.Title, data)
}

// notVotedShown bounds the households listed as not having voted.
const notVotedShown = 300

// notVoted lists the households from which nobody has voted yet, in
// building order, and how many households there are: the owners'
// register's when one was imported (with the residents of the poll's
// groups who live there), else the 户号 of the residents of the poll's
// groups.
func (s *Server) notVoted(p *linli.Poll) (missing []householdRow, known int, fromRegister bool, err error) {
	votes, err := s.Polls.Votes(p.ID)
	if err != nil {
		return nil, 0, false, err
	}
	voted := map[string]bool{}
	for _, v := range votes {
		voted[v.Household] = true
	}
	households := map[string]*householdRow{}
	if s.Owners != nil { // the owners' register, when imported, is the list of households
		entries, err := s.Owners.RegisterEntries()
		if err != nil {
			return nil, 0, false, err
		}
		for _, e := range entries {
			households[e.Household] = &householdRow{Household: e.Household, People: []string{e.Owner + "（业主）"}}
		}
	}
	fromRegister = len(households) > 0
	err = s.Residents.EachResident(func(x *linli.Resident) error {
		if fromRegister {
			if h := households[x.Household]; h != nil && slices.Contains(p.Groups, x.LastGroup) {
				h.People = append(h.People, x.Name)
			}
			return nil
		}
		if x.Household == "" || !slices.Contains(p.Groups, x.LastGroup) {
			return nil
		}
		h := households[x.Household]
		if h == nil {
			h = &householdRow{Household: x.Household}
			households[x.Household] = h
		}
		h.People = append(h.People, x.Name)
		return nil
	})
	if err != nil {
		return nil, 0, false, err
	}
	var out []householdRow
	for k, h := range households {
		if !voted[k] {
			out = append(out, *h)
		}
	}
	slices.SortFunc(out, func(a, b householdRow) int {
		if householdLess(a.Household, b.Household) {
			return -1
		}
		if householdLess(b.Household, a.Household) {
			return 1
		}
		return 0
	})
	return out[:min(len(out), notVotedShown)], len(households), fromRegister, nil
}

// pollExport downloads the votes as the xlsx of 导出 投票.
func (s *Server) pollExport(w http.ResponseWriter, r *http.Request, sess *session) {
	p, _, ok := s.loadPoll(w, r, sess)
	if !ok {
		return
	}
	id := strconv.FormatUint(p.ID, 10)
	s.exportFile(w, r, sess, "导出 投票 "+id, "/polls/"+id)
}
