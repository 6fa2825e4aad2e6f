package storage

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"linli"
)

// TestReportPage: pages by count, by cursor down and up, in the by-grid
// index, with a filter; they agree with a plain walk of every report.
func TestReportPage(t *testing.T) {
	db, _ := newTestDB(t)
	at := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	grids := []string{"第一网格", "第二网格", "第三网格"}
	for i := 0; i < 130; i++ {
		r := &linli.Report{Reporter: "居民", Category: "环境卫生", Description: fmt.Sprint("上报", i), Grid: grids[i%3],
			Status: linli.ReportSubmitted, CreatedAt: at.Add(time.Duration(i) * time.Hour)}
		if i%2 == 0 {
			r.Status = linli.ReportResolved
		}
		if err := db.CreateReport(r, nil); err != nil {
			t.Fatal(err)
		}
	}
	ids := func(p linli.ReportPage) []uint64 {
		var out []uint64
		for _, r := range p.Reports {
			out = append(out, r.ID)
		}
		return out
	}
	// want lists the IDs from hi down to lo, step.
	want := func(hi, lo, step int) []uint64 {
		var out []uint64
		for id := hi; id >= lo; id -= step {
			out = append(out, uint64(id))
		}
		return out
	}
	page := func(q linli.ReportPageQuery) linli.ReportPage {
		t.Helper()
		p, err := db.ReportPage(q)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	p := page(linli.ReportPageQuery{Limit: 50})
	if !slices.Equal(ids(p), want(130, 81, 1)) || !p.Older || p.Newer || p.Total != 130 {
		t.Errorf("page 1: %v older %v newer %v total %d", ids(p), p.Older, p.Newer, p.Total)
	}
	p = page(linli.ReportPageQuery{Limit: 50, Skip: 100})
	if !slices.Equal(ids(p), want(30, 1, 1)) || p.Older || !p.Newer {
		t.Errorf("page 3 by count: %v older %v newer %v", ids(p), p.Older, p.Newer)
	}
	p = page(linli.ReportPageQuery{Limit: 50, Before: 81})
	if !slices.Equal(ids(p), want(80, 31, 1)) || !p.Older || !p.Newer {
		t.Errorf("page 2 by cursor: %v older %v newer %v", ids(p), p.Older, p.Newer)
	}
	p = page(linli.ReportPageQuery{Limit: 50, After: 30})
	if !slices.Equal(ids(p), want(80, 31, 1)) || !p.Older || !p.Newer {
		t.Errorf("page 2 back from page 3: %v older %v newer %v", ids(p), p.Older, p.Newer)
	}
	p = page(linli.ReportPageQuery{Limit: 50, After: 80})
	if !slices.Equal(ids(p), want(130, 81, 1)) || p.Newer {
		t.Errorf("page 1 back from page 2: %v newer %v", ids(p), p.Newer)
	}
	// 第二网格 resolved: IDs 2, 8, 14, … (i = 1 mod 3 and even, i = ID-1).
	var resolved2 []uint64
	for id := 130; id >= 1; id-- {
		if i := id - 1; i%3 == 1 && i%2 == 0 {
			resolved2 = append(resolved2, uint64(id))
		}
	}
	p = page(linli.ReportPageQuery{Limit: 10, Grid: "第二网格", Status: linli.ReportResolved})
	if !slices.Equal(ids(p), resolved2[:10]) || !p.Older || p.Total != len(resolved2) {
		t.Errorf("by index: %v total %d, want %v total %d", ids(p), p.Total, resolved2[:10], len(resolved2))
	}
	p = page(linli.ReportPageQuery{Limit: 10, Grid: "第二网格", Status: linli.ReportResolved, Skip: 20})
	if !slices.Equal(ids(p), resolved2[20:]) || p.Older {
		t.Errorf("by index, skipping 20: %v, want %v", ids(p), resolved2[20:])
	}
	p = page(linli.ReportPageQuery{Limit: 10, Grid: "第二网格", Status: linli.ReportResolved, Before: resolved2[9]})
	if !slices.Equal(ids(p), resolved2[10:20]) {
		t.Errorf("by index after a cursor: %v, want %v", ids(p), resolved2[10:20])
	}
	p = page(linli.ReportPageQuery{Limit: 10, Grid: "没有的网格", Status: linli.ReportResolved})
	if len(p.Reports) != 0 || p.Older || p.Total != 0 {
		t.Errorf("an unknown grid: %v total %d", ids(p), p.Total)
	}
	// A filter: the same reports as the index, decoded.
	match := func(r *linli.Report) bool { return r.Grid == "第二网格" && r.Status == linli.ReportResolved }
	p = page(linli.ReportPageQuery{Limit: 10, Match: match, Skip: 10})
	if !slices.Equal(ids(p), resolved2[10:20]) || !p.Older || p.Total != -1 {
		t.Errorf("filtered: %v total %d, want %v", ids(p), p.Total, resolved2[10:20])
	}
	p = page(linli.ReportPageQuery{Limit: 10, Match: match, After: resolved2[20]})
	if !slices.Equal(ids(p), resolved2[10:20]) {
		t.Errorf("filtered, back: %v, want %v", ids(p), resolved2[10:20])
	}
}
