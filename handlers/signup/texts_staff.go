package signup

import (
	"fmt"
	"strings"
	"time"

	"linli"
	"linli/handlers/zhtime"
)

// Texts of the commands staff run an activity with: 截止报名, 名单,
// 通知 活动<编号>, 统计 活动.

const (
	textCloseUsage  = "请发送「截止报名 活动编号」，例如：截止报名 1。截止后候补名单保留；要重新开放请发「修改活动 1 截止:11月27日 18:00」。"
	textRosterUsage = "请发送「名单 活动编号」，例如：名单 1。名单会私聊发给您。"
	textNotifyUsage = "请发送「通知 活动编号 内容」，例如：通知 活动1 明天请带身份证。只发给这个活动已报名的居民。"
	textStatsUsage  = "请发送「统计 活动」（本月），或加月份：统计 活动 上月、统计 活动 11月、统计 活动 2026年11月、统计 活动 全部。"
)

// textAlreadyClosed refuses 截止报名 of an activity already closed.
func textAlreadyClosed(a *linli.Activity) string {
	return fmt.Sprintf("%s的报名已经截止了（%s）。要重新开放请发「修改活动 %d 截止:时间」。", actName(a), zhtime.Format(a.Deadline), a.ID)
}

// textAlreadyClosedWeb is textAlreadyClosed on the workbench, which
// cannot reopen sign-up: that is done in chat.
func textAlreadyClosedWeb(a *linli.Activity) string {
	return fmt.Sprintf("%s的报名已经截止了（%s）。工作台不能重新开放报名；要重新开放，请在微信里私聊机器人发「修改活动 %d 截止:时间」。", actName(a), zhtime.Format(a.Deadline), a.ID)
}

// textSignupClosedNotice tells a group's participants that sign-up closed.
func textSignupClosedNotice(a *linli.Activity) string {
	s := fmt.Sprintf("【报名截止】%s（%s，%s）报名已截止，%s。已报名的居民请准时参加，不能来请发「取消报名 %d」",
		actName(a), spanText(a), a.Place, seatsText(a), a.ID)
	if a.Waiting > 0 {
		s += "；候补的居民有空位时会按顺序递补并通知您"
	}
	return s + "。"
}

// textSignupClosedPersonal tells one participant that sign-up closed.
func textSignupClosedPersonal(a *linli.Activity, s *linli.Signup) string {
	if s != nil && s.Status == linli.SignupWaitlisted {
		return fmt.Sprintf("【报名截止】%s（%s，%s）报名已截止。您在候补第%d位，有空位时会按顺序递补并通知您。", actName(a), spanText(a), a.Place, s.Position)
	}
	return fmt.Sprintf("【报名截止】%s（%s，%s）报名已截止，您已报名，请准时参加；不能来请发「取消报名 %d」。", actName(a), spanText(a), a.Place, a.ID)
}

// textClosedNow answers the staff member who closed sign-up.
func textClosedNow(a *linli.Activity, told int) string {
	s := fmt.Sprintf("已截止%s的报名：已报名%d人（%s），候补%d人（保留，有人取消时按顺序递补）。", actName(a), a.Taken, capacityText(a), waitPeople(a))
	if told > 0 {
		s += fmt.Sprintf("已通知%d位报名的居民。", told)
	}
	return s + fmt.Sprintf("发「名单 %d」查看名单。", a.ID)
}

// textClosedNowWeb is textClosedNow on the workbench's activity page,
// which shows the roster itself.
func textClosedNowWeb(a *linli.Activity, told int) string {
	s := fmt.Sprintf("已截止%s的报名：已报名%d人（%s），候补%d人（保留，有人取消时按顺序递补）。", actName(a), a.Taken, capacityText(a), waitPeople(a))
	if told > 0 {
		s += fmt.Sprintf("已通知%d位报名的居民。", told)
	}
	return s + "名单见本页下方。"
}

// textRosterHead heads page page of pages of a's roster.
func textRosterHead(a *linli.Activity, page, pages int) string {
	s := fmt.Sprintf("%s名单（%s，%s，%s）", actName(a), spanText(a), a.Place, capacityText(a))
	if pages > 1 {
		s += fmt.Sprintf("第%d/%d页", page, pages)
	}
	return s
}

// textRosterLines lists a's sign-ups at now: confirmed (party sizes, ✓ for
// checked in), the waitlist in order, the walk-ins, cancelled ones counted.
func textRosterLines(a *linli.Activity, signups []linli.Signup, now time.Time) []string {
	var confirmed, waiting, walkIns []string
	var people, waitPeople, in, cancelled int
	for _, s := range signups {
		mark := ""
		if !s.CheckedIn.IsZero() && s.Active() {
			mark = " ✓" + s.CheckedIn.In(now.Location()).Format("15:04")
			in += s.PartySize
		}
		party := ""
		if s.PartySize > 1 {
			party = fmt.Sprintf(" %d人", s.PartySize)
		}
		switch {
		case s.Status == linli.SignupCancelled:
			cancelled++
		case s.Source == linli.SourceWalkIn || s.WalkIn:
			walkIns = append(walkIns, s.Resident+party+mark)
		case s.Status == linli.SignupConfirmed:
			people += s.PartySize
			confirmed = append(confirmed, fmt.Sprintf("%d. %s%s%s", len(confirmed)+1, s.Resident, party, mark))
		default:
			waitPeople += s.PartySize
			waiting = append(waiting, fmt.Sprintf("%d. %s%s", s.Position, s.Resident, party))
		}
	}
	lines := []string{fmt.Sprintf("已报名%d人（%d份报名）：", people, len(confirmed))}
	if len(confirmed) == 0 {
		lines[0] = "已报名：还没有人。"
	}
	lines = append(lines, confirmed...)
	if len(waiting) > 0 {
		if waitPeople != len(waiting) { // families: say both, like the seats above
			lines = append(lines, fmt.Sprintf("候补%d人（%d份报名，按顺序）：", waitPeople, len(waiting)))
		} else {
			lines = append(lines, fmt.Sprintf("候补%d人（按顺序）：", waitPeople))
		}
		lines = append(lines, waiting...)
	}
	if len(walkIns) > 0 {
		lines = append(lines, fmt.Sprintf("现场加入%d人：", len(walkIns)))
		lines = append(lines, walkIns...)
	}
	switch {
	case in > 0:
		lines = append(lines, fmt.Sprintf("已签到%d人（✓ 后是签到时间）。", in))
	case a.Started(now):
		lines = append(lines, "还没有人签到。")
	}
	if cancelled > 0 {
		lines = append(lines, fmt.Sprintf("另有%d份报名已取消。", cancelled))
	}
	return lines
}

