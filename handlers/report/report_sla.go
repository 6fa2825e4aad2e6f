package report

import (
	"encoding/json"
	"fmt"
	"time"

	"linli"
)

// SLA of a report: the ladder of its category (linli.Config.LadderFor; by
// default the worker at 80% of its time, the grid's supervisor at the
// deadline, the staff group one more period later), then, until it is
// resolved, the supervisor every day at [ladder] daily. Step n (from 1) is
// a one-off job keyed slaKey(id, n); the payload carries the report's Round
// so that a job left over from an earlier SLA clock does nothing, and the
// report's Stage (steps done) makes each step happen once per round even
// when a job runs again after a crash (its messages carry linli.JobKey).
//
// A step's job that runs when later steps are due as well (the bot was
// down) tells everyone a passed step would have reached, once each, with
// the latest such step's message saying how late the report is now, and
// records the steps it passed over: nobody gets "将在…到期" after that
// moment has passed, and nobody is left out.

// slaPayload is the payload of a report.sla job. Daily marks the daily
// reminder after the ladder.
type slaPayload struct {
	ID    uint64 `json:"id"`
	Stage int    `json:"stage"`
	Round int    `json:"round"`
	Daily bool   `json:"daily,omitempty"`
}

// slaKey is the job key of step stage of report id. The first three keep
// the names they had when the ladder was fixed, so that jobs stored by an
// earlier version are replaced, not doubled.
func slaKey(id uint64, stage int) string {
	switch stage {
	case 1:
		return fmt.Sprintf("report:%d:sla:80", id)
	case 0:
		return fmt.Sprintf("report:%d:daily", id)
	}
	return fmt.Sprintf("report:%d:esc%d", id, stage-1)
}

// slaDailyKey is the job key of report id's daily reminder.
func slaDailyKey(id uint64) string { return slaKey(id, 0) }

// ladderOf returns the ladder that applies to r and its time to resolve.
func (h *Family) ladderOf(r *linli.Report) ([]linli.LadderStep, time.Duration) {
	return h.Config.LadderFor(r.Category), h.slaOf(r)
}

// slaOf is the time r has to be resolved: its unit's when 转办 to one with
// an SLA of its own, else its category's. A 安全隐患 keeps its category's
// time even with a unit: handing it on never buys time.
func (h *Family) slaOf(r *linli.Report) time.Duration {
	if r.Unit != "" && r.Category != emergencyCategory {
		if u, ok := h.Config.UnitNamed(r.Unit); ok && u.SLA > 0 {
			return time.Duration(u.SLA)
		}
	}
	return h.Config.SLAFor(r.Category)
}

// roundStart is when r's community clock started: its creation, or its
// last reopen (没修好 starts a new round). 转派, 改类, 转办 and a unit's 退回
// never move it.
func roundStart(r *linli.Report) time.Time {
	for i := len(r.History) - 1; i >= 0; i-- {
		if r.History[i].Action == linli.ReportReopened {
			return r.History[i].At
		}
	}
	return r.CreatedAt
}

// stepTime is when step s of the ladder falls for r.
func stepTime(r *linli.Report, s linli.LadderStep, sla time.Duration) time.Time {
	return r.SLAStart.Add(sla * time.Duration(s.Percent) / 100)
}

// armSLA schedules the steps of r's current round that have not happened
// yet (those already due are scheduled now), and the daily reminder when
// the ladder is done.
func (h *Family) armSLA(r *linli.Report, now time.Time) error {
	steps, sla := h.ladderOf(r)
	for i, s := range steps {
		stage := i + 1
		if r.Stage >= stage {
			continue
		}
		if err := h.scheduleSLA(r, slaPayload{ID: r.ID, Stage: stage, Round: r.Round}, stepTime(r, s, sla), now); err != nil {
			return err
		}
	}
	if r.Stage >= len(steps) {
		return h.armDaily(r, now)
	}
	return nil
}

// armDaily schedules r's next daily reminder, if the ladder has one.
func (h *Family) armDaily(r *linli.Report, now time.Time) error {
	hh, mm, ok := h.Config.LadderDaily()
	if !ok {
		return nil
	}
	loc := h.Config.Location
	l := now.In(loc)
	at := time.Date(l.Year(), l.Month(), l.Day(), hh, mm, 0, 0, loc)
	if !at.After(now) {
		at = at.AddDate(0, 0, 1)
	}
	return h.scheduleSLA(r, slaPayload{ID: r.ID, Round: r.Round, Daily: true}, at, now)
}

