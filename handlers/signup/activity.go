package signup

import (
	"context"
	"slices"
	"time"

	"linli"
)

// Activities and sign-up (issue #3): staff publish activities, residents
// sign up with 报名 or a native 接龙, capacity and waitlist are kept by the
// ActivityService, the scheduler reminds and rolls recurring activities
// over. This file registers the commands and handles publishing; see
// signup.go, jielong.go, activity_jobs.go and checkin.go for the rest.

// Register registers the commands and intents of the family. The
// commands residents use in groups answer in order (ordered): what was
// gathered for the sender is sent before the answer.
func (h *Family) Register(r linli.Router) {
	r.Command(linli.Command{Names: []string{"活动"}, Args: linli.ArgsOptional,
		Help: "活动 — 查看可报名的活动", Handler: h.ordered(h.listActivities)})
	r.Command(linli.Command{Names: []string{"报名"}, Args: linli.ArgsOptional, Usage: textSignupUsage,
		Help: "报名 1 +1 — 报名活动（+1 表示带1位家人）", Handler: h.ordered(h.signup)})
	r.Command(linli.Command{Names: []string{"取消报名"}, Args: linli.ArgsOptional, Usage: textSignupCancelUsage,
		Help: "取消报名 1 — 取消报名", Handler: h.ordered(h.cancelSignup)})
	r.Command(linli.Command{Names: []string{"我的报名"}, Args: linli.ArgsNone,
		Help: "我的报名 — 查看您报了哪些活动", Handler: h.ordered(h.mySignups)})
	r.Command(linli.Command{Names: []string{"签到"}, Args: linli.ArgsOptional, Usage: textCheckinUsage,
		Help: "签到 1 — 活动现场签到", Handler: h.ordered(h.checkIn)})
	r.Command(linli.Command{Names: []string{"接龙"}, Args: linli.ArgsOptional, Handler: h.ordered(h.jielong)})
	r.Command(linli.Command{Names: []string{"发布活动"}, Role: linli.RoleStaff, Args: linli.ArgsRequired,
		Usage: textPublishUsage, Help: textPublishExample + " — 发布活动（可加 截止: 群: 备注: 每周六 重复；名额:不限）", Handler: h.publishActivity})
	r.Command(linli.Command{Names: []string{"修改活动"}, Role: linli.RoleStaff, Args: linli.ArgsRequired,
		Usage: textModifyUsage, Help: "修改活动 1 时间:… 地点:… 名额:… — 修改活动并通知已报名的居民", Handler: h.modifyActivity})
	r.Command(linli.Command{Names: []string{"截止报名"}, Role: linli.RoleStaff, Args: linli.ArgsRequired,
		Usage: textCloseUsage, Help: "截止报名 1 — 现在截止报名（候补保留）并告诉报名的居民", Handler: h.closeSignup})
	r.Command(linli.Command{Names: []string{"取消活动"}, Role: linli.RoleStaff, Args: linli.ArgsRequired,
		Usage: textCancelActUsage, Help: "取消活动 1 — 取消活动并在群里通知（重复的活动加「全部」停掉以后的）", Handler: h.cancelActivity})
	r.Command(linli.Command{Names: []string{"名单"}, Role: linli.RoleStaff, Args: linli.ArgsRequired,
		Usage: textRosterUsage, Help: "名单 1 — 私聊发送报名、候补、签到名单", Handler: h.rosterList})
	r.Command(linli.Command{Names: []string{"通知 活动", "通知活动"}, Role: linli.RoleStaff, Args: linli.ArgsRequired,
		Usage: textNotifyUsage, Help: "通知 活动1 明天请带身份证 — 通知这个活动已报名的居民", Handler: h.notifyParticipants})
	r.Command(linli.Command{Names: []string{"统计 活动", "统计活动"}, Role: linli.RoleStaff, Args: linli.ArgsOptional,
		Usage: textStatsUsage, Help: "统计 活动 [本月|上月|11月] — 报名、到场、缺席与参与率", Handler: h.activityStats})
	r.Command(linli.Command{Names: []string{"导出 报名", "导出报名"}, Role: linli.RoleStaff, Args: linli.ArgsRequired,
		Usage: textExportUsage, Help: "导出 报名 1 — 私聊发送活动报名表", Handler: h.exportRoster})
	r.Command(linli.Command{Names: []string{"导出 活动", "导出活动"}, Role: linli.RoleStaff, Args: linli.ArgsOptional,
		Help: "导出 活动 — 私聊发送全部活动（Excel）", Handler: h.exportActivitiesCommand})
	r.Intent(linli.IntentSignup, h.ordered(h.signupIntent))
	r.Intent(linli.IntentCancel, h.ordered(h.cancelIntent))
}

