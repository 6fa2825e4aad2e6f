package export

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"linli"
)

// XLSX renders t as an .xlsx file in memory, for 导出 commands (staff: the
// private columns are included).
func XLSX(t *linli.Table, opt Options) ([]byte, error) {
	opt.Staff = true
	var buf bytes.Buffer
	if err := Write(t, "xlsx", opt, &buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Layout of a sheet: the title row, the header row, then the rows.
const (
	titleRow  = 1
	headerRow = 2
	firstRow  = 3

	sampleRows = 200 // rows read before the widths are fixed (a stream cannot go back)
	minWidth   = 6   // narrowest column, in characters
	maxWidth   = 40  // widest column; longer text wraps
	dateWidth  = len(TimeLayout) + 2

	// What fits across A4 at 100%, in characters of column width, and how
	// far a table may be shrunk to fit the width of one page.
	portraitWidth  = 90.0
	landscapeWidth = 137.0
	minScale       = 0.7
)

// maxRows is the last row of a sheet (Excel's limit); more rows continue
// on another sheet.
var maxRows = excelize.TotalRows

// sheetWriter writes one table to one sheet: it holds back the first
// sampleRows rows to fit the column widths, then streams.
type sheetWriter struct {
	f      *excelize.File
	t      *linli.Table
	opt    Options
	cols   []int  // indexes in t.Columns of the columns shown
	sheet  string // the sheet being written
	first  string // the first sheet's name
	sheets int    // sheets written
	sw     *excelize.StreamWriter
	styles sheetStyles
	widths []float64 // per shown column
	wrap   []bool    // per shown column: long text wraps
	held   [][]any   // human values of the rows held back
	row    int       // the sheet row the next table row goes to
	vals   []any     // reused row of cells
}

type sheetStyles struct {
	title, header, text, wrap, date int
}

// writeXLSX writes t as one sheet, the title row, the header and the rows.
func writeXLSX(t *linli.Table, opt Options, w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	x := &sheetWriter{f: f, t: t, opt: opt, cols: humanColumns(t, opt.Staff), sheets: 1}
	x.sheet = sheetName(t)
	x.first = x.sheet
	if err := f.SetSheetName("Sheet1", x.sheet); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	if err := x.newStyles(); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	err := each(t, opt, func(row []any) error {
		vals := make([]any, len(x.cols))
		for j, i := range x.cols {
			vals[j] = human(&t.Columns[i], row[i], opt.Location)
			if s, ok := vals[j].(string); ok && !opt.Staff {
				vals[j] = linli.MaskPrivate(s) // only staff's xlsx carries phone numbers
			}
		}
		if x.sw == nil {
			x.held = append(x.held, vals)
			if len(x.held) < sampleRows {
				return nil
			}
			return x.start()
		}
		return x.write(vals)
	})
	if err == nil && x.sw == nil {
		err = x.start()
	}
	if err != nil {
		return err
	}
	if err := x.sw.Flush(); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	// excelize's WriteTo builds the whole zip in a buffer first (70 MB for a
	// million rows); a zip writer of our own on w streams it instead. (It
	// forgoes excelize's zip64 header fix-up, needed only for a part over
	// 4 GiB.)
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(w) })
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}

// sheetName is the table's title as a sheet name: at most 31 characters,
// none of : \ / ? * [ ].
func sheetName(t *linli.Table) string {
	name := t.Title
	if name == "" {
		name = t.Kind
	}
	name = strings.Trim(strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '_'
		}
		return r
	}, name), "'")
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
	}
	if name == "" {
		name = "Sheet1"
	}
	return name
}

// title is the text of the title row: the community, what the rows are and
// when they were exported.
func (x *sheetWriter) title() string {
	parts := []string{}
	if x.opt.Community != "" {
		parts = append(parts, x.opt.Community)
	}
	name := x.t.Title
	if name == "" {
		name = x.t.Kind
	}
	parts = append(parts, name)
	if !x.opt.At.IsZero() {
		parts = append(parts, "导出时间 "+x.opt.At.In(x.opt.Location).Format(TimeLayout))
	}
	return strings.Join(parts, " · ")
}

func (x *sheetWriter) newStyles() (err error) {
	border := []excelize.Border{
		{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1},
	}
	top := &excelize.Alignment{Vertical: "top"}
	dateFmt := "yyyy-mm-dd hh:mm"
	for _, s := range []struct {
		id    *int
		style *excelize.Style
	}{
		{&x.styles.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14},
			Alignment: &excelize.Alignment{Vertical: "center"}}},
		{&x.styles.header, &excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE4EE"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&x.styles.text, &excelize.Style{Border: border, Alignment: top}},
		{&x.styles.wrap, &excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&x.styles.date, &excelize.Style{Border: border, Alignment: top, CustomNumFmt: &dateFmt}},
	} {
		if *s.id, err = x.f.NewStyle(s.style); err != nil {
			return err
		}
	}
	return nil
}

