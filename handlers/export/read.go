package export

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

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
			return nil, xlsxError(name, data, err)
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
		if err := formulaTexts(f, sheets[0], rows); err != nil {
			return nil, fmt.Errorf("xlsx %s: %w", name, err)
		}
		return tidy(rows), nil
	case ".csv":
		if !utf8.Valid(data) {
			return nil, linli.Errorf(linli.EInvalid, "%s 不是 UTF-8 编码的 csv（Excel 默认存成的 csv 中文会变乱码）：请在 Excel 里另存为「CSV UTF-8（逗号分隔）」或 .xlsx 后重新上传", name)
		}
		r := csv.NewReader(bytes.NewReader(data))
		r.FieldsPerRecord = -1
		var rows [][]string
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, linli.Errorf(linli.EInvalid, "%s 不是有效的 csv 文件（%s）", name, csvProblem(data, err))
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

// xlsxError words why an .xlsx could not be opened, in Chinese: Go's
// own text (zip: not a valid zip file) means nothing to staff.
func xlsxError(name string, data []byte, err error) error {
	s := "%s 不是有效的 xlsx 文件：打不开，请在表格软件里重新另存为 .xlsx 或 .csv"
	switch {
	case len(data) == 0:
		s = "%s 是空的（0 字节），请检查后重新选择文件"
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		// an OLE file: an old .xls renamed, or an xlsx with a password
		s = "%s 不是 xlsx：可能是旧的 .xls 改了扩展名，或设置了打开密码。请在表格软件里去掉密码、另存为 .xlsx 后重新上传"
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrAlgorithm), errors.Is(err, zip.ErrChecksum):
		s = "%s 文件不是 xlsx（可能是改了扩展名，或文件不完整）：请在表格软件里另存为 .xlsx 或 .csv 后重新上传"
	}
	return linli.Errorf(linli.EInvalid, s, name)
}

// csvProblem words a csv reading error in Chinese, naming the row and
// the column (A, B, …, counted in cells, as the table shows them).
func csvProblem(data []byte, err error) string {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return "内容读不出来，请在表格软件里另存为 .csv 或 .xlsx"
	}
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return fmt.Sprintf("第%d行%s：引号没有成对（格子中间有英文引号 \"，请删掉或改成中文引号“”）", pe.Line, csvColumn(data, pe.Line, pe.Column))
	case errors.Is(pe.Err, csv.ErrQuote):
		if pe.StartLine != pe.Line {
			return fmt.Sprintf("第%d行起有一个格子的引号没有成对（以英文引号 \" 开头，却一直没有结尾的引号），请删掉或改成中文引号“”", pe.StartLine)
		}
		return fmt.Sprintf("第%d行%s：引号没有成对（以英文引号 \" 开头的格子，结尾的引号后面还有内容）", pe.Line, csvColumn(data, pe.Line, pe.Column))
	}
	return fmt.Sprintf("第%d行读不出来，请检查这一行", pe.Line)
}

// csvColumn names the cell of the 1-based byte column col on line line
// of data ("第3列（C列）"), counting the commas outside quotes before it;
// "" when the line is not there.
func csvColumn(data []byte, line, col int) string {
	lines := bytes.Split(data, []byte("\n"))
	if line < 1 || line > len(lines) || col < 1 {
		return ""
	}
	text := lines[line-1]
	if line == 1 {
		text = bytes.TrimPrefix(text, []byte(bom))
		col -= len(bom)
	}
	text = text[:min(max(col-1, 0), len(text))]
	n, quoted := 1, false
	for _, c := range text {
		switch {
		case c == '"':
			quoted = !quoted
		case c == ',' && !quoted:
			n++
		}
	}
	return fmt.Sprintf("第%d列（%s列）", n, columnLetters(n))
}

// columnLetters is a spreadsheet's name of the n-th column: A, …, Z, AA.
func columnLetters(n int) string {
	s := ""
	for ; n > 0; n = (n - 1) / 26 {
		s = string(rune('A'+(n-1)%26)) + s
	}
	return s
}

// formulaTexts puts "=" and the formula in each empty cell of rows that
// holds a formula without a computed value (a file written by a program,
// never opened in a spreadsheet), so the reader of the rows can say it is
// a formula instead of "empty". Rows are widened to the header's width.
func formulaTexts(f *excelize.File, sheet string, rows [][]string) error {
	if len(rows) == 0 {
		return nil
	}
	width := len(rows[0])
	for i := range rows {
		for len(rows[i]) < width {
			rows[i] = append(rows[i], "")
		}
		for j, v := range rows[i] {
			if v != "" {
				continue
			}
			cell, err := excelize.CoordinatesToCellName(j+1, i+1)
			if err != nil {
				return err
			}
			formula, err := f.GetCellFormula(sheet, cell)
			if err != nil {
				return err
			}
			if formula != "" {
				rows[i][j] = "=" + formula
			}
		}
	}
	return nil
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
