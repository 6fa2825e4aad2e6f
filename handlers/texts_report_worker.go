package handlers

import (
	"fmt"
	"strings"
	"time"

	"linli"
	"linli/handlers/zhtime"
)

// Texts of the 随手拍 family for grid workers, supervisors and staff. They
// go privately only, so they may name the reporter; a report is 上报#N to
// them (随手拍#N to residents).

// duration renders an SLA as "4小时", "2天", "1天12小时", "90分钟".
func duration(d time.Duration) string {
	switch {
	case d%(24*time.Hour) == 0:
		return fmt.Sprintf("%d天", d/(24*time.Hour))
	case d > 24*time.Hour && d%time.Hour == 0:
		return fmt.Sprintf("%d天%d小时", d/(24*time.Hour), d%(24*time.Hour)/time.Hour)
	case d%time.Hour == 0:
		return fmt.Sprintf("%d小时", d/time.Hour)
	}
	return fmt.Sprintf("%d分钟", d/time.Minute)
}

func textReportDupWorker(r *linli.Report, again bool) string {
	who := "又有居民"
	if again {
		who = "上报人再次"
	}
	return fmt.Sprintf("%s反映上报#%d的问题（新编号#%d，已合并，不用另外办理）：%s", who, r.DuplicateOf, r.ID, r.Description)
}

// textReportAlert is the worker's alert: what, where, when due, how to act.
func textReportAlert(header string, r *linli.Report, loc *time.Location) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s上报#%d %s\n描述：%s\n", header, r.ID, r.Category, r.Description)
	switch {
	case r.Place != "":
		fmt.Fprintf(&b, "地点：%s\n", r.Place)
	case r.Building > 0:
		fmt.Fprintf(&b, "地点：未说明（上报人住%d栋）\n", r.Building)
	default:
		b.WriteString("地点：未说明（已请居民补充）\n")
	}
	fmt.Fprintf(&b, "上报人：%s", r.Reporter)
	if r.Household != "" {
		fmt.Fprintf(&b, "（%s）", r.Household)
	}
	fmt.Fprintf(&b, "\n请在%s前办结%s。\n", zhtime.Format(r.Deadline.In(loc)), withImages(len(r.Images)))
	fmt.Fprintf(&b, "接手回复「受理 %d」，处理完回复「办结 %d 处理说明」；不属实可「退回 %d 原因」，不归本网格可「转派 %d 网格名」。",
		r.ID, r.ID, r.ID, r.ID)
	return b.String()
}

func textReportAccepted(id uint64) string {
	return fmt.Sprintf("已受理上报#%d，已告知居民。办好后回复「办结 %d 处理说明」，可再发一张照片。", id, id)
}

// textReportAcceptedMany answers 受理 of several reports: those accepted,
// then why each of the others was not.
func textReportAcceptedMany(done []uint64, failed []string) string {
	var b strings.Builder
	if len(done) > 0 {
		nums := make([]string, len(done))
		for i, id := range done {
			nums[i] = fmt.Sprintf("#%d", id)
		}
		fmt.Fprintf(&b, "已受理上报%s，已告知居民。办好后逐条回复「办结 编号 处理说明」。", strings.Join(nums, "、"))
	}
	for _, f := range failed {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(f)
	}
	return b.String()
}

func textReportResolved(id uint64, dups, photos int) string {
	s := fmt.Sprintf("已办结上报#%d，已通知居民", id)
	if dups > 0 {
		s += fmt.Sprintf("（含合并的%d条）", dups)
	}
	if photos > 0 {
		return s + fmt.Sprintf("，并附上您刚才发的%d张照片。", photos)
	}
	return s + "。5分钟内发来的照片会作为办结照片转给居民。"
}

func textReportRejected(id uint64, withheld bool) string {
	if withheld {
		return fmt.Sprintf("已退回上报#%d。居民不是好友，原因没有发到群里，居民私聊「进度 %d」时可见。", id, id)
	}
	return fmt.Sprintf("已退回上报#%d，已私聊告知居民原因。", id)
}

