package export

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"linli"
)

var shanghai, _ = time.LoadLocation("Asia/Shanghai")

var statusWords = map[string]string{"confirmed": "已报名", "waitlisted": "候补"}

// testTable has every kind of value, a json-only and a people-only column,
// codes with words and a private column.
func testTable() *linli.Table {
	at := time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC) // 09:00 in Shanghai
	return &linli.Table{Kind: "residents", Title: "居民名单",
		Columns: []linli.Column{
			{Key: "name", Title: "姓名"},
			{Key: "groups", Title: "所在群"},
			{Key: "phone", Title: "手机"},
			{Key: "seen", Title: "最近发言"},
			{Key: "n", Title: "次数"},
			{Key: "status", Title: "状态", Words: statusWords},
			{Key: "bound", Title: "已绑定"},
			{Key: "raw", Title: ""},
			{Key: "", Title: "备注"},
		},
		Private: []string{"phone"},
		Rows: [][]any{
			{"张阿姨", []string{"1期", "2期"}, "13800000000", at, 3, "confirmed", true, map[string]int{"a": 1}, "腿脚不便，需要有人陪同上下楼梯，请提前安排志愿者在一楼等候"},
			{"王叔", []string(nil), "", time.Time{}, 0, "waitlisted", false, nil, ""},
		}}
}

func TestWriteJSON(t *testing.T) {
	var js bytes.Buffer
	if err := Write(testTable(), "json", Options{Location: shanghai, Staff: true}, &js); err != nil {
		t.Fatal(err)
	}
	want := "[\n  {\"name\": \"张阿姨\", \"groups\": [\"1期\",\"2期\"], \"seen\": \"2026-11-23T09:00:00+08:00\", \"n\": 3, \"status\": \"confirmed\", \"bound\": true, \"raw\": {\"a\":1}},\n" +
		"  {\"name\": \"王叔\", \"groups\": [], \"seen\": null, \"n\": 0, \"status\": \"waitlisted\", \"bound\": false, \"raw\": null}\n]\n"
	if js.String() != want {
		t.Errorf("json =\n%s\nwant (no phone even for staff, no people-only column, codes as they are)\n%s", js.String(), want)
	}
	js.Reset()
	empty := &linli.Table{Kind: "x", Columns: []linli.Column{{Key: "a"}}}
	if err := Write(empty, "json", Options{Location: shanghai}, &js); err != nil || js.String() != "[]\n" {
		t.Errorf("empty json = %q, %v", js.String(), err)
	}
}

func TestWriteCSV(t *testing.T) {
	var cs bytes.Buffer
	if err := Write(testTable(), "csv", Options{Location: shanghai, Staff: true}, &cs); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(cs.String(), "\xEF\xBB\xBF") {
		t.Fatalf("csv does not start with a UTF-8 BOM: %q", cs.String())
	}
	want := "姓名,所在群,最近发言,次数,状态,已绑定,备注\n" +
		"张阿姨,1期、2期,2026-11-23 09:00,3,已报名,是,腿脚不便，需要有人陪同上下楼梯，请提前安排志愿者在一楼等候\n" +
		"王叔,,,0,候补,否,\n"
	if got := strings.TrimPrefix(cs.String(), "\uFEFF"); got != want {
		t.Errorf("csv =\n%s\nwant (Chinese headers and words, local times, 是/否, no phone)\n%s", got, want)
	}
}

