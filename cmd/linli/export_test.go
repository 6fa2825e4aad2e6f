package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// jsonFields are the fields of every kind, in order: DESIGN.md's first,
// then the details `linli export` has always written.
var jsonFields = map[string][]string{
	"activities": {"id", "title", "starts_at", "place", "capacity", "deadline", "status",
		"groups", "repeat", "taken", "waitlisted", "created_by", "created_at", "prev_id", "ends_at", "note"},
	"signups": {"activity_id", "resident", "household", "party_size", "status", "created_at",
		"position", "checked_in", "group", "source", "entry", "updated_at", "walk_in"},
	"reports": {"id", "reporter", "group", "category", "description", "status", "grid", "assignee",
		"created_at", "resolved_at", "escalations", "rating", "duplicate_of",
		"place", "images", "accepted_at", "deadline", "resolution", "resolution_images", "comment", "reopened"},
	"polls": {"id", "title", "status", "options", "rule", "passed",
		"ballots", "max_choices", "anonymous", "per_household", "total_households", "total_area",
		"groups", "proposal", "creator", "created_at", "discuss_until", "deadline", "closed_at", "feedback"},
	"votes":     {"poll_id", "voter", "household", "choices", "voted_at"},
	"residents": {"name", "nickname", "household", "bound", "last_group", "first_seen", "last_seen"},
}

// exportOut runs `linli export kind --db db` with more flags and returns
// stdout.
func exportOut(t *testing.T, db, kind string, flags ...string) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(append([]string{"export", kind, "--db", db}, flags...), nil, &stdout, &stderr); code != 0 {
		t.Fatalf("export %s %v exited %d: %s", kind, flags, code, stderr.String())
	}
	return stdout.Bytes()
}

// orderedKeys returns the keys of each object of a json array, in order.
func orderedKeys(t *testing.T, data []byte) [][]string {
	t.Helper()
	var raw []json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for _, obj := range raw {
		dec := json.NewDecoder(bytes.NewReader(obj))
		dec.Token() // {
		var keys []string
		for dec.More() {
			k, _ := dec.Token()
			keys = append(keys, k.(string))
			var skip json.RawMessage
			dec.Decode(&skip)
		}
		out = append(out, keys)
	}
	return out
}

