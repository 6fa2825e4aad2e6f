package signup

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"linli"
)

// Job kinds of activities. Job keys are "act:<id>:<part>", so publishing
// again or cancelling replaces or removes an activity's jobs.
const (
	jobRemind = "act.remind" // a reminder before the start
	jobClose  = "act.close"  // the sign-up deadline
	jobNext   = "act.next"   // a recurring activity's start: create the next occurrence
	jobAck    = "act.ack"    // tell a group who signed up in the last ackWindow
)

// actJob is the payload of every activity job.
type actJob struct {
	ID         uint64        `json:"id"`
	Before     time.Duration `json:"before,omitempty"`     // jobRemind
	Group      string        `json:"group,omitempty"`      // jobAck
	List       bool          `json:"list,omitempty"`       // jobAck: post the group's 接龙 as it stands
	Unrecorded []string      `json:"unrecorded,omitempty"` // jobAck: lines of the latest 接龙 nobody signed up with
}

// Jobs registers the activity jobs: reminders, deadlines, recurrences and
// the gathered group acknowledgements.
func (h *Family) Jobs(s linli.Scheduler) error {
	s.Handle(jobRemind, h.runReminder)
	s.Handle(jobClose, h.runClose)
	s.Handle(jobNext, h.runNext)
	s.Handle(jobAck, h.runAck)
	return nil
}

func actKey(id uint64, part string) string { return fmt.Sprintf("act:%d:%s", id, part) }

func remindPart(d time.Duration) string {
	if d%time.Hour == 0 {
		return "remind:" + strconv.Itoa(int(d/time.Hour)) + "h"
	}
	return "remind:" + strconv.Itoa(int(d/time.Minute)) + "m"
}

// schedule stores the one-off job key (replacing it), or cancels it when at
// is not after now.
func (h *Family) schedule(key, kind string, at, now time.Time, p actJob) error {
	if !at.After(now) {
		return h.Scheduler.Cancel(key)
	}
	payload, _ := json.Marshal(p)
	_, err := h.Scheduler.Schedule(linli.Job{Key: key, Kind: kind, At: at, Payload: payload})
	return err
}

// scheduleActivityJobs (re)schedules a's reminders, deadline and, for a
// recurring activity, the creation of its next occurrence.
func (h *Family) scheduleActivityJobs(a *linli.Activity, now time.Time) error {
	for _, d := range h.Config.Activities.Reminders {
		before := time.Duration(d)
		if err := h.schedule(actKey(a.ID, remindPart(before)), jobRemind, a.StartsAt.Add(-before), now, actJob{ID: a.ID, Before: before}); err != nil {
			return err
		}
	}
	if err := h.schedule(actKey(a.ID, "close"), jobClose, a.Deadline, now, actJob{ID: a.ID}); err != nil {
		return err
	}
	if a.Repeat == "" {
		return h.Scheduler.Cancel(actKey(a.ID, "next"))
	}
	return h.schedule(actKey(a.ID, "next"), jobNext, a.StartsAt, now, actJob{ID: a.ID})
}

// cancelActivityJobs removes the jobs of a; with keepSeries, not the one
// that creates the next occurrence of its series.
func (h *Family) cancelActivityJobs(a *linli.Activity, keepSeries bool) error {
	keys := []string{actKey(a.ID, "close")}
	if !keepSeries {
		keys = append(keys, actKey(a.ID, "next"))
	}
	for _, d := range h.Config.Activities.Reminders {
		keys = append(keys, actKey(a.ID, remindPart(time.Duration(d))))
	}
	for _, g := range a.Groups {
		keys = append(keys, actKey(a.ID, "ack:"+g))
	}
	for _, k := range keys {
		if err := h.Scheduler.Cancel(k); err != nil {
			return err
		}
	}
	return nil
}

// loadJob decodes a job's payload and loads its activity.
func (h *Family) loadJob(job linli.Job) (actJob, *linli.Activity, error) {
	var p actJob
	if err := json.Unmarshal(job.Payload, &p); err != nil {
		return p, nil, fmt.Errorf("activity job %d: %w", job.ID, err)
	}
	a, err := h.activity(p.ID)
	return p, a, err
}

