package web

import (
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"

	"linli"
)

// Overview windows.
const (
	upcomingWindow = 14 * 24 * time.Hour // activities starting this soon are listed
	chartMonths    = 6                   // months in the overview's charts
)

// monthFigures are one month's 随手拍 measures.
type monthFigures struct {
	Label                       string
	Reports, Resolved, Rejected int
	Rated, RateSum              int
	Took                        int // residents who took part in an activity of the month
}

// ResolutionRate is resolved ÷ (reports − rejected), as 统计 上报 counts it.
func (m monthFigures) ResolutionRate() float64 { return ratio(m.Resolved, m.Reports-m.Rejected) }

// Satisfaction is the average rating out of 5, as a share (4.5 → 0.9).
func (m monthFigures) Satisfaction() float64 { return ratio(m.RateSum, 5*m.Rated) }

func ratio(a, b int) float64 {
	if b <= 0 {
		return 0
	}
	return float64(a) / float64(b)
}

type activityRow struct {
	ID                    uint64
	Title, Starts, Status string
	Taken, Capacity, Wait int
	Fill                  float64
}

type pollRow struct {
	ID                     uint64
	Title, Rule, Deadline  string
	Ballots, Households    int
	Participation          float64
	HasHouseholds, Passing bool
}

func (s *Server) overview(w http.ResponseWriter, r *http.Request, sess *session) {
	if !sess.access.Staff() {
		http.Redirect(w, r, "/reports", http.StatusSeeOther) // a worker's workbench is their board
		return
	}
	now := s.Clock.Now()
	loc := s.Config.Location
	local := now.In(loc)
	today := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, loc)
	firstMonth := time.Date(local.Year(), local.Month()-chartMonths+1, 1, 0, 0, 0, 0, loc)
	// Monthly figures from the service's running counts, not from the
	// reports (a month of a big community is thousands).
	months := make([]monthFigures, chartMonths)
	for i := range months {
		m := firstMonth.AddDate(0, i, 0)
		c, err := s.Reports.ReportCounts(m.Format("2006-01"))
		if err != nil {
			s.fail(w, r, sess, err)
			return
		}
		months[i] = monthFigures{Label: fmt.Sprintf("%d月", int(m.Month())), Reports: c.Total, Resolved: c.Resolved,
			Rejected: c.Rejected, Rated: c.Rated, RateSum: c.RateSum}
	}
	recent, err := s.Reports.RecentReports(today)
	if err != nil {
		s.fail(w, r, sess, err)
		return
	}
	newToday := len(recent)
	open, _, err := s.Reports.OpenReports()
	if err != nil {
		s.fail(w, r, sess, err)
		return
	}
	overdue := 0
	for _, x := range open {
		if !x.Deadline.IsZero() && now.After(x.Deadline) {
			overdue++
		}
	}
	data := map[string]any{"NewToday": newToday, "Open": len(open), "Overdue": overdue,
		"Month": months[chartMonths-1], "Months": months}
	data["ReportsChart"] = barChart(months, func(m monthFigures) (float64, string) {
		return float64(m.Reports), fmt.Sprint(m.Reports)
	}, 0)
	data["ResolutionChart"] = barChart(months, func(m monthFigures) (float64, string) {
		return m.ResolutionRate(), fmt.Sprintf("%.0f%%", m.ResolutionRate()*100)
	}, 1)
	data["SatisfactionChart"] = barChart(months, func(m monthFigures) (float64, string) {
		return m.Satisfaction(), fmt.Sprintf("%.0f%%", m.Satisfaction()*100)
	}, 1)
	if s.Activities != nil {
		rows, err := s.activityRows(now, func(a *linli.Activity) bool {
			return a.Status != linli.ActivityCancelled && a.StartsAt.After(now) && a.StartsAt.Before(now.Add(upcomingWindow))
		})
		if err != nil {
			s.fail(w, r, sess, err)
			return
		}
		data["Activities"] = rows
		// 参与率 as 统计 活动 counts it: residents who took part in an
		// activity of the month, of the people known; staff not counted.
		staff := s.Config.RoleNames()
		took, err := s.Activities.Participants(local.Format("2006-01"), staff)
		if err != nil {
			s.fail(w, r, sess, err)
			return
		}
		known, err := s.Activities.KnownPeople(staff)
		if err != nil {
			s.fail(w, r, sess, err)
			return
		}
		data["Took"], data["Known"], data["Participation"] = took, known, ratio(took, known)
		// The earlier months against the people known today (the counts
		// of who was known then are not kept).
		for i := range months {
			m := firstMonth.AddDate(0, i, 0)
			if months[i].Took, err = s.Activities.Participants(m.Format("2006-01"), staff); err != nil {
				s.fail(w, r, sess, err)
				return
			}
		}
		data["ParticipationChart"] = barChart(months, func(m monthFigures) (float64, string) {
			return ratio(m.Took, known), fmt.Sprintf("%.0f%%", ratio(m.Took, known)*100)
		}, 1)
	}
	if s.Polls != nil {
		rows, err := s.pollRows(true)
		if err != nil {
			s.fail(w, r, sess, err)
			return
		}
		data["Polls"] = rows
	}
	s.render(w, r, sess, "overview", "总览", data)
}

// barChart draws one bar per month, server-side: value gives the bar's
// height and its label; top is the scale's maximum (0: the largest value).
func barChart(months []monthFigures, value func(monthFigures) (float64, string), top float64) template.HTML {
	const w, h, pad, bar = 360, 150, 24, 36
	if top == 0 {
		for _, m := range months {
			v, _ := value(m)
			top = max(top, v)
		}
		if top == 0 {
			top = 1
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %d %d" role="img" xmlns="http://www.w3.org/2000/svg">`, w, h+2*pad)
	step := float64(w) / float64(len(months))
	for i, m := range months {
		v, label := value(m)
		bh := v / top * h
		x := float64(i)*step + (step-bar)/2
		y := float64(pad) + h - bh
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%d" height="%.1f" class="bar"><title>%s %s</title></rect>`,
			x, y, bar, bh, template.HTMLEscapeString(m.Label), template.HTMLEscapeString(label))
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" class="val">%s</text>`, x+bar/2, y-4, template.HTMLEscapeString(label))
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle" class="lbl">%s</text>`, x+bar/2, h+2*pad-4, template.HTMLEscapeString(m.Label))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // every text above is escaped
}
