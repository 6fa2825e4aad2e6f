package signup

import (
	"context"
	"time"

	"linli"
	"linli/handlers/zhtime"
)

// 统计 活动 [月份|本月|上月|全部]: per activity of the period and in total,
// the people signed up, come, the share of those signed up who came,
// waitlisted, cancelled and no-shows; and the community's 参与率: the
// residents who took part in an activity of the period (checked in,
// walk-ins included) out of the residents known.

// actCounts are the people (family members included) of one activity.
type actCounts struct {
	signedUp  int // confirmed, not walk-ins
	came      int // checked in, walk-ins included
	cameOfSU  int // of signedUp, checked in
	walkIns   int // checked in without a seat or a sign-up (现场加入)
	waiting   int // still waitlisted, not come
	cancelled int // sign-ups cancelled
}

func (c *actCounts) add(o actCounts) {
	c.signedUp += o.signedUp
	c.came += o.came
	c.cameOfSU += o.cameOfSU
	c.walkIns += o.walkIns
	c.waiting += o.waiting
	c.cancelled += o.cancelled
}

// noShows are the people signed up who did not come.
func (c actCounts) noShows() int { return c.signedUp - c.cameOfSU }

// statsPeriod is the months 统计 活动 is about (zhtime.Months): all when
// From is zero.
type statsPeriod = zhtime.Months

// parseStatsPeriod reads the argument of 统计 活动 relative to now
// (zhtime.ParseMonths): none means this month.
func parseStatsPeriod(arg string, now time.Time) (statsPeriod, bool) {
	return zhtime.ParseMonths(arg, now, false)
}

// statLine is one activity of the period, counted.
type statLine struct {
	a      linli.Activity
	state  string
	n      actCounts
	rating linli.RatingSummary // residents' 评价活动, when Ratings is wired
}

// activityStats handles 统计 活动. It reads the period's activities and
// the counters the ActivityService keeps (sign-ups per activity, who took
// part per month, the people known), never every sign-up.
func (h *Family) activityStats(ctx context.Context, req *linli.Request) error {
	now := req.Now.In(h.Config.Location)
	period, ok := parseStatsPeriod(req.Args, now)
	if !ok {
		return linli.Errorf(linli.EInvalid, "%s", textStatsUsage)
	}
	var all []linli.Activity
	var err error
	month := ""
	if period.From.IsZero() {
		all, err = h.activities()
	} else {
		all, err = h.current(period.From) // every activity starting in the period ends after its start
		month = period.From.Format("2006-01")
	}
	if err != nil {
		return err
	}
	var ids []uint64
	for _, a := range all {
		if a.Status != linli.ActivityDraft && period.Has(a.StartsAt) {
			ids = append(ids, a.ID)
		}
	}
	counts, err := h.Activities.SignupCounts(ids)
	if err != nil {
		return err
	}
	var lines []statLine
	var total actCounts
	held := 0
	for _, a := range all {
		if a.Status == linli.ActivityDraft || !period.Has(a.StartsAt) {
			continue
		}
		line := statLine{a: a, state: a.State(now)}
		if h.Ratings != nil && line.state == linli.ActivityOver {
			if line.rating, err = h.Ratings.RatingSummary(a.ID); err != nil {
				return err
			}
		}
		if line.state != linli.ActivityCancelled {
			line.n = fromCounts(counts[a.ID])
			if a.Started(now) {
				total.add(line.n)
				held++
			}
		}
		lines = append(lines, line)
	}
	// Only names configuration gives no role are residents (Config.RoleOf:
	// a role comes from the configured name, never from a nickname): staff
	// who checked in are not residents taking part, nor counted as known.
	staff := h.Config.RoleNames()
	took, err := h.Activities.Participants(month, staff)
	if err != nil {
		return err
	}
	known, err := h.Activities.KnownPeople(staff)
	if err != nil {
		return err
	}
	text := textActivityStats(period, lines, total, held, took, known, now)
	if !req.Msg.Private() && h.Config.Served(req.Msg.Group) { // a residents' group: privately, like 统计 上报
		return h.Out.Send(linli.Outgoing{To: linli.Chat{User: req.Msg.Sender}, Text: text, Private: true})
	}
	return req.Reply(text)
}

// fromCounts is the service's counts as the figures of one line.
func fromCounts(c linli.SignupCounts) actCounts {
	return actCounts{signedUp: c.SignedUp, came: c.Came, cameOfSU: c.CameOfSU, walkIns: c.WalkIns,
		waiting: c.Waiting, cancelled: c.Cancelled}
}