// runReminder sends one message per target group naming (@) the confirmed
// participants. After downtime only the latest due reminder is sent.
func (h *Family) runReminder(job linli.Job, occ time.Time) error {
	p, a, err := h.loadJob(job)
	if err != nil {
		return err
	}
	now := h.Clock.Now()
	if st := a.State(now); st == linli.ActivityCancelled || st == linli.ActivityDraft || a.Started(now) {
		return nil
	}
	for _, d := range h.Config.Activities.Reminders {
		if time.Duration(d) < p.Before && !a.StartsAt.Add(-time.Duration(d)).After(now) {
			return nil // a later reminder is due too; it speaks for both
		}
	}
	signups, err := h.Activities.Signups(a.ID)
	if err != nil {
		return err
	}
	confirmed := func(s *linli.Signup) bool { return s.Status == linli.SignupConfirmed }
	au := h.participantsOf(a, signups, confirmed)
	party := map[string]int{}
	for _, s := range signups {
		if confirmed(&s) {
			party[s.Resident] = s.PartySize
		}
	}
	for _, g := range a.Groups {
		names := au.byGroup[g]
		if len(names) == 0 {
			continue
		}
		people := 0
		for _, n := range names {
			people += party[n]
		}
		out := linli.Outgoing{To: linli.Chat{Group: g}, Text: textReminder(a, people, now), Key: linli.JobKey(job, occ, g), Alone: true}
		if err := h.teller().Mentions(out, names); err != nil {
			return err
		}
	}
	for _, n := range au.direct {
		out := linli.Outgoing{To: linli.Chat{User: n}, Text: textReminderPersonal(a, party[n], now), Key: linli.JobKey(job, occ, "u:"+n)}
		if err := h.Out.Send(out); err != nil {
			return err
		}
	}
	return nil
}

// runClose closes sign-up at the deadline and tells the publisher the count.
func (h *Family) runClose(job linli.Job, occ time.Time) error {
	_, a, err := h.loadJob(job)
	now := h.Clock.Now()
	if err != nil || a.Status != linli.ActivityOpen || now.Before(a.Deadline) || !a.Allows(linli.ActivityClosed, now) {
		return err // closed already (截止报名), cancelled, or over after downtime: the count is old news
	}
	a, _, err = h.Activities.UpdateActivity(a.ID, now, func(a *linli.Activity) error {
		a.Status = linli.ActivityClosed
		return nil
	})
	if err != nil || a.CreatedBy == "" {
		return err
	}
	return h.Out.Send(linli.Outgoing{To: linli.Chat{User: a.CreatedBy}, Text: textClosedSummary(h.local(a), waitPeople(a)),
		Key: linli.JobKey(job, occ, "summary")})
}

// runNext creates and announces the next occurrence of a recurring activity
// when the current one starts (or would have: an occurrence cancelled on its
// own keeps its series). After downtime it skips to the first occurrence
// still ahead.
func (h *Family) runNext(job linli.Job, occ time.Time) error {
	_, a, err := h.loadJob(job)
	if err != nil || a.Repeat == "" {
		return err
	}
	now := h.Clock.Now().In(h.Config.Location)
	start, err := h.times().Next(a.Repeat, a.StartsAt)
	for err == nil && !start.After(now) {
		start, err = h.times().Next(a.Repeat, start)
	}
	if err != nil {
		return err
	}
	next := *a
	next.StartsAt, next.Deadline = start, start.Add(a.Deadline.Sub(a.StartsAt))
	if !a.EndsAt.IsZero() {
		next.EndsAt = start.Add(a.EndsAt.Sub(a.StartsAt))
	}
	if !next.Deadline.After(now) {
		next.Deadline = start
	}
	next.Status, next.CreatedAt = linli.ActivityDraft, now
	n, _, err := h.Activities.CreateNextOccurrence(a.ID, &next)
	if err != nil || n.Status != linli.ActivityDraft {
		return err // published already (a re-run)
	}
	h.local(n)
	opened := *n
	opened.Status = linli.ActivityOpen
	if err := h.scheduleActivityJobs(&opened, now); err != nil {
		return err
	}
	for _, g := range n.Groups {
		out := linli.Outgoing{To: linli.Chat{Group: g}, Text: textAnnounce(&opened, false, now), Key: linli.JobKey(job, occ, g), Alone: true}
		if err := h.Out.Send(out); err != nil {
			return err
		}
	}
	_, _, err = h.Activities.UpdateActivity(n.ID, now, func(a *linli.Activity) error {
		a.Status = linli.ActivityOpen
		return nil
	})
	return err
}
