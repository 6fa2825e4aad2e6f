package export

import (
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
