package report

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"linli"
	"linli/textnorm"
)

// reportReopen handles "没修好 <编号>" from the reporter within 7 days of
// 办结: the report (for a duplicate, its original) goes back to the grid's
// worker with a new SLA clock.
func (h *Family) reportReopen(ctx context.Context, req *linli.Request) error {
	id, _, err := idOrUsage(req, textReportReopenUsage)
	if err != nil {
		return err
	}
	own, err := h.Reports.Report(id)
	if err != nil {
		return h.residentNotFound(err, id)
	}
	if err := h.checkOwn(req, own, "反馈"); err != nil {
		return err
	}
	if own.Status != linli.ReportResolved {
		return linli.Errorf(linli.EConflict, "%s", textReportNotResolved(id, own.Status))
	}
	if req.Now.Sub(own.ResolvedAt) > reportReopenLimit {
		return linli.Errorf(linli.EConflict, "%s", textReportReopenTooLate(id))
	}
	target, reopened := own.ID, false
	if own.DuplicateOf != 0 {
		target = own.DuplicateOf
	}
	r, _, err := h.Reports.UpdateReport(target, func(r *linli.Report, dups []*linli.Report) error {
		for _, d := range dups {
			if d.ID == id {
				d.Status, d.ResolvedAt, d.Resolution, d.ResolImages = linli.ReportReopened, time.Time{}, "", nil
				d.Log(req.Now, req.Msg.Sender, linli.ReportReopened, "")
			}
		}
		if r.Status == linli.ReportRejected {
			return linli.Errorf(linli.EConflict, "%s", textReportNotResolved(id, r.Status))
		}
		if r.Status != linli.ReportResolved {
			return nil // already back with the worker
		}
		reopened = true
		r.Status, r.ResolvedAt, r.ResolvedBy, r.Resolution, r.ResolImages = linli.ReportReopened, time.Time{}, "", "", nil
		r.Reopened++
		if g, ok := h.Config.GridByName(r.Grid); ok {
			r.Assignee = g.Worker
		}
		h.restartSLA(r, req)
		r.Log(req.Now, req.Msg.Sender, linli.ReportReopened, "")
		return nil
	})
	if err != nil {
		return err
	}
	if reopened {
		if err := h.armSLA(r, req.Now); err != nil {
			return err
		}
		if err := h.alertWorker(r, textReportAlertReopen); err != nil {
			return err
		}
		if r.Reporter != req.Msg.Sender { // reopened through a duplicate
			if err := h.teller().Person(r.Reporter, textReportReopenedByOther(r.ID), nil, ""); err != nil {
				return err
			}
		}
	}
	return h.teller().Person(req.Msg.Sender, textReportReopened(id), nil, "")
}

// checkOwn refuses someone else's report to a resident.
func (h *Family) checkOwn(req *linli.Request, r *linli.Report, verb string) error {
	if r.Reporter != req.Msg.Sender {
		return linli.Errorf(linli.EForbidden, textReportNotYours, verb)
	}
	return nil
}

// reportRate handles "评价 <编号> <1-5> [意见]" from the reporter of a
// resolved or rejected report. A second rating replaces the first. The
// rating goes to the worker who closed it; on a rejected report it is a
// complaint about the 退回 as often as not, so the grid's supervisor gets
// it too (and it counts in 满意度 like any rating).
func (h *Family) reportRate(ctx context.Context, req *linli.Request) error {
	id, rest, err := idOrUsage(req, textReportRateUsage)
	if err != nil {
		return err
	}
	score, comment, ok := parseScore(rest)
	if !ok {
		return linli.Errorf(linli.EInvalid, "%s", textReportBadScore)
	}
	var closer string
	r, _, err := h.Reports.UpdateReport(id, func(r *linli.Report, _ []*linli.Report) error {
		if err := h.checkOwn(req, r, "评价"); err != nil {
			return err
		}
		if r.Status != linli.ReportResolved && r.Status != linli.ReportRejected {
			return linli.Errorf(linli.EConflict, "%s", textReportNotResolved(id, r.Status))
		}
		closer = r.ResolvedBy
		if r.Status == linli.ReportRejected {
			closer = lastActor(r, linli.ReportRejected)
		}
		r.Rating, r.Comment, r.RatedAt = score, comment, req.Now
		r.Log(req.Now, req.Msg.Sender, "rated", fmt.Sprintf("%d分 %s", score, comment))
		return nil
	})
	if err != nil {
		return h.residentNotFound(err, id)
	}
	if closer != "" {
		if err := h.teller().Person(closer, textReportRatedWorker(id, score, comment), nil, ""); err != nil {
			return err
		}
	}
	if r.Status != linli.ReportRejected {
		return h.teller().Person(req.Msg.Sender, textReportRated(id, score), nil, "")
	}
	if sup := h.supervisorOf(r.Grid); sup != closer || sup == "" {
		if err := h.teller().Person(sup, textReportRatedRejection(r, closer, score, comment), nil, ""); err != nil {
			return err
		}
	}
	return h.teller().Person(req.Msg.Sender, textReportRatedRejected(id, score), nil, "")
}

// lastActor returns who last took step action on r ("" if nobody).
func lastActor(r *linli.Report, action string) string {
	for i := len(r.History) - 1; i >= 0; i-- {
		if r.History[i].Action == action {
			return r.History[i].Actor
		}
	}
	return ""
}

// parseScore reads "5", "5分", "5星", "五分" and the comment after it.
func parseScore(s string) (int, string, bool) {
	word, rest, _ := strings.Cut(strings.TrimSpace(s), " ")
	for _, suf := range []string{"分", "星"} {
		word = strings.TrimSuffix(word, suf)
	}
	n := map[string]int{"1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}[word]
	if n == 0 {
		return 0, "", false
	}
	return n, textnorm.ChinesePunctBrackets(cutRunes(strings.TrimSpace(rest), 200)), true
}

// reportStillBrokenHook takes "还是不亮" from a resident with exactly one
// report resolved in the last 7 days: they mean that one, so they are
// pointed to 没修好 N (a plain 是 does it) rather than offered a new report
// without a place. Unaddressed in a group they are asked once per report.
func (h *Family) reportStillBrokenHook(ctx context.Context, req *linli.Request) (bool, error) {
	m := req.Msg
	if m.Norm == "" || m.Image != nil || m.Role != linli.RoleResident || h.Reports == nil ||
		len([]rune(m.Norm)) > 20 || !h.Lexicon.StillBroken(m.Norm) {
		return false, nil
	}
	list, err := h.Reports.ReporterReports(m.Sender)
	list = slices.DeleteFunc(list, func(r *linli.Report) bool {
		return r.Status != linli.ReportResolved || req.Now.Sub(r.ResolvedAt) > reportReopenLimit
	})
	if err != nil || len(list) != 1 {
		return false, err
	}
	r := list[0]
	if !m.Addressed {
		asked := false
		tag := fmt.Sprintf("reopen:%d", r.ID)
		_, err := h.Reports.UpdateReportOffers(m.Sender, func(o *linli.ReportOffers) error {
			if asked = slices.Contains(o.Asked, tag); !asked {
				o.Asked = append(o.Asked, tag)
			}
			return nil
		})
		if err != nil || asked {
			return asked, err
		}
	}
	req.Offer(fmt.Sprintf("没修好 %d", r.ID))
	return true, req.Reply(textReportStillBroken(r))
}
