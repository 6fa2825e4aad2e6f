package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"linli"
)

// ReadRows reads a table people filled in: the first sheet of an .xlsx
// file, or a .csv file (UTF-8, with or without a byte order mark). Cells
// are trimmed; empty trailing rows are dropped. Another kind of file, or
// one that is not what its name says, is an EInvalid error in Chinese.
func ReadRows(path string) ([][]string, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx":
		f, err := excelize.OpenFile(path)
		if err != nil {
			return nil, linli.Errorf(linli.EInvalid, "%s 不是有效的 xlsx 文件（%v）", filepath.Base(path), err)
		}
		defer f.Close()
		sheets := f.GetSheetList()
		if len(sheets) == 0 {
			return nil, linli.Errorf(linli.EInvalid, "%s 里没有工作表", filepath.Base(path))
		}
		rows, err := f.GetRows(sheets[0])
		if err != nil {
			return nil, fmt.Errorf("xlsx %s: %w", path, err)
		}
		return tidy(rows), nil
	case ".csv":
		data, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer data.Close()
		r := csv.NewReader(data)
		r.FieldsPerRecord = -1
		var rows [][]string
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, linli.Errorf(linli.EInvalid, "%s 不是有效的 csv 文件（%v）", filepath.Base(path), err)
			}
			rows = append(rows, rec)
		}
		if len(rows) > 0 && len(rows[0]) > 0 {
			rows[0][0] = strings.TrimPrefix(rows[0][0], bom)
		}
		return tidy(rows), nil
	}
	return nil, linli.Errorf(linli.EInvalid, "%s 不是 xlsx 或 csv 文件：请在表格软件里另存为 .xlsx 或 .csv", filepath.Base(path))
}

// tidy trims cells and drops trailing empty rows.
func tidy(rows [][]string) [][]string {
	for _, row := range rows {
		for i := range row {
			row[i] = strings.TrimSpace(row[i])
		}
	}
	for len(rows) > 0 && strings.Join(rows[len(rows)-1], "") == "" {
		rows = rows[:len(rows)-1]
	}
	return rows
}
