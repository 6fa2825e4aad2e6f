package export

import (
	"bytes"
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
	case ".xlsx", ".csv":
	default:
		return nil, notTable(path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ReadRowsData(filepath.Base(path), data)
}

// ReadRowsData is ReadRows of a file's contents, named name (an upload):
// the name's extension says which kind it must be.
func ReadRowsData(name string, data []byte) ([][]string, error) {
	name = filepath.Base(name)
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx":
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			return nil, linli.Errorf(linli.EInvalid, "%s 不是有效的 xlsx 文件（%v）", name, err)
		}
		defer f.Close()
		sheets := f.GetSheetList()
		if len(sheets) == 0 {
			return nil, linli.Errorf(linli.EInvalid, "%s 里没有工作表", name)
		}
		rows, err := f.GetRows(sheets[0])
		if err != nil {
			return nil, fmt.Errorf("xlsx %s: %w", name, err)
		}
		return tidy(rows), nil
	case ".csv":
		r := csv.NewReader(bytes.NewReader(data))
		r.FieldsPerRecord = -1
		var rows [][]string
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, linli.Errorf(linli.EInvalid, "%s 不是有效的 csv 文件（%v）", name, err)
			}
			rows = append(rows, rec)
		}
		if len(rows) > 0 && len(rows[0]) > 0 {
			rows[0][0] = strings.TrimPrefix(rows[0][0], bom)
		}
		return tidy(rows), nil
	}
	return nil, notTable(name)
}

func notTable(name string) error {
	return linli.Errorf(linli.EInvalid, "%s 不是 xlsx 或 csv 文件：请在表格软件里另存为 .xlsx 或 .csv", filepath.Base(name))
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