// publishActivity handles 发布活动. Publishing again the title and start of
// an activity that has not started updates it (same number, sign-ups
// kept), and publishing it again unchanged does nothing (no card is posted
// twice); the same title at another time is another activity (修改活动
// changes the time of one). A new activity is stored as a draft, announced,
// then opened: a draft left by a failure is published by sending the
// command again.
func (h *Family) publishActivity(ctx context.Context, req *linli.Request) error {
	now := req.Now.In(h.Config.Location)
	spec, err := parsePublish(req.Args, now, h.Config, h.times())
	if err != nil {
		return err
	}
	var existing, namesake *linli.Activity
	all, err := h.current(now) // a started one is skipped below
	if err != nil {
		return err
	}
	for i := range all {
		a := &all[i]
		if a.Title != spec.Title || a.Status == linli.ActivityCancelled || a.Started(now) {
			continue
		}
		if a.StartsAt.Equal(spec.StartsAt) {
			existing = a
		} else {
			namesake = a
		}
	}
	apply := func(a *linli.Activity) {
		a.Title, a.StartsAt, a.EndsAt, a.Place, a.Capacity = spec.Title, spec.StartsAt, spec.EndsAt, spec.Place, spec.Capacity
		a.Groups, a.Repeat, a.RepeatText, a.Note = spec.Groups, spec.Repeat, spec.RepeatText, spec.Note
		a.Volunteer = spec.Volunteer
		if a.State(now) != linli.ActivityClosed { // closed stays closed: 修改活动 截止:… reopens
			a.Deadline = spec.Deadline
		}
	}
	switch {
	case existing != nil && existing.Status == linli.ActivityDraft:
		a, _, err := h.Activities.UpdateActivity(existing.ID, now, func(a *linli.Activity) error { apply(a); return nil })
		if err != nil {
			return err
		}
		return h.announceNew(req, h.local(a), now, namesake)
	case existing != nil:
		return h.republish(req, existing, apply, now)
	}
	a := &linli.Activity{CreatedBy: req.Msg.Sender, CreatedAt: now, Status: linli.ActivityDraft}
	apply(a)
	if err := h.Activities.CreateActivity(a); err != nil {
		return err
	}
	return h.announceNew(req, h.local(a), now, namesake)
}

// announceNew schedules the jobs of a, a draft, posts its card in its
// groups, opens it and tells the publisher.
func (h *Family) announceNew(req *linli.Request, a *linli.Activity, now time.Time, namesake *linli.Activity) error {
	open := *a
	open.Status = linli.ActivityOpen
	if err := h.scheduleActivityJobs(&open, now); err != nil {
		return err
	}
	for _, g := range a.Groups {
		if err := h.Out.Send(linli.Outgoing{To: linli.Chat{Group: g}, Text: textAnnounce(&open, false, now), Alone: true}); err != nil {
			return err
		}
	}
	a, _, err := h.Activities.UpdateActivity(a.ID, now, func(a *linli.Activity) error {
		a.Status = linli.ActivityOpen
		return nil
	})
	if err != nil {
		return err
	}
	return req.Reply(textPublished(h.local(a), false, namesake))
}