// TestExportJSONFields checks the json of every kind field by field: the
// names in order on every row, and the value of every field of one row
// (times RFC 3339 in the configured zone, English status words, null for
// what is missing, no phone or household where they are private).
func TestExportJSONFields(t *testing.T) {
	db := exportFixture(t)
	want := map[string]map[string]any{ // kind → the row checked, all fields
		"activities": {"id": 3.0, "title": "手工课", "starts_at": "2026-11-29T14:00:00+08:00", "place": "活动室",
			"capacity": 10.0, "deadline": "2026-11-29T14:00:00+08:00", "status": "cancelled",
			"groups": []any{"幸福里1期居民群", "幸福里2期居民群"}, "repeat": "", "taken": 1.0, "waitlisted": 0.0,
			"created_by": "李社工", "created_at": "2026-11-23T09:00:00+08:00", "prev_id": 0.0, "ends_at": "2026-11-29T16:00:00+08:00", "note": "请自带剪刀"},
		"signups": {"activity_id": 1.0, "resident": "赵叔", "household": "7栋301", "party_size": 1.0, "status": "waitlisted",
			"created_at": "2026-11-23T09:00:00+08:00", "position": 1.0, "checked_in": "2026-11-25T09:20:00+08:00",
			"group": "幸福里1期居民群", "source": "jielong", "entry": "7-301 赵叔", "updated_at": "2026-11-23T09:00:00+08:00",
			"walk_in": true},
		"reports": {"id": 2.0, "reporter": "3-101 王叔", "group": "幸福里1期居民群", "category": "环境卫生",
			"description": "3栋门口的垃圾好几天没人收了", "status": "resolved", "grid": "第一网格", "assignee": "王网格",
			"created_at": "2026-11-23T09:31:00+08:00", "resolved_at": "2026-11-23T10:32:00+08:00", "escalations": 0.0,
			"rating": nil, "duplicate_of": 1.0, "place": "3栋", "images": 0.0, "accepted_at": "2026-11-23T09:32:00+08:00",
			"deadline": "2026-11-24T09:31:00+08:00", "resolution": "已清运，并提醒保洁每天巡查", "resolution_images": 0.0,
			"comment": "", "reopened": 0.0},
		"polls": {"id": 4.0, "title": "加装电梯", "status": "closed",
			"options": []any{map[string]any{"text": "同意", "votes": 1.0}, map[string]any{"text": "反对", "votes": 0.0}},
			"rule":    "过半", "passed": true, "ballots": 1.0, "max_choices": 1.0, "anonymous": false, "per_household": false,
			"total_households": 0.0, "total_area": 0.0, "groups": []any{"幸福里1期居民群", "幸福里2期居民群"}, "proposal": "",
			"creator": "李社工", "created_at": "2026-11-23T10:33:00+08:00", "discuss_until": nil,
			"deadline": "2026-11-24T12:00:00+08:00", "closed_at": "2026-11-24T12:00:00+08:00", "feedback": []any{}},
		"votes": {"poll_id": 1.0, "voter": "", "household": "", "choices": []any{"不满意"}, "voted_at": nil},
		"residents": {"name": "王叔", "nickname": "", "household": "", "bound": false, "last_group": "幸福里1期居民群",
			"first_seen": "2026-11-23T09:00:00+08:00", "last_seen": "2026-11-23T09:00:00+08:00"},
	}
	find := map[string]func(map[string]any) bool{
		"activities": func(r map[string]any) bool { return r["id"] == 3.0 },
		"signups":    func(r map[string]any) bool { return r["resident"] == "赵叔" },
		"reports":    func(r map[string]any) bool { return r["id"] == 2.0 },
		"polls":      func(r map[string]any) bool { return r["id"] == 4.0 },
		"votes":      func(r map[string]any) bool { return r["poll_id"] == 1.0 && fmt.Sprint(r["choices"]) == "[不满意]" },
		"residents":  func(r map[string]any) bool { return r["name"] == "王叔" },
	}
	for kind, fields := range jsonFields {
		t.Run(kind, func(t *testing.T) {
			out := exportOut(t, db, kind)
			for i, keys := range orderedKeys(t, out) {
				if !slices.Equal(keys, fields) {
					t.Errorf("row %d fields\n%q\nwant\n%q", i, keys, fields)
				}
			}
			var rows []map[string]any
			json.Unmarshal(out, &rows)
			i := slices.IndexFunc(rows, find[kind])
			if i < 0 {
				t.Fatalf("no row to check in %s", out)
			}
			for _, f := range fields {
				if got, w := fmt.Sprintf("%#v", rows[i][f]), fmt.Sprintf("%#v", want[kind][f]); got != w {
					t.Errorf("%s = %s, want %s", f, got, w)
				}
			}
			if bytes.Contains(out, []byte("13800001111")) || (kind == "reports" && bytes.Contains(out, []byte(`"household"`))) {
				t.Errorf("private data in the json of %s", kind)
			}
		})
	}
}

// csvHeaders are the headers people read, per kind.
var csvHeaders = map[string]string{
	"activities": "编号,活动,开始时间,地点,名额,报名截止,状态,发布的群,重复,已报名人数,候补数,发布人,发布时间,上一期编号,结束时间,备注",
	"signups":    "活动编号,活动,活动状态,居民,户号,人数,报名状态,报名时间,候补顺位,签到时间,报名的群,报名方式,接龙内容,更新时间,现场加入",
	"reports": "编号,上报人,上报的群,类别,问题描述,地点,状态,网格,网格员,上报时间,办结时间,超时催办次数,评分,并入," +
		"照片数,受理时间,办理时限,办结说明或退回原因,办结照片数,居民评价,重开次数",
	"polls": "编号,投票主题,状态,选项1,选项2,选项3,表决规则,是否通过,有效票数,最多选几项,匿名,一户一票,总户数,总面积（㎡）," +
		"投票的群,提议,发起人,发起时间,讨论截止,投票截止,结束时间,议事反馈",
	"votes":     "投票编号,投票主题,投票人,户号,选择,投票时间",
	"residents": "名字,微信昵称,户号,已绑定户号,最近所在的群,首次出现,最近出现",
}

