package points

import (
	"cmp"
	"slices"
	"time"

	"linli"
)

// starLine is one resident of a month's ranking.
type starLine struct {
	Resident string
	Group    string // where they last talked; "" when unknown
	Points   int
	OptOut   bool
}

// ranking lists the residents who earned points in month (RankedKind),
// most first, then by name; with the group each belongs to.
func (h *Family) ranking(month string) ([]starLine, error) {
	totals, err := h.Points.MonthPoints(month)
	if err != nil {
		return nil, err
	}
	var out []starLine
	for _, mp := range totals {
		if mp.Ranked <= 0 || h.Config.RoleOf(mp.Resident) != linli.RoleResident {
			continue // staff, workers and supervisors who took part are not ranked
		}
		l := starLine{Resident: mp.Resident, Points: mp.Ranked}
		bal, err := h.Points.PointsBalance(mp.Resident)
		if err != nil {
			return nil, err
		}
		l.OptOut = bal.OptOut
		if h.Residents != nil {
			if r, err := h.Residents.Resident(mp.Resident); err == nil {
				l.Group = r.LastGroup
			}
		}
		out = append(out, l)
	}
	slices.SortStableFunc(out, func(a, b starLine) int {
		return cmp.Or(cmp.Compare(b.Points, a.Points), cmp.Compare(a.Resident, b.Resident))
	})
	return out, nil
}

// runStars posts 邻里之星 of the month before occurrence: in each served
// group its top residents (those who said 不参与排名 left out), and the
// full ranking to staff.
func (h *Family) runStars(job linli.Job, occurrence time.Time) error {
	at := occurrence.In(h.Config.Location)
	first := time.Date(at.Year(), at.Month(), 1, 0, 0, 0, 0, at.Location())
	prev := first.AddDate(0, -1, 0)
	lines, err := h.ranking(prev.Format("2006-01"))
	if err != nil {
		return err
	}
	if len(lines) == 0 {
		return nil
	}
	top := h.Config.Points.StarsTop
	for _, g := range h.Config.Groups {
		var stars []starLine
		for _, l := range lines {
			if l.Group == g && !l.OptOut && len(stars) < top {
				stars = append(stars, l)
			}
		}
		if len(stars) == 0 {
			continue
		}
		out := linli.Outgoing{To: linli.Chat{Group: g}, Text: textStarsGroup(prev, stars), Alone: true,
			Priority: linli.PriorityBroadcast, Key: linli.JobKey(job, occurrence, "stars:"+g)}
		if err := h.Out.Send(out); err != nil {
			return err
		}
	}
	text := textStarsStaff(prev, lines)
	if h.Config.StaffGroup != "" {
		return h.Out.Send(linli.Outgoing{To: linli.Chat{Group: h.Config.StaffGroup}, Text: text,
			Key: linli.JobKey(job, occurrence, "stars:staff")})
	}
	return h.teller().Staff(text, linli.JobKey(job, occurrence, "stars:staff"))
}
