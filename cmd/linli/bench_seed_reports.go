package main

import (
	"fmt"
	"slices"
	"time"

	"linli"
	"linli/storage"
)

var seedProblems = []string{"楼道灯不亮了", "垃圾桶满了没人清", "电动车堵住消防通道", "电梯异响", "绿化带里有积水",
	"楼上半夜装修太吵", "井盖松动", "路灯坏了", "外墙瓷砖掉落", "下水道堵了"}

// seedReports writes n reports over the year, routed as the report family
// routes them (the reporter's building's grid and worker). A report of the
// last ten days is still open four times in ten; older ones were resolved
// (mostly rated) or, one in ten, rejected; one in thirty is a duplicate of
// the report before it in the same grid.
func (s *seeder) seedReports(n int) error {
	times := make([]time.Time, n)
	for i := range times {
		times[i] = s.past()
	}
	sortTimes(times)
	lastInGrid := map[string]uint64{}
	return s.chunks(n, func(b *storage.Bulk, i int) error {
		res := &s.residents[s.rng.IntN(len(s.residents))]
		hh, _ := linli.ParseHousehold(res.Household)
		g, ok := s.cfg.GridOf(hh.Building)
		if !ok {
			g = s.cfg.Grids[0]
		}
		cat := linli.Categories[s.rng.IntN(len(linli.Categories))]
		at := times[i]
		r := linli.Report{
			Reporter: res.Name, Household: res.Household, Group: res.LastGroup, Category: cat,
			Description: fmt.Sprintf("%d栋%s", hh.Building, seedProblems[s.rng.IntN(len(seedProblems))]),
			Place:       fmt.Sprintf("%d栋", hh.Building), Building: hh.Building,
			Status: linli.ReportSubmitted, Grid: g.Name, Assignee: g.Worker, CreatedAt: at,
			SLAStart: at, Deadline: at.Add(s.cfg.SLAFor(cat)),
			History: []linli.ReportEvent{{At: at, Actor: res.Name, Action: linli.ReportSubmitted}},
		}
		if d := lastInGrid[g.Name]; d != 0 && s.rng.IntN(30) == 0 {
			r.DuplicateOf = d
			s.dups++
		}
		recent := s.now.Sub(at) < 10*24*time.Hour
		switch {
		case recent && s.rng.IntN(10) < 4:
			if s.rng.IntN(2) == 0 {
				r.Status, r.AcceptedAt = linli.ReportAccepted, at.Add(time.Hour)
				r.History = append(r.History, linli.ReportEvent{At: r.AcceptedAt, Actor: g.Worker, Action: linli.ReportAccepted})
			}
			if r.DuplicateOf == 0 {
				s.openReports++
			}
		case s.rng.IntN(10) == 0:
			r.Status, r.Resolution = linli.ReportRejected, "不属于物业范围"
			r.History = append(r.History, linli.ReportEvent{At: at.Add(2 * time.Hour), Actor: g.Worker, Action: linli.ReportRejected, Note: r.Resolution})
		default:
			took := time.Duration(s.rng.Int64N(int64(2 * s.cfg.SLAFor(cat))))
			r.Status, r.AcceptedAt, r.ResolvedAt, r.ResolvedBy = linli.ReportResolved, at.Add(time.Hour), at.Add(time.Hour+took), g.Worker
			r.Resolution = "已处理"
			r.History = append(r.History,
				linli.ReportEvent{At: r.AcceptedAt, Actor: g.Worker, Action: linli.ReportAccepted},
				linli.ReportEvent{At: r.ResolvedAt, Actor: g.Worker, Action: linli.ReportResolved, Note: r.Resolution})
			if s.rng.IntN(10) < 6 {
				r.Rating, r.RatedAt = 3+s.rng.IntN(3), r.ResolvedAt.Add(time.Hour)
			}
			s.resolved++
		}
		if err := b.CreateReport(&r); err != nil {
			return err
		}
		if r.DuplicateOf == 0 {
			lastInGrid[g.Name] = r.ID
		}
		s.wrote.reports++
		return nil
	})
}

// sortTimes sorts ts ascending (reports are numbered in creation order).
func sortTimes(ts []time.Time) {
	slices.SortFunc(ts, func(x, y time.Time) int { return x.Compare(y) })
}

// seedPolls writes n polls over the year, each open for a week; the ones
// whose week is over are closed.
func (s *seeder) seedPolls(n int) error {
	s.polls = make([]linli.Poll, n)
	return s.chunks(n, func(b *storage.Bulk, i int) error {
		created := s.now.Add(-365 * 24 * time.Hour).Add(time.Duration(i+1) * 362 * 24 * time.Hour / time.Duration(n)) // the last one opened 3 days ago
		p := linli.Poll{
			Title: fmt.Sprintf("第%d次居民议事", i+1), Options: []string{"同意", "反对", "弃权"}, MaxChoices: 1,
			Groups: []string{s.cfg.Groups[i%len(s.cfg.Groups)]}, Creator: s.cfg.Staff[0].Name,
			CreatedAt: created, Deadline: created.Add(7 * 24 * time.Hour),
		}
		if err := b.CreatePoll(&p); err != nil {
			return err
		}
		s.polls[i] = p
		s.wrote.polls++
		if p.Deadline.After(s.now) {
			s.openPolls++
		}
		return nil
	})
}

// seedVotes casts n ballots over the polls, each within its poll's week,
// by residents of its group; a resident voting twice changes their vote.
func (s *seeder) seedVotes(n int) error {
	if err := s.chunks(n, func(b *storage.Bulk, i int) error {
		p := &s.polls[i%len(s.polls)]
		r := &s.residents[s.rng.IntN(len(s.residents))]
		at := p.CreatedAt.Add(time.Duration(s.rng.Int64N(int64(p.Deadline.Sub(p.CreatedAt)))))
		if at.After(s.now) {
			at = s.now.Add(-time.Minute)
		}
		_, err := b.CastVote(linli.Ballot{PollID: p.ID, Voter: r.Name, Household: r.Household,
			Choices: []int{s.rng.IntN(len(p.Options))}, At: at})
		if err != nil {
			return err
		}
		s.wrote.votes++
		return nil
	}); err != nil {
		return err
	}
	return s.db.Bulk(func(b *storage.Bulk) error {
		for _, p := range s.polls {
			if !p.Deadline.After(s.now) {
				if err := b.ClosePoll(p.ID, p.Deadline); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
