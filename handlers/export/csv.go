package export

import (
	"encoding/csv"
	"io"

	"linli"
)

// bom is the UTF-8 byte order mark: Excel on Chinese Windows reads a csv as
// UTF-8 only when it starts with one (else as GBK, and garbles it).
const bom = "\uFEFF"

// writeCSV writes the header (the column titles) and the rows as people
// read them. It never writes the private columns, and masks phone and
// ID-card numbers in text (linli.MaskPrivate): only staff's xlsx has them.
func writeCSV(t *linli.Table, opt Options, w io.Writer) error {
	cols := humanColumns(t, false)
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	rec := make([]string, len(cols))
	for j, i := range cols {
		rec[j] = t.Columns[i].Title
	}
	cw.Write(rec)
	err := each(t, opt, func(row []any) error {
		for j, i := range cols {
			rec[j] = linli.MaskPrivate(text(human(&t.Columns[i], row[i], opt.Location)))
		}
		return cw.Write(rec) // an error of w, once csv's buffer is full
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}