// openXLSX writes t as xlsx and opens the file.
func openXLSX(t *testing.T, tb *linli.Table, opt Options) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(tb, "xlsx", opt, &buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestWriteXLSX(t *testing.T) {
	at := time.Date(2026, 11, 28, 1, 30, 0, 0, time.UTC)
	f := openXLSX(t, testTable(), Options{Location: shanghai, Community: "幸福里社区", At: at, Staff: true})
	if got := f.GetSheetList(); len(got) != 1 || got[0] != "居民名单" {
		t.Fatalf("sheets = %q, want one named 居民名单", got)
	}
	const sheet = "居民名单"
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"幸福里社区 · 居民名单 · 导出时间 2026-11-28 09:30"},
		{"姓名", "所在群", "手机", "最近发言", "次数", "状态", "已绑定", "备注"},
		{"张阿姨", "1期、2期", "13800000000", "2026-11-23 09:00", "3", "已报名", "是", "腿脚不便，需要有人陪同上下楼梯，请提前安排志愿者在一楼等候"},
		{"王叔", "", "", "", "0", "候补", "否"},
	}
	if fmt.Sprint(rows) != fmt.Sprint(want) {
		t.Errorf("rows =\n%q\nwant (title row, Chinese headers, phone for staff, readable dates)\n%q", rows, want)
	}
	if merged, _ := f.GetMergeCells(sheet); len(merged) != 1 || merged[0].GetStartAxis() != "A1" || merged[0].GetEndAxis() != "H1" {
		t.Errorf("merged = %v, want the title across A1:H1", merged)
	}
	// The date is a date cell (sorts, filters), shown to the minute.
	if v, _ := f.GetCellValue(sheet, "D3", excelize.Options{RawCellValue: true}); !strings.HasPrefix(v, "46349.375") {
		t.Errorf("D3 raw = %q, want the Excel serial of 2026-11-23 09:00", v)
	}
	if typ, _ := f.GetCellType(sheet, "E3"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("E3 type = %v, want a number", typ)
	}
	// Widths: a Chinese character counts double; long text is capped and wraps.
	for col, wantW := range map[string]float64{"A": 8, "B": 10, "C": 13, "D": 18, "E": 6, "H": maxWidth} {
		if w, _ := f.GetColWidth(sheet, col); w != wantW {
			t.Errorf("width of %s = %v, want %v", col, w, wantW)
		}
	}
	style, _ := f.GetCellStyle(sheet, "H3")
	if s, _ := f.GetStyle(style); s == nil || s.Alignment == nil || !s.Alignment.WrapText {
		t.Errorf("H3 style %+v: long text does not wrap", s)
	}
	style, _ = f.GetCellStyle(sheet, "A2")
	if s, _ := f.GetStyle(style); s == nil || s.Font == nil || !s.Font.Bold {
		t.Errorf("header style %+v is not bold", s)
	}
	// Printing: A4 fitted to the width, title and header on every page.
	layout, _ := f.GetPageLayout(sheet)
	if layout.FitToWidth == nil || *layout.FitToWidth != 1 || layout.FitToHeight == nil || *layout.FitToHeight != 0 || *layout.Size != 9 {
		t.Errorf("page layout = %+v, want A4 one page wide", layout)
	}
	names := f.GetDefinedName()
	if len(names) != 1 || names[0].Name != "_xlnm.Print_Titles" || names[0].RefersTo != "'居民名单'!$1:$2" {
		t.Errorf("defined names = %+v, want print titles rows 1-2", names)
	}
	panes, _ := f.GetPanes(sheet)
	if !panes.Freeze || panes.YSplit != 2 {
		t.Errorf("panes = %+v, want the header frozen", panes)
	}

	// Not for staff: no phone column.
	f = openXLSX(t, testTable(), Options{Location: shanghai})
	rows, _ = f.GetRows(sheet)
	if len(rows) < 2 || strings.Join(rows[1], ",") != "姓名,所在群,最近发言,次数,状态,已绑定,备注" {
		t.Errorf("header without staff = %q, want no 手机", rows)
	}
}

// streamTable yields n numbered rows from Each.
func streamTable(n int) *linli.Table {
	row := make([]any, 2)
	return &linli.Table{Kind: "signups", Title: "报名记录",
		Columns: []linli.Column{{Key: "id", Title: "编号"}, {Key: "name", Title: "姓名"}},
		Each: func(yield func([]any) error) error {
			for i := 1; i <= n; i++ {
				row[0], row[1] = i, fmt.Sprintf("居民%d", i) // reused: the writer must copy
				if err := yield(row); err != nil {
					return err
				}
			}
			return nil
		}}
}

func TestWriteStreams(t *testing.T) {
	var calls []int
	opt := Options{Location: shanghai, Progress: func(n int) { calls = append(calls, n) }}
	var js bytes.Buffer
	if err := Write(streamTable(2500), "json", opt, &js); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js.String(), `{"id": 2500, "name": "居民2500"}`) || strings.Count(js.String(), "\n  {") != 2500 {
		t.Errorf("json of a streamed table is wrong:\n%.300s", js.String())
	}
	if fmt.Sprint(calls) != "[1000 2000 2500]" {
		t.Errorf("progress calls = %v", calls)
	}
	// More rows than fit in a sheet go on to another one, with the header.
	defer func(n int) { maxRows = n }(maxRows)
	maxRows = 300
	f := openXLSX(t, streamTable(700), Options{Location: shanghai})
	if got := fmt.Sprint(f.GetSheetList()); got != "[报名记录 报名记录 (2) 报名记录 (3)]" {
		t.Fatalf("sheets = %s", got)
	}
	first, _ := f.GetRows("报名记录")
	second, _ := f.GetRows("报名记录 (2)")
	third, _ := f.GetRows("报名记录 (3)")
	if len(first) != 300 || first[2][1] != "居民1" || first[299][1] != "居民298" ||
		len(second) != 300 || second[1][0] != "编号" || second[2][1] != "居民299" ||
		len(third) != 2+700-2*298 || third[len(third)-1][1] != "居民700" {
		t.Errorf("rows per sheet %d %d %d; want 298 rows on each full sheet, in order, each with its header", len(first), len(second), len(third))
	}
}