// textRosterSentPrivately tells a group the roster went privately.
func textRosterSentPrivately(a *linli.Activity) string {
	return fmt.Sprintf("%s的名单已私聊发给您。", actName(a))
}

// textNotifyNobody refuses 通知 活动 for an activity nobody signed up for.
func textNotifyNobody(a *linli.Activity) string {
	return fmt.Sprintf("%s还没有已报名的居民，通知没有发出。要通知全群请发「通知 全部 内容」。", actName(a))
}

// textParticipantNotice is the notice staff sends a's participants.
func textParticipantNotice(a *linli.Activity, text, from string) string {
	return fmt.Sprintf("【活动通知】%s（%s，%s）：%s —— %s", actName(a), spanText(a), a.Place, text, from)
}

// textGroupCount renders "幸福里1期居民群@15位".
func textGroupCount(group string, n int) string { return fmt.Sprintf("%s@%d位", group, n) }

// textNotified answers the staff member who notified a's participants.
func textNotified(a *linli.Activity, private int, groups []string) string {
	var parts []string
	if private > 0 {
		parts = append(parts, fmt.Sprintf("私聊%d位", private))
	}
	parts = append(parts, groups...)
	return fmt.Sprintf("已通知%s已报名的居民：%s。", actName(a), strings.Join(parts, "，"))
}

// percent renders part of whole as "83%", or "—" for nothing to divide.
func percent(part, whole int) string {
	if whole == 0 {
		return "—"
	}
	return fmt.Sprintf("%d%%", (100*part+whole/2)/whole)
}

// statCounts renders the counts of a held activity (or of all of them).
func statCounts(n actCounts) string {
	s := fmt.Sprintf("报名%d人，到场%d人", n.signedUp, n.came)
	if n.walkIns > 0 {
		s += fmt.Sprintf("（含现场加入%d人）", n.walkIns)
	}
	return s + fmt.Sprintf("，到场率%s，缺席%d人，候补%d人，取消%d人", percent(n.cameOfSU, n.signedUp), n.noShows(), n.waiting, n.cancelled)
}

// textActivityStats renders 统计 活动: one line per activity of the period,
// the total of those held, and the community's 参与率.
func textActivityStats(p statsPeriod, lines []statLine, total actCounts, held, took, known int, now time.Time) string {
	var b strings.Builder
	if p.From.IsZero() {
		b.WriteString("全部活动统计（人数含家人；到场率 = 已报名的人中到场的比例）：")
	} else {
		fmt.Fprintf(&b, "%s活动统计（%s–%s；人数含家人；到场率 = 已报名的人中到场的比例）：", p.Name,
			zhtime.FormatDate(p.From), zhtime.FormatDate(p.To.AddDate(0, 0, -1)))
	}
	if len(lines) == 0 {
		b.WriteString("\n这段时间没有活动。")
	}
	for _, l := range lines {
		fmt.Fprintf(&b, "\n%s%s：", actName(&l.a), zhtime.FormatDate(l.a.StartsAt))
		switch {
		case l.state == linli.ActivityCancelled:
			b.WriteString("已取消")
		case !l.a.Started(now):
			fmt.Fprintf(&b, "还没举行，已报名%d人，候补%d人", l.n.signedUp, l.n.waiting)
		default:
			b.WriteString(statCounts(l.n))
			if l.state != linli.ActivityOver {
				b.WriteString("（进行中）")
			}
			if r := l.rating; r.Count > 0 {
				fmt.Fprintf(&b, "；评价%.1f分（%d人）", r.Average, r.Count)
				if n := len(r.Comments); n > 0 {
					fmt.Fprintf(&b, "\n  意见：%s", strings.Join(r.Comments[max(0, n-3):], "；"))
				}
			}
		}
	}
	if held > 0 {
		fmt.Fprintf(&b, "\n合计（已举行%d场）：%s", held, statCounts(total))
	}
	fmt.Fprintf(&b, "\n参与率：%d位居民参加了活动（签到），占已知居民%d位的%s。", took, known, percent(took, known))
	return b.String()
}

// textNoTimeOfDay refuses a 时间 that names a day but not the hour.
func textNoTimeOfDay(when string) string {
	return fmt.Sprintf("活动时间「%s」没有写几点开始，请写上时间，如「时间:%s 上午9点」或「时间:%s 14:00-16:00」。", when, when, when)
}

// textTooFarAhead refuses a start more than a year ahead, the year shown.
func textTooFarAhead(start time.Time) string {
	return fmt.Sprintf("活动时间是 %s，离现在超过一年了，请检查年份，例如「时间:11月28日 9:30」（不写年份就是最近的那一天）。", start.Format("2006年1月2日 15:04"))
}
