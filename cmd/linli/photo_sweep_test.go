package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"linli"
	"linli/bot/console"
)

// TestUnattachedPhotosDeleted: a photo in a group that no 随手拍 joins gets
// no answer and is deleted once [photos] keep (24 h) has passed; a photo
// that joined a report is kept with it.
func TestUnattachedPhotosDeleted(t *testing.T) {
	cfg, err := loadConfig("")
	if err != nil {
		t.Fatal(err)
	}
	clock := linli.NewSimClock(time.Date(2026, 11, 23, 9, 0, 0, 0, cfg.Location))
	a, err := newApp(cfg, clock, slog.New(slog.DiscardHandler), appOptions{dbPath: filepath.Join(t.TempDir(), "linli.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	var out bytes.Buffer
	con := console.New(console.Options{Config: cfg, Clock: clock, Engine: a.engine,
		Timed: []linli.Timed{a.outbox, a.sched}, Out: &out, Err: io.Discard, Friends: friendsOf(cfg), RunID: "t"})
	a.outbox.SetPlatform(con)
	say := func(line string, after time.Duration) {
		t.Helper()
		if err := con.Line(context.Background(), line); err != nil {
			t.Fatal(err)
		}
		con.AdvanceTo(clock.Now().Add(after))
	}
	files := func() int {
		entries, err := os.ReadDir(a.db.MediaDir())
		if err != nil {
			t.Fatal(err)
		}
		return len(entries)
	}
	say("幸福里1期居民群/王叔: [图片] testdata/img/trash.png", time.Hour) // a grandchild, say
	say("幸福里1期居民群/3-502 张阿姨: 随手拍 3号楼门口路灯不亮", time.Minute)
	say("幸福里1期居民群/3-502 张阿姨: [图片] testdata/img/light.png", time.Hour)
	if got := out.String(); bytes.Contains([]byte(got), []byte("@王叔")) {
		t.Errorf("a lone photo in a group was answered:\n%s", got)
	}
	if n := files(); n != 2 {
		t.Fatalf("%d media files after two photos, want 2", n)
	}
	con.AdvanceTo(clock.Now().Add(22 * time.Hour)) // 23 h after the lone photo
	if n := files(); n != 2 {
		t.Fatalf("%d media files before [photos] keep has passed, want 2", n)
	}
	con.AdvanceTo(clock.Now().Add(2 * time.Hour))
	if n := files(); n != 1 {
		t.Fatalf("%d media files after [photos] keep, want 1 (the report's)", n)
	}
	r, err := a.db.Report(1)
	if err != nil || len(r.Images) != 1 {
		t.Fatalf("report 1 = %+v, %v", r, err)
	}
	if _, err := a.db.MediaPath(r.Images[0]); err != nil {
		t.Fatalf("the report's photo was deleted: %v", err)
	}
}
