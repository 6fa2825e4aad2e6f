package signup

import (
	"context"

	"linli"
)

// cancelActivity handles 取消活动 <编号> [全部]. The activity's jobs are
// cancelled and each target group is told, with the people who had signed
// up there @mentioned (the others one by one). One occurrence of a
// recurring activity is cancelled alone: the series goes on and its next
// occurrence is published as usual. 全部 stops the series as well.
func (h *Family) cancelActivity(ctx context.Context, req *linli.Request) error {
	now := req.Now.In(h.Config.Location)
	id, rest, ok := activityArgs(req.Args)
	whole := rest == "全部" || rest == "系列" || rest == "整个系列" || rest == "以后全部"
	if !ok || (rest != "" && !whole) {
		return linli.Errorf(linli.EInvalid, "%s", textCancelActUsage)
	}
	a, err := h.activity(id)
	if err != nil {
		return err
	}
	series := a.RepeatText
	switch {
	case a.Status == linli.ActivityCancelled && whole && a.Repeat != "":
		return h.stopSeries(req, a)
	case a.Status == linli.ActivityCancelled && a.Repeat != "" && a.NextID == 0:
		return linli.Errorf(linli.EConflict, "%s已经取消过了；要停掉整个系列请发「取消活动 %d 全部」。", actName(a), a.ID)
	case a.Status == linli.ActivityCancelled:
		return linli.Errorf(linli.EConflict, "%s已经取消过了。", actName(a))
	case a.State(now) == linli.ActivityOver:
		return linli.Errorf(linli.EConflict, "%s已经结束了，不能取消。", actName(a))
	case !a.Allows(linli.ActivityCancelled, now):
		return linli.Errorf(linli.EConflict, "%s已经开始，不能取消了。", actName(a))
	}
	a, _, err = h.Activities.UpdateActivity(id, now, func(a *linli.Activity) error {
		a.Status = linli.ActivityCancelled
		if whole {
			a.Repeat, a.RepeatText = "", ""
		}
		return nil
	})
	if err != nil {
		return err
	}
	h.local(a)
	keepSeries := a.Repeat != ""
	if err := h.cancelActivityJobs(a, keepSeries); err != nil {
		return err
	}
	signups, err := h.Activities.Signups(id)
	if err != nil {
		return err
	}
	au := h.participantsOf(a, signups, (*linli.Signup).Active)
	for _, g := range a.Groups {
		out := linli.Outgoing{To: linli.Chat{Group: g}, Text: textActivityCancelled(a, series, keepSeries), Alone: true}
		if err := h.teller().Mentions(out, au.byGroup[g]); err != nil {
			return err
		}
	}
	for _, n := range au.direct {
		if err := h.Out.Send(linli.Outgoing{To: linli.Chat{User: n}, Text: textActivityCancelledPersonal(a)}); err != nil {
			return err
		}
	}
	return req.Reply(textCancelledActivity(a, au.count(), series, keepSeries))
}

// stopSeries ends the series of a, an occurrence cancelled earlier on its
// own: no more occurrences are created.
func (h *Family) stopSeries(req *linli.Request, a *linli.Activity) error {
	series := a.RepeatText
	for last := a; last.NextID != 0; { // the series has moved on: to which occurrence?
		next, err := h.activity(last.NextID)
		if err != nil {
			return err
		}
		if next.Repeat == "" {
			return linli.Errorf(linli.EConflict, "%s", textSeriesAlreadyStopped(a, series))
		}
		if next.NextID == 0 {
			return linli.Errorf(linli.EConflict, "%s", textSeriesMovedOn(a, next))
		}
		last = next
	}
	a, _, err := h.Activities.UpdateActivity(a.ID, req.Now, func(a *linli.Activity) error {
		a.Repeat, a.RepeatText = "", ""
		return nil
	})
	if err != nil {
		return err
	}
	h.local(a)
	if err := h.cancelActivityJobs(a, false); err != nil {
		return err
	}
	for _, g := range a.Groups {
		if err := h.Out.Send(linli.Outgoing{To: linli.Chat{Group: g}, Text: textSeriesStopped(a, series), Alone: true}); err != nil {
			return err
		}
	}
	return req.Reply(textSeriesStoppedStaff(a, series))
}
