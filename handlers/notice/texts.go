package notice

import (
	"fmt"
	"strings"
	"time"
)

// Texts of the broadcast family: 通知, 定时通知, 定时列表, 取消定时, 日报 and
// the daily digest.

const (
	textScheduleUsage = "请这样发：定时通知 时间 群名 内容，例如：定时通知 明天8点 全部 今天下午3点社区义诊；" +
		"重复发送：定时通知 每周一9点 全部 本周垃圾分类宣传。"
	textWhenForms = "时间可以这样写：明天8点、11月30日 9:00、周六上午9点（发一次）；" +
		"每天8点、每周一9点、每月1日9点、工作日8点（重复）；或5段cron（分 时 日 月 周），如 0 8 * * 1。"
	textCancelUsage   = "请这样发：取消定时 编号，例如：取消定时 5。编号见「定时列表」。"
	textNoticeEmpty   = "通知内容不能为空。"
	textNoSchedules   = "您还没有设定定时通知。"
	textNoSchedulesAt = "目前没有定时通知。"
	textDigestEmpty   = "今天暂无需要关注的事项（没有新的或超时的上报、今日活动和即将截止的投票）。"
	textDigestPartial = "（部分内容读取失败，已记入日志）"
	textConfigCron    = "这里要写重复时间，例如 \"0 9 1 * *\"（每月1日9点）或 \"每月1日9点\"、\"每周一9点\""
)

func textUnknownGroup(name string, served []string) string {
	return fmt.Sprintf("找不到群「%s」。可以发往：%s；或写「全部」发往所有居民群。", name, strings.Join(served, "、"))
}

func textAmbiguousGroup(name string, matches []string) string {
	return fmt.Sprintf("「%s」对应多个群：%s，请写完整的群名。", name, strings.Join(matches, "、"))
}

// textTargets describes where a notice goes: "全部居民群（2个）" or the names.
func textTargets(all bool, groups []string) string {
	if all {
		return fmt.Sprintf("全部居民群（%d个）", len(groups))
	}
	if len(groups) > 5 {
		return fmt.Sprintf("%s等%d个群", strings.Join(groups[:3], "、"), len(groups))
	}
	return strings.Join(groups, "、")
}

// textBroadcastQueued is the delivery summary of 通知.
func textBroadcastQueued(targets string, perMinute, parts int, finish, now time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "通知已排队，发往%s。", targets)
	if parts > 1 {
		fmt.Fprintf(&b, "内容较长，每个群分%d条发送。", parts)
	}
	fmt.Fprintf(&b, "为免被微信限制，每分钟最多发%d条、均匀间隔，", perMinute)
	if d := finish.Sub(now); d < time.Minute {
		b.WriteString("预计1分钟内发完。")
	} else {
		by := finish.Truncate(time.Minute)
		if by.Before(finish) {
			by = by.Add(time.Minute)
		}
		fmt.Fprintf(&b, "预计%s前发完（约%s）。", clockText(by, now), durationText(d))
	}
	return b.String()
}

func textBroadcastFailed(groups []string) string {
	return fmt.Sprintf("以下群未能加入发送队列：%s。请稍后对这些群重发。", strings.Join(groups, "、"))
}

func textScheduled(id uint64, when, targets, snippet string) string {
	return fmt.Sprintf("已设定定时通知 #%d：%s，发往%s。\n内容：%s\n取消请发「取消定时 %d」。", id, when, targets, snippet, id)
}

// textWhenBadWeb refuses the 定时 field of the workbench's notice form:
// why, if the reader said, and how to write a time.
func textWhenBadWeb(why string) string {
	if why == "" {
		why = "「定时」一栏的时间看不懂。"
	} else {
		why = "「定时」一栏的时间有问题：" + why + "\n"
	}
	return why + textWhenForms + "不定时请留空。"
}

// textScheduledWeb is textScheduled on the workbench, which cannot cancel
// a schedule: that is done in chat.
func textScheduledWeb(id uint64, when, targets, snippet string) string {
	return fmt.Sprintf("已设定定时通知 #%d：%s，发往%s。\n内容：%s\n（工作台暂不能取消定时；要取消请在微信里私聊机器人发「取消定时 %d」。）", id, when, targets, snippet, id)
}

func textPastTime(t string) string {
	return fmt.Sprintf("时间 %s 已经过去了，请写一个将来的时间。%s", t, textWhenForms)
}

func textScheduleList(n int) string { return fmt.Sprintf("定时通知（%d条）：", n) }

func textNoSuchSchedule(id uint64) string {
	return fmt.Sprintf("没有编号为 %d 的定时通知。发送「定时列表」查看。", id)
}

func textConfigNotice(id uint64, name string) string {
	return fmt.Sprintf("#%d 是配置文件中的定时通知「%s」，请在配置里把它的 enabled 改为 false 后重启。", id, name)
}

func textNotYourSchedule(id uint64, owner string) string {
	return fmt.Sprintf("#%d 是%s设定的定时通知，只有本人或主任可以取消。", id, owner)
}

func textCancelled(id uint64, when, snippet string) string {
	return fmt.Sprintf("已取消定时通知 #%d（%s，「%s」）。", id, when, snippet)
}

func textNoticeFired(id uint64, targets string) string {
	return fmt.Sprintf("您设定的定时通知 #%d 已按时开始发送，发往%s。", id, targets)
}

