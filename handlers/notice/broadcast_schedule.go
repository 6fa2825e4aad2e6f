package notice

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"linli"
	"linli/handlers/zhtime"
)

// noticeStaleAfter is how late a scheduled notice may still go out (after
// downtime the scheduler fires missed occurrences). Older occurrences are
// skipped and the owner is told: "明天停水" three days late helps nobody.
const noticeStaleAfter = 3 * time.Hour

// staffReply answers a staff command where it was sent, except in a
// residents' group, where the answer goes privately.
func (h *Family) staffReply(req *linli.Request) func(string) error {
	if h.Config.Served(req.Msg.Group) {
		return func(s string) error { return req.ReplyPrivate(s, nil) }
	}
	return req.Reply
}

// scheduleNotice handles "定时通知 <时间|cron> <群…> <内容>".
func (h *Family) scheduleNotice(ctx context.Context, req *linli.Request) error {
	if req.Args == "列表" {
		return h.listSchedules(ctx, req)
	}
	now := req.Now.In(h.Config.Location)
	expr, rest, ok := h.times().Split(req.Args, now)
	if !ok {
		if !req.Msg.Addressed {
			return linli.ErrNotCommand
		}
		return linli.Errorf(linli.EInvalid, "%s", h.whenError(req, now))
	}
	at, spec, err := h.times().ParseWhen(expr, now)
	if err != nil {
		return linli.Errorf(linli.EInvalid, "%s", h.whenError(req, now))
	}
	tgt, _, err := h.parseTarget(rest, textScheduleUsage)
	if err != nil {
		return err
	}
	if spec == "" && !at.After(now) {
		return linli.Errorf(linli.EInvalid, "%s", textPastTime(zhtime.Format(at)))
	}
	text := rawTail(req.Msg.Text, tgt.content)
	p := linli.NoticePayload{Text: text, Owner: req.Msg.Sender}
	if !tgt.all {
		p.Groups = tgt.groups
	}
	if spec != "" {
		if err := h.checkRepeat(spec, p.Groups, now); err != nil {
			return err
		}
	}
	payload, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("schedule notice: %w", err)
	}
	job := linli.Job{Kind: linli.JobNotice, Payload: payload, Owner: req.Msg.Sender, Note: snippet(text, 20)}
	if spec != "" {
		job.Spec = spec
	} else {
		job.At = at
	}
	job, err = h.Scheduler.Schedule(job)
	if err != nil {
		if linli.ErrorCode(err) == linli.EInvalid {
			return linli.Errorf(linli.EInvalid, "%s%s", linli.ErrorMessage(err), textWhenForms)
		}
		return err
	}
	h.Logger.Info("定时通知已设置", "job", job.ID, "owner", job.Owner, "spec", job.Spec, "next", job.Next)
	if req.Msg.Web {
		return h.staffReply(req)(textScheduledWeb(job.Number, h.whenText(job), textTargets(tgt.all, tgt.groups), snippet(text, 40)))
	}
	return h.staffReply(req)(textScheduled(job.Number, h.whenText(job), textTargets(tgt.all, tgt.groups), snippet(text, 40)))
}

// whenError explains why the start of req's args is not a time. On the
// workbench the time is a field of the form: the page's words, no
// "请这样发".
func (h *Family) whenError(req *linli.Request, now time.Time) string {
	fields := strings.Fields(req.Args)
	if len(fields) >= 5 && strings.ContainsAny(fields[0][:1], "0123456789*") {
		return fmt.Sprintf("cron表达式“%s”无效。%s", strings.Join(fields[:5], " "), textWhenForms)
	}
	if req.Msg.Web {
		if _, _, err := h.times().ParseWhen(fields[0], now); err != nil {
			return textWhenBadWeb(err.Error())
		}
		return textWhenBadWeb("")
	}
	if _, _, err := h.times().ParseWhen(fields[0], now); err != nil {
		return err.Error() + "\n" + textScheduleUsage
	}
	return textScheduleUsage + textWhenForms
}

