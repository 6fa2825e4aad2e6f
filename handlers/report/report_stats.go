package report

import (
	"context"
	"fmt"
	"slices"
	"time"

	"linli"
	"linli/handlers/zhtime"
)

// 统计 上报 [月份]: the figures of the reports received in a month (all
// reports without one), in total and by grid, category and unit (a unit
// that sent a report back counts it as 退回; its outcome is the unit's that
// has it): received,
// resolved on time, resolved late, still open (overdue among them),
// median time to resolve, 满意度. ReportBreakdown gives the same numbers to
// other callers (the workbench's charts).

// StatsPeriod is the months 统计 上报 is about (zhtime.Months): every
// report when From is zero.
type StatsPeriod = zhtime.Months

// parseStatsPeriod reads 统计 上报's argument relative to now (zhtime.ParseMonths):
// none means every report.
func parseStatsPeriod(arg string, now time.Time) (StatsPeriod, bool) {
	return zhtime.ParseMonths(arg, now, true)
}

// ReportRow is the figures of one grid, category or unit.
type ReportRow struct {
	Name       string
	Received   int           // reports received (duplicates not counted)
	OnTime     int           // resolved by their deadline
	Late       int           // resolved after it
	Rejected   int           // 退回
	Open       int           // still open
	Overdue    int           // open and past the deadline
	MedianTime time.Duration // median time from report to 办结; 0 without any
	Rated      int
	RateSum    int
	times      []time.Duration
}

// Satisfaction is the mean rating (0 without ratings).
func (r ReportRow) Satisfaction() float64 { return ratio(r.RateSum, r.Rated) }

// ReportBreakdown is 统计 上报's figures: by grid, category and unit.
type ReportBreakdown struct {
	Period                   StatsPeriod
	Total                    ReportRow
	Grids, Categories, Units []ReportRow
}

// ReportBreakdown computes the figures of the reports received in p, at
// now, from the reports' statistics facts (linli.ReportService.ReportFacts:
// kept on write, no report decoded). Ratings of duplicates count with
// their reporter's rating.
func (h *Family) ReportBreakdown(p StatsPeriod, now time.Time) (ReportBreakdown, error) {
	facts, err := h.Reports.ReportFacts(p.From, p.To)
	if err != nil {
		return ReportBreakdown{}, err
	}
	return computeBreakdown(facts, p, now, h.Config), nil
}

func computeBreakdown(list []linli.ReportFact, p StatsPeriod, now time.Time, cfg *linli.Config) ReportBreakdown {
	b := ReportBreakdown{Period: p, Total: ReportRow{Name: "合计"}}
	grids, cats, units := map[string]*ReportRow{}, map[string]*ReportRow{}, map[string]*ReportRow{}
	row := func(m map[string]*ReportRow, name string) *ReportRow {
		if m[name] == nil {
			m[name] = &ReportRow{Name: name}
		}
		return m[name]
	}
	rows := make([]*ReportRow, 0, 4)
	for i := range list {
		r := &list[i]
		if !p.Has(r.CreatedAt) {
			continue
		}
		rows = append(rows[:0], &b.Total, row(grids, cmpOr(r.Grid, "未分网格")), row(cats, r.Category))
		if r.Unit != "" {
			rows = append(rows, row(units, r.Unit))
		}
		if r.DuplicateOf == 0 {
			for _, u := range r.HandedBack { // counted for the unit as 退回, not as its outcome
				x := row(units, u)
				x.Received++
				x.Rejected++
			}
		}
		for _, x := range rows {
			if r.Rating > 0 {
				x.Rated++
				x.RateSum += r.Rating
			}
			if r.DuplicateOf != 0 {
				continue
			}
			x.Received++
			switch {
			case r.Status == linli.ReportResolved && !r.ResolvedAt.After(r.Deadline):
				x.OnTime++
				x.times = append(x.times, r.ResolvedAt.Sub(r.CreatedAt))
			case r.Status == linli.ReportResolved:
				x.Late++
				x.times = append(x.times, r.ResolvedAt.Sub(r.CreatedAt))
			case r.Status == linli.ReportRejected:
				x.Rejected++
			default:
				x.Open++
				if now.After(r.Deadline) {
					x.Overdue++
				}
			}
		}
	}
	finish := func(x *ReportRow) {
		if n := len(x.times); n > 0 {
			slices.Sort(x.times)
			x.MedianTime = x.times[n/2]
			if n%2 == 0 {
				x.MedianTime = (x.times[n/2-1] + x.times[n/2]) / 2
			}
		}
	}
	finish(&b.Total)
	ordered := func(m map[string]*ReportRow, order []string) []ReportRow {
		var out []ReportRow
		for _, name := range order {
			if x := m[name]; x != nil {
				finish(x)
				out = append(out, *x)
				delete(m, name)
			}
		}
		for _, name := range slices.Sorted(mapKeys(m)) {
			finish(m[name])
			out = append(out, *m[name])
		}
		return out
	}
	var gridOrder, unitOrder []string
	for _, g := range cfg.Grids {
		gridOrder = append(gridOrder, g.Name)
	}
	for _, u := range cfg.Units {
		unitOrder = append(unitOrder, u.Name)
	}
	b.Grids, b.Categories, b.Units = ordered(grids, gridOrder), ordered(cats, linli.Categories), ordered(units, unitOrder)
	return b
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func mapKeys(m map[string]*ReportRow) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// reportStatsCommand handles "统计 上报 [月份]" for staff.
func (h *Family) reportStatsCommand(ctx context.Context, req *linli.Request) error {
	p, ok := parseStatsPeriod(req.Args, req.Now.In(h.Config.Location))
	if !ok {
		return linli.Errorf(linli.EInvalid, "%s", textReportStatsUsage)
	}
	var text string
	if p.From.IsZero() {
		s, err := h.ReportStats()
		if err != nil {
			return err
		}
		text = textReportStats(s)
	} else {
		text = fmt.Sprintf("随手拍统计（%s收到的）：", p.Name)
	}
	b, err := h.ReportBreakdown(p, req.Now)
	if err != nil {
		return err
	}
	return req.Reply(text + textReportBreakdown(b))
}
