package storage

import (
	"fmt"
	"slices"
	"strings"
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
		r := &linli.Report{Reporter: "居民", Category: "环境卫生", Description: fmt.Sprint("上报", i, "号"), Grid: grids[i%3],
			Status: linli.ReportSubmitted, CreatedAt: at.Add(time.Duration(i) * time.Hour)}
		if i%2 == 0 {
			r.Status = linli.ReportResolved
		}
		if i%10 == 3 {
			r.Place = "<3栋&门口>"
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
	p = page(linli.ReportPageQuery{Limit: 10, Grids: []string{"第二网格"}, Status: linli.ReportResolved})
	if !slices.Equal(ids(p), resolved2[:10]) || !p.Older || p.Total != len(resolved2) {
		t.Errorf("by index: %v total %d, want %v total %d", ids(p), p.Total, resolved2[:10], len(resolved2))
	}
	p = page(linli.ReportPageQuery{Limit: 10, Grids: []string{"第二网格"}, Status: linli.ReportResolved, Skip: 20})
	if !slices.Equal(ids(p), resolved2[20:]) || p.Older {
		t.Errorf("by index, skipping 20: %v, want %v", ids(p), resolved2[20:])
	}
	p = page(linli.ReportPageQuery{Limit: 10, Grids: []string{"第二网格"}, Status: linli.ReportResolved, Before: resolved2[9]})
	if !slices.Equal(ids(p), resolved2[10:20]) {
		t.Errorf("by index after a cursor: %v, want %v", ids(p), resolved2[10:20])
	}
	p = page(linli.ReportPageQuery{Limit: 10, Grids: []string{"没有的网格"}, Status: linli.ReportResolved})
	if len(p.Reports) != 0 || p.Older || p.Total != 0 {
		t.Errorf("an unknown grid: %v total %d", ids(p), p.Total)
	}
	// Several ranges merged: a status over every grid, two grids in every
	// status; none at all.
	var submitted, grids13 []uint64
	for id := 130; id >= 1; id-- {
		if i := id - 1; i%2 == 1 {
			submitted = append(submitted, uint64(id))
		}
		if i := id - 1; i%3 != 1 {
			grids13 = append(grids13, uint64(id))
		}
	}
	p = page(linli.ReportPageQuery{Limit: 20, Status: linli.ReportSubmitted, Skip: 20})
	if !slices.Equal(ids(p), submitted[20:40]) || !p.Older || !p.Newer || p.Total != len(submitted) {
		t.Errorf("submitted in every grid, skipping 20: %v total %d, want %v total %d", ids(p), p.Total, submitted[20:40], len(submitted))
	}
	p = page(linli.ReportPageQuery{Limit: 20, Status: linli.ReportSubmitted, After: submitted[40]})
	if !slices.Equal(ids(p), submitted[20:40]) || !p.Newer {
		t.Errorf("submitted in every grid, back: %v, want %v", ids(p), submitted[20:40])
	}
	p = page(linli.ReportPageQuery{Limit: 30, Grids: []string{"第一网格", "第三网格"}, Before: grids13[29]})
	if !slices.Equal(ids(p), grids13[30:60]) || p.Total != len(grids13) {
		t.Errorf("two grids, every status: %v total %d, want %v total %d", ids(p), p.Total, grids13[30:60], len(grids13))
	}
	p = page(linli.ReportPageQuery{Limit: 30, Grids: []string{}})
	if len(p.Reports) != 0 || p.Total != 0 || p.Older {
		t.Errorf("no grid: %v total %d", ids(p), p.Total)
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

// TestReportPageWord: a Word or a Category passes over the records without
// it undecoded and finds the same pages as Match alone, words JSON escapes
// included.
func TestReportPageWord(t *testing.T) {
	db, _ := newTestDB(t)
	at := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := 0; i < 200; i++ {
		r := &linli.Report{Reporter: "居民", Description: fmt.Sprint("楼道", i%7, "号"), Grid: "第一网格", Status: linli.ReportResolved, CreatedAt: at,
			Category: linli.Categories[i%3]}
		if i%9 == 0 {
			r.Description += linli.Categories[0] // the category's name in the text too
		}
		if i%10 == 3 {
			r.Place = "<3栋&门口>"
		}
		if err := db.CreateReport(r, nil); err != nil {
			t.Fatal(err)
		}
	}
	for _, word := range []string{"楼道3号", "<3栋&门口>", "3栋&", "150", "没有的词"} {
		match := func(r *linli.Report) bool {
			return strings.Contains(r.Description, word) || strings.Contains(r.Place, word) || fmt.Sprint(r.ID) == word
		}
		for _, q := range []linli.ReportPageQuery{{Limit: 7}, {Limit: 7, Skip: 7}, {Limit: 7, Before: 120}, {Limit: 7, After: 60}} {
			q.Match = match
			plain, err := db.ReportPage(q)
			if err != nil {
				t.Fatal(err)
			}
			q.Word = word
			fast, err := db.ReportPage(q)
			if err != nil {
				t.Fatal(err)
			}
			var a, b []uint64
			for _, r := range plain.Reports {
				a = append(a, r.ID)
			}
			for _, r := range fast.Reports {
				b = append(b, r.ID)
			}
			if !slices.Equal(a, b) || plain.Older != fast.Older || plain.Newer != fast.Newer {
				t.Errorf("word %q, %+v: %v with the word, %v without", word, q, b, a)
			}
			if word != "没有的词" && q.Skip == 0 && q.Before == 0 && q.After == 0 && len(b) == 0 {
				t.Errorf("word %q finds nothing", word)
			}
			q.Word, q.Category = "", linli.Categories[0]
			q.Match = func(r *linli.Report) bool { return r.Category == linli.Categories[0] && match(r) }
			plain, _ = db.ReportPage(q)
			q.Match = match
			fast, err = db.ReportPage(q)
			if err != nil {
				t.Fatal(err)
			}
			a, b = nil, nil
			for _, r := range plain.Reports {
				a = append(a, r.ID)
			}
			for _, r := range fast.Reports {
				b = append(b, r.ID)
			}
			if !slices.Equal(a, b) || plain.Older != fast.Older || plain.Newer != fast.Newer {
				t.Errorf("category and word %q, %+v: %v with Category, %v with Match only", word, q, b, a)
			}
		}
	}
}