// whenText describes when a notice job fires: "11月24日(周二) 08:00" or
// "每天 08:00，下次 11月24日(周二) 08:00".
func (h *Family) whenText(j linli.Job) string {
	next := zhtime.Format(j.Next.In(h.Config.Location))
	if j.Spec == "" {
		return next
	}
	_, desc, ok := h.times().ParseRecurring(j.Spec)
	if !ok {
		return "按“" + j.Spec + "”重复，下次 " + next
	}
	return desc + "，下次 " + next
}

// noticePayload decodes a notice job's payload.
func noticePayload(j linli.Job) (linli.NoticePayload, error) {
	var p linli.NoticePayload
	if err := json.Unmarshal(j.Payload, &p); err != nil {
		return p, fmt.Errorf("notice job %d: bad payload: %w", j.ID, err)
	}
	return p, nil
}

// listSchedules handles 定时列表: the sender's scheduled notices, or all of
// them for a supervisor.
func (h *Family) listSchedules(ctx context.Context, req *linli.Request) error {
	jobs, err := h.Scheduler.Jobs(linli.JobNotice)
	if err != nil {
		return err
	}
	all := req.Msg.Role == linli.RoleSupervisor
	var b strings.Builder
	n := 0
	for _, j := range jobs {
		if !all && j.Owner != req.Msg.Sender {
			continue
		}
		p, err := noticePayload(j)
		if err != nil {
			h.Logger.Error("列出定时通知失败", "err", err)
			continue
		}
		n++
		fmt.Fprintf(&b, "\n#%d %s", j.Number, h.whenText(j))
		switch {
		case !all:
		case strings.HasPrefix(j.Key, linli.ConfigNoticePrefix):
			fmt.Fprintf(&b, "（配置：%s）", strings.TrimPrefix(j.Key, linli.ConfigNoticePrefix))
		default:
			fmt.Fprintf(&b, "（%s）", j.Owner)
		}
		fmt.Fprintf(&b, "\n  发往%s：%s", h.payloadTargets(p), snippet(p.Text, 20))
	}
	reply := h.staffReply(req)
	if n == 0 {
		if all {
			return reply(textNoSchedulesAt)
		}
		return reply(textNoSchedules + textScheduleUsage)
	}
	return reply(textScheduleList(n) + b.String())
}

// payloadTargets describes the groups of a stored notice.
func (h *Family) payloadTargets(p linli.NoticePayload) string {
	if len(p.Groups) == 0 {
		return textTargets(true, h.Config.Groups)
	}
	return textTargets(false, p.Groups)
}

// cancelSchedule handles "取消定时 <编号>". Staff may cancel their own
// notices, supervisors any; configured notices are changed in the config.
func (h *Family) cancelSchedule(ctx context.Context, req *linli.Request) error {
	id, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimLeft(req.Args, "#№ "), "号"), 10, 64)
	if err != nil || id == 0 {
		if !req.Msg.Addressed {
			return linli.ErrNotCommand
		}
		return linli.Errorf(linli.EInvalid, "%s", textCancelUsage)
	}
	jobs, err := h.Scheduler.Jobs(linli.JobNotice)
	if err != nil {
		return err
	}
	for _, j := range jobs {
		if j.Number != id {
			continue
		}
		if name, ok := strings.CutPrefix(j.Key, linli.ConfigNoticePrefix); ok {
			return linli.Errorf(linli.EConflict, "%s", textConfigNotice(id, name))
		}
		if j.Owner != req.Msg.Sender && req.Msg.Role != linli.RoleSupervisor {
			return linli.Errorf(linli.EForbidden, "%s", textNotYourSchedule(id, j.Owner))
		}
		if _, err := h.Scheduler.CancelID(j.ID); err != nil {
			return err
		}
		h.Logger.Info("定时通知已取消", "job", j.ID, "number", id, "by", req.Msg.Sender)
		p, _ := noticePayload(j)
		return h.staffReply(req)(textCancelled(id, h.whenText(j), snippet(p.Text, 20)))
	}
	return linli.Errorf(linli.ENotFound, "%s", textNoSuchSchedule(id))
}
