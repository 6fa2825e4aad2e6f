// Package points is the command family of 积分: the points a resident has
// earned by doing things for the community. Points are derived from the
// records every time they are asked for (sign-ups checked in, reports
// resolved), read through the activity and report services, so they can
// never drift from what happened. Texts are in texts.go.
package points

import (
	"context"

	"linli"
)

// Points per thing done for the community. 积分 is derived from the records
// every time it is asked for, so it can never drift from what happened.
const (
	pointsPerAttendance = 5 // an activity the resident checked in at
	pointsPerResolved   = 2 // a 随手拍 of theirs that was resolved
)

// Deps are what the family uses. cmd/linli fills them; a nil service
// counts nothing.
type Deps struct {
	Activities linli.ActivityService // sign-ups checked in
	Reports    linli.ReportService   // reports resolved
}

// Family is the points family. Its methods' receiver h is the family's
// handlers.
type Family struct{ Deps }

// New returns the family.
func New(d Deps) *Family { return &Family{Deps: d} }

// Jobs: the family has no jobs.
func (h *Family) Jobs(linli.Scheduler) error { return nil }

// Exports: the family has no export kinds.
func (h *Family) Exports() []linli.Export { return nil }

// Register registers 积分.
func (h *Family) Register(r linli.Router) {
	r.Command(linli.Command{
		Names: []string{"积分", "我的积分"}, Args: linli.ArgsNone,
		Help: "积分 — 参加活动、随手拍换来的积分", Handler: h.points,
	})
}

// points handles 积分: the sender's points and how they were earned.
func (h *Family) points(ctx context.Context, req *linli.Request) error {
	name := req.Msg.Sender
	attended := 0
	if h.Activities != nil {
		signups, err := h.Activities.ResidentSignups(name)
		if err != nil {
			return err
		}
		for _, s := range signups {
			if s.CheckedIn.IsZero() || !s.Active() {
				continue
			}
			a, err := h.Activities.Activity(s.ActivityID)
			if err != nil {
				return err
			}
			if a.Status != linli.ActivityCancelled { // a cancelled activity earns nothing
				attended++
			}
		}
	}
	resolved := 0
	if h.Reports != nil {
		reports, err := h.Reports.ReporterReports(name)
		if err != nil {
			return err
		}
		for _, r := range reports {
			if r.Status == linli.ReportResolved && r.DuplicateOf == 0 {
				resolved++
			}
		}
	}
	return req.Reply(textPoints(attended, resolved))
}
