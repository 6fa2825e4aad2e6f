package report

import (
	"encoding/json"
	"fmt"
	"time"

	"linli"
)

// SLA of a report: at 80% of its time the worker is reminded
// (linli.SLAReminded), at the deadline the grid's supervisor is alerted
// (SLAEscalated1), one more period later the staff are told (SLAEscalated2).
// Each is a one-off job keyed "report:<id>:sla:80", ":esc1", ":esc2"; the
// payload carries the report's Round so that a job left over from an
// earlier SLA clock does nothing, and the report's Stage makes each alert
// happen once per round even when a job runs again after a crash (its
// messages carry linli.JobKey).

// slaReminderPercent is how far into a report's time to resolve, in
// percent, its worker is reminded (linli.SLAReminded).
const slaReminderPercent = 80

// slaPayload is the payload of a report.sla job.
type slaPayload struct {
	ID    uint64 `json:"id"`
	Stage int    `json:"stage"`
	Round int    `json:"round"`
}

var slaSuffix = map[int]string{linli.SLAReminded: "sla:80", linli.SLAEscalated1: "esc1", linli.SLAEscalated2: "esc2"}

func slaKey(id uint64, stage int) string { return fmt.Sprintf("report:%d:%s", id, slaSuffix[stage]) }

// armSLA schedules the alerts of r's current round that have not happened
// yet; those already due are scheduled now.
func (h *Family) armSLA(r *linli.Report, now time.Time) error {
	sla := h.Config.SLAFor(r.Category)
	times := map[int]time.Time{
		linli.SLAReminded:   r.SLAStart.Add(sla * slaReminderPercent / 100),
		linli.SLAEscalated1: r.Deadline,
		linli.SLAEscalated2: r.Deadline.Add(sla),
	}
	for stage := linli.SLAReminded; stage <= linli.SLAEscalated2; stage++ {
		if r.Stage >= stage {
			continue
		}
		at := times[stage]
		if at.Before(now) {
			at = now
		}
		payload, _ := json.Marshal(slaPayload{ID: r.ID, Stage: stage, Round: r.Round})
		_, err := h.Scheduler.Schedule(linli.Job{Key: slaKey(r.ID, stage), Kind: reportSLAJobKind, At: at,
			Payload: payload, Note: fmt.Sprintf("上报#%d %s", r.ID, slaSuffix[stage])})
		if err != nil {
			return fmt.Errorf("report %d: schedule %s: %w", r.ID, slaSuffix[stage], err)
		}
	}
	return nil
}

// Jobs registers the SLA and image-question jobs.
func (h *Family) Jobs(s linli.Scheduler) error {
	s.Handle(reportSLAJobKind, h.runReportSLA)
	s.Handle(reportAskJobKind, h.runAskImage)
	s.Handle(reportSweepJobKind, h.runPhotoSweep)
	return nil
}

// cancelSLA drops the pending alerts of report id.
func (h *Family) cancelSLA(id uint64) error {
	for stage := linli.SLAReminded; stage <= linli.SLAEscalated2; stage++ {
		if err := h.Scheduler.Cancel(slaKey(id, stage)); err != nil {
			return fmt.Errorf("report %d: cancel %s: %w", id, slaSuffix[stage], err)
		}
	}
	return nil
}

// runReportSLA sends one SLA alert, then records it on the report. Sending
// first is safe: a re-run after a crash sends under the same keys, which
// the outbox drops, and then records.
func (h *Family) runReportSLA(job linli.Job, occ time.Time) error {
	var p slaPayload
	if err := json.Unmarshal(job.Payload, &p); err != nil {
		return fmt.Errorf("report sla job %d: payload: %w", job.ID, err)
	}
	r, err := h.Reports.Report(p.ID)
	if linli.ErrorCode(err) == linli.ENotFound {
		return nil
	}
	if err != nil {
		return err
	}
	if !r.Open() || r.DuplicateOf != 0 || r.Round != p.Round || r.Stage >= p.Stage {
		return nil
	}
	key := func(part string) string { return linli.JobKey(job, occ, fmt.Sprintf("r%d:%s", p.Round, part)) }
	sla := h.Config.SLAFor(r.Category)
	action, note := "escalated", ""
	switch p.Stage {
	case linli.SLAReminded:
		action = "reminded"
		err = h.teller().Person(r.Assignee, textReportReminder(r, h.Config.Location), nil, key("worker"))
	case linli.SLAEscalated1:
		sup := h.supervisorOf(r.Grid)
		note = sup
		if sup == "" {
			note = "社工"
		}
		err = h.teller().Person(sup, textReportEscalation1(r, sla), nil, key("supervisor"))
	case linli.SLAEscalated2:
		note = "社工"
		if g := h.Config.StaffGroup; g != "" {
			note = g
			err = h.Out.Send(linli.Outgoing{To: linli.Chat{Group: g}, Text: textReportEscalation2(r, sla), Key: key("staff")})
		} else {
			err = h.teller().Staff(textReportEscalation2(r, sla), key("staff"))
		}
	}
	if err != nil {
		return err
	}
	_, _, err = h.Reports.UpdateReport(p.ID, func(r *linli.Report, _ []*linli.Report) error {
		if r.Round != p.Round || r.Stage >= p.Stage {
			return nil
		}
		r.Stage = p.Stage
		if p.Stage >= linli.SLAEscalated1 {
			r.Escalations++
		}
		r.Log(occ, "", action, note)
		return nil
	})
	return err
}

// supervisorOf returns the supervisor of the named grid, else the first
// configured supervisor; "" means the staff.
func (h *Family) supervisorOf(grid string) string {
	if g, ok := h.Config.GridByName(grid); ok && g.Supervisor != "" {
		return g.Supervisor
	}
	for _, s := range h.Config.Staff {
		if s.Role == "supervisor" {
			return s.Name
		}
	}
	return ""
}
