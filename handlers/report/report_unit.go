package report

import (
	"context"
	"strings"

	"linli"
)

// Units (转办): most problems are fixed outside the community office, by
// the units of [[units]] (物业, 供电, 市政, 城管, 12345). A report 转办 to a
// unit stays the community's: it stays in 待办 (marked), its grid worker
// is told every step, and it is closed only by 办结. Its SLA clock restarts
// on the unit's own time to resolve; the ladder's assignee step goes to
// the unit's contact. A unit with a contact (a friend by 备注) gets the
// report privately with its photos and answers like a worker: 受理,
// 办结 <说明>, or 退回 <原因>, which hands the report back to the grid. For
// a unit reached by phone the worker records what it said with
// 回复 <编号> <单位说的>. The reporter is told each step in plain words.

// unitOf returns the unit whose contact sent req, if any (a grid worker or
// staff member is never treated as a unit's contact).
func (h *Family) unitOf(req *linli.Request) (linli.Unit, bool) {
	if req.Msg.Role.IsStaff() || h.isGridPerson(req.Msg.Sender) {
		return linli.Unit{}, false
	}
	return h.Config.UnitOfContact(req.Msg.Sender)
}

// isGridPerson reports whether name is a grid's worker or supervisor.
func (h *Family) isGridPerson(name string) bool {
	for _, g := range h.Config.Grids {
		if g.Worker == name || g.Supervisor == name {
			return true
		}
	}
	return false
}

// notForUnits refuses a command a unit's contact may not use.
func (h *Family) notForUnits(req *linli.Request) error {
	if u, ok := h.unitOf(req); ok {
		return linli.Errorf(linli.EForbidden, textReportUnitOnly, u.Name, req.Command)
	}
	return nil
}

// reportRefer handles "转办 <编号> <单位> [说明]".
func (h *Family) reportRefer(ctx context.Context, req *linli.Request) error {
	if err := h.notForUnits(req); err != nil {
		return err
	}
	id, rest, err := idOrUsage(req, h.referUsage())
	if err != nil {
		return err
	}
	name, note, _ := strings.Cut(strings.TrimSpace(rest), " ")
	if name == "" {
		return linli.Errorf(linli.EInvalid, "%s", h.referUsage())
	}
	u, ok := h.Config.UnitNamed(name)
	if !ok {
		return linli.Errorf(linli.EInvalid, "%s", textReportUnknownUnit(name, h.Config.Units))
	}
	if u.Contact != "" && !h.isFriend(u.Contact) {
		return linli.Errorf(linli.EConflict, textReportUnitNotFriend, u.Name, u.Contact, h.Config.BotName, id, u.Name)
	}
	note = cutRunes(asTyped(req, note), reportMaxRunes)
	var linked []*linli.Report
	r, _, err := h.Reports.UpdateReport(id, func(r *linli.Report, dups []*linli.Report) error {
		if err := h.checkAct(req, r); err != nil {
			return err
		}
		if !r.Open() {
			return linli.Errorf(linli.EConflict, "%s", textReportState(id, r.Status, "转办"))
		}
		if r.Unit == u.Name {
			return linli.Errorf(linli.EConflict, textReportReferSame, id, u.Name)
		}
		linked = append([]*linli.Report{r}, openOf(dups)...)
		for _, x := range linked {
			x.Unit = u.Name
			if x.Status == linli.ReportAccepted {
				x.Status = linli.ReportSubmitted // the unit has to take it
			}
		}
		if r.Category == emergencyCategory {
			r.Deadline = r.SLAStart.Add(h.slaOf(r)) // a 安全隐患 keeps its own, shorter clock
		} else {
			h.restartSLA(r, req) // the unit's promise, from now
		}
		r.Log(req.Now, req.Msg.Sender, "referred", strings.TrimSpace(u.Name+" "+note))
		return nil
	})
	if err != nil {
		return h.workerNotFound(err, id)
	}
	if err := h.armSLA(r, req.Now); err != nil {
		return err
	}
	loc := h.Config.Location
	if u.Contact != "" {
		if err := h.tellUnit(u, r, note); err != nil {
			return err
		}
	}
	if r.Assignee != "" && r.Assignee != req.Msg.Sender {
		if err := h.teller().Person(r.Assignee, textReportReferredWorker(r, u, req.Msg.Sender, loc), nil, ""); err != nil {
			return err
		}
	}
	if err := h.tellLinked(linked, func(id uint64) string { return textReportReferredReporter(id, u, r.Category, r.Deadline.In(loc)) }); err != nil {
		return err
	}
	return req.Reply(textReportReferred(r, u, loc))
}

// isFriend reports whether name has talked to the bot privately (a
// personal account can send privately only to its friends).
func (h *Family) isFriend(name string) bool {
	if h.Residents == nil {
		return false
	}
	p, err := h.Residents.Resident(name)
	return err == nil && p.Friend
}