// start fits the widths to the header and the rows held back, opens the
// sheet and writes the rows held back.
func (x *sheetWriter) start() error {
	x.widths = x.fit()
	if err := x.open(); err != nil {
		return err
	}
	for _, vals := range x.held {
		if err := x.write(vals); err != nil {
			return err
		}
	}
	x.held = nil
	return nil
}

// open sets up the page of x.sheet and starts streaming it: the widths,
// the title and the header.
func (x *sheetWriter) open() error {
	total := 0.0
	for _, w := range x.widths {
		total += w
	}
	if err := x.pageSetup(total); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	sw, err := x.f.NewStreamWriter(x.sheet)
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	x.sw, x.row = sw, firstRow
	for j, w := range x.widths {
		if err := sw.SetColWidth(j+1, j+1, w); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: cellName(1, firstRow), ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	n := max(len(x.cols), 1)
	title := make([]any, n)
	title[0] = excelize.Cell{Value: x.title(), StyleID: x.styles.title}
	if err := sw.SetRow(cellName(1, titleRow), title, excelize.RowOpts{Height: 26}); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	if n > 1 {
		if err := sw.MergeCell(cellName(1, titleRow), cellName(n, titleRow)); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
	}
	head := make([]any, len(x.cols))
	for j, i := range x.cols {
		head[j] = excelize.Cell{Value: x.t.Columns[i].Title, StyleID: x.styles.header}
	}
	if err := sw.SetRow(cellName(1, headerRow), head); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}

// next ends the full sheet and continues on a new one, "名称 (2)", with
// the same columns.
func (x *sheetWriter) next() error {
	if err := x.sw.Flush(); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	x.sheets++
	suffix := fmt.Sprintf(" (%d)", x.sheets)
	base := []rune(x.first)
	if len(base)+len(suffix) > 31 {
		base = base[:31-len(suffix)]
	}
	x.sheet = string(base) + suffix
	if _, err := x.f.NewSheet(x.sheet); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return x.open()
}

// fit returns the column widths: the Column's own, else the widest of the
// header and the rows held back (Chinese counting double) plus a margin,
// between minWidth and maxWidth; a column that needs more wraps.
func (x *sheetWriter) fit() []float64 {
	out := make([]float64, len(x.cols))
	x.wrap = make([]bool, len(x.cols))
	for j, i := range x.cols {
		c := x.t.Columns[i]
		need := displayWidth(c.Title)
		for _, vals := range x.held {
			if _, ok := vals[j].(time.Time); ok {
				need = max(need, dateWidth-2)
				continue
			}
			need = max(need, displayWidth(text(vals[j])))
		}
		w := float64(min(max(need+2, minWidth), maxWidth))
		if c.Width > 0 {
			w = c.Width
		}
		out[j] = w
		x.wrap[j] = float64(need+2) > w
	}
	return out
}

// pageSetup prints the sheet on A4 with the title and header on every
// page and page numbers in the footer: portrait when the table fits, else
// landscape, shrunk to the page width unless that would make it smaller
// than minScale; a wider table spans pages side by side, each repeating
// the first two columns.
func (x *sheetWriter) pageSetup(totalWidth float64) error {
	orientation, page := "portrait", portraitWidth
	if totalWidth > portraitWidth {
		orientation, page = "landscape", landscapeWidth
	}
	wide := max(int(math.Ceil(totalWidth/(page/minScale))), 1)
	asNeeded, a4 := 0, 9
	if err := x.f.SetPageLayout(x.sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orientation,
		FitToWidth: &wide, FitToHeight: &asNeeded}); err != nil {
		return err
	}
	fit := true
	if err := x.f.SetSheetProps(x.sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := x.f.SetHeaderFooter(x.sheet, &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页，共 &N 页"}); err != nil {
		return err
	}
	titles := fmt.Sprintf("'%s'!$%d:$%d", x.sheet, titleRow, headerRow)
	if wide > 1 && len(x.cols) > 2 {
		titles = fmt.Sprintf("'%s'!$A:$B,%s", x.sheet, titles)
	}
	return x.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: x.sheet, RefersTo: titles})
}

// write writes one row of human values.
func (x *sheetWriter) write(vals []any) error {
	if x.vals == nil {
		x.vals = make([]any, len(vals))
	}
	if x.row > maxRows {
		if err := x.next(); err != nil {
			return err
		}
	}
	for j, v := range vals {
		style := x.styles.text
		if _, ok := v.(time.Time); ok {
			style = x.styles.date
		} else if x.wrap[j] {
			style = x.styles.wrap
		}
		x.vals[j] = excelize.Cell{Value: v, StyleID: style}
	}
	if err := x.sw.SetRow(cellName(1, x.row), x.vals); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	x.row++
	return nil
}

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}
