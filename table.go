package linli

// Table is an export: named columns and rows of values (string, int,
// float64, bool, time.Time, []string, or any JSON-encodable value). Columns
// whose name is listed in Private are left out of every format but xlsx
// exports requested by staff (phone numbers).
type Table struct {
	Kind    string
	Columns []string
	Rows    [][]any
	Private []string
}

// ExportKinds are the kinds `linli export` knows, in DESIGN.md order.
var ExportKinds = []string{"activities", "signups", "reports", "polls", "votes", "residents"}

// Export is one kind of table a command family builds for `linli export`
// (Kind is one of ExportKinds, or a family's own).
type Export struct {
	Kind  string
	Table func() (*Table, error)
}
