package storage

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"linli"
)

func newReport(reporter, category, place string, at time.Time) *linli.Report {
	return &linli.Report{Reporter: reporter, Category: category, Place: place, Description: place + category,
		Status: linli.ReportSubmitted, CreatedAt: at}
}

func TestCreateReportTakesPendingImages(t *testing.T) {
	db, _ := newTestDB(t)
	_, err := db.UpdatePendingImages("张阿姨", func(p *linli.PendingImages) error {
		p.Files, p.Until = []string{"a.png", "b.png"}, t0.Add(5*time.Minute)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Someone else's report does not take them.
	other := newReport("王叔", "环境卫生", "3栋", t0.Add(time.Minute))
	if err := db.CreateReport(other, nil); err != nil {
		t.Fatal(err)
	}
	r := newReport("张阿姨", "设施维修", "3栋", t0.Add(2*time.Minute))
	r.Images = []string{"c.png"}
	if err := db.CreateReport(r, nil); err != nil {
		t.Fatal(err)
	}
	if other.ID != 1 || r.ID != 2 || len(other.Images) != 0 {
		t.Fatalf("ids %d %d, other images %v", other.ID, r.ID, other.Images)
	}
	if want := []string{"a.png", "b.png", "c.png"}; !slices.Equal(r.Images, want) {
		t.Fatalf("images = %v, want %v", r.Images, want)
	}
	db = reopen(t, db)
	got, err := db.Report(2)
	if err != nil || !slices.Equal(got.Images, r.Images) {
		t.Fatalf("stored = %+v, %v", got, err)
	}
	// Taken: the next report gets none.
	r3 := newReport("张阿姨", "设施维修", "3栋", t0.Add(3*time.Minute))
	if err := db.CreateReport(r3, nil); err != nil || len(r3.Images) != 0 {
		t.Fatalf("second report images = %v, %v", r3.Images, err)
	}
}

func TestCreateReportDropsExpiredPendingImages(t *testing.T) {
	db, _ := newTestDB(t)
	db.UpdatePendingImages("张阿姨", func(p *linli.PendingImages) error {
		p.Files, p.Until = []string{"a.png"}, t0
		return nil
	})
	r := newReport("张阿姨", "设施维修", "3栋", t0.Add(time.Second))
	if err := db.CreateReport(r, nil); err != nil || len(r.Images) != 0 {
		t.Fatalf("images = %v, %v", r.Images, err)
	}
	p, _ := db.UpdatePendingImages("张阿姨", func(*linli.PendingImages) error { return nil })
	if len(p.Files) != 0 {
		t.Fatalf("expired images kept: %v", p.Files)
	}
}

func TestCreateReportLinksOldestOpenOriginal(t *testing.T) {
	db, _ := newTestDB(t)
	closed := newReport("a", "环境卫生", "3栋", t0)
	closed.Status = linli.ReportResolved
	first := newReport("b", "环境卫生", "3栋", t0.Add(time.Minute))
	second := newReport("c", "环境卫生", "3栋", t0.Add(2*time.Minute))
	for _, r := range []*linli.Report{closed, first, second} {
		if err := db.CreateReport(r, nil); err != nil {
			t.Fatal(err)
		}
	}
	sameAs := func(r *linli.Report) func(*linli.Report) bool {
		return func(o *linli.Report) bool { return o.Category == r.Category && o.Place == r.Place }
	}
	dup := newReport("d", "环境卫生", "3栋", t0.Add(3*time.Minute))
	if err := db.CreateReport(dup, sameAs(dup)); err != nil || dup.DuplicateOf != first.ID {
		t.Fatalf("duplicate_of = %d (%v), want %d", dup.DuplicateOf, err, first.ID)
	}
	// A duplicate is never an original.
	db.UpdateReport(first.ID, func(r *linli.Report, _ []*linli.Report) error { r.Status = linli.ReportRejected; return nil })
	again := newReport("e", "环境卫生", "3栋", t0.Add(4*time.Minute))
	if err := db.CreateReport(again, sameAs(again)); err != nil || again.DuplicateOf != second.ID {
		t.Fatalf("duplicate_of = %d (%v), want %d", again.DuplicateOf, err, second.ID)
	}
	none := newReport("f", "噪音扰民", "3栋", t0.Add(5*time.Minute))
	if err := db.CreateReport(none, sameAs(none)); err != nil || none.DuplicateOf != 0 {
		t.Fatalf("unrelated report linked to %d (%v)", none.DuplicateOf, err)
	}
}

func TestUpdateReportWithDuplicates(t *testing.T) {
	db, _ := newTestDB(t)
	orig := newReport("a", "环境卫生", "3栋", t0)
	db.CreateReport(orig, nil)
	dup := newReport("b", "环境卫生", "3栋", t0)
	dup.DuplicateOf = orig.ID
	db.CreateReport(dup, nil)

	r, dups, err := db.UpdateReport(orig.ID, func(r *linli.Report, dups []*linli.Report) error {
		r.Status = linli.ReportResolved
		for _, d := range dups {
			d.Status = linli.ReportResolved
		}
		return nil
	})
	if err != nil || r.Status != linli.ReportResolved || len(dups) != 1 || dups[0].ID != dup.ID {
		t.Fatalf("update = %+v %v %v", r, dups, err)
	}
	got, _ := db.Report(dup.ID)
	if got.Status != linli.ReportResolved {
		t.Fatalf("duplicate not saved: %+v", got)
	}

	boom := errors.New("boom")
	_, _, err = db.UpdateReport(orig.ID, func(r *linli.Report, _ []*linli.Report) error {
		r.Status = linli.ReportReopened
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if got, _ := db.Report(orig.ID); got.Status != linli.ReportResolved {
		t.Fatalf("aborted update saved: %+v", got)
	}
	if _, _, err := db.UpdateReport(99, func(*linli.Report, []*linli.Report) error { return nil }); linli.ErrorCode(err) != linli.ENotFound {
		t.Fatalf("unknown id: %v", err)
	}
	if _, err := db.Report(99); linli.ErrorCode(err) != linli.ENotFound {
		t.Fatalf("unknown id: %v", err)
	}
	list, err := db.Reports(func(r *linli.Report) bool { return r.DuplicateOf != 0 })
	if err != nil || len(list) != 1 || list[0].ID != dup.ID {
		t.Fatalf("Reports = %v, %v", list, err)
	}
}

func TestSaveMedia(t *testing.T) {
	db, _ := newTestDB(t)
	name, err := db.SaveMedia([]byte("png bytes"), ".png")
	if err != nil {
		t.Fatal(err)
	}
	again, err := db.SaveMedia([]byte("png bytes"), ".png")
	if err != nil || again != name {
		t.Fatalf("same bytes got %q (%v), want %q", again, err, name)
	}
	path, err := db.MediaPath(name)
	if err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(path); err != nil || string(data) != "png bytes" {
		t.Fatalf("read back %q, %v", data, err)
	}
	for _, bad := range []string{"../linli.db", "nothere00000000000000000.png", ""} {
		if _, err := db.MediaPath(bad); linli.ErrorCode(err) != linli.ENotFound {
			t.Errorf("MediaPath(%q) = %v", bad, err)
		}
	}
	if _, err := db.SaveMedia(nil, ".png"); linli.ErrorCode(err) != linli.EInvalid {
		t.Errorf("empty image: %v", err)
	}
}

// BenchmarkReportWithHistory measures one 随手拍 and its 办结 in a community
// with 5,000 closed and 50 open earlier reports: creating looks for
// duplicates among the open ones only, updating reads the linked ones only.
func BenchmarkReportWithHistory(b *testing.B) {
	db := openTest(b, filepath.Join(b.TempDir(), "linli.db"), WithNoSync())
	for i := range 5000 {
		r := newReport("r", "环境卫生", "3栋", t0.Add(time.Duration(i)*time.Minute))
		if i >= 50 {
			r.Status = linli.ReportResolved
		}
		if err := db.CreateReport(r, nil); err != nil {
			b.Fatal(err)
		}
	}
	isDup := func(o *linli.Report) bool { return o.Place == "9栋" }
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := newReport("张阿姨", "设施维修", "3栋", t0)
		if err := db.CreateReport(r, isDup); err != nil {
			b.Fatal(err)
		}
		_, _, err := db.UpdateReport(r.ID, func(r *linli.Report, _ []*linli.Report) error {
			r.Status = linli.ReportResolved
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReportsScan measures a full listing (我的上报, 待办, the image
// hook) over 5,000 reports.
func BenchmarkReportsScan(b *testing.B) {
	db := openTest(b, filepath.Join(b.TempDir(), "linli.db"), WithNoSync())
	for i := range 5000 {
		r := newReport("r", "环境卫生", "3栋", t0.Add(time.Duration(i)*time.Minute))
		r.Status = linli.ReportResolved
		r.Log(r.CreatedAt, "r", linli.ReportSubmitted, "")
		r.Log(r.CreatedAt, "w", linli.ReportResolved, "已清运")
		if err := db.CreateReport(r, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		list, err := db.Reports(func(r *linli.Report) bool { return r.Reporter == "张阿姨" })
		if err != nil || len(list) != 0 {
			b.Fatal(list, err)
		}
	}
}

func TestRecentAndOpenReports(t *testing.T) {
	db, _ := newTestDB(t)
	if list, counts, err := db.OpenReports(); err != nil || len(list) != 0 || len(counts) != 0 {
		t.Fatalf("empty db: %v %v %v", list, counts, err)
	}
	for i, status := range []string{linli.ReportResolved, linli.ReportSubmitted, linli.ReportAccepted, linli.ReportSubmitted} {
		r := newReport("r", "环境卫生", "3栋", t0.Add(time.Duration(i)*time.Hour))
		r.Status = status
		if i == 3 {
			r.DuplicateOf = 2
		}
		if err := db.CreateReport(r, nil); err != nil {
			t.Fatal(err)
		}
	}
	recent, err := db.RecentReports(t0.Add(time.Hour))
	if err != nil || len(recent) != 3 || recent[0].ID != 2 || recent[2].ID != 4 {
		t.Fatalf("RecentReports = %v, %v", recent, err)
	}
	open, counts, err := db.OpenReports()
	if err != nil || len(open) != 2 || open[0].ID != 2 || open[1].ID != 3 || counts[2] != 1 || counts[3] != 0 {
		t.Fatalf("OpenReports = %v %v %v", open, counts, err)
	}
	// Closing a report takes it out of the open index.
	db.UpdateReport(2, func(r *linli.Report, dups []*linli.Report) error {
		r.Status = linli.ReportResolved
		return nil
	})
	db = reopen(t, db)
	if open, _, _ := db.OpenReports(); len(open) != 1 || open[0].ID != 3 {
		t.Fatalf("after closing #2: %v", open)
	}
}

func TestUpdateReportOffers(t *testing.T) {
	db, _ := newTestDB(t)
	_, err := db.UpdateReportOffers("张阿姨", func(o *linli.ReportOffers) error {
		o.AskedAt, o.Asked = t0, []string{"d1"}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	if _, err := db.UpdateReportOffers("张阿姨", func(o *linli.ReportOffers) error {
		o.Asked = append(o.Asked, "d2")
		return boom
	}); err != boom {
		t.Fatalf("fn error = %v, want it as is", err)
	}
	db = reopen(t, db)
	o, err := db.UpdateReportOffers("张阿姨", func(*linli.ReportOffers) error { return nil })
	if err != nil || o.Sender != "张阿姨" || !o.AskedAt.Equal(t0) || !slices.Equal(o.Asked, []string{"d1"}) {
		t.Fatalf("after reopen = %+v, %v", o, err)
	}
	if _, err := db.UpdateReportOffers("", func(*linli.ReportOffers) error { return nil }); linli.ErrorCode(err) != linli.EInvalid {
		t.Fatalf("empty sender: %v", err)
	}
}
