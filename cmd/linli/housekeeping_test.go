package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestHousekeepingPrunesDaily: the daily job linli run schedules removes
// an image file nothing refers to once it is older than the retention.
func TestHousekeepingPrunesDaily(t *testing.T) {
	h := newHarness(t, "2026-11-23 09:00", nil)
	if err := h.app.scheduleHousekeeping(); err != nil {
		t.Fatal(err)
	}
	name, err := h.app.db.SaveMedia([]byte("a photo nobody sent with a 随手拍"), ".jpg")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(h.app.db.MediaDir(), name)
	old := h.clock.Now().Add(-30 * 24 * time.Hour)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	h.advanceTo("2026-11-24 04:00")
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("pruned before the job's time: %v", err)
	}
	h.advanceTo("2026-11-24 04:30")
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("orphan image still there after the daily housekeeping: %v", err)
	}
}
