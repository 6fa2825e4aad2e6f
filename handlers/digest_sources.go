package handlers

import (
	"fmt"
	"time"

	"linli"
)

// DigestSources are the families' sections of the daily digest, in the
// order staff read them.
func (h *Handlers) DigestSources() []linli.DigestSource {
	return []linli.DigestSource{linli.DigestFunc(h.activityDigest)}
}

// activityDigest lists the day's activities (in the configured zone) with
// their sign-up counts.
func (h *Handlers) activityDigest(now time.Time) (string, []string, error) {
	acts, err := h.Activities.Activities()
	if err != nil {
		return "", nil, err
	}
	loc := h.Config.Location
	y, m, d := now.In(loc).Date()
	var lines []string
	for _, a := range acts {
		ay, am, ad := a.StartsAt.In(loc).Date()
		if a.Status == linli.ActivityCancelled || ay != y || am != m || ad != d {
			continue
		}
		lines = append(lines, textDigestActivity(a.ID, a.Title, a.StartsAt.In(loc).Format("15:04"), a.Place, a.Taken, a.Capacity, a.Waiting))
	}
	return textDigestActivitiesTitle, lines, nil
}

const (
	textDigestActivitiesTitle = "今日活动"
)

func textDigestActivity(id uint64, title, at, place string, taken, capacity, waiting int) string {
	s := fmt.Sprintf("活动%d「%s」%s %s，已报名 %d/%d 人", id, title, at, place, taken, capacity)
	if waiting > 0 {
		s += fmt.Sprintf("，候补 %d", waiting)
	}
	return s
}
