package linli

import (
	"slices"
	"strings"
	"time"
)

// ReportFact is what 统计 上报 needs of one report, kept by the
// ReportService beside the report (in the same transaction as every write
// of it) in buckets by month, so that the statistics of a month, or of all
// months, read these small facts instead of decoding every report.
type ReportFact struct {
	ID          uint64
	Grid        string
	Category    string
	Unit        string // the unit that has it ("" while with the community)
	Status      string
	CreatedAt   time.Time
	ResolvedAt  time.Time // zero unless resolved
	Deadline    time.Time
	Rating      int    // 0 when not rated
	DuplicateOf uint64 // the original, for a duplicate
	// HandedBack lists the units the report was 转办 to that no longer
	// have it (they sent it back, or it went on to another unit), in the
	// order they first had it.
	HandedBack []string
}

// Fact returns r's ReportFact.
func (r *Report) Fact() ReportFact {
	return ReportFact{
		ID: r.ID, Grid: r.Grid, Category: r.Category, Unit: r.Unit, Status: r.Status,
		CreatedAt: r.CreatedAt, ResolvedAt: r.ResolvedAt, Deadline: r.Deadline,
		Rating: r.Rating, DuplicateOf: r.DuplicateOf, HandedBack: r.HandedBack(),
	}
}

// HandedBack lists the units r was 转办 to ("referred" events, whose note
// starts with the unit's name) that no longer have it: r.Unit is another
// unit, or none. Each is named once, in the order of the events; nil if
// none.
func (r *Report) HandedBack() []string {
	var out []string
	for _, e := range r.History {
		if e.Action != "referred" {
			continue
		}
		name, _, _ := strings.Cut(e.Note, " ")
		if name != r.Unit && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// Equal reports whether f and g hold the same facts (times compared as
// instants).
func (f ReportFact) Equal(g ReportFact) bool {
	return f.ID == g.ID && f.Grid == g.Grid && f.Category == g.Category && f.Unit == g.Unit &&
		f.Status == g.Status && f.CreatedAt.Equal(g.CreatedAt) && f.ResolvedAt.Equal(g.ResolvedAt) &&
		f.Deadline.Equal(g.Deadline) && f.Rating == g.Rating && f.DuplicateOf == g.DuplicateOf &&
		slices.Equal(f.HandedBack, g.HandedBack)
}
