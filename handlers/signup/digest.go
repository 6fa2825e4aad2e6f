package signup

import (
	"time"

	"linli"
)

// DigestSection is the family's section of the daily digest: the day's
// activities (in the configured zone) with their sign-up counts.
func (h *Family) DigestSection(now time.Time) (string, []string, error) {
	acts, err := h.Activities.Activities()
	if err != nil {
		return "", nil, err
	}
	loc := h.Config.Location
	y, m, d := now.In(loc).Date()
	var lines []string
	for _, a := range acts {
		ay, am, ad := a.StartsAt.In(loc).Date()
		if st := a.State(now); st == linli.ActivityCancelled || st == linli.ActivityDraft || ay != y || am != m || ad != d {
			continue
		}
		lines = append(lines, textDigestActivity(a.ID, a.Title, a.StartsAt.In(loc).Format("15:04"), a.Place, a.Taken, a.Capacity, waitPeople(h.local(&a))))
	}
	return textDigestActivitiesTitle, lines, nil
}
