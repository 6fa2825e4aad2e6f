package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"time"

	"linli"
)

// writeJSON writes an array of objects, one per line ("[\n  {…},\n  {…}\n]\n",
// "[]\n" when empty), fields in column order: the layout `linli export` has
// always had.
func writeJSON(t *linli.Table, opt Options, w io.Writer) error {
	cols := jsonColumns(t)
	keys := make([][]byte, len(cols))
	for j, i := range cols {
		keys[j], _ = json.Marshal(t.Columns[i].Key)
	}
	bw := bufio.NewWriter(w)
	bw.WriteString("[")
	rows := 0
	err := each(t, opt, func(row []any) error {
		if rows > 0 {
			bw.WriteString(",")
		}
		rows++
		bw.WriteString("\n  {")
		for j, i := range cols {
			if j > 0 {
				bw.WriteString(", ")
			}
			v, err := json.Marshal(jsonValue(row[i], opt.Location))
			if err != nil {
				return fmt.Errorf("export %s: %s: %w", t.Kind, t.Columns[i].Key, err)
			}
			bw.Write(keys[j])
			bw.WriteString(": ")
			bw.Write(v)
		}
		_, err := bw.WriteString("}") // bufio keeps the first write error: stop at it
		return err
	})
	if err != nil {
		return err
	}
	if rows > 0 {
		bw.WriteString("\n")
	}
	bw.WriteString("]\n")
	return bw.Flush()
}

// jsonValue renders times as RFC 3339 in loc (null when zero) and a nil
// []string as []. Phone and ID-card numbers in text are masked
// (linli.MaskPrivate): only staff's xlsx carries them.
func jsonValue(v any, loc *time.Location) any {
	switch x := v.(type) {
	case string:
		return linli.MaskPrivate(x)
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
		masked := x
		for i, e := range x {
			if m := linli.MaskPrivate(e); m != e {
				if &masked[0] == &x[0] {
					masked = slices.Clone(x)
				}
				masked[i] = m
			}
		}
		return masked
	}
	return v
}
