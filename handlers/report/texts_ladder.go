package report

import (
	"fmt"
	"time"

	"linli"
	"linli/handlers/zhtime"
)

// Texts of the SLA ladder (report_sla.go). Each states the deadline and,
// against the time it is sent, how much is left or how late the report is,
// so that none reads two ways.

// lateBy renders d to the minute in at most two units: 2天3小时, 2小时15分钟,
// 40分钟.
func lateBy(d time.Duration) string {
	d = d.Truncate(time.Minute)
	days, hours, mins := int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour), int(d%time.Hour/time.Minute)
	switch {
	case days > 0 && hours > 0:
		return fmt.Sprintf("%d天%d小时", days, hours)
	case days > 0:
		return fmt.Sprintf("%d天", days)
	case hours > 0 && mins > 0:
		return fmt.Sprintf("%d小时%d分钟", hours, mins)
	case hours > 0:
		return fmt.Sprintf("%d小时", hours)
	}
	return fmt.Sprintf("%d分钟", max(mins, 1))
}

// deadlineState is "将在11月23日(周一) 13:00到期（还剩48分钟）", "已到时限
// （11月23日(周一) 13:00）" or "时限11月23日(周一) 13:00，已超时2小时" at now.
func deadlineState(r *linli.Report, now time.Time, loc *time.Location) string {
	at := zhtime.Format(r.Deadline.In(loc))
	switch d := now.Sub(r.Deadline); {
	case d <= -time.Minute:
		return fmt.Sprintf("将在%s到期（还剩%s）", at, lateBy(-d))
	case d < time.Minute:
		return fmt.Sprintf("已到时限（%s）", at)
	default:
		return fmt.Sprintf("时限%s，已超时%s", at, lateBy(d))
	}
}

// whoHas is "第二网格 刘网格", or the unit it was 转办 to.
func whoHas(r *linli.Report) string {
	if r.Unit != "" {
		return fmt.Sprintf("%s %s，已转办%s", r.Grid, r.Assignee, r.Unit)
	}
	return r.Grid + " " + r.Assignee
}

func textReportReminder(r *linli.Report, now time.Time, loc *time.Location) string {
	act := fmt.Sprintf("办结 %d 处理说明", r.ID)
	if r.Status != linli.ReportAccepted {
		act = fmt.Sprintf("受理 %d / ", r.ID) + act
	}
	w := what(r)
	if r.Unit != "" {
		w += "，已转办" + r.Unit
	}
	return fmt.Sprintf("【提醒】上报#%d（%s）%s，目前%s。请尽快处理：%s。",
		r.ID, w, deadlineState(r, now, loc), reportStatusText[r.Status], act)
}

// textReportEscalation1 is the supervisor's step: headed 【提醒】 while the
// deadline is still ahead (a 安全隐患 ladder tells the supervisor at 50%),
// 【超时】 once it has passed, as deadlineState says.
func textReportEscalation1(r *linli.Report, now time.Time, loc *time.Location) string {
	head := "超时"
	if now.Sub(r.Deadline) <= -time.Minute {
		head = "提醒"
	}
	return fmt.Sprintf("【%s】上报#%d（%s，%s）%s，目前%s。\n描述：%s\n请督促办理，或发送「转派 %d 网格名」改派。",
		head, r.ID, what(r), whoHas(r), deadlineState(r, now, loc), reportStatusText[r.Status], r.Description, r.ID)
}

func textReportEscalation2(r *linli.Report, now time.Time, loc *time.Location) string {
	return fmt.Sprintf("【督办】上报#%d（%s，%s）%s，仍未办结，已报告主任。\n描述：%s\n请协调处理。",
		r.ID, what(r), whoHas(r), deadlineState(r, now, loc), linli.MaskForGroup(r.Description)) // to the staff group
}

func textReportDaily(r *linli.Report, now time.Time, loc *time.Location) string {
	return fmt.Sprintf("【每日督办】上报#%d（%s，%s）%s，仍未办结（目前%s）。\n描述：%s\n请督促办理，或发送「转派 %d 网格名」改派；办结前每天提醒一次。",
		r.ID, what(r), whoHas(r), deadlineState(r, now, loc), reportStatusText[r.Status], r.Description, r.ID)
}

func textReportHigher(community string, r *linli.Report, now time.Time, loc *time.Location) string {
	return fmt.Sprintf("【%s 超时未办结】上报#%d（%s，%s）%s，社区督办后仍未办结。\n描述：%s",
		community, r.ID, what(r), whoHas(r), deadlineState(r, now, loc), linli.MaskForGroup(r.Description)) // to a group
}

// textReportStepMerged notes in 进度 a step passed over while the bot was
// down (the next step's message said it all).
const textReportStepMerged = "（停机期间到期，并入下一条提醒）"

// Texts of 待办 (report_todo.go).

const (
	textReportTodoUsage    = "请按「待办」或「待办 2」（第2页）发送。"
	textReportTodoNoPage   = "待办没有第%d页（共%d页）。"
	textReportTodoMore     = "\n发送「待办 %d」看下一页。"
	textReportStaffInGroup = "这是工作人员的命令，请私聊我发送。"
)

func textReportTodoTitle(n, overdue, page, pages int) string {
	s := fmt.Sprintf("待办上报%d条", n)
	if overdue > 0 {
		s += fmt.Sprintf("，超时%d条（超时久的在前）", overdue)
	}
	if pages > 1 {
		s += fmt.Sprintf("，第%d/%d页", page, pages)
	}
	return s + "："
}
