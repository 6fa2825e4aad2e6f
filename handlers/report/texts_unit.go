package report

import (
	"fmt"
	"strings"
	"time"

	"linli"
	"linli/handlers/zhtime"
)

// Texts of 转办 to units (report_unit.go). What goes to a unit names the
// problem and the place, never the reporter or their household.

const (
	textReportUnitOnly       = "%s的联系人只能对转办给%[1]s的上报「受理」「办结」「退回」，不能%s。"
	textReportUnitNotFriend  = "%s的联系人%s还不是%s的微信好友（或还没私聊过），消息发不过去，上报#%d没有转办。请对方加好友并私聊一句后再转办；也可以电话联系后用「回复 %[4]d %[5]s说的话」记录答复。"
	textReportReferSame      = "上报#%d 已经转办给%s了。"
	textReportNotReferred    = "上报#%d 没有转办给单位。先发送「转办 %d 单位名」。"
	textReportNotYourUnit    = "上报#%d 没有转办给%s，不能处理。"
	textReportUnitReplyUsage = "请按「回复 编号 单位的答复」记录，例如：回复 3 市政说周五前更换井盖。"
)

func textReportReferUsage(units []linli.Unit) string {
	s := "请按「转办 编号 单位 说明」发送，例如：转办 3 物业 楼道灯需要更换。"
	if len(units) == 0 {
		return s + "（还没有配置单位：在配置文件中添加 [[units]]）"
	}
	return s + "可转办：" + unitNames(units) + "。"
}

func unitNames(units []linli.Unit) string {
	names := make([]string, len(units))
	for i, u := range units {
		names[i] = u.Name
	}
	return strings.Join(names, "、")
}

func textReportUnknownUnit(name string, units []linli.Unit) string {
	if len(units) == 0 {
		return fmt.Sprintf("没有名为「%s」的单位：还没有配置可转办的单位（在配置文件中添加 [[units]]）。", name)
	}
	return fmt.Sprintf("没有名为「%s」的单位。可转办：%s。", name, unitNames(units))
}

// unitPromise is "物业承诺48小时内办结（11月25日(周三) 09:00前）".
// unitPromise is the deadline of a report 转办 to u: the unit's promise,
// except for a 安全隐患, which keeps its own time.
func unitPromise(u linli.Unit, category string, deadline time.Time) string {
	if category == emergencyCategory {
		return fmt.Sprintf("安全隐患须在%s前办结（转办不延长时限）", zhtime.Format(deadline))
	}
	if u.SLA > 0 {
		return fmt.Sprintf("%s承诺%s内办结（%s前）", u.Name, duration(time.Duration(u.SLA)), zhtime.Format(deadline))
	}
	return fmt.Sprintf("时限%s", zhtime.Format(deadline))
}

func textReportReferredReporter(id uint64, u linli.Unit, category string, deadline time.Time) string {
	return fmt.Sprintf("您的随手拍#%d已转交%s处理，%s。社区会跟进到办好为止。", id, u.Name, unitPromise(u, category, deadline))
}

func textReportReferred(r *linli.Report, u linli.Unit, loc *time.Location) string {
	if u.Contact != "" {
		return fmt.Sprintf("已把上报#%d转办给%s（%s），%s。%s的答复会转告您和居民；到期未办结会提醒。",
			r.ID, u.Name, u.Contact, unitPromise(u, r.Category, r.Deadline.In(loc)), u.Name)
	}
	phone := ""
	if u.Phone != "" {
		phone = "（电话 " + u.Phone + "）"
	}
	return fmt.Sprintf("已把上报#%d记为转办%s%s，%s。%s没有联系人，请电话联系后发送「回复 %d %s说的话」记录答复，办好后「办结 %d 说明」。",
		r.ID, u.Name, phone, unitPromise(u, r.Category, r.Deadline.In(loc)), u.Name, r.ID, u.Name, r.ID)
}

func textReportReferredWorker(r *linli.Report, u linli.Unit, by string, loc *time.Location) string {
	return fmt.Sprintf("%s把上报#%d（%s）转办给了%s，%s。上报仍在您的待办里，办结后才算完。", by, r.ID, what(r), u.Name,
		unitPromise(u, r.Category, r.Deadline.In(loc)))
}

func textReportUnitAlert(community string, r *linli.Report, u linli.Unit, note string, loc *time.Location) string {
	var b strings.Builder
	fmt.Fprintf(&b, "【%s转办】上报#%d %s\n描述：%s\n", community, r.ID, r.Category, maskPrivate(r.Description)) // the unit is outside: no resident's phone
	if r.Place != "" {
		fmt.Fprintf(&b, "地点：%s\n", r.Place)
	}
	if note != "" {
		fmt.Fprintf(&b, "社区说明：%s\n", note)
	}
	fmt.Fprintf(&b, "网格员：%s %s\n", r.Grid, r.Assignee)
	fmt.Fprintf(&b, "请在%s前办结%s。\n", zhtime.Format(r.Deadline.In(loc)), withImages(len(r.Images)))
	fmt.Fprintf(&b, "接手回复「受理 %d」，处理完回复「办结 %d 处理说明」；不归%s处理请「退回 %d 原因」。", r.ID, r.ID, u.Name, r.ID)
	return b.String()
}

