package handlers

import (
	"fmt"
	"sort"
	"time"

	"linli"
)

// DigestSources are the families' sections of the daily digest, in the
// order staff read them: reports, activities.
func (h *Handlers) DigestSources() []linli.DigestSource {
	return []linli.DigestSource{linli.DigestFunc(h.reportDigest), linli.DigestFunc(h.activityDigest)}
}

// reportDigest lists reports made in the last day and open reports past
// their deadline. It names no reporter or household.
func (h *Handlers) reportDigest(now time.Time) (string, []string, error) {
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
		lines = append(lines, textDigestReportNew(r.ID, r.Category, digestPlace(r), short(r.Description, 20), r.Grid, reportStatusText[r.Status]))
	}
	sort.Slice(open, func(i, j int) bool { return open[i].Deadline.Before(open[j].Deadline) })
	for _, r := range open {
		if r.Deadline.IsZero() || !r.Deadline.Before(now) {
			continue
		}
		lines = append(lines, textDigestReportOverdue(r.ID, r.Category, digestPlace(r), short(r.Description, 20), r.Assignee, now.Sub(r.Deadline)))
	}
	return textDigestReportsTitle, lines, nil
}

// activityDigest lists the day's activities (in the configured zone) with
// their sign-up counts.
func (h *Handlers) activityDigest(now time.Time) (string, []string, error) {
	acts, err := h.Activities.Activities()
	if err != nil {
		return "", nil, err
	}
	loc := h.Config.Location
	y, m, d := now.In(loc).Date()
	var lines []string
	for _, a := range acts {
		ay, am, ad := a.StartsAt.In(loc).Date()
		if a.Status == linli.ActivityCancelled || ay != y || am != m || ad != d {
			continue
		}
		lines = append(lines, textDigestActivity(a.ID, a.Title, a.StartsAt.In(loc).Format("15:04"), a.Place, a.Taken, a.Capacity, a.Waiting))
	}
	return textDigestActivitiesTitle, lines, nil
}

func digestPlace(r *linli.Report) string {
	if p := placeKey(r); p != "" {
		return p
	}
	return "地点未说明"
}

// short cuts s to n runes with an ellipsis.
func short(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

const (
	textDigestReportsTitle    = "新上报和超时上报"
	textDigestActivitiesTitle = "今日活动"
)

func textDigestActivity(id uint64, title, at, place string, taken, capacity, waiting int) string {
	s := fmt.Sprintf("活动%d「%s」%s %s，已报名 %d/%d 人", id, title, at, place, taken, capacity)
	if waiting > 0 {
		s += fmt.Sprintf("，候补 %d", waiting)
	}
	return s
}

func textDigestReportNew(id uint64, cat, place, desc, grid, status string) string {
	return fmt.Sprintf("新 #%d %s · %s：%s（%s，%s）", id, cat, place, desc, grid, status)
}

func textDigestReportOverdue(id uint64, cat, place, desc, assignee string, late time.Duration) string {
	return fmt.Sprintf("【超时】#%d %s · %s：%s（%s，已超时%s）", id, cat, place, desc, assignee, roughDuration(late))
}

// roughDuration renders d as 3天 / 5小时 / 40分钟.
func roughDuration(d time.Duration) string {
	switch {
	case d >= 24*time.Hour:
		return fmt.Sprintf("%d天", int(d/(24*time.Hour)))
	case d >= time.Hour:
		return fmt.Sprintf("%d小时", int(d/time.Hour))
	}
	return fmt.Sprintf("%d分钟", max(int(d/time.Minute), 1))
}
