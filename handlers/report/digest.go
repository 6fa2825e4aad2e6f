package report

import (
	"sort"
	"time"

	"linli"
)

// DigestSection is the family's section of the daily digest: reports made
// in the last day and open reports past their deadline. It names no
// reporter or household.
func (h *Family) DigestSection(now time.Time) (string, []string, error) {
	recent, err := h.Reports.RecentReports(now.Add(-24 * time.Hour))
	if err != nil {
		return "", nil, err
	}
	open, _, err := h.Reports.OpenReports()
	if err != nil {
		return "", nil, err
	}
	var lines []string
	for _, r := range recent {
		if r.CreatedAt.After(now) {
			continue
		}
		lines = append(lines, textDigestReportNew(r.ID, r.Category, digestPlace(r), groupCut(r.Description, 20), r.Grid, reportStatusText[r.Status]))
	}
	sort.Slice(open, func(i, j int) bool { return open[i].Deadline.Before(open[j].Deadline) })
	for _, r := range open {
		if r.Deadline.IsZero() || !r.Deadline.Before(now) {
			continue
		}
		lines = append(lines, textDigestReportOverdue(r.ID, r.Category, digestPlace(r), groupCut(r.Description, 20), r.Assignee, now.Sub(r.Deadline)))
	}
	return textDigestReportsTitle, lines, nil
}

func digestPlace(r *linli.Report) string {
	if p := placeKey(r); p != "" {
		return p
	}
	return "地点未说明"
}
