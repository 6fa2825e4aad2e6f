package linli

// ReportPageQuery asks for one page of reports, newest (highest ID) first.
// A page is found by a cursor (Before, After: the workbench's links carry
// them) or by a count of matching reports to pass over (Skip: a page
// number typed without a cursor). Its cost follows the page's size, not
// its number: reports passed over by Skip are not decoded when Match is
// nil; with Grids or Status set they are walked in the by-grid index.
type ReportPageQuery struct {
	Before uint64 // only reports with a smaller ID, from the highest (0: from the newest)
	After  uint64 // with Before 0: the Limit matching reports just above this ID (a page back)
	Skip   int    // matching reports to pass over first (Before or from the newest)
	Limit  int    // reports on the page (≥1)
	// Grids (nil: every grid; empty: none) and Status ("": every status)
	// restrict the page through the by-grid index, without decoding.
	Grids  []string
	Status string
	Match  func(*Report) bool // nil: every report (within Grids and Status)
	// Category, when set, restricts the page to reports of that category
	// (the others are passed over without being decoded).
	Category string
	// Word, when set, is text Match requires in the report (its
	// description, place or ID): a report whose stored record lacks it
	// anywhere is passed over without being decoded. Match still decides.
	Word string
}

// ReportPage is one page of reports.
type ReportPage struct {
	Reports []*Report // newest first, at most Limit
	Older   bool      // a matching report lies below the page (a next page)
	Newer   bool      // a matching report lies above it (a previous page)
	// Total is how many reports the query covers when Match, Word and Category are not set, else -1
	// (counting would read every report).
	Total int
}

// ReportPager reads the reports board a page at a time.
type ReportPager interface {
	// ReportPage returns the page q asks for.
	ReportPage(q ReportPageQuery) (ReportPage, error)
}
