package poll

import (
	"time"

	"linli"
	"linli/handlers/zhtime"
)

// DigestSection is the family's section of the daily digest: the open
// polls whose deadline falls within the next day.
func (h *Family) DigestSection(now time.Time) (string, []string, error) {
	polls, err := h.Polls.Polls()
	if err != nil {
		return "", nil, err
	}
	var lines []string
	for _, p := range polls {
		if p.Status != linli.PollOpen || p.Deadline.Before(now) || p.Deadline.After(now.Add(24*time.Hour)) {
			continue
		}
		lines = append(lines, textDigestPoll(p.ID, p.Title, zhtime.Format(p.Deadline.In(h.Config.Location))))
	}
	return textDigestPollsTitle, lines, nil
}
