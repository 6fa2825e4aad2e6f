package linli

// Table is an export: named columns and rows of values. Two readers see it
// differently:
//
//   - json (`linli export`, the DESIGN.md contract, for programs): the
//     columns with a Key, as fields of that name, values as they are (times
//     RFC 3339 in the configured zone, null when zero);
//   - csv and xlsx (for people): the columns with a Title, as headers,
//     values made readable (local "2006-01-02 15:04" times, 是/否, Words
//     for codes, lists joined with 、).
//
// A value is a string, an int, a float64, a bool, a time.Time, a []string,
// nil, or (json only) any JSON-encodable value. Columns whose Key or Title
// is listed in Private appear only in xlsx exports requested by staff
// (phone numbers, households).
//
// Rows holds the rows of a small table; a large one sets Each instead,
// which streams them (Rows is then ignored).
type Table struct {
	Kind    string   // the export kind ("signups"), or a family's own ("报名表")
	Title   string   // what the rows are, for people: "活动报名记录"; the xlsx title row and sheet name
	Columns []Column // in order; json and people may see different subsets
	Rows    [][]any  // one value per column
	Private []string // Keys or Titles of columns only staff's xlsx shows

	// Each, when set, calls yield with every row in order and stops at the
	// first error yield returns (returning it). A row passed to yield may be
	// reused after yield returns. Each typically runs in one read
	// transaction; yield must not write to the database.
	Each func(yield func(row []any) error) error
	// Count, when set, tells how many rows Each yields, for a progress bar.
	// It may cost a pass over the data; it is called only when a bar is shown.
	Count func() (int, error)
}

// Column is one column of a Table.
type Column struct {
	Key   string            // json field name; "" for a column only people see
	Title string            // csv/xlsx header; "" for a column only json has
	Words map[string]string // for people: the word for a string value ("confirmed" → "已报名"); others show as they are
	Width float64           // xlsx width in characters (a Chinese character is 2); 0 fits the header and the first rows
}

// ExportKinds are the kinds `linli export` knows, in DESIGN.md order.
var ExportKinds = []string{"activities", "signups", "reports", "polls", "votes", "residents", "points", "redemptions", "surveys", "answers"}

// Export is one kind of table a command family builds for `linli export`
// (Kind is one of ExportKinds, or a family's own).
type Export struct {
	Kind  string
	Table func() (*Table, error)
}
