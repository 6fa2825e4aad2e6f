package web

import (
	"fmt"
	"net/http"
	"sort"
	"time"

	"linli"
)

// statRow is one line of a 统计 table: a category or a grid.
type statRow struct {
	Name                        string
	Reports, Resolved, Rejected int
	Rated, RateSum              int
}

func (r statRow) ResolutionRate() float64 { return ratio(r.Resolved, r.Reports-r.Rejected) }
func (r statRow) Satisfaction() float64   { return ratio(r.RateSum, 5*r.Rated) }

// resolveBuckets are the resolution-time bars of 统计.
var resolveBuckets = []struct {
	label string
	upTo  time.Duration
}{
	{"4小时内", 4 * time.Hour}, {"1天内", 24 * time.Hour}, {"3天内", 72 * time.Hour}, {"7天内", 7 * 24 * time.Hour}, {"更久", 1 << 62},
}

// statsPage shows one month's 随手拍 by category and grid, how long they
// took to resolve, and satisfaction. Participation (活动) is not on it yet.
func (s *Server) statsPage(w http.ResponseWriter, r *http.Request, sess *session) {
	loc := s.Config.Location
	now := s.Clock.Now().In(loc)
	month := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, loc)
	if m := r.URL.Query().Get("month"); m != "" {
		t, err := time.ParseInLocation("2006-01", m, loc)
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			s.render(w, r, sess, "message", "统计", map[string]any{"Text": textBadMonth})
			return
		}
		month = t
	}
	end := month.AddDate(0, 1, 0)
	list, err := s.Reports.RecentReports(month)
	if err != nil {
		s.fail(w, r, sess, err)
		return
	}
	byCat, byGrid := map[string]*statRow{}, map[string]*statRow{}
	for _, c := range linli.Categories {
		byCat[c] = &statRow{Name: c}
	}
	for _, g := range s.Config.Grids {
		byGrid[g.Name] = &statRow{Name: g.Name}
	}
	total := statRow{Name: "合计"}
	buckets := make([]monthFigures, len(resolveBuckets))
	for i, b := range resolveBuckets {
		buckets[i].Label = b.label
	}
	for _, x := range list {
		if !x.CreatedAt.Before(end) || x.DuplicateOf != 0 {
			continue
		}
		rows := []*statRow{&total, rowFor(byCat, x.Category), rowFor(byGrid, x.Grid)}
		for _, row := range rows {
			row.Reports++
			switch x.Status {
			case linli.ReportResolved:
				row.Resolved++
			case linli.ReportRejected:
				row.Rejected++
			}
			if x.Rating > 0 {
				row.Rated++
				row.RateSum += x.Rating
			}
		}
		if x.Status == linli.ReportResolved && !x.ResolvedAt.IsZero() {
			took := x.ResolvedAt.Sub(x.CreatedAt)
			for i, b := range resolveBuckets {
				if took <= b.upTo {
					buckets[i].Reports++
					break
				}
			}
		}
	}
	data := map[string]any{"Month": month.Format("2006-01"), "MonthLabel": fmt.Sprintf("%d年%d月", month.Year(), int(month.Month())),
		"Prev": month.AddDate(0, -1, 0).Format("2006-01"), "Total": total,
		"Categories": sortedRows(byCat), "Grids": sortedRows(byGrid),
		"ResolveChart": barChart(buckets, func(m monthFigures) (float64, string) { return float64(m.Reports), fmt.Sprint(m.Reports) }, 0)}
	if !end.After(time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, loc)) {
		data["Next"] = end.Format("2006-01") // up to the current month
	}
	s.render(w, r, sess, "stats", "统计", data)
}

func rowFor(m map[string]*statRow, name string) *statRow {
	if name == "" {
		name = "（未分）"
	}
	r := m[name]
	if r == nil {
		r = &statRow{Name: name}
		m[name] = r
	}
	return r
}

// sortedRows lists rows with reports first by count, then the empty ones by name.
func sortedRows(m map[string]*statRow) []statRow {
	var out []statRow
	for _, r := range m {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Reports != out[j].Reports {
			return out[i].Reports > out[j].Reports
		}
		return out[i].Name < out[j].Name
	})
	return out
}
