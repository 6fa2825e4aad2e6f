package report

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

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
func (h *Family) reportAddPlace(ctx context.Context, req *linli.Request) error {
	if req.Args == "" {
		if !req.Msg.Addressed {
			return linli.ErrNotCommand // "补充" said alone in passing
		}
		return linli.Errorf(linli.EInvalid, "%s", textReportPlaceUsage)
	}
	asked := req.Msg.Addressed || req.Msg.Role != linli.RoleResident
	spelled := strings.HasPrefix(strings.TrimPrefix(req.Msg.Norm, req.Command), " ")
	id, rest, ok := parseID(req.Args)
	if !ok { // "补充 楼道灯在5号楼": which report?
		if !asked && !spelled {
			return linli.ErrNotCommand // "补充一点，…"
		}
		return linli.Errorf(linli.EInvalid, "%s", h.placeUsage(req, 0, req.Args))
	}
	place, b := h.Lexicon.Place(rest)
	if place == "" {
		if !asked && (rest != "" || !spelled) {
			return linli.ErrNotCommand // "补充 2 点意见"
		}
		return linli.Errorf(linli.EInvalid, "%s", h.placeUsage(req, id, ""))
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
		if err := h.teller().Person(r.Assignee, textReportPlaceWorker(r.ID, place), nil, ""); err != nil {
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
		if err := h.teller().Person(old, textReportTransferredOld(r.ID, to), nil, ""); err != nil {
			return err
		}
	}
	return req.Reply(textReportPlaceAdded(r.ID, place, to.Name))
}

// placeUsage is the usage of 补充 with an example made of what the sender
// gave: their report's number (id, else their latest open report's) and
// the place in text, if any.
func (h *Family) placeUsage(req *linli.Request, id uint64, text string) string {
	if id == 0 {
		list, err := h.Reports.ReporterReports(req.Msg.Sender)
		list = slices.DeleteFunc(list, func(r *linli.Report) bool { return !r.Open() })
		if err != nil || len(list) == 0 {
			return textReportPlaceUsage
		}
		id = list[len(list)-1].ID
	}
	place, _ := h.Lexicon.Place(text)
	if place == "" {
		place = "3号楼"
	}
	return textReportPlaceUsageFor(id, place)
}

// reportPlaceWindow is how long after a report without a place a message
// that is only a place ("5号楼") answers the question where it is.
const reportPlaceWindow = 10 * time.Minute

// reportPlaceHook takes a message that is nothing but a place ("5号楼",
// "3栋2单元", "东门") from a resident whose report of the last 10 minutes,
// made in the same chat or privately (where the question was asked), was
// acknowledged with "在哪一栋？": it is 补充 <编号> <地点>. The pending
// question is not stored apart: it is the report itself (no place, no
// building, recent), so it survives a restart and ends once answered.
func (h *Family) reportPlaceHook(ctx context.Context, req *linli.Request) (bool, error) {
	m := req.Msg
	if m.Norm == "" || m.Image != nil || m.Role != linli.RoleResident || h.Reports == nil {
		return false, nil
	}
	place, _ := h.Lexicon.Place(m.Norm)
	if place == "" || !h.Lexicon.BarePlace(m.Norm) || []rune(m.Norm)[0] == '补' {
		return false, nil
	}
	recent, err := h.Reports.RecentReports(req.Now.Add(-reportPlaceWindow))
	if err != nil {
		return false, err
	}
	var r *linli.Report
	for _, x := range recent {
		if x.Reporter == m.Sender && x.Open() && x.DuplicateOf == 0 && x.Place == "" && x.Building == 0 &&
			(x.Group == m.Group || m.Private()) {
			r = x
		}
	}
	if r == nil {
		return false, nil
	}
	req.Command, req.Args = "补充", fmt.Sprintf("%d %s", r.ID, m.Norm)
	return true, h.reportAddPlace(ctx, req)
}
