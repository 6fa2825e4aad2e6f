package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"linli"
)

const publishLecture = "李社工: 发布活动 健康讲座 时间:11月25日 9:30 地点:社区活动室 名额:30"

// TestSignupStormGroupMessages drives 500 sign-ups through the engine, all
// at one instant or one every 150 ms, and counts the group messages the
// outbox delivers: sign-ups are acknowledged together, not one by one.
func TestSignupStormGroupMessages(t *testing.T) {
	for _, gap := range []time.Duration{0, 150 * time.Millisecond} {
		t.Run(gap.String(), func(t *testing.T) {
			h := newHarness(t, "2026-11-23 09:00", nil)
			h.say(publishLecture)
			h.flush()
			for i := range 500 {
				h.say(fmt.Sprintf("幸福里1期居民群/居民%03d: 报名 1", i))
				h.advance(gap)
			}
			h.advance(time.Minute)
			out := h.flush()
			groups := 0
			mentioned := map[string]bool{}
			for _, o := range out {
				if o.To.Group != "" {
					groups++
				}
				for _, m := range o.Mention {
					mentioned[m] = true
				}
			}
			if groups > 10 {
				t.Errorf("%d group messages for the storm, want at most 10:\n%s", groups, strings.Join(texts(out), "\n"))
			}
			if len(mentioned) != 500 {
				t.Errorf("%d residents were told, want all 500", len(mentioned))
			}
			a, err := h.app.db.Activity(1)
			if err != nil {
				t.Fatal(err)
			}
			if a.Taken != 30 || a.Waiting != 470 {
				t.Fatalf("taken %d waiting %d, want 30 and 470", a.Taken, a.Waiting)
			}
			t.Logf("%d group messages for 500 sign-ups", groups)
		})
	}
}

// TestExportSignupStatuses runs the console on a database file (35 sign-ups
// for 30 seats, 2 cancellations), then `linli export signups` on it.
func TestExportSignupStatuses(t *testing.T) {
	db := filepath.Join(t.TempDir(), "linli.db")
	var script strings.Builder
	script.WriteString(publishLecture + "\n!clock +1m\n")
	for i := 1; i <= 35; i++ {
		fmt.Fprintf(&script, "幸福里1期居民群/居民%02d: 报名 1\n", i)
	}
	script.WriteString("!clock +1m\n幸福里1期居民群/居民03: 取消报名 1\n幸福里1期居民群/居民10: 取消报名 1\n!clock +1m\n")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"console", "--db", db}, strings.NewReader(script.String()), &stdout, &stderr); code != 0 {
		t.Fatalf("console exited %d: %s", code, stderr.String())
	}
	stdout.Reset()
	if code := run([]string{"export", "signups", "--db", db}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("export exited %d: %s", code, stderr.String())
	}
	var rows []map[string]any
	if err := json.Unmarshal(stdout.Bytes(), &rows); err != nil {
		t.Fatalf("export is not JSON: %v\n%s", err, stdout.String())
	}
	want := map[string]string{"居民03": "cancelled", "居民10": "cancelled", "居民31": "confirmed",
		"居民32": "confirmed", "居民33": "waitlisted", "居民35": "waitlisted", "居民01": "confirmed"}
	count := map[string]int{}
	for _, r := range rows {
		for _, k := range []string{"activity_id", "resident", "household", "party_size", "status", "created_at"} {
			if _, ok := r[k]; !ok {
				t.Fatalf("row without %s: %v", k, r)
			}
		}
		name, status := r["resident"].(string), r["status"].(string)
		count[status]++
		if w, ok := want[name]; ok && w != status {
			t.Errorf("%s: status %s, want %s", name, status, w)
		}
		if !strings.HasSuffix(r["created_at"].(string), "+08:00") {
			t.Errorf("created_at %v is not in the configured zone", r["created_at"])
		}
	}
	if count["confirmed"] != 30 || count["waitlisted"] != 3 || count["cancelled"] != 2 {
		t.Fatalf("statuses %v, want 30 confirmed, 3 waitlisted, 2 cancelled", count)
	}
	stdout.Reset()
	if code := run([]string{"export", "activities", "--db", db}, nil, &stdout, &stderr); code != 0 ||
		!strings.Contains(stdout.String(), `"starts_at": "2026-11-25T09:30:00+08:00"`) {
		t.Fatalf("export activities exited %d:\n%s%s", code, stdout.String(), stderr.String())
	}
}

// TestRosterXLSX reads back the roster that 导出 报名 sends privately.
func TestRosterXLSX(t *testing.T) {
	h := newHarness(t, "2026-11-23 09:00", nil)
	h.say(publishLecture)
	h.say("幸福里1期居民群/3-502 张阿姨: 报名 1 +1")
	h.say("幸福里1期居民群/王叔: 报名 1")
	h.advance(time.Minute)
	h.say("幸福里1期居民群/王叔: 取消报名 1")
	h.advanceTo("2026-11-25 09:20") // check-in is open
	h.say("幸福里1期居民群/3-502 张阿姨: 签到 1")
	h.say("李社工: 导出 报名 1")
	out := h.flush()
	var file *linli.Outgoing
	for i := range out {
		if out[i].Media != nil {
			file = &out[i]
		}
	}
	if file == nil || file.To.User != "李社工" || file.Media.Name != "报名表-1.xlsx" {
		t.Fatalf("no roster sent privately to 李社工:\n%s", strings.Join(texts(out), "\n"))
	}
	f, err := excelize.OpenReader(bytes.NewReader(file.Media.Data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"幸福里社区 · 健康讲座报名表（11月25日(周三) 09:30，社区活动室） · 导出时间 2026-11-25 09:20"},
		{"名字", "户号", "人数", "状态", "报名时间", "签到"},
		{"3-502 张阿姨", "3栋502", "2", "已报名", "2026-11-23 09:00", "09:20"},
		{"王叔", "", "1", "已取消", "2026-11-23 09:00", ""},
	}
	if len(rows) != len(want) {
		t.Fatalf("rows = %q", rows)
	}
	for i, w := range want {
		for j, cell := range w {
			if j >= len(rows[i]) && cell == "" {
				continue
			}
			if j >= len(rows[i]) || rows[i][j] != cell {
				t.Errorf("row %d = %q, want it to start with %q", i, rows[i], w)
				break
			}
		}
	}
}