func TestWriteErrors(t *testing.T) {
	boom := errors.New("disk full")
	tb := streamTable(10)
	each := tb.Each
	tb.Each = func(yield func([]any) error) error {
		return each(func(row []any) error {
			if row[0] == 5 {
				return boom
			}
			return yield(row)
		})
	}
	for _, format := range Formats {
		if err := Write(tb, format, Options{Location: shanghai}, &bytes.Buffer{}); !errors.Is(err, boom) {
			t.Errorf("%s: error %v, want the row source's", format, err)
		}
	}
	short := &linli.Table{Kind: "x", Columns: []linli.Column{{Key: "a", Title: "甲"}}, Rows: [][]any{{1, 2}}}
	if err := Write(short, "csv", Options{}, &bytes.Buffer{}); err == nil {
		t.Error("a row with too many values was written")
	}
	if err := Write(testTable(), "pdf", Options{}, &bytes.Buffer{}); linli.ErrorCode(err) != linli.EInvalid {
		t.Errorf("Write pdf: %v, want EInvalid", err)
	}
}

func TestDisplayWidth(t *testing.T) {
	for _, c := range []struct {
		s    string
		want int
	}{
		{"", 0}, {"abc", 3}, {"张阿姨", 6}, {"3栋502", 6}, {"１２", 4}, {"已报名（2人）", 13}, {"短\n更长一行", 8},
	} {
		if got := displayWidth(c.s); got != c.want {
			t.Errorf("displayWidth(%q) = %d, want %d", c.s, got, c.want)
		}
	}
}

func TestSheetName(t *testing.T) {
	for _, c := range []struct{ title, kind, want string }{
		{"报名表 健康讲座", "报名表", "报名表 健康讲座"},
		{"", "signups", "signups"},
		{"a/b:c?[d]", "", "a_b_c__d_"},
		{"'引号'", "", "引号"},
		{strings.Repeat("长", 40), "", strings.Repeat("长", 31)},
	} {
		if got := sheetName(&linli.Table{Title: c.title, Kind: c.kind}); got != c.want {
			t.Errorf("sheetName(%q) = %q, want %q", c.title, got, c.want)
		}
	}
}

func TestBuild(t *testing.T) {
	exports := []linli.Export{{Kind: "residents", Table: func() (*linli.Table, error) { return testTable(), nil }}}
	if tb, err := Build(exports, "residents"); err != nil || tb.Kind != "residents" {
		t.Errorf("Build(residents) = %v, %v", tb, err)
	}
	if _, err := Build(exports, "polls"); linli.ErrorCode(err) != linli.ENotFound {
		t.Errorf("Build(polls) = %v, want ENotFound (a kind not built)", err)
	}
	if _, err := Build(exports, "cats"); linli.ErrorCode(err) != linli.EInvalid {
		t.Errorf("Build(cats) = %v, want EInvalid", err)
	}
}

// Phone and ID-card numbers typed into text are masked in json and csv and
// in an xlsx not requested by staff; staff's xlsx carries them.
func TestExportMasksPrivateNumbers(t *testing.T) {
	tb := &linli.Table{Kind: "reports", Title: "上报",
		Columns: []linli.Column{{Key: "description", Title: "描述"}, {Key: "tags", Title: "标签"}},
		Rows:    [][]any{{"漏水，联系我13912345678", []string{"身份证110101199003071234"}}}}
	opt := Options{Location: time.UTC}
	for _, format := range []string{"json", "csv"} {
		var buf bytes.Buffer
		if err := Write(tb, format, opt, &buf); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if strings.Contains(out, "13912345678") || strings.Contains(out, "19900307") ||
			!strings.Contains(out, "139****5678") || !strings.Contains(out, "110101********1234") {
			t.Errorf("%s export: %s", format, out)
		}
	}
	for _, staff := range []bool{false, true} {
		f := openXLSX(t, tb, Options{Location: time.UTC, Staff: staff})
		v, _ := f.GetCellValue(f.GetSheetName(0), "A3")
		if want := map[bool]string{false: "漏水，联系我139****5678", true: "漏水，联系我13912345678"}[staff]; v != want {
			t.Errorf("xlsx (staff %v) A3 = %q, want %q", staff, v, want)
		}
	}
	if tb.Rows[0][1].([]string)[0] != "身份证110101199003071234" {
		t.Error("masking changed the table's own values")
	}
}
