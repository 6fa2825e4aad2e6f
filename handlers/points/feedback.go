package points

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"linli"
	"linli/textnorm"
)

// maxComment bounds the runes of a rating's comment.
const maxComment = 100

var (
	// rateRe reads "<编号> <1-5|五星|5分> [意见]".
	rateRe  = regexp.MustCompile(`^#?([0-9]{1,9})\s*(?:号|活动)?\s+(\S+?)(?:\s+(.*))?$`)
	starsRe = regexp.MustCompile(`^([0-9]+|[一二三四五六七八九十]|★+)\s*(?:分|星|颗星)?$`)
)

// parseStars reads a rating: 1-5, 5分, 五星, ★★★★★. It returns 0 for
// anything else and the number said (6 for "6") when it is out of range.
func parseStars(s string) (stars int, said bool) {
	m := starsRe.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	if strings.HasPrefix(m[1], "★") {
		return len([]rune(m[1])), true
	}
	if n, err := strconv.Atoi(m[1]); err == nil {
		return n, true
	}
	return strings.IndexRune("一二三四五六七八九十", []rune(m[1])[0])/3 + 1, true
}

// rate handles 评价活动 <编号> <1-5> [意见]: a participant's rating of an
// activity that is over; a second rating replaces the first.
func (h *Family) rate(ctx context.Context, req *linli.Request) error {
	m := rateRe.FindStringSubmatch(strings.TrimSpace(req.Args))
	if m == nil {
		if !req.Msg.Addressed {
			return linli.ErrNotCommand // "评价活动挺好的"
		}
		return linli.Errorf(linli.EInvalid, "%s", textRateUsage)
	}
	stars, said := parseStars(m[2])
	switch {
	case !said && !req.Msg.Addressed:
		return linli.ErrNotCommand
	case !said:
		return linli.Errorf(linli.EInvalid, "%s", textRateUsage)
	case stars < 1 || stars > 5:
		return linli.Errorf(linli.EInvalid, "请打1到5分（5分最好），如「评价活动 %s 5 很好」。", m[1])
	}
	id, _ := strconv.ParseUint(m[1], 10, 64)
	a, err := h.Activities.Activity(id)
	if err != nil {
		return err
	}
	if a.State(req.Now) != linli.ActivityOver {
		return linli.Errorf(linli.EConflict, "活动%d「%s」还没结束，结束后再来评价吧。", a.ID, a.Title)
	}
	s, err := h.Activities.Signup(a.ID, req.Msg.Sender)
	if err != nil && linli.ErrorCode(err) != linli.ENotFound {
		return err
	}
	if s == nil || s.CheckedIn.IsZero() || !s.Active() {
		return linli.Errorf(linli.EConflict, "只有签到参加了活动%d「%s」的居民才能评价。", a.ID, a.Title)
	}
	comment := textnorm.ChinesePunctBrackets(cutRunes(strings.TrimSpace(m[3]), maxComment))
	prev, err := h.Feedback.RateActivity(linli.ActivityRating{ActivityID: a.ID, Resident: req.Msg.Sender, Stars: stars,
		Comment: comment, At: req.Now})
	if err != nil {
		return err
	}
	return req.Reply(textRated(a, stars, prev != nil))
}

// RatingSummary implements linli.ActivityRatings for 统计 活动.
func (h *Family) RatingSummary(activityID uint64) (linli.RatingSummary, error) {
	var sum linli.RatingSummary
	if h.Feedback == nil {
		return sum, nil
	}
	list, err := h.Feedback.ActivityRatings(activityID)
	if err != nil {
		return sum, err
	}
	total := 0
	for _, r := range list {
		total += r.Stars
		if r.Comment != "" {
			sum.Comments = append(sum.Comments, r.Comment)
		}
	}
	if sum.Count = len(list); sum.Count > 0 {
		sum.Average = float64(total) / float64(sum.Count)
	}
	return sum, nil
}

// runRatings sends staff the ratings of an activity some time after it.
func (h *Family) runRatings(job linli.Job, occurrence time.Time) error {
	var p settleJob
	if err := json.Unmarshal(job.Payload, &p); err != nil {
		return fmt.Errorf("ratings job %d: %w", job.ID, err)
	}
	a, err := h.Activities.Activity(p.ID)
	if err != nil {
		return err
	}
	sum, err := h.RatingSummary(a.ID)
	if err != nil || sum.Count == 0 { // nobody rated: nothing to tell
		return err
	}
	return h.teller().Staff(textRatingsStaff(a, sum), linli.JobKey(job, occurrence, "ratings"))
}