func (h *Family) scheduleSLA(r *linli.Report, p slaPayload, at, now time.Time) error {
	if at.Before(now) {
		at = now
	}
	key, note := slaKey(r.ID, p.Stage), fmt.Sprintf("上报#%d 第%d步", r.ID, p.Stage)
	if p.Daily {
		key, note = slaDailyKey(r.ID), fmt.Sprintf("上报#%d 每日督办", r.ID)
	}
	payload, _ := json.Marshal(p)
	_, err := h.Scheduler.Schedule(linli.Job{Key: key, Kind: reportSLAJobKind, At: at, Payload: payload, Note: note})
	if err != nil {
		return fmt.Errorf("report %d: schedule %s: %w", r.ID, key, err)
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

// cancelSLA drops the pending steps and daily reminder of report id (of
// every category's ladder: the report may have changed category).
func (h *Family) cancelSLA(id uint64) error {
	n := len(h.Config.LadderFor(""))
	for _, c := range linli.Categories {
		n = max(n, len(h.Config.LadderFor(c)))
	}
	for stage := 0; stage <= max(n, linli.SLAEscalated2); stage++ {
		if err := h.Scheduler.Cancel(slaKey(id, stage)); err != nil {
			return fmt.Errorf("report %d: cancel %s: %w", id, slaKey(id, stage), err)
		}
	}
	return nil
}

// runReportSLA sends one SLA message, then records it on the report.
// Sending first is safe: a re-run after a crash sends under the same keys,
// which the outbox drops, and then records.
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
	steps, sla := h.ladderOf(r)
	if !r.Open() || r.DuplicateOf != 0 || r.Round != p.Round {
		return nil
	}
	now := h.Clock.Now()
	if now.Before(occ) {
		now = occ
	}
	if end, quiet := h.Config.QuietEnd(now); quiet && r.Category != emergencyCategory {
		// [ladder] quiet: nobody is woken for a report that can wait (a
		// 安全隐患 never waits); the step runs, merged with any later one
		// due by then, when the quiet hours end.
		return h.scheduleSLA(r, p, end, now)
	}
	key := func(part string) string { return linli.JobKey(job, occ, fmt.Sprintf("r%d:%s", p.Round, part)) }
	if p.Daily {
		if r.Stage < len(steps) {
			return nil // the ladder was restarted (改类): its own steps come first
		}
		if err := h.tellStep(r, linli.LadderStep{To: linli.LadderSupervisor}, true, now, key); err != nil {
			return err
		}
		return h.armDaily(r, now)
	}
	if r.Stage >= p.Stage || p.Stage > len(steps) {
		return nil
	}
	// The latest step due now: the ones before it are passed over. Each
	// one's recipient is told once, with the message of the latest passed
	// step that reaches them, saying how late the report is now.
	last := p.Stage
	for last < len(steps) && !stepTime(r, steps[last], sla).After(now) {
		last++
	}
	latest := map[string]int{}
	for i := r.Stage; i < last; i++ {
		latest[h.stepRecipient(r, steps[i])] = i
	}
	for i := r.Stage; i < last; i++ {
		if latest[h.stepRecipient(r, steps[i])] != i {
			continue
		}
		if err := h.tellStep(r, steps[i], false, now, key); err != nil {
			return err
		}
	}
	r, _, err = h.Reports.UpdateReport(p.ID, func(r *linli.Report, _ []*linli.Report) error {
		if r.Round != p.Round || r.Stage >= last {
			return nil
		}
		for i := r.Stage; i < last; i++ {
			s := steps[i]
			action, note := "escalated", h.stepNote(r, s)
			if s.To == linli.LadderAssignee {
				action, note = "reminded", "" // 到期提醒网格员
			} else {
				r.Escalations++
			}
			if i < last-1 {
				note += textReportStepMerged
			}
			r.Log(stepTime(r, s, sla), "", action, note)
		}
		r.Stage = last
		return nil
	})
	if err != nil || r == nil || r.Stage < len(steps) {
		return err
	}
	return h.armDaily(r, now)
}

// stepRecipient names who step s reaches for r (as tellStep sends it),
// so that merged steps tell each recipient once.
func (h *Family) stepRecipient(r *linli.Report, s linli.LadderStep) string {
	switch s.To {
	case linli.LadderAssignee:
		if u, ok := h.Config.UnitNamed(r.Unit); ok && r.Unit != "" && u.Contact != "" {
			return "user:" + u.Contact
		}
		return "user:" + r.Assignee
	case linli.LadderSupervisor:
		if sup := h.supervisorOf(r.Grid); sup != "" {
			return "user:" + sup
		}
		return "staff"
	case linli.LadderHigher:
		return "higher"
	}
	if g := h.Config.StaffGroup; g != "" {
		return "group:" + g
	}
	return "staff"
}

// stepNote is who step s told, for the report's history.
func (h *Family) stepNote(r *linli.Report, s linli.LadderStep) string {
	switch s.To {
	case linli.LadderAssignee:
		return r.Assignee
	case linli.LadderSupervisor:
		if sup := h.supervisorOf(r.Grid); sup != "" {
			return sup
		}
		return "社工"
	case linli.LadderHigher:
		if h.Config.Ladder.Higher != "" {
			return h.Config.Ladder.Higher
		}
		return "告警"
	}
	if g := h.Config.StaffGroup; g != "" {
		return g
	}
	return "社工"
}

// tellStep sends the message of step s (daily: the daily reminder) about r
// at now.
func (h *Family) tellStep(r *linli.Report, s linli.LadderStep, daily bool, now time.Time, key func(string) string) error {
	loc := h.Config.Location
	switch {
	case daily:
		return h.teller().Person(h.supervisorOf(r.Grid), textReportDaily(r, now, loc), nil, key("daily"))
	case s.To == linli.LadderAssignee:
		to := r.Assignee
		if u, ok := h.Config.UnitNamed(r.Unit); ok && r.Unit != "" && u.Contact != "" {
			to = u.Contact // the unit's contact answers like a worker
		}
		return h.teller().Person(to, textReportReminder(r, now, loc), nil, key("worker"))
	case s.To == linli.LadderSupervisor:
		return h.teller().Person(h.supervisorOf(r.Grid), textReportEscalation1(r, now, loc), nil, key("supervisor"))
	case s.To == linli.LadderHigher:
		text := textReportHigher(h.Config.Community, r, now, loc)
		if c := h.Config.Ladder.Higher; c != "" { // a configured contact: privately, never in a group
			if err := h.Out.Send(linli.Outgoing{To: linli.Chat{User: c}, Text: text, Key: key("higher"), Private: true}); err != nil {
				return err
			}
		}
		if h.Alert != nil {
			h.Alert(text)
		}
		return nil
	}
	text := textReportEscalation2(r, now, loc)
	if g := h.Config.StaffGroup; g != "" {
		return h.Out.Send(linli.Outgoing{To: linli.Chat{Group: g}, Text: text, Key: key("staff")})
	}
	return h.teller().Staff(text, key("staff"))
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
