package signup

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"time"

	"linli"
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

// countSignups counts the sign-ups of one activity; took collects the
// names of those who came.
func countSignups(signups []linli.Signup, took map[string]bool) actCounts {
	var c actCounts
	for _, s := range signups {
		in := !s.CheckedIn.IsZero() && s.Active()
		walkIn := s.Source == linli.SourceWalkIn || s.WalkIn
		switch {
		case s.Status == linli.SignupCancelled:
			c.cancelled += s.PartySize
			continue
		case s.Status == linli.SignupConfirmed && s.Source != linli.SourceWalkIn:
			c.signedUp += s.PartySize
			if in {
				c.cameOfSU += s.PartySize
			}
		case s.Status == linli.SignupWaitlisted && !in:
			c.waiting += s.PartySize
		}
		if in {
			c.came += s.PartySize
			if walkIn {
				c.walkIns += s.PartySize
			}
			took[s.Resident] = true
		}
	}
	return c
}

// statsPeriod is the months 统计 活动 is about: [from, to); all when from
// is zero.
type statsPeriod struct {
	from, to time.Time
	name     string // "11月", "2025年12月", "全部"
}

var statsMonthRe = regexp.MustCompile(`^(?:([0-9]{4})\s*(?:年|-|/|\.)\s*)?([0-9]{1,2})\s*(?:月份|月)?$`)

// parseStatsPeriod reads the argument of 统计 活动 relative to now: none or
// 本月 (this month), 上月, 11月 / 11 (the latest November not in the
// future), 2026年11月 / 2026-11, 全部.
func parseStatsPeriod(arg string, now time.Time) (statsPeriod, bool) {
	month := func(y int, m time.Month) statsPeriod {
		from := time.Date(y, m, 1, 0, 0, 0, 0, now.Location())
		name := strconv.Itoa(int(from.Month())) + "月"
		if from.Year() != now.Year() {
			name = strconv.Itoa(from.Year()) + "年" + name
		}
		return statsPeriod{from: from, to: from.AddDate(0, 1, 0), name: name}
	}
	switch arg = strings.TrimSpace(arg); arg {
	case "", "本月", "这个月", "这月", "当月":
		return month(now.Year(), now.Month()), true
	case "上月", "上个月":
		return month(now.Year(), now.Month()-1), true
	case "全部", "所有", "总计", "累计":
		return statsPeriod{name: "全部"}, true
	}
	m := statsMonthRe.FindStringSubmatch(arg)
	if m == nil {
		return statsPeriod{}, false
	}
	mon, _ := strconv.Atoi(m[2])
	if mon < 1 || mon > 12 {
		return statsPeriod{}, false
	}
	y := now.Year()
	if m[1] != "" {
		y, _ = strconv.Atoi(m[1])
	} else if time.Month(mon) > now.Month() {
		y-- // 12月 said in January is last December
	}
	return month(y, time.Month(mon)), true
}

func (p statsPeriod) has(t time.Time) bool {
	return p.from.IsZero() || !t.Before(p.from) && t.Before(p.to)
}

// statLine is one activity of the period, counted.
type statLine struct {
	a      linli.Activity
	state  string
	n      actCounts
	rating linli.RatingSummary // residents' 评价活动, when Ratings is wired
}

// activityStats handles 统计 活动.
func (h *Family) activityStats(ctx context.Context, req *linli.Request) error {
	now := req.Now.In(h.Config.Location)
	period, ok := parseStatsPeriod(req.Args, now)
	if !ok {
		return linli.Errorf(linli.EInvalid, "%s", textStatsUsage)
	}
	all, err := h.activities()
	if err != nil {
		return err
	}
	every, err := h.Activities.AllSignups()
	if err != nil {
		return err
	}
	byActivity := map[uint64][]linli.Signup{}
	walkIns := map[string]bool{} // people known only from the door: residents too
	for _, s := range every {
		byActivity[s.ActivityID] = append(byActivity[s.ActivityID], s)
		if s.Source == linli.SourceWalkIn {
			walkIns[s.Resident] = true
		}
	}
	took := map[string]bool{}
	var lines []statLine
	var total actCounts
	held := 0
	for _, a := range all {
		if a.Status == linli.ActivityDraft || !period.has(a.StartsAt) {
			continue
		}
		line := statLine{a: a, state: a.State(now)}
		if h.Ratings != nil && line.state == linli.ActivityOver {
			if line.rating, err = h.Ratings.RatingSummary(a.ID); err != nil {
				return err
			}
		}
		if line.state != linli.ActivityCancelled {
			line.n = countSignups(byActivity[a.ID], took)
			if a.Started(now) {
				total.add(line.n)
				held++
			}
		}
		lines = append(lines, line)
	}
	for name := range took {
		if h.Config.RoleOf(name) != linli.RoleResident {
			delete(took, name) // staff who checked in are not residents taking part
		}
	}
	known, err := h.knownResidents(walkIns)
	if err != nil {
		return err
	}
	text := textActivityStats(period, lines, total, held, len(took), known, now)
	if !req.Msg.Private() && h.Config.Served(req.Msg.Group) { // a residents' group: privately, like 统计 上报
		return h.Out.Send(linli.Outgoing{To: linli.Chat{User: req.Msg.Sender}, Text: text, Private: true})
	}
	return req.Reply(text)
}

// knownResidents counts the residents linli knows: those it has seen
// (not staff, grid workers or supervisors), and the walk-ins it has not.
func (h *Family) knownResidents(walkIns map[string]bool) (int, error) {
	list, err := h.Residents.Residents()
	if err != nil {
		return 0, err
	}
	seen := map[string]bool{}
	for _, r := range list {
		if h.Config.RoleOf(r.Name, r.Nickname) == linli.RoleResident {
			seen[r.Name] = true
		}
	}
	for name := range walkIns {
		if h.Config.RoleOf(name) == linli.RoleResident {
			seen[name] = true
		}
	}
	return len(seen), nil
}
