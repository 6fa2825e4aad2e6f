package storage

import (
	"testing"
	"time"

	"linli"
)

// TestCreateReportSinceOffersTheWindow: CreateReportSince offers isDup
// exactly the open originals created at or after since, oldest first, as
// CreateReport with a filter would; closed ones and duplicates are not
// offered.
func TestCreateReportSinceOffersTheWindow(t *testing.T) {
	db, _ := newTestDB(t)
	base := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	for i := range 30 {
		r := newReport("居民", "设施维修", "3栋", base.Add(time.Duration(i)*time.Hour))
		if err := db.CreateReport(r, nil); err != nil {
			t.Fatal(err)
		}
		switch i % 5 {
		case 1: // resolved
			if _, _, err := db.UpdateReport(r.ID, func(x *linli.Report, _ []*linli.Report) error {
				x.Status, x.ResolvedAt = linli.ReportResolved, x.CreatedAt.Add(time.Minute)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		case 2: // a duplicate
			if _, _, err := db.UpdateReport(r.ID, func(x *linli.Report, _ []*linli.Report) error { x.DuplicateOf = 1; return nil }); err != nil {
				t.Fatal(err)
			}
		}
	}
	now := base.Add(40 * time.Hour)
	for _, since := range []time.Time{base.Add(-time.Hour), base, base.Add(10 * time.Hour), base.Add(10*time.Hour + time.Second), base.Add(29 * time.Hour), now} {
		var offered, want []uint64
		r := newReport("新居民", "设施维修", "3栋", now)
		if err := db.CreateReportSince(r, since, func(o *linli.Report) bool { offered = append(offered, o.ID); return false }); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateReport(newReport("新居民", "设施维修", "3栋", now), func(o *linli.Report) bool {
			if !o.CreatedAt.Before(since) {
				want = append(want, o.ID)
			}
			return false
		}); err != nil {
			t.Fatal(err)
		}
		// The two reports created now are open originals too: the second
		// call saw the first one.
		if len(want) > 0 && want[len(want)-1] == r.ID {
			want = want[:len(want)-1]
		}
		if len(offered) != len(want) {
			t.Fatalf("since %v: offered %v, want %v", since, offered, want)
		}
		for i := range offered {
			if offered[i] != want[i] {
				t.Fatalf("since %v: offered %v, want %v", since, offered, want)
			}
		}
	}
	// The oldest match in the window is linked.
	r := newReport("新居民", "设施维修", "3栋", now)
	if err := db.CreateReportSince(r, base.Add(20*time.Hour), func(o *linli.Report) bool { return o.ID >= 21 }); err != nil {
		t.Fatal(err)
	}
	if r.DuplicateOf != 21 {
		t.Errorf("linked to %d, want 21 (the oldest open original in the window that matches)", r.DuplicateOf)
	}
}
