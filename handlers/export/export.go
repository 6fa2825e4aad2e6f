// Package export writes linli's tables (linli.Table) as json, csv or xlsx:
// `linli export`, and the .xlsx files staff get from 导出 commands. It is
// the only package that imports excelize. The families build the tables
// (their Exports); this package only writes them.
//
// json is the DESIGN.md contract, for programs: the columns with a Key,
// values as they are, times RFC 3339. csv and xlsx are for people: the
// columns with a Title, Chinese words for codes, local times, 是/否; csv
// starts with a UTF-8 byte order mark (Excel on Chinese Windows reads it as
// UTF-8 only then); xlsx has a title row naming the community, the kind and
// the time of export, a bold header, column widths fitted to Chinese text,
// and prints on pages as wide as the table with the header repeated.
//
// Rows are written one at a time as the table yields them (Table.Each), so
// memory stays flat whatever the size; an xlsx sheet is spooled to a
// temporary file by excelize's StreamWriter.
package export

import (
	"fmt"
	"io"
	"slices"
	"time"

	"linli"
)

// Options say how to write a table.
type Options struct {
	Location  *time.Location // times are shown in it (required)
	Community string         // named in the xlsx title row
	At        time.Time      // the time of export, in the xlsx title row
	// Staff includes the Private columns (phone numbers, households). Only
	// xlsx honours it: json and csv never carry them.
	Staff bool
	// Progress, when set, is called with the number of rows written so far,
	// every ProgressEvery rows and once at the end.
	Progress func(rows int)
}

// ProgressEvery is how many rows pass between two Options.Progress calls.
const ProgressEvery = 1000

// Formats are the formats Write knows.
var Formats = []string{"json", "csv", "xlsx"}

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

// Write writes t to w as json, csv or xlsx ("" is json). It returns an
// EInvalid error for an unknown format, before writing anything, and the
// first error of t.Each or w otherwise; on an error w may hold part of the
// output.
func Write(t *linli.Table, format string, opt Options, w io.Writer) error {
	if opt.Location == nil {
		opt.Location = time.UTC
	}
	switch format {
	case "json", "":
		return writeJSON(t, opt, w)
	case "csv":
		return writeCSV(t, opt, w)
	case "xlsx":
		return writeXLSX(t, opt, w)
	}
	return linli.Errorf(linli.EInvalid, "未知的导出格式 %q（可用: json csv xlsx）", format)
}

// jsonColumns are the indexes of the columns json shows: those with a Key,
// but the private ones.
func jsonColumns(t *linli.Table) []int {
	var cols []int
	for i, c := range t.Columns {
		if c.Key != "" && !private(t, c) {
			cols = append(cols, i)
		}
	}
	return cols
}

// humanColumns are the indexes of the columns people see: those with a
// Title, the private ones only when staff asked for xlsx.
func humanColumns(t *linli.Table, withPrivate bool) []int {
	var cols []int
	for i, c := range t.Columns {
		if c.Title != "" && (withPrivate || !private(t, c)) {
			cols = append(cols, i)
		}
	}
	return cols
}

func private(t *linli.Table, c linli.Column) bool {
	return (c.Key != "" && slices.Contains(t.Private, c.Key)) || (c.Title != "" && slices.Contains(t.Private, c.Title))
}

// each calls fn with every row of t (t.Each when set, else t.Rows) and
// reports progress.
func each(t *linli.Table, opt Options, fn func(row []any) error) error {
	n := 0
	step := func(row []any) error {
		if len(row) != len(t.Columns) {
			return fmt.Errorf("export %s: row %d has %d values for %d columns", t.Kind, n+1, len(row), len(t.Columns))
		}
		if err := fn(row); err != nil {
			return err
		}
		n++
		if opt.Progress != nil && n%ProgressEvery == 0 {
			opt.Progress(n)
		}
		return nil
	}
	var err error
	if t.Each != nil {
		err = t.Each(step)
	} else {
		for _, row := range t.Rows {
			if err = step(row); err != nil {
				break
			}
		}
	}
	if err == nil && opt.Progress != nil {
		opt.Progress(n)
	}
	return err
}
