package storage

import (
	"slices"
	"testing"
	"time"

	"linli"
)

// ExpirePendingImages drops from the pending records the images set aside
// (or held) before the cut-off, returns those no record still holds, and
// DeleteMedia removes their files.
func TestExpirePendingImages(t *testing.T) {
	db, _ := newTestDB(t)
	t0 := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	old, _ := db.SaveMedia([]byte("old photo"), ".png")
	young, _ := db.SaveMedia([]byte("young photo"), ".png")
	shared, _ := db.SaveMedia([]byte("sent twice"), ".png")
	held, _ := db.SaveMedia([]byte("held photo"), ".png")
	set := func(sender string, p linli.PendingImages) {
		if _, err := db.UpdatePendingImages(sender, func(x *linli.PendingImages) error { *x = p; return nil }); err != nil {
			t.Fatal(err)
		}
	}
	set("张阿姨", linli.PendingImages{Stale: []linli.StaleImage{{Name: old, Since: t0.Add(-25 * time.Hour)},
		{Name: young, Since: t0.Add(-time.Hour)}, {Name: shared, Since: t0.Add(-30 * time.Hour)}}})
	set("王叔", linli.PendingImages{Files: []string{shared}, Until: t0}) // the same bytes, still fresh
	set("刘阿姨", linli.PendingImages{Files: []string{held}, Until: t0.Add(-48 * time.Hour)})
	names, next, err := db.ExpirePendingImages(t0.Add(-24 * time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if !next.Equal(t0.Add(-time.Hour)) {
		t.Errorf("next = %v, want the young image's %v", next, t0.Add(-time.Hour))
	}
	want := []string{old, held}
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Fatalf("expired %q, want %q (not the young one, not one another record holds)", names, want)
	}
	p, _ := db.UpdatePendingImages("张阿姨", func(*linli.PendingImages) error { return nil })
	if len(p.Stale) != 1 || p.Stale[0].Name != young {
		t.Fatalf("张阿姨 keeps %+v, want only the young image", p.Stale)
	}
	for _, n := range names {
		if err := db.DeleteMedia(n); err != nil {
			t.Fatal(err)
		}
		if _, err := db.MediaPath(n); linli.ErrorCode(err) != linli.ENotFound {
			t.Errorf("%s still there: %v", n, err)
		}
	}
	if err := db.DeleteMedia(old); err != nil {
		t.Errorf("deleting twice: %v", err)
	}
	if _, err := db.MediaPath(young); err != nil {
		t.Errorf("young photo gone: %v", err)
	}
}
