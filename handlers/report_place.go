package handlers

import (
	"context"
	"fmt"

	"linli"
)

// A 随手拍 that says no place from a resident whose household is unknown is
// still created, for the default grid, so that nothing is lost if they never
// answer; the acknowledgement asks them once where it is ("补充 4 3号楼").
// A place in another grid then moves the report there.

// reportAddPlace handles "补充 <编号> <地点>" from the reporter of an open
// report: it records the place and, when the place's building belongs to
// another grid, hands the report to that grid's worker with a new SLA
// clock (the previous worker is told to drop it).
func (h *Handlers) reportAddPlace(ctx context.Context, req *linli.Request) error {
	if req.Args == "" {
		if !req.Msg.Addressed {
			return linli.ErrNotCommand // "补充" said alone in passing
		}
		return linli.Errorf(linli.EInvalid, "%s", textReportPlaceUsage)
	}
	id, rest, err := idOrUsage(req, textReportPlaceUsage)
	if err != nil {
		return err
	}
	place, b := placeOf(rest)
	if place == "" {
		if !req.Msg.Addressed && req.Msg.Role == linli.RoleResident {
			return linli.ErrNotCommand // "补充 2 点意见"
		}
		return linli.Errorf(linli.EInvalid, "%s", textReportPlaceUsage)
	}
	if b > 0 && !h.knownBuilding(b) {
		return linli.Errorf(linli.EInvalid, "%s", textReportUnknownBuilding(b, fmt.Sprintf("补充 %d 3号楼", id)))
	}
	var old string
	var to linli.Grid
	r, _, err := h.Reports.UpdateReport(id, func(r *linli.Report, dups []*linli.Report) error {
		if err := h.checkOwn(req, r, "补充"); err != nil {
			return err
		}
		if r.DuplicateOf != 0 {
			return linli.Errorf(linli.EConflict, "%s", textReportPlaceDup(id, r.DuplicateOf))
		}
		if !r.Open() {
			return linli.Errorf(linli.EConflict, "%s", textReportClosedFor(id, r.Status, "补充"))
		}
		r.Place = place
		if b > 0 {
			r.Building = b
		}
		r.Log(req.Now, req.Msg.Sender, "place", place)
		g, ok := h.Config.GridOf(b)
		if b == 0 || !ok || g.Name == r.Grid {
			return nil
		}
		old, to = r.Assignee, g
		for _, x := range append(openOf(dups), r) {
			x.Grid, x.Assignee = g.Name, g.Worker
			if x.Status == linli.ReportAccepted {
				x.Status = linli.ReportSubmitted
			}
		}
		h.restartSLA(r, req)
		r.Log(req.Now, "", "transferred", g.Name)
		return nil
	})
	if err != nil {
		return h.residentNotFound(err, id)
	}
	if to.Name == "" {
		if err := h.tell(r.Assignee, textReportPlaceWorker(r.ID, place), nil, ""); err != nil {
			return err
		}
		return req.Reply(textReportPlaceAdded(r.ID, place, ""))
	}
	if err := h.armSLA(r, req.Now); err != nil {
		return err
	}
	if err := h.alertWorker(r, textReportAlertPlace); err != nil {
		return err
	}
	if old != "" && old != to.Worker {
		if err := h.tell(old, textReportTransferredOld(r.ID, to), nil, ""); err != nil {
			return err
		}
	}
	return req.Reply(textReportPlaceAdded(r.ID, place, to.Name))
}