func textReportTransferred(id uint64, g linli.Grid) string {
	return fmt.Sprintf("已把上报#%d转派给%s（%s），处理时限重新计算。", id, g.Name, g.Worker)
}

func textReportTransferredOld(id uint64, g linli.Grid) string {
	return fmt.Sprintf("上报#%d已转派给%s，您不用再处理。", id, g.Name)
}

func textReportTransferSame(id uint64, grid string) string {
	return fmt.Sprintf("上报#%d 已经在%s。", id, grid)
}

func textReportUnknownGrid(name string, grids []linli.Grid) string {
	names := make([]string, len(grids))
	for i, g := range grids {
		names[i] = g.Name
	}
	return fmt.Sprintf("没有叫「%s」的网格，可选：%s。例如：转派 3 第二网格。", name, strings.Join(names, " "))
}

func textReportRecategorized(id uint64, cat string, deadline time.Time) string {
	return fmt.Sprintf("已把上报#%d改为「%s」，处理时限为%s。", id, cat, zhtime.Format(deadline))
}

// textReportRatedRejection tells the supervisor of a rating on a rejected
// report: who rejected it, why, and what the resident says.
func textReportRatedRejection(r *linli.Report, by string, score int, comment string) string {
	s := fmt.Sprintf("【居民评价退回的上报】上报#%d（%s，%s %s退回）：%d分", r.ID, what(r), r.Grid, by, score)
	if comment != "" {
		s += "，" + comment
	}
	return s + fmt.Sprintf("\n上报人：%s\n描述：%s\n退回原因：%s", r.Reporter, r.Description, r.Resolution)
}

func textReportRatedWorker(id uint64, score int, comment string) string {
	s := fmt.Sprintf("居民对上报#%d的评价：%d分", id, score)
	if comment == "" {
		return s + "。"
	}
	return s + "，" + comment
}

// textReportState explains why a report cannot take a step now.
func textReportState(id uint64, status, step string) string {
	switch status {
	case linli.ReportResolved:
		return fmt.Sprintf("上报#%d 已经办结，不能再%s。", id, step)
	case linli.ReportRejected:
		return fmt.Sprintf("上报#%d 已经退回，不能再%s。", id, step)
	case linli.ReportAccepted:
		return fmt.Sprintf("上报#%d 已经受理过了。", id)
	}
	return fmt.Sprintf("上报#%d 目前%s，不能%s。", id, reportStatusText[status], step)
}

func textReportReminder(r *linli.Report, loc *time.Location) string {
	act := fmt.Sprintf("办结 %d 处理说明", r.ID)
	if r.Status != linli.ReportAccepted {
		act = fmt.Sprintf("受理 %d / ", r.ID) + act
	}
	return fmt.Sprintf("【提醒】上报#%d（%s）将在%s到期，目前%s。请尽快处理：%s。",
		r.ID, what(r), zhtime.Format(r.Deadline.In(loc)), reportStatusText[r.Status], act)
}

func textReportEscalation1(r *linli.Report, sla time.Duration) string {
	return fmt.Sprintf("【超时】上报#%d（%s，%s %s）已超过处理时限%s，目前%s。\n描述：%s\n请督促办理，或发送「转派 %d 网格名」改派。",
		r.ID, what(r), r.Grid, r.Assignee, duration(sla), reportStatusText[r.Status], r.Description, r.ID)
}

func textReportEscalation2(r *linli.Report, sla time.Duration) string {
	return fmt.Sprintf("【督办】上报#%d（%s，%s %s）超过处理时限已%s仍未办结，已报告主任。\n描述：%s\n请协调处理。",
		r.ID, what(r), r.Grid, r.Assignee, duration(sla), r.Description)
}

func textReportPlaceWorker(id uint64, place string) string {
	return fmt.Sprintf("居民为上报#%d补充了地点：%s。", id, place)
}