// tellUnit sends the report to the unit's contact, privately, with photos.
// It names no reporter or household: the unit needs the place and the
// problem; the community keeps the resident.
func (h *Family) tellUnit(u linli.Unit, r *linli.Report, note string) error {
	send := func(text string, m *linli.Media) error {
		return h.Out.Send(linli.Outgoing{To: linli.Chat{User: u.Contact}, Text: text, Media: m, Private: true})
	}
	if err := send(textReportUnitAlert(h.Config.Community, r, u, note, h.Config.Location), nil); err != nil {
		return err
	}
	for i, name := range r.Images {
		if m := h.reportMedia(r.ID, "", i+1, name); m != nil {
			if err := send("", m); err != nil {
				return err
			}
		}
	}
	return nil
}

// reportUnitReply handles "回复 <编号> <单位的答复>": the worker records
// what a unit reached by phone said; the reporter is told. The first
// answer marks the report 受理 by the unit.
func (h *Family) reportUnitReply(ctx context.Context, req *linli.Request) error {
	if err := h.notForUnits(req); err != nil {
		return err
	}
	id, text, err := noteIDOrUsage(req, textReportUnitReplyUsage)
	if err != nil {
		return err
	}
	text = cutRunes(asTyped(req, text), reportMaxRunes)
	if text == "" {
		return linli.Errorf(linli.EInvalid, "%s", textReportUnitReplyUsage)
	}
	var linked []*linli.Report
	r, _, err := h.Reports.UpdateReport(id, func(r *linli.Report, dups []*linli.Report) error {
		if err := h.checkAct(req, r); err != nil {
			return err
		}
		if !r.Open() {
			return linli.Errorf(linli.EConflict, "%s", textReportState(id, r.Status, "回复"))
		}
		if r.Unit == "" {
			return linli.Errorf(linli.EConflict, textReportNotReferred, id, id)
		}
		text = strings.TrimSpace(strings.TrimPrefix(text, r.Unit)) // "回复 3 市政说周五换" → "说周五换"
		text = strings.TrimLeft(text, "说：: ")
		if text == "" {
			return linli.Errorf(linli.EInvalid, "%s", textReportUnitReplyUsage)
		}
		linked = append([]*linli.Report{r}, openOf(dups)...)
		for _, x := range linked {
			if x.Status != linli.ReportAccepted {
				x.Status, x.AcceptedAt = linli.ReportAccepted, req.Now
			}
		}
		r.Log(req.Now, req.Msg.Sender, "unit_reply", r.Unit+"："+text)
		return nil
	})
	if err != nil {
		return h.workerNotFound(err, id)
	}
	told := map[string]bool{}
	for _, x := range linked { // the answer privately; a group hears only that there is one
		if told[x.Reporter] {
			continue
		}
		told[x.Reporter] = true
		var err error
		if h.teller().Reachable(x.Reporter) {
			err = h.Out.Send(linli.Outgoing{To: linli.Chat{User: x.Reporter}, Text: textReportUnitReplyReporter(x.ID, r.Unit, text), Private: true})
		} else {
			err = h.teller().Person(x.Reporter, textReportUnitReplyPublic(h.Config.BotName, x.ID, r.Unit), nil, "")
		}
		if err != nil {
			return err
		}
	}
	return req.Reply(textReportUnitReplied(r.ID, r.Unit))
}

// unitReturn hands a report a unit sent back (退回 by its contact) to the
// grid: the community's SLA again, counted from the report's creation (or
// its last reopen) — a 退回 never restarts the clock, so a report that is
// late is late at once and the ladder says so; the worker told why, the
// reporter told plainly (the reason, the unit's words, goes privately only).
func (h *Family) unitReturn(req *linli.Request, u linli.Unit) error {
	id, reason, err := noteIDOrUsage(req, textReportRejectUsage)
	if err != nil {
		return err
	}
	reason = cutRunes(asTyped(req, reason), reportMaxRunes)
	if reason == "" {
		return linli.Errorf(linli.EInvalid, "%s", textReportRejectUsage)
	}
	var linked []*linli.Report
	r, _, err := h.Reports.UpdateReport(id, func(r *linli.Report, dups []*linli.Report) error {
		if err := h.checkAct(req, r); err != nil {
			return err
		}
		if !r.Open() {
			return linli.Errorf(linli.EConflict, "%s", textReportState(id, r.Status, "退回"))
		}
		linked = append([]*linli.Report{r}, openOf(dups)...)
		for _, x := range linked {
			x.Unit, x.Status = "", linli.ReportSubmitted
		}
		if start := roundStart(r); !start.Equal(r.SLAStart) {
			r.Round++ // the unit's clock is over: its pending steps do nothing
			r.Stage = 0
			r.SLAStart = start
		}
		r.Deadline = r.SLAStart.Add(h.slaOf(r))
		r.Log(req.Now, req.Msg.Sender, "unit_returned", u.Name+"："+reason)
		return nil
	})
	if err != nil {
		return h.workerNotFound(err, id)
	}
	if err := h.armSLA(r, req.Now); err != nil {
		return err
	}
	if err := h.teller().Person(r.Assignee, textReportUnitReturnedWorker(r, u, reason, h.Config.Location), nil, ""); err != nil {
		return err
	}
	if err := h.tellLinked(linked, textReportUnitReturnedReporter(u)); err != nil {
		return err
	}
	return req.Reply(textReportUnitReturned(r.ID))
}

// referUsage is 转办's usage, naming the configured units.
func (h *Family) referUsage() string {
	return textReportReferUsage(h.Config.Units)
}
