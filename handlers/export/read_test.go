package export

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"linli"
)

func TestReadRows(t *testing.T) {
	dir := t.TempDir()
	x := excelize.NewFile()
	for i, row := range [][]any{{"户号", "业主姓名", "建筑面积㎡"}, {"3栋502", " 张桂芳 ", 102.3}, {}} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	xlsx := filepath.Join(dir, "名册.xlsx")
	if err := x.SaveAs(xlsx); err != nil {
		t.Fatal(err)
	}
	csvPath := filepath.Join(dir, "名册.csv")
	os.WriteFile(csvPath, []byte(bom+"户号,业主姓名,建筑面积㎡\n3栋502, 张桂芳 ,102.3\n\n"), 0o600)
	for _, p := range []string{xlsx, csvPath} {
		rows, err := ReadRows(p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if len(rows) != 2 || rows[0][0] != "户号" || rows[1][1] != "张桂芳" || rows[1][2] != "102.3" {
			t.Errorf("%s: rows = %q", filepath.Base(p), rows)
		}
	}
	fake := filepath.Join(dir, "假的.xlsx")
	os.WriteFile(fake, []byte("not a zip"), 0o600)
	for _, p := range []string{fake, filepath.Join(dir, "名册.txt")} {
		_, err := ReadRows(p)
		if linli.ErrorCode(err) != linli.EInvalid || !strings.Contains(linli.ErrorMessage(err), filepath.Base(p)) {
			t.Errorf("%s: err = %v, want a Chinese EInvalid naming the file", filepath.Base(p), err)
		}
	}
}

// A file that cannot be read is refused in Chinese, naming the row and
// the cell where known, never with Go's English error text.
func TestReadRowsErrorsInChinese(t *testing.T) {
	zipped := func() []byte { // a zip that is not a workbook
		var b bytes.Buffer
		z := zip.NewWriter(&b)
		w, _ := z.Create("hello.txt")
		w.Write([]byte("hi"))
		z.Close()
		return b.Bytes()
	}()
	for _, tc := range []struct {
		name, data string
		want       []string
	}{
		{"名册.csv", "户号,业主姓名,建筑面积㎡\n3栋501,王建国,89.5\n3栋502,张\"桂\"芳,102.5\n", []string{"名册.csv 不是有效的 csv 文件", "第3行第2列（B列）：引号没有成对"}},
		{"名册.csv", bom + "户号,业主姓名,建\"筑面积㎡\n", []string{"第1行第3列（C列）：引号没有成对"}},
		{"名册.csv", "户号,业主姓名,建筑面积㎡\n3栋501,\"王建国,89.5\n3栋502,张桂芳,102.5\n", []string{"第2行起有一个格子的引号没有成对"}},
		{"名册.csv", "户号,业主姓名,建筑面积㎡\n3栋501,\"王建国\"先生,89.5\n", []string{"第2行第2列（B列）：引号没有成对"}},
		{"名册.csv", "户号,业主姓名,建筑面积㎡\n3栋501,\xcd\xf5\xbd\xa8\xb9\xfa,89.5\n", []string{"不是 UTF-8 编码的 csv", "CSV UTF-8"}},
		{"名册.xlsx", "户号,业主姓名,建筑面积㎡\n", []string{"名册.xlsx 文件不是 xlsx（可能是改了扩展名"}},
		{"名册.xlsx", string(zipped), []string{"名册.xlsx 不是有效的 xlsx 文件"}},
		{"名册.xlsx", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", []string{"旧的 .xls 改了扩展名"}},
	} {
		_, err := ReadRowsData(tc.name, []byte(tc.data))
		msg := linli.ErrorMessage(err)
		if linli.ErrorCode(err) != linli.EInvalid {
			t.Errorf("%q: err = %v, want EInvalid", tc.data, err)
		}
		for _, w := range tc.want {
			if !strings.Contains(msg, w) {
				t.Errorf("%q: %q lacks %q", tc.data, msg, w)
			}
		}
		for _, english := range []string{"parse error", "bare", "zip:", "not a valid", "line", "column"} {
			if strings.Contains(msg, english) {
				t.Errorf("%q: %q has Go's English %q", tc.data, msg, english)
			}
		}
	}
	if columnLetters(1) != "A" || columnLetters(26) != "Z" || columnLetters(27) != "AA" || columnLetters(53) != "BA" {
		t.Errorf("column letters: %s %s %s %s", columnLetters(1), columnLetters(26), columnLetters(27), columnLetters(53))
	}
}

// A formula with no computed value (a file a program wrote) is read as
// its formula, not as an empty cell; a computed one as its value.
func TestReadRowsFormulas(t *testing.T) {
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"户号", "业主姓名", "建筑面积㎡"})
	x.SetSheetRow("Sheet1", "A2", &[]any{"3栋501", "王建国"})
	x.SetCellFormula("Sheet1", "C2", "1+1")
	x.SetSheetRow("Sheet1", "A3", &[]any{"3栋502", "张桂芳", 102.5})
	x.SetCellFormula("Sheet1", "B4", `HYPERLINK("http://x","刘强")`)
	x.SetCellValue("Sheet1", "A4", "3栋503")
	x.SetCellFormula("Sheet1", "C4", "90+5")
	x.SetCellValue("Sheet1", "C4", 95) // computed: keeps the value (excelize drops the formula on a value; the value is what counts)
	var b bytes.Buffer
	if err := x.Write(&b); err != nil {
		t.Fatal(err)
	}
	rows, err := ReadRowsData("名册.xlsx", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[1][2] != "=1+1" || rows[2][2] != "102.5" || rows[3][1] != `=HYPERLINK("http://x","刘强")` || rows[3][2] != "95" {
		t.Errorf("rows = %q", rows)
	}
	_, problems, err := linli.ParseRegister(rows)
	if err != nil || len(problems) != 2 || !strings.Contains(problems[0].Text, "第2行：「建筑面积」一格是公式（=1+1）") || !strings.Contains(problems[1].Text, "第4行：「业主姓名」一格是公式") {
		t.Errorf("problems = %+v, %v", problems, err)
	}
}