// csvRows checks the BOM and parses a csv export.
func csvRows(t *testing.T, data []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("csv does not start with a UTF-8 BOM: %.40q", data)
	}
	rows, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestExportCSV: csv is for people: a BOM, Chinese headers, as many rows
// as json, Chinese words for the codes, local minute times, 是/否, no
// private column.
func TestExportCSV(t *testing.T) {
	db := exportFixture(t)
	english := []string{"confirmed", "waitlisted", "cancelled", "submitted", "resolved", "rejected", "open", "closed",
		"jielong", "true", "false", "+08:00", "T09:", "13800001111"}
	for kind, header := range csvHeaders {
		t.Run(kind, func(t *testing.T) {
			rows := csvRows(t, exportOut(t, db, kind, "--format", "csv"))
			var js []map[string]any
			json.Unmarshal(exportOut(t, db, kind), &js)
			if got := strings.Join(rows[0], ","); got != header {
				t.Errorf("header\n%s\nwant\n%s", got, header)
			}
			if len(rows) != len(js)+1 {
				t.Errorf("%d rows, json has %d", len(rows)-1, len(js))
			}
			for _, row := range rows[1:] {
				if len(row) != len(rows[0]) {
					t.Errorf("row %q has %d cells for %d headers", row, len(row), len(rows[0]))
				}
				for _, cell := range row {
					for _, w := range english {
						if strings.Contains(cell, w) {
							t.Errorf("cell %q of %q has %q", cell, row, w)
						}
					}
				}
			}
		})
	}
	// Row by row where it matters.
	signups := csvRows(t, exportOut(t, db, "signups", "--format", "csv"))
	if got, want := strings.Join(signups[4], ","),
		"1,健康讲座,已结束,赵叔,7栋301,1,候补,2026-11-23 09:00,1,2026-11-25 09:20,幸福里1期居民群,接龙,7-301 赵叔,2026-11-23 09:00,是"; got != want {
		t.Errorf("signup row\n%s\nwant\n%s", got, want)
	}
	if got := strings.Join(signups[6][:7], ","); got != "3,手工课,已取消,李四,,1,已报名" {
		t.Errorf("a sign-up of the cancelled activity reads %s: it does not say the activity was cancelled", got)
	}
	reports := csvRows(t, exportOut(t, db, "reports", "--format", "csv"))
	if got, want := strings.Join(reports[2][:15], ","),
		"2,3-101 王叔,幸福里1期居民群,环境卫生,3栋门口的垃圾好几天没人收了,3栋,已办结,第一网格,王网格,2026-11-23 09:31,2026-11-23 10:32,0,,#1,0"; got != want {
		t.Errorf("report row\n%s\nwant\n%s", got, want)
	}
	polls := csvRows(t, exportOut(t, db, "polls", "--format", "csv"))
	if got := strings.Join(polls[1][:8], ","); got != "1,物业满意度,已结束,满意：1户,一般：0户,不满意：1户,无," {
		t.Errorf("poll row %s: want one column per option", got)
	}
	if polls[4][7] != "是" {
		t.Errorf("passed poll reads %q, want 是", polls[4][7])
	}
}

