package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"linli"
	"linli/bot/console"
)

// TestExportReports runs a report's whole life in the console and checks
// `linli export reports` (DESIGN.md fields) for every report.
func TestExportReports(t *testing.T) {
	db := filepath.Join(t.TempDir(), "linli.db")
	script := `
幸福里1期居民群/3-502 张阿姨: 随手拍 3号楼门口垃圾堆了好几天
幸福里1期居民群/3-502 张阿姨: [图片] testdata/img/trash.png
!clock +10m
幸福里1期居民群/3-101 王叔: 随手拍 3栋门口垃圾没人收
!clock +1m
幸福里2期居民群/6-301 周叔: 随手拍 6号楼楼道私拉电线充电
!clock +1m
王网格: 受理 1
!clock +30h
王网格: 办结 1 已清运
!clock +1m
幸福里1期居民群/3-502 张阿姨: 评价 1 4 慢了点
!clock +1d
`
	var stdout, stderr bytes.Buffer
	if code := run([]string{"console", "--db", db}, strings.NewReader(script), &stdout, &stderr); code != 0 {
		t.Fatalf("console exited %d: %s", code, stderr.String())
	}
	stdout.Reset()
	if code := run([]string{"export", "reports", "--db", db}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("export exited %d: %s", code, stderr.String())
	}
	var rows []map[string]any
	if err := json.Unmarshal(stdout.Bytes(), &rows); err != nil {
		t.Fatalf("export is not JSON: %v\n%s", err, stdout.String())
	}
	if len(rows) != 3 {
		t.Fatalf("exported %d reports, want 3:\n%s", len(rows), stdout.String())
	}
	fields := []string{"id", "reporter", "group", "category", "description", "status", "grid", "assignee",
		"created_at", "resolved_at", "escalations", "rating", "duplicate_of"}
	for _, row := range rows {
		for _, f := range fields {
			if _, ok := row[f]; !ok {
				t.Errorf("report %v has no field %q", row["id"], f)
			}
		}
		if _, leaked := row["household"]; leaked {
			t.Errorf("household in a json export: %v", row)
		}
	}
	want := []map[string]any{
		{"id": 1.0, "reporter": "3-502 张阿姨", "group": "幸福里1期居民群", "category": "环境卫生", "status": "resolved",
			"grid": "第一网格", "assignee": "王网格", "created_at": "2026-11-23T09:00:00+08:00",
			"resolved_at": "2026-11-24T15:12:00+08:00", "escalations": 1.0, "rating": 4.0, "duplicate_of": nil, "images": 1.0},
		{"id": 2.0, "reporter": "3-101 王叔", "status": "resolved", "resolved_at": "2026-11-24T15:12:00+08:00",
			"escalations": 0.0, "rating": nil, "duplicate_of": 1.0},
		{"id": 3.0, "category": "安全隐患", "status": "submitted", "grid": "第二网格", "assignee": "刘网格",
			"resolved_at": nil, "escalations": 2.0, "description": "6号楼楼道私拉电线充电"},
	}
	for i, w := range want {
		for k, v := range w {
			if got := rows[i][k]; got != v {
				t.Errorf("report %d: %s = %v, want %v", i+1, k, got, v)
			}
		}
	}
}

// fakeNLU understands every text containing 垃圾 as a report, with the
// confidence given per text (0.9 by default).
type fakeNLU map[string]float64

func (f fakeNLU) Understand(text string) linli.Understanding {
	if !strings.Contains(text, "垃圾") {
		return linli.Understanding{Text: text, Intent: linli.IntentOther}
	}
	c, ok := f[text]
	if !ok {
		c = 0.9
	}
	return linli.Understanding{Text: text, Intent: linli.IntentReport, Category: "环境卫生",
		Keywords: []string{"垃圾"}, Confidence: c, Slots: linli.Slots{Place: "3栋", Building: 3}}
}

// TestReportIntent checks free text understood as a report: created when
// addressed to the bot, a single question when overheard with confidence,
// silence otherwise.
func TestReportIntent(t *testing.T) {
	cfg, err := loadConfig("")
	if err != nil {
		t.Fatal(err)
	}
	clock := linli.NewSimClock(time.Date(2026, 11, 23, 9, 0, 0, 0, cfg.Location))
	nlu := fakeNLU{"楼下垃圾好像有点多": 0.5}
	a, err := newApp(cfg, clock, slog.New(slog.DiscardHandler), appOptions{dbPath: filepath.Join(t.TempDir(), "linli.db"), understander: nlu})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	var out bytes.Buffer
	con := console.New(console.Options{Config: cfg, Clock: clock, Engine: a.engine,
		Timed: []linli.Timed{a.outbox, a.sched}, Out: &out, Err: io.Discard, Friends: friendsOf(cfg), RunID: "t"})
	a.outbox.SetPlatform(con)
	say := func(line string) string {
		t.Helper()
		out.Reset()
		if err := con.Line(context.Background(), line); err != nil {
			t.Fatal(err)
		}
		con.AdvanceTo(clock.Now().Add(time.Minute))
		return out.String()
	}
	reports := func() int {
		list, err := a.db.Reports(nil)
		if err != nil {
			t.Fatal(err)
		}
		return len(list)
	}

	got := say("幸福里1期居民群/3-502 张阿姨: 门口垃圾堆了好几天")
	if want := "[幸福里1期居民群] @3-502 张阿姨 需要我把这条登记为随手拍吗？10分钟内回复「是」即可登记（或「随手拍 门口垃圾堆了好几天」）。\n"; got != want {
		t.Errorf("overheard, confident:\n got %q\nwant %q", got, want)
	}
	if got := say("幸福里1期居民群/3-502 张阿姨: 楼下垃圾好像有点多"); got != "" || reports() != 0 {
		t.Errorf("overheard, unsure: %q, %d reports", got, reports())
	}
	got = say("幸福里1期居民群/3-502 张阿姨: @邻里通 门口垃圾堆了好几天")
	if reports() != 1 || !strings.Contains(got, "已登记您的随手拍#1：环境卫生 · 3栋") || !strings.Contains(got, "[私聊 王网格] 【随手拍】上报#1") {
		t.Errorf("addressed in a group:\n%s", got)
	}
	got = say("刘阿姨: 5号楼垃圾站满了")
	r, err := a.db.Report(2)
	if err != nil || r.Place != "5栋" || r.Grid != "第二网格" || r.Category != "环境卫生" {
		t.Errorf("private: %+v %v\n%s", r, err, got)
	}
}
