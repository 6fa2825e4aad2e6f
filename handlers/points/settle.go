package points

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"time"

	"linli"
)

// Job kinds of the family.
const (
	jobSettle  = "points.settle"  // an activity is over: attendance, hours, rating requests
	jobRatings = "points.ratings" // some days later: the ratings to staff
	jobStars   = "points.stars"   // 1st of the month: 邻里之星
)

// ratingsAfter is how long after an activity's end its ratings go to
// staff: long enough for participants to answer the request.
const ratingsAfter = 48 * time.Hour

// starsSpec is when 邻里之星 is posted: 9:00 on the first of each month.
const starsSpec = "0 9 1 * *"

type settleJob struct {
	ID uint64 `json:"id"`
}

func settleKey(id uint64) string  { return fmt.Sprintf("points:settle:%d", id) }
func ratingsKey(id uint64) string { return fmt.Sprintf("points:ratings:%d", id) }

// Jobs registers the settlement of activities, the ratings summary and the
// monthly 邻里之星, which it schedules.
func (h *Family) Jobs(s linli.Scheduler) error {
	s.Handle(jobSettle, h.runSettle)
	s.Handle(jobRatings, h.runRatings)
	s.Handle(jobStars, h.runStars)
	return nil
}

// ensureStars schedules the monthly 邻里之星 once points are written (a
// community that gives no points gets no job); the job's key keeps it one.
func (h *Family) ensureStars() error {
	if h.Scheduler == nil || h.starsArmed.Load() {
		return nil
	}
	if _, err := h.Scheduler.Schedule(linli.Job{Key: "points:stars", Kind: jobStars, Spec: starsSpec, Note: "邻里之星（每月1日）"}); err != nil {
		return err
	}
	h.starsArmed.Store(true)
	return nil
}

// CheckedIn arranges the settlement of a at its end; a check-in recorded
// after the end (staff's paper list) is settled at once.
func (h *Family) CheckedIn(a linli.Activity, signups []linli.Signup, at time.Time) error {
	if h.Scheduler == nil {
		return nil
	}
	if end := a.End(); end.After(at) {
		payload, _ := json.Marshal(settleJob{ID: a.ID})
		_, err := h.Scheduler.Schedule(linli.Job{Key: settleKey(a.ID), Kind: jobSettle, At: end, Payload: payload})
		return err
	}
	for _, s := range signups {
		if err := h.settleSignup(&a, s, a.End()); err != nil {
			return err
		}
	}
	return nil
}

// ReportResolved gives the reporter the points of a resolved 随手拍, once
// per report (a report reopened and resolved again gives nothing more).
func (h *Family) ReportResolved(r linli.Report, at time.Time) error {
	if r.DuplicateOf != 0 {
		return nil
	}
	_, _, err := h.award(linli.PointsEntry{Resident: r.Reporter, Household: r.Household, Amount: h.Config.Points.Report(),
		Kind: linli.PointsReport, Reason: fmt.Sprintf("随手拍#%d已办结", r.ID),
		Source: linli.PointsSource(linli.PointsReport, r.ID, ""), CreatedAt: at})
	return err
}

// runSettle settles an activity that is over: the points of everyone who
// checked in, the hours of a volunteer activity, and a request to rate it,
// sent once. An activity moved later is settled at its new end; a
// cancelled one gives nothing.
func (h *Family) runSettle(job linli.Job, occurrence time.Time) error {
	var p settleJob
	if err := json.Unmarshal(job.Payload, &p); err != nil {
		return fmt.Errorf("settle job %d: %w", job.ID, err)
	}
	a, err := h.Activities.Activity(p.ID)
	if linli.ErrorCode(err) == linli.ENotFound {
		return nil
	}
	if err != nil {
		return err
	}
	if a.Status == linli.ActivityCancelled {
		return nil
	}
	if end := a.End(); end.After(occurrence) {
		payload, _ := json.Marshal(p)
		_, err := h.Scheduler.Schedule(linli.Job{Key: settleKey(a.ID), Kind: jobSettle, At: end, Payload: payload})
		return err
	}
	signups, err := h.Activities.Signups(a.ID)
	if err != nil {
		return err
	}
	var came []linli.Signup
	for _, s := range signups {
		if !s.CheckedIn.IsZero() && s.Active() {
			came = append(came, s)
			if err := h.settleSignup(a, s, a.End()); err != nil {
				return err
			}
		}
	}
	if len(came) == 0 {
		return nil
	}
	if err := h.askRatings(a, came, job, occurrence); err != nil {
		return err
	}
	payload, _ := json.Marshal(p)
	_, err = h.Scheduler.Schedule(linli.Job{Key: ratingsKey(a.ID), Kind: jobRatings, At: a.End().Add(ratingsAfter), Payload: payload})
	return err
}