func textNoticeGroupsGone(id uint64, gone []string) string {
	return fmt.Sprintf("定时通知 #%d 的这些群已不在服务范围，没有发送：%s。", id, strings.Join(gone, "、"))
}

func textNoticeStale(id uint64, occ string) string {
	return fmt.Sprintf("定时通知 #%d 原定 %s 发送，因系统当时未运行、已过去太久，这一次没有补发。", id, occ)
}

func textDigestHeader(community string, day string) string {
	return fmt.Sprintf("【每日简报】%s %s", community, day)
}

var chineseOrdinals = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

// textDigestSection numbers sections 一、二、… like an official notice.
func textDigestSection(i int, title string) string {
	if i < len(chineseOrdinals) {
		return chineseOrdinals[i] + "、" + title
	}
	return fmt.Sprintf("%d、%s", i+1, title)
}

// clockText renders t as "09:02", with the date when it is not today.
func clockText(t, now time.Time) string {
	if t.YearDay() != now.YearDay() || t.Year() != now.Year() {
		return fmt.Sprintf("%d月%d日 %02d:%02d", t.Month(), t.Day(), t.Hour(), t.Minute())
	}
	return fmt.Sprintf("%02d:%02d", t.Hour(), t.Minute())
}

// durationText renders d as "1分32秒", "2小时5分".
func durationText(d time.Duration) string {
	d = d.Round(time.Second)
	h, m, s := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	switch {
	case h > 0:
		return fmt.Sprintf("%d小时%d分", h, m)
	case s == 0:
		return fmt.Sprintf("%d分钟", m)
	}
	return fmt.Sprintf("%d分%d秒", m, s)
}

// Texts of 绑定群, which re-binds a renamed group (and its usage and help
// at the end of this file).

func textBindGroupPrivate(example string) string {
	return fmt.Sprintf("「绑定群」要在改了名的那个群里发送，机器人才知道是哪个群。请到该群里发：绑定群 %s", example)
}

func textBindGroupUnknown(name string, configured []string) string {
	return fmt.Sprintf("配置中没有群「%s」。可以绑定的群：%s。请在改了名的群里发送，例如：绑定群 %s",
		name, strings.Join(configured, "、"), configured[0])
}

func textBindGroupSame(name string) string {
	return fmt.Sprintf("本群就是「%s」，名字没有变，无需重新绑定。", name)
}

func textBindGroupRestored(name string) string {
	return fmt.Sprintf("本群已改回原名「%s」，之前的绑定已取消，以后本群的消息照常处理。", name)
}

func textBindGroupAlready(name string) string {
	return fmt.Sprintf("本群已经绑定为「%s」，无需重复绑定。", name)
}

func textBindGroupOther(topic, name string) string {
	return fmt.Sprintf("本群「%s」本身是配置中的群，不能再绑定为「%s」。请在改了名的那个群里发送。", topic, name)
}

func textBindGroupDone(name string) string {
	return fmt.Sprintf("已绑定：本群即「%s」，以后本群的消息照常处理。", name)
}

// textRepeatTooOften refuses a recurring notice that fires more often than
// min in one group.
func textRepeatTooOften(gap time.Duration, at time.Time, min time.Duration) string {
	return fmt.Sprintf("这个时间会每%s就发一次（如 %s 起）。为免刷屏和被微信限制，同一个群的定时通知最多%s一次，请改成间隔更长的时间，例如：每天8点、每周一9点、0 */2 * * *（每2小时）。",
		gapText(gap), at.Format("01-02 15:04"), everyText(min))
}

// textRepeatClash refuses a recurring notice that comes within min of
// another recurring notice to the same group.
func textRepeatClash(other uint64, gap time.Duration, at time.Time, min time.Duration) string {
	return fmt.Sprintf("这条定时通知和已有的定时通知#%d 发往同一个群，时间相隔只有%s（%s 前后）。同一个群的定时通知最多%s一次：请错开时间，或先「取消定时 %d」。",
		other, gapText(gap), at.Format("01-02 15:04"), everyText(min), other)
}

// everyText renders a period for "最多…一次": "每小时", "每2小时", "每30分钟".
func everyText(d time.Duration) string {
	switch {
	case d == time.Hour:
		return "每小时"
	case d%time.Hour == 0:
		return fmt.Sprintf("每%d小时", int(d/time.Hour))
	}
	return fmt.Sprintf("每%d分钟", int(d/time.Minute))
}

// exampleGroups are the community's own groups for usage examples: the
// first two configured ones.
func exampleGroups(groups []string) []string {
	if len(groups) == 0 {
		return []string{"居民群"}
	}
	return groups[:min(2, len(groups))]
}

// textNoticeUsage is 通知's usage, naming the community's own groups.
func textNoticeUsage(groups []string) string {
	return "请这样发：通知 群名 内容，例如：通知 全部 明天上午9点到12点停水，请提前储水。" +
		"多个群用逗号或顿号分开，如：通知 " + strings.Join(exampleGroups(groups), "、") + " 内容；「全部」表示所有居民群。"
}

// textBindGroupUsage is 绑定群's usage, with one of the community's groups.
func textBindGroupUsage(groups []string) string {
	return "请在改了名的群里发送「绑定群 原来配置的群名」，例如：绑定群 " + exampleGroups(groups)[0] + "。"
}

// textBindGroupHelp is 绑定群's line in 帮助.
func textBindGroupHelp(groups []string) string {
	return "绑定群 " + exampleGroups(groups)[0] + " — 群改名后在该群里发送，重新绑定"
}
