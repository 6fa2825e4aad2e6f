package signup

import (
	"context"
	"fmt"
	"strings"
	"time"

	"linli"
	"linli/handlers/zhtime"
)

// modifyActivity handles 修改活动 <编号> [时间:] [地点:] [名额:] [截止:]
// [群:] [标题:]: only the fields written change. The groups are told; when
// the time or place changes, everyone signed up is told as well (@ in their
// group, or one by one).
func (h *Family) modifyActivity(ctx context.Context, req *linli.Request) error {
	now := req.Now.In(h.Config.Location)
	id, rest, ok := activityArgs(req.Args)
	if !ok {
		return linli.Errorf(linli.EInvalid, "%s", textModifyUsage)
	}
	fields := map[string]string{}
	head, dup := labelFields(rest, fields)
	bad := func(format string, a ...any) error {
		return linli.Errorf(linli.EInvalid, "%s\n%s", fmt.Sprintf(format, a...), textModifyUsage)
	}
	switch {
	case dup != "":
		return bad("「%s:」写了两次。", dup)
	case strings.TrimSpace(head) != "" || len(fields) == 0:
		return linli.Errorf(linli.EInvalid, "%s", textModifyUsage)
	case fields["重复"] != "":
		return bad("重复规则不能修改；请「取消活动 %d 全部」后重新发布。", id)
	}
	a, err := h.activity(id)
	if err != nil {
		return err
	}
	switch {
	case a.Status == linli.ActivityCancelled:
		return linli.Errorf(linli.EConflict, "%s已经取消了，不能修改。", actName(a))
	case a.Started(now):
		return linli.Errorf(linli.EConflict, "%s已经开始，不能修改了。", actName(a))
	}
	next, why := h.applyModify(*a, fields, now)
	if why != "" {
		return bad("%s", why)
	}
	if textModified(a, &next, 0) == textModified(a, a, 0) {
		return linli.Errorf(linli.EConflict, "%s没有变化：%s，%s，%s。", actName(a), spanText(a), a.Place, capacityText(a))
	}
	if !next.Unlimited() && next.Capacity < a.Taken {
		return linli.Errorf(linli.EConflict, "%s已有%d人报名，名额不能少于%d。", actName(a), a.Taken, a.Taken)
	}
	got, promoted, err := h.Activities.UpdateActivity(id, now, func(x *linli.Activity) error {
		x.Title, x.StartsAt, x.EndsAt, x.Place, x.Capacity = next.Title, next.StartsAt, next.EndsAt, next.Place, next.Capacity
		x.Deadline, x.Groups, x.Status, x.Note = next.Deadline, next.Groups, next.Status, next.Note
		x.Volunteer = next.Volunteer
		return nil
	})
	if err != nil {
		return err
	}
	h.local(got)
	h.notifyPromoted(got, promoted, promotedRoom(a, got))
	if err := h.scheduleActivityJobs(got, now); err != nil {
		return err
	}
	told, err := h.announceUpdate(a, got, now)
	if err != nil {
		return err
	}
	return req.Reply(textModified(a, got, told))
}

// applyModify returns a with the fields changed, or why they cannot be.
// A deadline that was the start moves with it; one after the new start
// becomes the start. A closed activity whose deadline is moved on reopens.
func (h *Family) applyModify(a linli.Activity, fields map[string]string, now time.Time) (linli.Activity, string) {
	if t, ok := fields["标题"]; ok {
		if n := len([]rune(t)); n == 0 || n > 30 {
			return a, "活动标题应为1到30个字。"
		}
		a.Title = t
	}
	if when, ok := fields["时间"]; ok {
		t, end, err := zhtime.ParseSpan(when, now)
		switch {
		case err != nil:
			return a, err.Error()
		case !t.After(now):
			return a, fmt.Sprintf("活动时间 %s 已经过去了，请写一个将来的时间。", zhtime.Format(t))
		case startRefusal(when, t, now) != "":
			return a, startRefusal(when, t, now)
		}
		if a.Deadline.Equal(a.StartsAt) || a.Deadline.After(t) {
			a.Deadline = t
		}
		if end.IsZero() && !a.EndsAt.IsZero() { // a new start alone keeps the length
			end = t.Add(a.EndsAt.Sub(a.StartsAt))
		}
		a.StartsAt, a.EndsAt = t, end
	}
	if d, ok := fields["截止"]; ok {
		t, why := parseDeadlineField(d, a.StartsAt, now)
		if why != "" {
			return a, why
		}
		a.Deadline = t
	}
	if p, ok := fields["地点"]; ok {
		if p == "" {
			return a, "请写上新的地点，如「地点:社区活动室」。"
		}
		a.Place = p
	}
	if c, ok := fields["名额"]; ok {
		var why string
		if a.Capacity, why = parseCapacity(c); why != "" {
			return a, why
		}
	}
	if _, ok := fields["备注"]; ok {
		var why string
		if a.Note, why = parseNote(fields); why != "" {
			return a, why
		}
	}
	if v, ok := fields["志愿"]; ok {
		var why string
		if a.Volunteer, why = parseVolunteer(v); why != "" {
			return a, why
		}
	}
	if g, ok := fields["群"]; ok {
		groups, err := parseGroups(g, h.Config)
		if err != nil {
			return a, err.Error()
		}
		a.Groups = groups
	}
	if _, moved := fields["截止"]; moved && a.Status == linli.ActivityClosed && a.Allows(linli.ActivityOpen, now) {
		a.Status = linli.ActivityOpen // a later deadline reopens sign-up
	}
	return a, ""
}

// announceUpdate tells the groups of a (after) that it changed from before.
// When its time or place changed, the participants are @mentioned in their
// group or told one by one; otherwise only those no group reaches are told.
// It returns how many participants were told.
func (h *Family) announceUpdate(before, a *linli.Activity, now time.Time) (int, error) {
	moved := !before.StartsAt.Equal(a.StartsAt) || !before.EndsAt.Equal(a.EndsAt) || before.Place != a.Place
	signups, err := h.Activities.Signups(a.ID)
	if err != nil {
		return 0, err
	}
	au := h.participantsOf(a, signups, (*linli.Signup).Active)
	for _, g := range a.Groups {
		out := linli.Outgoing{To: linli.Chat{Group: g}, Text: textAnnounce(a, true, now), Alone: true}
		var names []string
		if moved {
			out.Text, names = textActivityMoved(before, a, true, now), au.byGroup[g]
		}
		if err := h.teller().Mentions(out, names); err != nil {
			return 0, err
		}
	}
	for _, n := range au.direct {
		text := textAnnounce(a, true, now)
		if moved {
			text = textActivityMoved(before, a, false, now)
		}
		if err := h.Out.Send(linli.Outgoing{To: linli.Chat{User: n}, Text: text}); err != nil {
			return 0, err
		}
	}
	if !moved {
		return len(au.direct), nil
	}
	return au.count(), nil
}
