package report

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
func (h *Family) mayAct(req *linli.Request, r *linli.Report) bool {
	who := req.Msg.Sender
	if u, ok := h.unitOf(req); ok {
		return r.Unit == u.Name // a unit's contact: the reports 转办 to the unit
	}
	if req.Msg.Role.IsStaff() || who == r.Assignee {
		return true
	}
	g, ok := h.Config.GridByName(r.Grid)
	return ok && (g.Worker == who || g.Supervisor == who)
}

// checkAct returns the error for someone who may not work on r, or for a
// duplicate (its original is the one to work on).
func (h *Family) checkAct(req *linli.Request, r *linli.Report) error {
	if !h.mayAct(req, r) {
		if u, ok := h.unitOf(req); ok {
			return linli.Errorf(linli.EForbidden, textReportNotYourUnit, r.ID, u.Name)
		}
		return linli.Errorf(linli.EForbidden, textReportNotYourGrid, r.ID, r.Grid)
	}
	if r.DuplicateOf != 0 {
		return linli.Errorf(linli.EConflict, textReportIsDuplicate, r.ID, r.DuplicateOf, r.DuplicateOf)
	}
	return nil
}

// reportAccept handles "受理 <编号>", also several: "受理 1 2 3" accepts
// each and answers once, one line per report that could not be accepted.
func (h *Family) reportAccept(ctx context.Context, req *linli.Request) error {
	ids := leadingIDs(req.Args)
	if len(ids) <= 1 {
		id, _, err := idOrUsage(req, textReportAcceptUsage)
		if err != nil {
			return err
		}
		if err := h.acceptOne(req, id); err != nil {
			return err
		}
		if req.Msg.Web {
			return req.Reply(textReportAcceptedWeb(id))
		}
		return req.Reply(textReportAccepted(id))
	}
	var done []uint64
	var failed []string
	for _, id := range ids {
		err := h.acceptOne(req, id)
		switch {
		case err == nil:
			done = append(done, id)
		case linli.ErrorCode(err) == linli.EInternal:
			return err
		default:
			failed = append(failed, linli.ErrorMessage(err))
		}
	}
	return req.Reply(textReportAcceptedMany(done, failed))
}

// acceptOne accepts report id (and its open duplicates) for the sender and
// tells the reporter.
func (h *Family) acceptOne(req *linli.Request, id uint64) error {
	var linked []*linli.Report
	_, _, err := h.Reports.UpdateReport(id, func(r *linli.Report, dups []*linli.Report) error {
		if err := h.checkAct(req, r); err != nil {
			return err
		}
		if r.Status != linli.ReportSubmitted && r.Status != linli.ReportReopened {
			return linli.Errorf(linli.EConflict, "%s", textReportState(id, r.Status, "受理"))
		}
		linked = append([]*linli.Report{r}, openOf(dups)...)
		for _, x := range linked {
			x.Status, x.AcceptedAt = linli.ReportAccepted, req.Now
			x.Log(req.Now, req.Msg.Sender, linli.ReportAccepted, "")
		}
		return nil
	})
	if err != nil {
		return h.workerNotFound(err, id)
	}
	if u, ok := h.unitOf(req); ok {
		if err := h.teller().Person(linked[0].Assignee, textReportUnitAcceptedWorker(id, u.Name), nil, ""); err != nil {
			return err
		}
		return h.tellLinked(linked, textReportUnitAcceptedReporter(u.Name))
	}
	return h.tellLinked(linked, textReportAcceptedReporter)
}

