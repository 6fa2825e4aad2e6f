package handlers

import (
	"context"
	"fmt"
	"strings"

	"linli"
)

// Points per thing done for the community. 积分 is derived from the records
// every time it is asked for, so it can never drift from what happened.
const (
	pointsPerAttendance = 5 // an activity the resident checked in at
	pointsPerResolved   = 2 // a 随手拍 of theirs that was resolved
)

func (h *Handlers) registerPoints(r linli.Router) {
	r.Command(linli.Command{
		Names: []string{"积分", "我的积分"}, Args: linli.ArgsNone,
		Help: "积分 — 参加活动、随手拍换来的积分", Handler: h.points,
	})
}

// points handles 积分: the sender's points and how they were earned.
func (h *Handlers) points(ctx context.Context, req *linli.Request) error {
	name := req.Msg.Sender
	attended := 0
	if h.Activities != nil {
		signups, err := h.Activities.ResidentSignups(name)
		if err != nil {
			return err
		}
		for _, s := range signups {
			if !s.CheckedIn.IsZero() {
				attended++
			}
		}
	}
	resolved := 0
	if h.Reports != nil {
		reports, err := h.Reports.Reports(func(r *linli.Report) bool {
			return r.Reporter == name && r.Status == linli.ReportResolved && r.DuplicateOf == 0
		})
		if err != nil {
			return err
		}
		resolved = len(reports)
	}
	return req.Reply(textPoints(attended, resolved))
}

func textPoints(attended, resolved int) string {
	total := attended*pointsPerAttendance + resolved*pointsPerResolved
	var b strings.Builder
	fmt.Fprintf(&b, "您的积分：%d分", total)
	fmt.Fprintf(&b, "\n· 参加活动并签到 %d次 × %d分", attended, pointsPerAttendance)
	fmt.Fprintf(&b, "\n· 随手拍已办结 %d条 × %d分", resolved, pointsPerResolved)
	if total == 0 {
		b.WriteString("\n参加活动时记得「签到」，发现问题就「随手拍」，都能攒积分。")
	}
	return b.String()
}
