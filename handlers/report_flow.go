package handlers

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"linli"
)

// mayAct reports whether sender may work on a report of grid: staff and
// supervisors, the grid's worker and supervisor, and the assignee.
func (h *Handlers) mayAct(req *linli.Request, r *linli.Report) bool {
	who := req.Msg.Sender
	if req.Msg.Role.IsStaff() || who == r.Assignee {
		return true
	}
	g, ok := h.Config.GridByName(r.Grid)
	return ok && (g.Worker == who || g.Supervisor == who)
}

// checkAct returns the error for someone who may not work on r, or for a
// duplicate (its original is the one to work on).
func (h *Handlers) checkAct(req *linli.Request, r *linli.Report) error {
	if !h.mayAct(req, r) {
		return linli.Errorf(linli.EForbidden, textReportNotYourGrid, r.ID, r.Grid)
	}
	if r.DuplicateOf != 0 {
		return linli.Errorf(linli.EConflict, textReportIsDuplicate, r.ID, r.DuplicateOf, r.DuplicateOf)
	}
	return nil
}

// reportAccept handles "受理 <编号>".
func (h *Handlers) reportAccept(ctx context.Context, req *linli.Request) error {
	id, _, err := idOrUsage(req, textReportAcceptUsage)
	if err != nil {
		return err
	}
	r, _, err := h.Reports.UpdateReport(id, func(r *linli.Report, dups []*linli.Report) error {
		if err := h.checkAct(req, r); err != nil {
			return err
		}
		if r.Status != linli.ReportSubmitted && r.Status != linli.ReportReopened {
			return linli.Errorf(linli.EConflict, "%s", textReportState(id, r.Status, "受理"))
		}
		for _, x := range append(openOf(dups), r) {
			x.Status, x.AcceptedAt = linli.ReportAccepted, req.Now
			x.Log(req.Now, req.Msg.Sender, linli.ReportAccepted, "")
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := h.tell(r.Reporter, textReportAcceptedReporter(r.ID), nil, ""); err != nil {
		return err
	}
	return req.Reply(textReportAccepted(r.ID))
}

// openOf returns the open reports of list.
func openOf(list []*linli.Report) []*linli.Report {
	var out []*linli.Report
	for _, r := range list {
		if r.Open() {
			out = append(out, r)
		}
	}
	return out
}

// reportResolve handles "办结 <编号> <说明>"; a photo may follow.
func (h *Handlers) reportResolve(ctx context.Context, req *linli.Request) error {
	return h.closeReport(req, linli.ReportResolved, textReportResolveUsage, "办结")
}

// reportReject handles "退回 <编号> <原因>".
func (h *Handlers) reportReject(ctx context.Context, req *linli.Request) error {
	return h.closeReport(req, linli.ReportRejected, textReportRejectUsage, "退回")
}

// closeReport resolves or rejects a report and its open duplicates, stops
// its SLA alerts and tells every reporter.
func (h *Handlers) closeReport(req *linli.Request, status, usage, step string) error {
	id, note, err := idOrUsage(req, usage)
	if err != nil {
		return err
	}
	note = chinesePunct(cutRunes(note, reportMaxRunes))
	if note == "" {
		return linli.Errorf(linli.EInvalid, "%s", usage)
	}
	var closed []*linli.Report
	r, _, err := h.Reports.UpdateReport(id, func(r *linli.Report, dups []*linli.Report) error {
		if err := h.checkAct(req, r); err != nil {
			return err
		}
		if !r.Open() {
			return linli.Errorf(linli.EConflict, "%s", textReportState(id, r.Status, step))
		}
		closed = append([]*linli.Report{r}, openOf(dups)...)
		for _, x := range closed {
			x.Status, x.Resolution, x.ResolImages = status, note, nil
			if status == linli.ReportResolved {
				x.ResolvedAt, x.ResolvedBy = req.Now, req.Msg.Sender
			}
			x.Log(req.Now, req.Msg.Sender, status, note)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := h.cancelSLA(r.ID); err != nil {
		return err
	}
	for _, x := range closed {
		text := textReportResolvedReporter(x.ID, note)
		if status == linli.ReportRejected {
			text = textReportRejectedReporter(x.ID, note)
		}
		if err := h.tell(x.Reporter, text, nil, ""); err != nil {
			return err
		}
	}
	if status == linli.ReportRejected {
		return req.Reply(textReportRejected(r.ID))
	}
	return req.Reply(textReportResolved(r.ID, len(closed)-1))
}

// reportTransfer handles "转派 <编号> <网格>": a new grid, a new worker and
// a new SLA clock.
func (h *Handlers) reportTransfer(ctx context.Context, req *linli.Request) error {
	id, name, err := idOrUsage(req, textReportTransferUsage)
	if err != nil {
		return err
	}
	if name == "" {
		return linli.Errorf(linli.EInvalid, "%s", textReportTransferUsage)
	}
	g, ok := h.gridNamed(name)
	if !ok {
		return linli.Errorf(linli.EInvalid, "%s", textReportUnknownGrid(name, h.Config.Grids))
	}
	var old string
	r, _, err := h.Reports.UpdateReport(id, func(r *linli.Report, dups []*linli.Report) error {
		if err := h.checkAct(req, r); err != nil {
			return err
		}
		if !r.Open() {
			return linli.Errorf(linli.EConflict, "%s", textReportState(id, r.Status, "转派"))
		}
		if r.Grid == g.Name {
			return linli.Errorf(linli.EConflict, "%s", textReportTransferSame(id, g.Name))
		}
		old = r.Assignee
		for _, x := range append(openOf(dups), r) {
			x.Grid, x.Assignee = g.Name, g.Worker
			if x.Status == linli.ReportAccepted {
				x.Status = linli.ReportSubmitted
			}
		}
		h.restartSLA(r, req)
		r.Log(req.Now, req.Msg.Sender, "transferred", g.Name)
		return nil
	})
	if err != nil {
		return err
	}
	if err := h.armSLA(r, req.Now); err != nil {
		return err
	}
	if err := h.alertWorker(r, textReportAlertTransfer); err != nil {
		return err
	}
	if old != "" && old != req.Msg.Sender && old != g.Worker {
		if err := h.tell(old, textReportTransferredOld(r.ID, g), nil, ""); err != nil {
			return err
		}
	}
	if err := h.tell(r.Reporter, textReportTransferredReporter(r.ID, g), nil, ""); err != nil {
		return err
	}
	return req.Reply(textReportTransferred(r.ID, g))
}

// restartSLA starts a new SLA round for r from now.
func (h *Handlers) restartSLA(r *linli.Report, req *linli.Request) {
	r.Round++
	r.Stage = 0
	r.SLAStart = req.Now
	r.Deadline = req.Now.Add(h.Config.SLAFor(r.Category))
}

// gridNamed finds a grid by name ("第二网格", also "二网格") or by its worker.
func (h *Handlers) gridNamed(name string) (linli.Grid, bool) {
	for _, g := range h.Config.Grids {
		if g.Name == name || strings.TrimPrefix(g.Name, "第") == name || g.Worker == name {
			return g, true
		}
	}
	return linli.Grid{}, false
}

// reportRecategorize handles "改类 <编号> <类别>": the deadline follows the
// new category's SLA, counted from the same start.
func (h *Handlers) reportRecategorize(ctx context.Context, req *linli.Request) error {
	id, cat, err := idOrUsage(req, textReportRecategorizeUsage)
	if err != nil {
		return err
	}
	if cat == "其它" {
		cat = "其他"
	}
	if !slices.Contains(linli.Categories, cat) {
		return linli.Errorf(linli.EInvalid, "%s", textReportRecategorizeUsage)
	}
	r, _, err := h.Reports.UpdateReport(id, func(r *linli.Report, dups []*linli.Report) error {
		if err := h.checkAct(req, r); err != nil {
			return err
		}
		if r.Category == cat {
			return linli.Errorf(linli.EConflict, textReportAlreadyCategorized, id, cat)
		}
		r.Log(req.Now, req.Msg.Sender, "recategorized", r.Category+" → "+cat)
		for _, x := range append(dups, r) {
			x.Category = cat
		}
		r.Deadline = r.SLAStart.Add(h.Config.SLAFor(cat))
		return nil
	})
	if err != nil {
		return err
	}
	if r.Open() {
		if err := h.armSLA(r, req.Now); err != nil {
			return err
		}
	}
	return req.Reply(textReportRecategorized(r.ID, cat, r.Deadline.In(h.Config.Location)))
}

// reportReopen handles "没修好 <编号>" from the reporter within 7 days of
// 办结: the report (for a duplicate, its original) goes back to the grid's
// worker with a new SLA clock.
func (h *Handlers) reportReopen(ctx context.Context, req *linli.Request) error {
	id, _, err := idOrUsage(req, textReportReopenUsage)
	if err != nil {
		return err
	}
	own, err := h.Reports.Report(id)
	if err != nil {
		return err
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
			return linli.Errorf(linli.EConflict, "%s", textReportState(r.ID, r.Status, "重开"))
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
	}
	return h.tell(req.Msg.Sender, textReportReopened(id), nil, "")
}

// checkOwn refuses someone else's report to a resident.
func (h *Handlers) checkOwn(req *linli.Request, r *linli.Report, verb string) error {
	if r.Reporter != req.Msg.Sender {
		return linli.Errorf(linli.EForbidden, textReportNotYours, verb)
	}
	return nil
}

// reportRate handles "评价 <编号> <1-5> [意见]" from the reporter of a
// resolved report. A second rating replaces the first.
func (h *Handlers) reportRate(ctx context.Context, req *linli.Request) error {
	id, rest, err := idOrUsage(req, textReportRateUsage)
	if err != nil {
		return err
	}
	score, comment, ok := parseScore(rest)
	if !ok {
		return linli.Errorf(linli.EInvalid, "%s", textReportBadScore)
	}
	var assignee string
	_, _, err = h.Reports.UpdateReport(id, func(r *linli.Report, _ []*linli.Report) error {
		if err := h.checkOwn(req, r, "评价"); err != nil {
			return err
		}
		if r.Status != linli.ReportResolved {
			return linli.Errorf(linli.EConflict, "%s", textReportNotResolved(id, r.Status))
		}
		r.Rating, r.Comment, r.RatedAt = score, comment, req.Now
		r.Log(req.Now, req.Msg.Sender, "rated", fmt.Sprintf("%d分 %s", score, comment))
		assignee = r.ResolvedBy
		return nil
	})
	if err != nil {
		return err
	}
	if assignee != "" {
		if err := h.tell(assignee, textReportRatedWorker(id, score, comment), nil, ""); err != nil {
			return err
		}
	}
	return h.tell(req.Msg.Sender, textReportRated(id, score), nil, "")
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
	return n, chinesePunct(cutRunes(strings.TrimSpace(rest), 200)), true
}