// tellLinked tells the reporter of each of reports (a report and its
// linked duplicates) text about their own report, once per person.
func (h *Family) tellLinked(reports []*linli.Report, text func(id uint64) string) error {
	told := map[string]bool{}
	for _, x := range reports {
		if told[x.Reporter] {
			continue
		}
		told[x.Reporter] = true
		if err := h.teller().Person(x.Reporter, text(x.ID), nil, ""); err != nil {
			return err
		}
	}
	return nil
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
func (h *Family) reportResolve(ctx context.Context, req *linli.Request) error {
	return h.closeReport(req, linli.ReportResolved, textReportResolveUsage, "办结")
}

// reportReject handles "退回 <编号> <原因>".
func (h *Family) reportReject(ctx context.Context, req *linli.Request) error {
	if u, ok := h.unitOf(req); ok {
		return h.unitReturn(req, u) // back to the community, not to the resident
	}
	return h.closeReport(req, linli.ReportRejected, textReportRejectUsage, "退回")
}

// closeReport resolves or rejects a report and its open duplicates, stops
// its SLA alerts and tells every reporter. A 退回 reason is the worker's
// own words about a resident ("经核实是2栋301自家门口的灯"): it goes only
// privately; a reporter who is not the bot's friend is told in the group
// that the report was sent back and how to read the reason privately.
func (h *Family) closeReport(req *linli.Request, status, usage, step string) error {
	id, note, err := noteIDOrUsage(req, usage)
	if err != nil {
		return err
	}
	if onlyIDs(note) {
		return linli.Errorf(linli.EInvalid, textReportOneAtATime, step, usage) // "办结 1 2 3"
	}
	note = cutRunes(asTyped(req, note), reportMaxRunes)
	if note == "" {
		return linli.Errorf(linli.EInvalid, "%s", usage)
	}
	var photos []string // taken just before 办结: they go with it
	if status == linli.ReportResolved {
		if photos, err = h.pendingPhotos(req.Msg.Sender, req.Now); err != nil {
			return err
		}
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
				x.ResolvedAt, x.ResolvedBy, x.ResolImages = req.Now, req.Msg.Sender, slices.Clone(photos)
			}
			x.Log(req.Now, req.Msg.Sender, status, note)
		}
		return nil
	})
	if err != nil {
		return h.workerNotFound(err, id)
	}
	if err := h.cancelSLA(r.ID); err != nil {
		return err
	}
	if status == linli.ReportResolved && h.Participation != nil {
		for _, x := range closed { // a failure is logged: the report stays resolved
			if err := h.Participation.ReportResolved(*x, req.Now); err != nil {
				h.Logger.Error("participation of a resolved report", "report", x.ID, "err", err)
			}
		}
	}
	withheld := false // a 退回 reason kept out of a group
	// One message per person: a resident who reported the same thing four
	// times hears once, about their first report, with the others named.
	mine := map[string][]uint64{}
	for _, x := range closed {
		mine[x.Reporter] = append(mine[x.Reporter], x.ID)
	}
	for _, x := range closed {
		ids := mine[x.Reporter]
		if ids[0] != x.ID {
			continue
		}
		also := textReportAlsoClosed(ids[1:])
		var err error
		switch {
		case status == linli.ReportResolved && h.teller().Reachable(x.Reporter):
			err = h.Out.Send(linli.Outgoing{To: linli.Chat{User: x.Reporter}, Text: textReportResolvedReporter(x.ID, note) + also, Private: true})
		case status == linli.ReportResolved:
			// the worker's note names households and phone numbers: never in a group
			err = h.teller().Person(x.Reporter, textReportResolvedPublic(h.Config.BotName, x.ID)+also, nil, "")
		case h.teller().Reachable(x.Reporter):
			err = h.Out.Send(linli.Outgoing{To: linli.Chat{User: x.Reporter}, Text: textReportRejectedReporter(x.ID, note) + also, Private: true})
		default:
			withheld = true
			err = h.teller().Person(x.Reporter, textReportRejectedPublic(h.Config.BotName, x.ID)+also, nil, "")
		}
		for i, name := range photos {
			if err == nil {
				media := h.reportMedia(x.ID, "办结", i+1, name)
				err = h.teller().Person(x.Reporter, fmt.Sprintf(textReportResolPhotoForward, x.ID), media, "")
			}
		}
		if err != nil {
			return err
		}
	}
	if status == linli.ReportRejected {
		return req.Reply(textReportRejected(r.ID, withheld))
	}
	if len(photos) > 0 {
		if err := h.usePendingPhotos(req.Msg.Sender); err != nil {
			return err
		}
	}
	if u, ok := h.unitOf(req); ok {
		if err := h.teller().Person(r.Assignee, textReportUnitResolvedWorker(r.ID, u.Name, note), nil, ""); err != nil {
			return err
		}
	}
	if req.Msg.Web { // the page sends its photos right after, and shows them
		return req.Reply(textReportResolvedWeb(r.ID, len(closed)-1))
	}
	return req.Reply(textReportResolved(r.ID, len(closed)-1, len(photos)))
}

