package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"linli"
)

// formulaTable holds what residents may type where a spreadsheet sees a
// formula, beside plain text and real numbers (negative too).
func formulaTable() *linli.Table {
	return &linli.Table{Kind: "activities", Title: "活动",
		Columns: []linli.Column{{Key: "title", Title: "标题"}, {Key: "note", Title: "备注"}, {Key: "n", Title: "人数"}, {Key: "x", Title: "差额"}},
		Rows: [][]any{
			{"=1+1讲座", "+cmd|calc!A0", 3, -2},
			{"-2+3", "@SUM(A1)", 0, 1.5},
			{"\t=1", "\r=1", -7, -0.5},
			{"讲座=1", "a-b", 12, 0},
			{"", "'已有引号", 1, 2},
			{"张\x07阿姨\x1b[31m", "\u202e=1+1", 1, 2},
		}}
}

// TestFormulaCellsAreDefused: csv and xlsx cells that start with = + - @,
// tab or CR get a leading single quote (OWASP), control characters and
// escape sequences are dropped first; other text is unchanged,
// numbers stay numbers (unquoted in csv, number cells in xlsx), and JSON
// keeps the values as they are.
func TestFormulaCellsAreDefused(t *testing.T) {
	var cs bytes.Buffer
	if err := Write(formulaTable(), "csv", Options{Location: shanghai}, &cs); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(cs.String(), bom))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"标题", "备注", "人数", "差额"},
		{"'=1+1讲座", "'+cmd|calc!A0", "3", "-2"},
		{"'-2+3", "'@SUM(A1)", "0", "1.5"},
		{"'\t=1", "'=1", "-7", "-0.5"}, // a CR is a control character: dropped, and what follows is defused
		{"讲座=1", "a-b", "12", "0"},
		{"", "'已有引号", "1", "2"},
		{"张阿姨", "'=1+1", "1", "2"}, // control characters go, then the formula is seen
	}
	for i := range want {
		if i >= len(recs) || strings.Join(recs[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("csv row %d = %q, want %q", i, recs[min(i, len(recs)-1)], want[i])
		}
	}

	f := openXLSX(t, formulaTable(), Options{Location: shanghai})
	const sheet = "活动"
	for cell, wantV := range map[string]string{"A8": "张阿姨", "B8": "'=1+1", "A3": "'=1+1讲座", "B3": "'+cmd|calc!A0", "A4": "'-2+3", "B4": "'@SUM(A1)", "A6": "讲座=1"} {
		if v, _ := f.GetCellValue(sheet, cell); v != wantV {
			t.Errorf("xlsx %s = %q, want %q", cell, v, wantV)
		}
		if fm, _ := f.GetCellFormula(sheet, cell); fm != "" {
			t.Errorf("xlsx %s holds formula %q", cell, fm)
		}
	}
	for _, cell := range []string{"C3", "D3", "C5", "D5"} {
		if v, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true}); strings.HasPrefix(v, "'") {
			t.Errorf("xlsx number %s = %q, was quoted", cell, v)
		}
		if typ, _ := f.GetCellType(sheet, cell); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
			t.Errorf("xlsx %s type = %v, want a number", cell, typ)
		}
	}

	var js bytes.Buffer
	if err := Write(formulaTable(), "json", Options{Location: shanghai}, &js); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js.String(), `"title": "=1+1讲座"`) || strings.Contains(js.String(), `'`+"=") {
		t.Errorf("json changed the values:\n%s", js.String())
	}
}