// checkOut handles 签退 [编号]: a volunteer leaving; their hours run from
// the check-in to now and are recorded (with their points) at once.
func (h *Family) checkOut(ctx context.Context, req *linli.Request) error {
	var a *linli.Activity
	if strings.TrimSpace(req.Args) == "" {
		list, err := h.Activities.ResidentSignups(req.Msg.Sender)
		if err != nil {
			return err
		}
		var mine []*linli.Activity
		for _, s := range list {
			if s.CheckedIn.IsZero() || !s.Active() {
				continue
			}
			x, err := h.Activities.Activity(s.ActivityID)
			if err != nil {
				return err
			}
			if x.Volunteer && x.State(req.Now) != linli.ActivityCancelled && !req.Now.After(x.End()) {
				mine = append(mine, x)
			}
		}
		if len(mine) != 1 {
			return linli.Errorf(linli.EInvalid, "%s", textCheckoutUsage)
		}
		a = mine[0]
	} else {
		id, _, ok := rewardID(req.Args)
		if !ok {
			if !req.Msg.Addressed {
				return linli.ErrNotCommand
			}
			return linli.Errorf(linli.EInvalid, "%s", textCheckoutUsage)
		}
		var err error
		if a, err = h.Activities.Activity(id); err != nil {
			return err
		}
	}
	switch {
	case !a.Volunteer:
		return linli.Errorf(linli.EConflict, "活动%d「%s」不是志愿活动，不用签退。", a.ID, a.Title)
	case a.Status == linli.ActivityCancelled:
		return linli.Errorf(linli.EConflict, "活动%d「%s」已经取消了。", a.ID, a.Title)
	case req.Now.After(a.End()):
		return linli.Errorf(linli.EConflict, "活动%d「%s」已经结束，志愿时长按结束时间计算，不用签退。", a.ID, a.Title)
	}
	s, err := h.Activities.Signup(a.ID, req.Msg.Sender)
	if err != nil && linli.ErrorCode(err) != linli.ENotFound {
		return err
	}
	if s == nil || s.CheckedIn.IsZero() || !s.Active() {
		return linli.Errorf(linli.EConflict, "您还没有签到活动%d「%s」，请先发「签到 %d」。", a.ID, a.Title, a.ID)
	}
	if _, err := h.Feedback.CheckOut(a.ID, req.Msg.Sender, req.Now); err != nil {
		return err
	}
	if err := h.settleSignup(a, *s, req.Now); err != nil {
		return err
	}
	hours := volunteerHours(s.CheckedIn, a.StartsAt, req.Now)
	bal, err := h.Points.PointsBalance(req.Msg.Sender)
	if err != nil {
		return err
	}
	return h.answerPrivately(req, textCheckedOut(a, hours, bal.Balance), textCheckedOut(a, hours, -1))
}

// volunteerHours handles 志愿时长: the sender's hours and the community's.
func (h *Family) volunteerHours(ctx context.Context, req *linli.Request) error {
	all, err := h.Feedback.VolunteerRecords("")
	if err != nil {
		return err
	}
	var mine []linli.VolunteerRecord
	total, people := 0.0, map[string]bool{}
	for _, r := range all {
		if !r.Settled {
			continue
		}
		total += r.Hours
		people[r.Resident] = true
		if r.Resident == req.Msg.Sender {
			mine = append(mine, r)
		}
	}
	return req.Reply(textVolunteerHours(mine, total, len(people), h.Config))
}

// optOut handles 不参与排名; optIn 参与排名.
func (h *Family) optOut(ctx context.Context, req *linli.Request) error {
	if err := h.Points.SetRankingOptOut(req.Msg.Sender, true); err != nil {
		return err
	}
	return req.Reply(textOptOut)
}

func (h *Family) optIn(ctx context.Context, req *linli.Request) error {
	if err := h.Points.SetRankingOptOut(req.Msg.Sender, false); err != nil {
		return err
	}
	return req.Reply(textOptIn)
}