// settleSignup gives one participant of a the points of attendance and,
// at a volunteer activity, records the hours from their check-in to their
// 签退 or to end (whichever is first) and gives their points. Both happen
// once, whoever calls first (the end of the activity, a 签退, a late
// check-in).
func (h *Family) settleSignup(a *linli.Activity, s linli.Signup, end time.Time) error {
	if a.Status == linli.ActivityCancelled || s.CheckedIn.IsZero() || !s.Active() {
		return nil
	}
	if _, _, err := h.award(linli.PointsEntry{Resident: s.Resident, Household: s.Household, Amount: h.Config.Points.Activity(),
		Kind: linli.PointsAttend, Reason: fmt.Sprintf("参加活动%d「%s」", a.ID, a.Title),
		Source: linli.PointsSource(linli.PointsAttend, a.ID, s.Resident), CreatedAt: end}); err != nil {
		return err
	}
	if !a.Volunteer || h.Feedback == nil {
		return nil
	}
	recs, err := h.Feedback.VolunteerRecords(s.Resident)
	if err != nil {
		return err
	}
	out := end
	for _, r := range recs {
		if r.ActivityID == a.ID && !r.CheckedOut.IsZero() && r.CheckedOut.Before(out) {
			out = r.CheckedOut
		}
	}
	hours := volunteerHours(s.CheckedIn, a.StartsAt, out)
	rec, first, err := h.Feedback.SettleVolunteer(linli.VolunteerRecord{ActivityID: a.ID, Title: a.Title, Resident: s.Resident,
		Household: s.Household, CheckedIn: s.CheckedIn, Hours: hours})
	if err != nil || !first {
		return err
	}
	_, _, err = h.award(linli.PointsEntry{Resident: s.Resident, Household: s.Household,
		Amount: int(math.Round(rec.Hours * float64(h.Config.Points.VolunteerHour()))),
		Kind:   linli.PointsVolunteer, Reason: fmt.Sprintf("志愿服务「%s」%s小时", a.Title, hoursText(rec.Hours)),
		Source: linli.PointsSource(linli.PointsVolunteer, a.ID, s.Resident), CreatedAt: end})
	return err
}

// volunteerHours is the time given from a check-in (not before the start:
// coming early to a check-in window is not service) to out, in hours
// rounded to the half hour below; never negative.
func volunteerHours(checkedIn, starts, out time.Time) float64 {
	from := checkedIn
	if from.Before(starts) {
		from = starts
	}
	if !out.After(from) {
		return 0
	}
	return math.Floor(out.Sub(from).Hours()*2) / 2
}

func hoursText(h float64) string {
	if h == math.Trunc(h) {
		return fmt.Sprintf("%.0f", h)
	}
	return fmt.Sprintf("%.1f", h)
}

// askRatings asks the participants of a, once, to rate it: privately
// those who are the bot's friends, the others with one @-message per
// group for all of them.
func (h *Family) askRatings(a *linli.Activity, came []linli.Signup, job linli.Job, occurrence time.Time) error {
	t := h.teller()
	byGroup := map[string][]string{}
	for _, s := range came {
		if t.Reachable(s.Resident) {
			if err := t.Person(s.Resident, textRateAsk(a, false), nil, linli.JobKey(job, occurrence, "rate:"+s.Resident)); err != nil {
				return err
			}
			continue
		}
		g := s.Group
		if r, err := h.Residents.Resident(s.Resident); err == nil && r.LastGroup != "" {
			g = r.LastGroup
		}
		if g == "" {
			continue
		}
		byGroup[g] = append(byGroup[g], s.Resident)
	}
	groups := make([]string, 0, len(byGroup))
	for g := range byGroup {
		groups = append(groups, g)
	}
	sort.Strings(groups)
	for _, g := range groups {
		out := linli.Outgoing{To: linli.Chat{Group: g}, Text: textRateAsk(a, len(byGroup[g]) > 1), Key: linli.JobKey(job, occurrence, "rate:"+g)}
		if err := t.Mentions(out, byGroup[g]); err != nil {
			return err
		}
	}
	return nil
}

// SurveyAnswered gives per_survey points for a survey answered in full,
// once per survey and resident.
func (h *Family) SurveyAnswered(s linli.Survey, resident, household string, at time.Time) error {
	_, _, err := h.award(linli.PointsEntry{Resident: resident, Household: household, Amount: h.Config.Points.Survey(),
		Kind: linli.PointsSurvey, Reason: fmt.Sprintf("填写问卷%d「%s」", s.ID, s.Title),
		Source: linli.PointsSource(linli.PointsSurvey, s.ID, resident), CreatedAt: at})
	return err
}