// republish updates existing with apply: the groups are told what changed,
// or nothing happens when nothing did.
func (h *Family) republish(req *linli.Request, existing *linli.Activity, apply func(*linli.Activity), now time.Time) error {
	next := *existing
	apply(&next)
	if sameActivity(existing, &next) {
		return req.Reply(textRepublishedSame(existing))
	}
	if !next.Unlimited() && next.Capacity < existing.Taken {
		return linli.Errorf(linli.EConflict, "%s已有%d人报名，名额不能少于%d。", actName(existing), existing.Taken, existing.Taken)
	}
	before := *existing
	a, promoted, err := h.Activities.UpdateActivity(existing.ID, now, func(a *linli.Activity) error { apply(a); return nil })
	if err != nil {
		return err
	}
	h.local(a)
	h.notifyPromoted(a, promoted, promotedRoom(&before, a))
	if err := h.scheduleActivityJobs(a, now); err != nil {
		return err
	}
	if _, err := h.announceUpdate(&before, a, now); err != nil {
		return err
	}
	return req.Reply(textPublished(a, true, nil))
}

// sameActivity reports whether b says what a says: nothing to announce.
func sameActivity(a, b *linli.Activity) bool {
	return a.Title == b.Title && a.StartsAt.Equal(b.StartsAt) && a.EndsAt.Equal(b.EndsAt) && a.Place == b.Place &&
		a.Capacity == b.Capacity && a.Deadline.Equal(b.Deadline) && slices.Equal(a.Groups, b.Groups) &&
		a.Repeat == b.Repeat && a.Note == b.Note && a.Status == b.Status
}

// listActivities handles 活动 (the open activities) and 活动 <编号> (one).
func (h *Family) listActivities(ctx context.Context, req *linli.Request) error {
	now := req.Now.In(h.Config.Location)
	if req.Args != "" {
		id, ok := parseActivityID(req.Args)
		if !ok {
			if !req.Msg.Addressed {
				return linli.ErrNotCommand
			}
			return linli.Errorf(linli.EInvalid, "请发送「活动」查看全部活动，或「活动 编号」查看一个，例如：活动 1。")
		}
		a, err := h.activity(id)
		if err != nil {
			return err
		}
		return req.Reply(textActivityDetail(a, h.signupRefusal(a, req.Msg), now))
	}
	open, err := h.openActivities(req.Msg, now)
	if err != nil {
		return err
	}
	var closed []linli.Activity // staff also see those closed for sign-up but not over
	if req.Msg.Role.IsStaff() {
		if closed, err = h.activitiesIn(linli.ActivityClosed, now); err != nil {
			return err
		}
	}
	if len(open) == 0 && len(closed) == 0 {
		return req.Reply(textNoOpen)
	}
	return req.Reply(textActivityList(open, closed, now))
}

// activity loads one activity in the configured zone.
func (h *Family) activity(id uint64) (*linli.Activity, error) {
	a, err := h.Activities.Activity(id)
	if err != nil {
		if linli.ErrorCode(err) == linli.ENotFound {
			return nil, linli.Errorf(linli.ENotFound, "没有编号为 %d 的活动。发送「活动」查看可报名的活动。", id)
		}
		return nil, err
	}
	return h.local(a), nil
}

// activities loads every activity in the configured zone.
func (h *Family) activities() ([]linli.Activity, error) {
	list, err := h.Activities.Activities()
	for i := range list {
		h.local(&list[i])
	}
	return list, err
}

// current loads, in the configured zone, the activities that are not over
// at now (any status): all an open, upcoming or running activity can be.
func (h *Family) current(now time.Time) ([]linli.Activity, error) {
	list, err := h.Activities.CurrentActivities(now)
	for i := range list {
		h.local(&list[i])
	}
	return list, err
}