// openExportXLSX runs `linli export kind --format xlsx --out` and opens
// the file.
func openExportXLSX(t *testing.T, db, kind string) *excelize.File {
	t.Helper()
	out := filepath.Join(t.TempDir(), kind+".xlsx")
	exportOut(t, db, kind, "--format", "xlsx", "--out", out)
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestExportXLSX: every kind's xlsx has a title row naming the community,
// the kind and the time of export, the Chinese header, a width on every
// column, readable dates; staff's residents export has the phone number.
func TestExportXLSX(t *testing.T) {
	db := exportFixture(t)
	titles := map[string]string{"activities": "活动", "signups": "活动报名记录", "reports": "随手拍记录",
		"polls": "投票汇总", "votes": "投票记录", "residents": "居民"}
	private := map[string]string{"reports": "户号", "residents": "手机"}
	for kind, header := range csvHeaders {
		t.Run(kind, func(t *testing.T) {
			f := openExportXLSX(t, db, kind)
			sheet := f.GetSheetList()[0]
			if sheet != titles[kind] {
				t.Errorf("sheet %q, want %q", sheet, titles[kind])
			}
			rows, err := f.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) < 3 || !strings.HasPrefix(rows[0][0], "幸福里社区 · "+titles[kind]+" · 导出时间 20") {
				t.Fatalf("title row %q", rows[0])
			}
			want := strings.Split(header, ",")
			if p := private[kind]; p != "" {
				i := map[string]int{"reports": 14, "residents": 5}[kind]
				want = slices.Insert(want, i, p)
			}
			if !slices.Equal(rows[1], want) {
				t.Errorf("header\n%q\nwant\n%q", rows[1], want)
			}
			for j := range want {
				col, _ := excelize.ColumnNumberToName(j + 1)
				w, _ := f.GetColWidth(sheet, col)
				if need := float64(displayWidthCJK(want[j]) + 2); w < min(need, 40) || w > 40 {
					t.Errorf("column %s (%s) width %v: want at least %v, at most 40", col, want[j], w, need)
				}
			}
			for _, row := range rows[2:] {
				for _, cell := range row {
					if strings.Contains(cell, "+08:00") || strings.Contains(cell, "T09:") || cell == "true" || cell == "false" {
						t.Errorf("unreadable cell %q in %q", cell, row)
					}
				}
			}
		})
	}
	f := openExportXLSX(t, db, "residents")
	rows, _ := f.GetRows("居民")
	i := slices.IndexFunc(rows, func(r []string) bool { return r[0] == "王叔" })
	if i < 0 || rows[i][5] != "13800001111" {
		t.Errorf("residents xlsx for staff has no phone: %q", rows)
	}
	f = openExportXLSX(t, db, "signups")
	if v, _ := f.GetCellValue("活动报名记录", "H3"); v != "2026-11-23 09:00" {
		t.Errorf("报名时间 reads %q", v)
	}
	if typ, _ := f.GetCellType("活动报名记录", "H3"); typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
		t.Errorf("报名时间 is text (%v), want a date cell", typ)
	}
}

// displayWidthCJK counts a Chinese character as 2 (as the export does).
func displayWidthCJK(s string) int {
	n := 0
	for _, r := range s {
		if r < 0x1100 {
			n++
		} else {
			n += 2
		}
	}
	return n
}

// TestExportProgress: on a terminal, a long export draws a bar on stderr
// (and nothing else changes); elsewhere, nothing.
func TestExportProgress(t *testing.T) {
	db := exportFixture(t)
	defer func(min int, tty func(io.Writer) bool) { progressMin, stderrIsTerminal = min, tty }(progressMin, stderrIsTerminal)
	progressMin = 5 // the fixture has 6 sign-ups
	for _, tty := range []bool{false, true} {
		stderrIsTerminal = func(io.Writer) bool { return tty }
		var stdout, stderr bytes.Buffer
		if code := run([]string{"export", "signups", "--db", db, "--format", "csv"}, nil, &stdout, &stderr); code != 0 {
			t.Fatalf("export exited %d: %s", code, stderr.String())
		}
		bar := strings.Contains(stderr.String(), "导出 signups") && strings.Contains(stderr.String(), "100%") &&
			strings.Contains(stderr.String(), "6/6")
		if bar != tty {
			t.Errorf("terminal %v: stderr %q", tty, stderr.String())
		}
		if rows := csvRows(t, stdout.Bytes()); len(rows) != 7 {
			t.Errorf("terminal %v: %d rows", tty, len(rows))
		}
	}
}
