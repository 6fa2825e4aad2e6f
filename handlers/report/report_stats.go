package report

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"linli"
)

// 统计 上报 [月份]: the figures of the reports received in a month (all
// reports without one), in total and by grid, category and unit (a unit
// that sent a report back counts it as 退回; its outcome is the unit's that
// has it): received,
// resolved on time, resolved late, still open (overdue among them),
// median time to resolve, 满意度. ReportBreakdown gives the same numbers to
// other callers (the workbench's charts).

// StatsPeriod is the months 统计 上报 is about: [From, To); every report
// when From is zero.
type StatsPeriod struct {
	From, To time.Time
	Name     string // "11月", "2025年12月", "全部"
}

// Has reports whether t falls in the period.
func (p StatsPeriod) Has(t time.Time) bool {
	return p.From.IsZero() || !t.Before(p.From) && t.Before(p.To)
}

var statsMonthRe = regexp.MustCompile(`^(?:([0-9]{4})\s*(?:年|-|/|\.)\s*)?([0-9]{1,2})\s*(?:月份|月)?$`)

// parseStatsPeriod reads 统计 上报's argument relative to now: none or 全部
// (every report), 本月, 上月, 11月 / 11 (the latest November not in the
// future: 12月 asked in November 2026 is December 2025, and the reply's
// title then says 2025年12月), 2026年11月 / 2026-11.
func parseStatsPeriod(arg string, now time.Time) (StatsPeriod, bool) {
	month := func(y int, m time.Month) StatsPeriod {
		from := time.Date(y, m, 1, 0, 0, 0, 0, now.Location())
		name := strconv.Itoa(int(from.Month())) + "月"
		if from.Year() != now.Year() {
			name = strconv.Itoa(from.Year()) + "年" + name
		}
		return StatsPeriod{From: from, To: from.AddDate(0, 1, 0), Name: name}
	}
	switch arg = strings.TrimSpace(arg); arg {
	case "", "全部", "所有", "总计", "累计":
		return StatsPeriod{Name: "全部"}, true
	case "本月", "这个月", "这月", "当月":
		return month(now.Year(), now.Month()), true
	case "上月", "上个月":
		return month(now.Year(), now.Month()-1), true
	}
	m := statsMonthRe.FindStringSubmatch(arg)
	if m == nil {
		return StatsPeriod{}, false
	}
	mon, _ := strconv.Atoi(m[2])
	if mon < 1 || mon > 12 {
		return StatsPeriod{}, false
	}
	y := now.Year()
	if m[1] != "" {
		y, _ = strconv.Atoi(m[1])
	} else if time.Month(mon) > now.Month() {
		y-- // 12月 said in January is last December
	}
	return month(y, time.Month(mon)), true
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
// now. Ratings of duplicates count with their reporter's rating.
func (h *Family) ReportBreakdown(p StatsPeriod, now time.Time) (ReportBreakdown, error) {
	list, err := h.Reports.Reports(func(r *linli.Report) bool { return p.Has(r.CreatedAt) })
	if err != nil {
		return ReportBreakdown{}, err
	}
	return computeBreakdown(list, p, now, h.Config), nil
}

func computeBreakdown(list []*linli.Report, p StatsPeriod, now time.Time, cfg *linli.Config) ReportBreakdown {
	b := ReportBreakdown{Period: p, Total: ReportRow{Name: "合计"}}
	grids, cats, units := map[string]*ReportRow{}, map[string]*ReportRow{}, map[string]*ReportRow{}
	row := func(m map[string]*ReportRow, name string) *ReportRow {
		if m[name] == nil {
			m[name] = &ReportRow{Name: name}
		}
		return m[name]
	}
	for _, r := range list {
		rows := []*ReportRow{&b.Total, row(grids, cmpOr(r.Grid, "未分网格")), row(cats, r.Category)}
		if r.Unit != "" {
			rows = append(rows, row(units, r.Unit))
		}
		if r.DuplicateOf == 0 {
			for _, u := range handedBack(r) { // counted for the unit as 退回, not as its outcome
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

// handedBack lists the units a report was 转办 to that no longer have it
// (they sent it back, or it went to another unit since): in 统计 上报 each
// counts it as received and 退回; the report's outcome belongs to the unit
// that has it (r.Unit), if any.
func handedBack(r *linli.Report) []string {
	var out []string
	for _, e := range r.History {
		if e.Action != "referred" {
			continue
		}
		name, _, _ := strings.Cut(e.Note, " ")
		if name != r.Unit && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
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