// openActivities lists the activities open for sign-up at now that m's chat
// may see (visibleIn), soonest first.
func (h *Family) openActivities(m *linli.Message, now time.Time) ([]linli.Activity, error) {
	return h.openWhere(now, func(a *linli.Activity) bool { return h.visibleIn(a, m) })
}

// openWhere lists the activities open for sign-up at now that keep accepts
// (nil: all), soonest first.
func (h *Family) openWhere(now time.Time, keep func(*linli.Activity) bool) ([]linli.Activity, error) {
	all, err := h.current(now)
	if err != nil {
		return nil, err
	}
	var out []linli.Activity
	for _, a := range all {
		if a.SignupOpen(now) && (keep == nil || keep(&a)) {
			out = append(out, a)
		}
	}
	slices.SortStableFunc(out, func(x, y linli.Activity) int { return x.StartsAt.Compare(y.StartsAt) })
	return out, nil
}

// activitiesIn lists the activities in state (open or closed: states
// before the end) at now, soonest first.
func (h *Family) activitiesIn(state string, now time.Time) ([]linli.Activity, error) {
	all, err := h.current(now)
	if err != nil {
		return nil, err
	}
	var out []linli.Activity
	for _, a := range all {
		if a.State(now) == state {
			out = append(out, a)
		}
	}
	slices.SortStableFunc(out, func(x, y linli.Activity) int { return x.StartsAt.Compare(y.StartsAt) })
	return out, nil
}

// visibleIn reports whether a concerns m's chat: in a residents' group,
// the activities announced there; in private (or an unserved group), for a
// resident the activities of the group they last talked in, for anyone else
// (staff, or a resident never seen in a group) all.
func (h *Family) visibleIn(a *linli.Activity, m *linli.Message) bool {
	switch {
	case !m.Private() && h.Config.Served(m.Group):
		return slices.Contains(a.Groups, m.Group)
	case m.Role != linli.RoleResident || m.Resident == nil || m.Resident.LastGroup == "":
		return true
	}
	return slices.Contains(a.Groups, m.Resident.LastGroup)
}

// signupRefusal says why m's sender may not sign up for a from where m was
// said, or "" when they may. In a residents' group, a must be announced
// there; elsewhere (private chat, the staff group) in the group the sender
// last talked in, so that every notice about a can reach them there.
func (h *Family) signupRefusal(a *linli.Activity, m *linli.Message) string {
	if !m.Private() && h.Config.Served(m.Group) {
		if slices.Contains(a.Groups, m.Group) {
			return ""
		}
		return textNotForGroup(a)
	}
	if m.Role != linli.RoleResident || (m.Resident != nil && slices.Contains(a.Groups, m.Resident.LastGroup)) {
		return "" // staff and grid workers are always reachable privately
	}
	return textNotForYou(a)
}

// local puts a's times in the configured zone (JSON keeps only the offset).
func (h *Family) local(a *linli.Activity) *linli.Activity {
	loc := h.Config.Location
	a.StartsAt, a.Deadline, a.CreatedAt = a.StartsAt.In(loc), a.Deadline.In(loc), a.CreatedAt.In(loc)
	if !a.EndsAt.IsZero() {
		a.EndsAt = a.EndsAt.In(loc)
	}
	a.WaitingPeople = 0
	if a.Waiting > 0 { // shown in people, family included, like the seats: the running counts, not the sign-ups
		counts, err := h.Activities.SignupCounts([]uint64{a.ID})
		if err != nil {
			h.Logger.Warn("counting the waitlist", "activity", a.ID, "err", err)
		}
		a.WaitingPeople = counts[a.ID].Waiting
	}
	return a
}

// waitPeople is the people on a's waitlist (see linli.Activity.WaitingPeople).
func waitPeople(a *linli.Activity) int {
	if a.WaitingPeople > 0 {
		return a.WaitingPeople
	}
	return a.Waiting
}
