// Package export writes linli's tables (linli.Table) as json, csv or xlsx:
// `linli export`, and the .xlsx files staff get from 导出 commands. It is
// the only package that imports excelize. The families build the tables
// (their Exports); this package only writes them.
package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/xuri/excelize/v2"

	"linli"
)

// Build builds the table of kind from the exports of the families. It
// returns an EInvalid error for an unknown kind and an ENotFound one for a
// kind of linli.ExportKinds that no family builds yet.
func Build(exports []linli.Export, kind string) (*linli.Table, error) {
	for _, e := range exports {
		if e.Kind == kind {
			return e.Table()
		}
	}
	if slices.Contains(linli.ExportKinds, kind) {
		return nil, linli.Errorf(linli.ENotFound, "导出类型 %s 尚未实现", kind)
	}
	return nil, linli.Errorf(linli.EInvalid, "未知的导出类型 %q（可用: activities signups reports polls votes residents）", kind)
}

// Write writes t to w as json, csv or xlsx, times in loc. Private columns
// appear only in xlsx, which is for staff.
func Write(t *linli.Table, format string, loc *time.Location, w io.Writer) error {
	cols := make([]int, 0, len(t.Columns))
	for i, c := range t.Columns {
		if format == "xlsx" || !slices.Contains(t.Private, c) {
			cols = append(cols, i)
		}
	}
	switch format {
	case "json", "":
		return writeJSON(t, cols, loc, w)
	case "csv":
		cw := csv.NewWriter(w)
		head := make([]string, len(cols))
		for j, i := range cols {
			head[j] = t.Columns[i]
		}
		cw.Write(head)
		for _, row := range t.Rows {
			rec := make([]string, len(cols))
			for j, i := range cols {
				rec[j] = cellText(row[i], loc)
			}
			cw.Write(rec)
		}
		cw.Flush()
		return cw.Error()
	case "xlsx":
		return writeXLSX(t, cols, loc, w)
	}
	return linli.Errorf(linli.EInvalid, "未知的导出格式 %q（可用: json csv xlsx）", format)
}

// XLSX renders t as an .xlsx file in memory, for 导出 commands.
func XLSX(t *linli.Table, loc *time.Location) ([]byte, error) {
	var buf bytes.Buffer
	if err := Write(t, "xlsx", loc, &buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func writeJSON(t *linli.Table, cols []int, loc *time.Location, w io.Writer) error {
	var buf bytes.Buffer
	buf.WriteString("[")
	for r, row := range t.Rows {
		if r > 0 {
			buf.WriteString(",")
		}
		buf.WriteString("\n  {")
		for j, i := range cols {
			if j > 0 {
				buf.WriteString(", ")
			}
			k, _ := json.Marshal(t.Columns[i])
			v, err := json.Marshal(jsonValue(row[i], loc))
			if err != nil {
				return fmt.Errorf("export %s: %w", t.Kind, err)
			}
			buf.Write(k)
			buf.WriteString(": ")
			buf.Write(v)
		}
		buf.WriteString("}")
	}
	if len(t.Rows) > 0 {
		buf.WriteString("\n")
	}
	buf.WriteString("]\n")
	_, err := w.Write(buf.Bytes())
	return err
}

// jsonValue renders times as RFC 3339 in loc (null when zero).
func jsonValue(v any, loc *time.Location) any {
	switch x := v.(type) {
	case time.Time:
		if x.IsZero() {
			return nil
		}
		return x.In(loc).Format(time.RFC3339)
	case *time.Time:
		if x == nil || x.IsZero() {
			return nil
		}
		return x.In(loc).Format(time.RFC3339)
	case []string:
		if x == nil {
			return []string{}
		}
	}
	return v
}

// cellText renders a value for csv and xlsx cells.
func cellText(v any, loc *time.Location) string {
	switch x := jsonValue(v, loc).(type) {
	case nil:
		return ""
	case string:
		return x
	case []string:
		return fmt.Sprint(joinComma(x))
	default:
		if b, err := json.Marshal(x); err == nil && (b[0] == '[' || b[0] == '{') {
			return string(b)
		}
		return fmt.Sprint(x)
	}
}

func joinComma(s []string) string {
	var b bytes.Buffer
	for i, x := range s {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(x)
	}
	return b.String()
}

// writeXLSX writes t as one sheet with a bold header row.
func writeXLSX(t *linli.Table, cols []int, loc *time.Location, w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "Sheet1"
	if t.Kind != "" {
		sheet = t.Kind
		f.SetSheetName("Sheet1", sheet)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	head := make([]any, len(cols))
	for j, i := range cols {
		head[j] = excelize.Cell{Value: t.Columns[i], StyleID: bold}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	for r, row := range t.Rows {
		vals := make([]any, len(cols))
		for j, i := range cols {
			switch x := row[i].(type) {
			case int, int64, uint64, float64, bool:
				vals[j] = x
			default:
				vals[j] = cellText(x, loc)
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(cell, vals); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return f.Write(w)
}
