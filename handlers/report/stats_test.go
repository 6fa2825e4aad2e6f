package report

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"linli"
)

// TestComputeBreakdown: 统计 上报 counts each report once per grid,
// category and unit (duplicates only for ratings), splits resolved into on
// time and late against the deadline, and takes the median time to 办结.
func TestComputeBreakdown(t *testing.T) {
	t0 := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	cfg := &linli.Config{Grids: []linli.Grid{{Name: "B网格"}, {Name: "A网格"}}, Units: []linli.Unit{{Name: "物业"}}}
	list := []*linli.Report{
		{ID: 1, Grid: "A网格", Category: "设施维修", Unit: "物业", Status: linli.ReportResolved, CreatedAt: t0,
			Deadline: t0.Add(4 * time.Hour), ResolvedAt: t0.Add(2 * time.Hour), Rating: 5},
		{ID: 2, Grid: "A网格", Category: "设施维修", Status: linli.ReportResolved, CreatedAt: t0,
			Deadline: t0.Add(4 * time.Hour), ResolvedAt: t0.Add(10 * time.Hour), Rating: 2},
		{ID: 3, Grid: "B网格", Category: "环境卫生", Status: linli.ReportAccepted, CreatedAt: t0, Deadline: t0.Add(time.Hour),
			History: []linli.ReportEvent{{Action: "referred", Note: "物业 请处理"}, {Action: "unit_returned"}}},
		{ID: 4, Grid: "A网格", Category: "设施维修", Status: linli.ReportResolved, DuplicateOf: 1, Rating: 4,
			CreatedAt: t0, Deadline: t0, ResolvedAt: t0.Add(time.Hour)},
		{ID: 5, Grid: "B网格", Category: "环境卫生", Status: linli.ReportRejected, CreatedAt: t0, Deadline: t0.Add(time.Hour)},
	}
	// 转办 to 市政, then to 物业, which sent it back: neither has it.
	bounced := &linli.Report{ID: 6, Grid: "B网格", Category: "环境卫生", Status: linli.ReportSubmitted, CreatedAt: t0, Deadline: t0.Add(time.Hour),
		History: []linli.ReportEvent{{Action: "referred", Note: "市政"}, {Action: "referred", Note: "物业"}, {Action: "unit_returned"}}}
	b := computeBreakdown(factsOf(list), StatsPeriod{Name: "全部"}, t0.Add(3*time.Hour), cfg)
	withBounced := computeBreakdown(factsOf(append(list, bounced)), StatsPeriod{Name: "全部"}, t0.Add(3*time.Hour), cfg)
	tot := b.Total
	if tot.Received != 4 || tot.OnTime != 1 || tot.Late != 1 || tot.Open != 1 || tot.Overdue != 1 || tot.Rejected != 1 {
		t.Errorf("total %+v", tot)
	}
	if tot.MedianTime != 6*time.Hour { // 2h and 10h
		t.Errorf("median %v, want 6h", tot.MedianTime)
	}
	if tot.Rated != 3 || tot.Satisfaction() != 11.0/3 {
		t.Errorf("ratings %d, %.2f; want 3 of mean 3.67 (the duplicate's counts)", tot.Rated, tot.Satisfaction())
	}
	if len(b.Grids) != 2 || b.Grids[0].Name != "B网格" || b.Grids[1].Received != 2 {
		t.Errorf("grids %+v; want B网格 first (config order), A网格 with 2", b.Grids)
	}
	// A unit that sent a report back counts it as 退回, not as open with it.
	if len(b.Units) != 1 || b.Units[0].Received != 2 || b.Units[0].OnTime != 1 || b.Units[0].Rejected != 1 || b.Units[0].Open != 0 {
		t.Errorf("units %+v; want 物业 with 2: 1 on time, 1 returned", b.Units)
	}
	u := withBounced.Units
	if len(u) != 2 || u[0].Name != "物业" || u[0].Received != 3 || u[0].Rejected != 2 || u[0].Open != 0 || u[0].Overdue != 0 ||
		u[1].Name != "市政" || u[1].Received != 1 || u[1].Rejected != 1 || u[1].Open != 0 {
		t.Errorf("units %+v; want 物业 3 (2 returned) and 市政 1 (handed on), none open with them", u)
	}
	if p, ok := parseStatsPeriod("12月", t0); !ok || p.Name != "2025年12月" || p.From.Year() != 2025 {
		t.Errorf("12月 asked in November 2026: %+v %v; want 2025年12月, the year said", p, ok)
	}
	if p, ok := parseStatsPeriod("11月", t0); !ok || !p.Has(t0) || p.Has(t0.AddDate(0, 1, 0)) {
		t.Errorf("11月: %+v %v", p, ok)
	}
	if _, ok := parseStatsPeriod("13月", t0); ok {
		t.Errorf("13月 accepted")
	}
}

func factsOf(list []*linli.Report) []linli.ReportFact {
	var out []linli.ReportFact
	for _, r := range list {
		out = append(out, r.Fact())
	}
	return out
}

// TestMedianBySelection: the median found by selection is the one a sort
// gives, with repeated durations, even and odd counts.
func TestMedianBySelection(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 60 {
		for _, spread := range []int{1, 3, 1000} {
			ts := make([]time.Duration, n)
			for i := range ts {
				ts[i] = time.Duration(rng.IntN(spread)) * time.Minute
			}
			sorted := slices.Sorted(slices.Values(ts))
			var want time.Duration
			if n > 0 {
				want = sorted[n/2]
				if n%2 == 0 {
					want = (sorted[n/2-1] + sorted[n/2]) / 2
				}
			}
			if got := median(ts); got != want {
				t.Fatalf("median of %v = %v, want %v", sorted, got, want)
			}
		}
	}
}

// TestOverdueFromBreakdown: 统计 上报 without a month takes 超时 from the
// breakdown's total; on any set of reports it is ReportStats's count of
// open originals past their deadline (duplicates, closed and future ones
// not counted).
func TestOverdueFromBreakdown(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	t0 := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	statuses := []string{linli.ReportSubmitted, linli.ReportAccepted, linli.ReportReopened, linli.ReportResolved, linli.ReportRejected}
	for round := range 50 {
		var list []*linli.Report
		for i := range 30 {
			r := &linli.Report{ID: uint64(i + 1), Status: statuses[rng.IntN(len(statuses))], CreatedAt: t0,
				Deadline: t0.Add(time.Duration(rng.IntN(5)-2) * time.Hour), Category: "设施维修"}
			if rng.IntN(4) == 0 {
				r.DuplicateOf = 1
			}
			list = append(list, r)
		}
		now := t0.Add(time.Duration(rng.IntN(3)) * time.Hour)
		want := computeReportStats(list, now).Overdue
		got := computeBreakdown(factsOf(list), StatsPeriod{Name: "全部"}, now, &linli.Config{}).Total.Overdue
		if got != want {
			t.Fatalf("round %d: overdue %d from the breakdown, %d from the open reports", round, got, want)
		}
	}
}