func textReportUnitReplyReporter(id uint64, unit, text string) string {
	return fmt.Sprintf("您的随手拍#%d：%s答复「%s」。社区会跟进到办好为止。", id, unit, text)
}

// textReportUnitReplyPublic is what a group hears of a unit's answer: the
// answer itself (it may name households and phone numbers) goes privately.
func textReportUnitReplyPublic(bot string, id uint64, unit string) string {
	return fmt.Sprintf("您的随手拍#%d：%s已答复，社区会跟进到办好为止。答复内容请加%s为好友，私聊发送「进度 %d」查看。", id, unit, bot, id)
}

func textReportUnitReplied(id uint64, unit string) string {
	return fmt.Sprintf("已记录%s对上报#%d的答复，并告知居民。办好后回复「办结 %d 处理说明」。", unit, id, id)
}

func textReportUnitAcceptedReporter(unit string) func(uint64) string {
	return func(id uint64) string {
		return fmt.Sprintf("您的随手拍#%d已由%s受理，正在处理。", id, unit)
	}
}

func textReportUnitAcceptedWorker(id uint64, unit string) string {
	return fmt.Sprintf("%s已受理上报#%d。", unit, id)
}

func textReportUnitResolvedWorker(id uint64, unit, note string) string {
	return fmt.Sprintf("%s已办结上报#%d：%s。已通知居民，请留意居民的评价或「没修好」。", unit, id, note)
}

func textReportUnitReturnedWorker(r *linli.Report, u linli.Unit, reason string, loc *time.Location) string {
	return fmt.Sprintf("%s退回了上报#%d（%s）：%s\n上报回到您的待办，时限按上报时算起：%s前。可自行处理，或「转办 %d 其他单位」。",
		u.Name, r.ID, what(r), reason, zhtime.Format(r.Deadline.In(loc)), r.ID)
}

func textReportUnitReturnedReporter(u linli.Unit) func(uint64) string {
	return func(id uint64) string {
		return fmt.Sprintf("您的随手拍#%d：%s不能处理，已交回社区网格员继续跟进。", id, u.Name)
	}
}

func textReportUnitReturned(id uint64) string {
	return fmt.Sprintf("已退回上报#%d，社区网格员会另行处理。", id)
}

// textReportReferHelp is 转办's line in 帮助, with a configured unit; ""
// (not listed) when there is none.
func textReportReferHelp(units []linli.Unit) string {
	if len(units) == 0 {
		return ""
	}
	return fmt.Sprintf("转办 3 %s 说明 — 交给%s等单位办理，社区跟踪到办结", units[0].Name, unitNames(units))
}

// textReportUnitReplyHelp is 回复's line in 帮助, with a unit reached by
// phone; "" when every unit has a contact.
func textReportUnitReplyHelp(units []linli.Unit) string {
	for _, u := range units {
		if u.Contact == "" {
			return fmt.Sprintf("回复 3 %s说周五前修好 — 记录电话联系的单位的答复", u.Name)
		}
	}
	return ""
}

// Texts of 统计 上报 (report_stats.go).

const textReportStatsUsage = "请按「统计 上报」（全部）或「统计 上报 11月」「统计 上报 上月」发送。"

func textReportBreakdown(b ReportBreakdown) string {
	if b.Total.Received == 0 && b.Total.Rated == 0 {
		return "\n这段时间没有收到随手拍。"
	}
	var s strings.Builder
	if !b.Period.From.IsZero() {
		s.WriteString("\n" + textReportRow(b.Total))
	}
	for _, part := range []struct {
		title string
		rows  []ReportRow
	}{{"按网格", b.Grids}, {"按类别", b.Categories}, {"按单位（转办）", b.Units}} {
		if len(part.rows) == 0 {
			continue
		}
		s.WriteString("\n" + part.title + "：")
		for _, r := range part.rows {
			s.WriteString("\n· " + textReportRow(r))
		}
	}
	return s.String()
}

// textReportRow is "第一网格：收到3，按时办结1，超时办结1，处理中1（超时1），
// 办结用时中位数5小时，满意度4.0分（2条）".
func textReportRow(r ReportRow) string {
	s := fmt.Sprintf("%s：收到%d，按时办结%d，超时办结%d", r.Name, r.Received, r.OnTime, r.Late)
	if r.Rejected > 0 {
		s += fmt.Sprintf("，退回%d", r.Rejected)
	}
	s += fmt.Sprintf("，处理中%d", r.Open)
	if r.Overdue > 0 {
		s += fmt.Sprintf("（超时%d）", r.Overdue)
	}
	if r.MedianTime > 0 {
		s += "，办结用时中位数" + lateBy(r.MedianTime)
	}
	if r.Rated > 0 {
		s += fmt.Sprintf("，满意度%.1f分（%d条）", r.Satisfaction(), r.Rated)
	}
	return s
}