// reportTransfer handles "转派 <编号> <网格>": a new grid and a new worker,
// with the same deadline: the SLA clock never restarts on 转派 (else 转派
// back and forth would move any deadline at will). The supervisors of
// both grids are told of the 转派 of an overdue report.
func (h *Family) reportTransfer(ctx context.Context, req *linli.Request) error {
	if err := h.notForUnits(req); err != nil {
		return err
	}
	id, name, err := idOrUsage(req, textReportTransferUsage(h.Config.Grids))
	if err != nil {
		return err
	}
	if name == "" {
		return linli.Errorf(linli.EInvalid, "%s", textReportTransferUsage(h.Config.Grids))
	}
	g, ok := h.gridNamed(name)
	if !ok {
		return linli.Errorf(linli.EInvalid, "%s", textReportUnknownGrid(name, h.Config.Grids))
	}
	var old, oldGrid string
	var linked []*linli.Report
	r, _, err := h.Reports.UpdateReport(id, func(r *linli.Report, dups []*linli.Report) error {
		if err := h.checkAct(req, r); err != nil {
			return err
		}
		if !r.Open() {
			return linli.Errorf(linli.EConflict, "%s", textReportState(id, r.Status, "转派"))
		}
		linked = append([]*linli.Report{r}, openOf(dups)...)
		if r.Grid == g.Name {
			return linli.Errorf(linli.EConflict, "%s", textReportTransferSame(id, g.Name))
		}
		old, oldGrid = r.Assignee, r.Grid
		for _, x := range append(openOf(dups), r) {
			x.Grid, x.Assignee = g.Name, g.Worker
			if x.Status == linli.ReportAccepted {
				x.Status = linli.ReportSubmitted
			}
		}
		r.Log(req.Now, req.Msg.Sender, "transferred", g.Name)
		return nil
	})
	if err != nil {
		return h.workerNotFound(err, id)
	}
	if err := h.armSLA(r, req.Now); err != nil {
		return err
	}
	if err := h.alertWorker(r, textReportAlertTransfer); err != nil {
		return err
	}
	if old != "" && old != req.Msg.Sender && old != g.Worker {
		if err := h.teller().Person(old, textReportTransferredOld(r.ID, g), nil, ""); err != nil {
			return err
		}
	}
	if err := h.tellLinked(linked, func(id uint64) string { return textReportTransferredReporter(id, g) }); err != nil {
		return err
	}
	if req.Now.After(r.Deadline) {
		text := textReportTransferOverdue(r, req.Msg.Sender, oldGrid, req.Now, h.Config.Location)
		if err := h.tellSupervisors(req.Msg.Sender, text, oldGrid, g.Name); err != nil {
			return err
		}
	}
	return req.Reply(textReportTransferred(r.ID, g, r.Deadline.In(h.Config.Location)))
}

// tellSupervisors tells the supervisors of grids text, each once, except
// the sender (who knows).
func (h *Family) tellSupervisors(sender, text string, grids ...string) error {
	told := map[string]bool{sender: true}
	for _, grid := range grids {
		sup := h.supervisorOf(grid)
		if told[sup] {
			continue
		}
		told[sup] = true
		if err := h.teller().Person(sup, text, nil, ""); err != nil {
			return err
		}
	}
	return nil
}

// restartSLA starts a new SLA round for r from now.
func (h *Family) restartSLA(r *linli.Report, req *linli.Request) {
	r.Round++
	r.Stage = 0
	r.SLAStart = req.Now
	r.Deadline = req.Now.Add(h.slaOf(r))
}

// gridNamed finds a grid by name ("第二网格", also "二网格") or by its worker.
func (h *Family) gridNamed(name string) (linli.Grid, bool) {
	for _, g := range h.Config.Grids {
		if g.Name == name || strings.TrimPrefix(g.Name, "第") == name || g.Worker == name {
			return g, true
		}
	}
	return linli.Grid{}, false
}

// reportRecategorize handles "改类 <编号> <类别>": the deadline follows the
// new category's SLA counted from the report's creation (from the reopen
// for a reopened report: its new round), never from the 改类. The grid's
// supervisor is told of every 改类, and plainly when it gives a 安全隐患
// more time.
func (h *Family) reportRecategorize(ctx context.Context, req *linli.Request) error {
	if err := h.notForUnits(req); err != nil {
		return err
	}
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
	var oldCat string
	var oldDeadline time.Time
	r, _, err := h.Reports.UpdateReport(id, func(r *linli.Report, dups []*linli.Report) error {
		if err := h.checkAct(req, r); err != nil {
			return err
		}
		if r.Category == cat {
			return linli.Errorf(linli.EConflict, textReportAlreadyCategorized, id, cat)
		}
		r.Log(req.Now, req.Msg.Sender, "recategorized", r.Category+" → "+cat)
		oldCat, oldDeadline = r.Category, r.Deadline
		for _, x := range append(dups, r) {
			x.Category = cat
		}
		if r.Unit == "" || r.Category == emergencyCategory {
			r.SLAStart = roundStart(r) // a unit's own promise runs from its 转办
		}
		r.Deadline = r.SLAStart.Add(h.slaOf(r))
		return nil
	})
	if err != nil {
		return h.workerNotFound(err, id)
	}
	if r.Open() {
		if err := h.armSLA(r, req.Now); err != nil {
			return err
		}
	}
	loc := h.Config.Location
	laxer := oldCat == emergencyCategory && r.Deadline.After(oldDeadline)
	if r.Open() {
		text := textReportRecategorizedSupervisor(r, req.Msg.Sender, oldCat, oldDeadline, laxer, loc)
		if err := h.tellSupervisors(req.Msg.Sender, text, r.Grid); err != nil {
			return err
		}
	}
	return req.Reply(textReportRecategorized(r.ID, cat, r.Deadline.In(loc), laxer && r.Open()))
}
