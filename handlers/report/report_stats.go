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
// now, from the reports' statistics facts (linli.ReportService.EachReportFact:
// kept on write, no report decoded). Ratings of duplicates count with
// their reporter's rating.
func (h *Family) ReportBreakdown(p StatsPeriod, now time.Time) (ReportBreakdown, error) {
	t := newTally(p, now)
	if err := h.Reports.EachReportFact(p.From, p.To, t.add); err != nil {
		return ReportBreakdown{}, err
	}
	return t.breakdown(h.Config), nil
}

// computeBreakdown is ReportBreakdown's figures of the facts in list.
func computeBreakdown(list []linli.ReportFact, p StatsPeriod, now time.Time, cfg *linli.Config) ReportBreakdown {
	t := newTally(p, now)
	for i := range list {
		t.add(&list[i])
	}
	return t.breakdown(cfg)
}

// tally adds up the facts of 统计 上报, one at a time.
type tally struct {
	p                  StatsPeriod
	now                time.Time
	b                  ReportBreakdown
	grids, cats, units map[string]*ReportRow
	rows               []*ReportRow
}

func newTally(p StatsPeriod, now time.Time) *tally {
	return &tally{p: p, now: now, b: ReportBreakdown{Period: p, Total: ReportRow{Name: "合计"}},
		grids: map[string]*ReportRow{}, cats: map[string]*ReportRow{}, units: map[string]*ReportRow{}}
}

func (t *tally) row(m map[string]*ReportRow, name string) *ReportRow {
	x := m[name]
	if x == nil {
		x = &ReportRow{Name: name}
		m[name] = x
	}
	return x
}

// add counts r (when received in the period); r is not kept.
func (t *tally) add(r *linli.ReportFact) {
	if !t.p.Has(r.CreatedAt) {
		return
	}
	rows := append(t.rows[:0], &t.b.Total, t.row(t.grids, cmpOr(r.Grid, "未分网格")), t.row(t.cats, r.Category))
	if r.Unit != "" {
		rows = append(rows, t.row(t.units, r.Unit))
	}
	t.rows = rows
	if r.DuplicateOf == 0 {
		for _, u := range r.HandedBack { // counted for the unit as 退回, not as its outcome
			x := t.row(t.units, u)
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
			if t.now.After(r.Deadline) {
				x.Overdue++
			}
		}
	}
}

// breakdown is the figures added up, rows in the order of cfg (grids and
// units), of linli.Categories, then by name.
func (t *tally) breakdown(cfg *linli.Config) ReportBreakdown {
	b, grids, cats, units := t.b, t.grids, t.cats, t.units
	finish := func(x *ReportRow) { x.MedianTime = median(x.times) }
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

// median is the exact median of ts (the mean of the two middle ones for
// an even count; 0 for none), found by selection in linear time. It
// reorders ts.
func median(ts []time.Duration) time.Duration {
	n := len(ts)
	if n == 0 {
		return 0
	}
	m := selectNth(ts, n/2)
	if n%2 == 1 {
		return m
	}
	return (slices.Max(ts[:n/2]) + m) / 2 // ts[:n/2] holds the n/2 smallest
}

// selectNth reorders ts so that ts[k] is the element a sort would put
// there, with none larger before it and none smaller after it, and
// returns it (Hoare's selection with a three-way partition, so equal
// durations cost nothing extra).
func selectNth(ts []time.Duration, k int) time.Duration {
	lo, hi := 0, len(ts) // ts[k] is in ts[lo:hi]
	for hi-lo > 1 {
		a, b, c := ts[lo], ts[lo+(hi-lo)/2], ts[hi-1]
		pivot := max(min(a, b), min(max(a, b), c)) // median of three
		// ts[lo:lt] < pivot, ts[lt:i] == pivot, ts[gt:hi] > pivot
		lt, i, gt := lo, lo, hi
		for i < gt {
			switch {
			case ts[i] < pivot:
				ts[lt], ts[i] = ts[i], ts[lt]
				lt++
				i++
			case ts[i] > pivot:
				gt--
				ts[gt], ts[i] = ts[i], ts[gt]
			default:
				i++
			}
		}
		switch {
		case k < lt:
			hi = lt
		case k >= gt:
			lo = gt
		default:
			return pivot
		}
	}
	return ts[k]
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
	b, err := h.ReportBreakdown(p, req.Now)
	if err != nil {
		return err
	}
	text := fmt.Sprintf("随手拍统计（%s收到的）：", p.Name)
	if p.From.IsZero() {
		// ReportStats's figures, the overdue ones from the breakdown (the
		// open originals past their deadline, as ReportStats counts them)
		// rather than from decoding every open report again.
		c, err := h.Reports.ReportCounts("")
		if err != nil {
			return err
		}
		s := statsOf(c, nil, req.Now)
		s.Overdue = b.Total.Overdue
		text = textReportStats(s)
	}
	return req.Reply(text + textReportBreakdown(b))
}
