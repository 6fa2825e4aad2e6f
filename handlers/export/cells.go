package export

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/width"

	"linli"
	"linli/textnorm"
)

// TimeLayout is how csv and xlsx show a time: local, to the minute.
const TimeLayout = "2006-01-02 15:04"

// listSep joins the items of a list for people.
const listSep = "、"

// human turns a value into what people see in column c: nil (an empty
// cell), a string, an int, a float64, or a time.Time in loc (an xlsx date).
// Booleans are 是/否, codes take the column's Words, lists are joined with
// 、, zero times are empty. Text loses control characters and escape
// sequences (textnorm.Printable: a 群昵称 with BEL or ESC would show as
// "�[31m" in xlsx), and a string a spreadsheet would take for a formula is
// defused (defuse); numbers stay numbers.
func human(c *linli.Column, v any, loc *time.Location) any {
	h := humanValue(c, v, loc)
	if s, ok := h.(string); ok {
		return defuse(textnorm.Printable(s))
	}
	return h
}

// formulaStarts are the first characters that make Excel, LibreOffice or
// Google Sheets read a cell as a formula (or, tab and CR, hide one behind
// them): OWASP's list for CSV injection.
const formulaStarts = "=+-@\t\r"

// defuse prefixes a single quote to text that starts like a formula
// ("=1+1讲座", "+cmd|calc!A0", "-2+3", "@SUM(A1)"), the OWASP way: the
// spreadsheet shows the text instead of computing it. Residents type these
// cells (activity titles, report descriptions, names), so an export must
// not let them run in the office's spreadsheet.
func defuse(s string) string {
	if s != "" && strings.IndexByte(formulaStarts, s[0]) >= 0 {
		return "'" + s
	}
	return s
}

func humanValue(c *linli.Column, v any, loc *time.Location) any {
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		if w, ok := c.Words[x]; ok {
			return w
		}
		return x
	case bool:
		if x {
			return "是"
		}
		return "否"
	case int:
		return x
	case int64:
		return int(x)
	case uint64:
		return int(x)
	case float64:
		return x
	case time.Time:
		if x.IsZero() {
			return nil
		}
		return x.In(loc)
	case *time.Time:
		if x == nil || x.IsZero() {
			return nil
		}
		return x.In(loc)
	case []string:
		words := make([]string, len(x))
		for i, s := range x {
			words[i] = s
			if w, ok := c.Words[s]; ok {
				words[i] = w
			}
		}
		return strings.Join(words, listSep)
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}

// text renders a human value as csv shows it.
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case time.Time:
		return x.Format(TimeLayout)
	}
	return fmt.Sprint(v)
}

// displayWidth is how many columns s takes in a spreadsheet or on paper: 2
// for a Chinese (wide or full-width) character, 1 for others. Of a
// multi-line value, the widest line counts.
func displayWidth(s string) int {
	widest, n := 0, 0
	for _, r := range s {
		switch {
		case r == '\n':
			widest, n = max(widest, n), 0
		case r < utf8.RuneSelf:
			n++
		default:
			switch width.LookupRune(r).Kind() {
			case width.EastAsianWide, width.EastAsianFullwidth:
				n += 2
			default:
				n++
			}
		}
	}
	return max(widest, n)
}
