package storage

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"linli"
)

// TestPruneForgetsWhatNoRecordKeeps: Prune removes the image files older
// than Retention that nothing refers to, and expired pending images, and
// keeps every file a report, a pending image, a pending outgoing message or
// the inbound journal refers to, and every recent file.
func TestPruneForgetsWhatNoRecordKeeps(t *testing.T) {
	db, _ := newTestDB(t)
	now := time.Now()
	old := now.Add(-Retention - time.Hour)
	save := func(content string, aged bool) string {
		t.Helper()
		name, err := db.SaveMedia([]byte(content), ".jpg")
		if err != nil {
			t.Fatal(err)
		}
		if aged {
			p := filepath.Join(db.MediaDir(), name)
			if err := os.Chtimes(p, old, old); err != nil {
				t.Fatal(err)
			}
		}
		return name
	}
	inReport, inResolution, pending, expired, queued := save("a", true), save("b", true), save("c", true), save("f", true), save("g", true)
	orphan, recentOrphan := save("d", true), save("e", false)

	r := &linli.Report{Reporter: "张三", Status: linli.ReportResolved, Images: []string{inReport}, ResolImages: []string{inResolution}, CreatedAt: old}
	if err := db.CreateReport(r, nil); err != nil {
		t.Fatal(err)
	}
	for sender, p := range map[string]linli.PendingImages{
		"李四": {Files: []string{pending}, Until: now.Add(time.Minute)},
		"王五": {Files: []string{expired}, Until: old.Add(-time.Hour)},
	} {
		if _, err := db.UpdatePendingImages(sender, func(pi *linli.PendingImages) error { *pi = p; return nil }); err != nil {
			t.Fatal(err)
		}
	}
	out := &linli.Outgoing{To: linli.Chat{User: "张三"}, Media: &linli.Media{Kind: linli.MediaImage, Path: filepath.Join(db.MediaDir(), queued)}}
	if _, err := db.EnqueueOutgoing(out); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(db.InboundDir(), 0o700); err != nil {
		t.Fatal(err)
	}
	stray := filepath.Join(db.InboundDir(), "stray.jpg")
	if err := os.WriteFile(stray, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(stray, old, old); err != nil {
		t.Fatal(err)
	}

	got, err := db.Prune(now)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Pruned{PendingImages: 1, MediaFiles: 2, InboundFiles: 1}); got != want {
		t.Errorf("Prune = %+v, want %+v", got, want)
	}
	entries, err := os.ReadDir(db.MediaDir())
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, e := range entries {
		left = append(left, e.Name())
	}
	want := []string{inReport, inResolution, pending, queued, recentOrphan}
	slices.Sort(want)
	if !slices.Equal(left, want) {
		t.Errorf("media left %v, want %v (orphan %s and expired %s gone)", left, want, orphan, expired)
	}
	if _, err := os.Stat(stray); !os.IsNotExist(err) {
		t.Errorf("stray inbound image kept: %v", err)
	}
	// A second run has nothing left to do.
	if got, err := db.Prune(now); err != nil || got != (Pruned{}) {
		t.Errorf("second Prune = %+v, %v", got, err)
	}
	if p, err := db.UpdatePendingImages("王五", func(*linli.PendingImages) error { return nil }); err != nil || len(p.Files) != 0 {
		t.Errorf("expired pending images kept: %+v, %v", p, err)
	}
}
