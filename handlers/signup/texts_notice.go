package signup

import (
	"fmt"
	"strings"
	"time"

	"linli"
	"linli/handlers/zhtime"
)

// Texts of activity notices (reminders, cancellations, series), check-in,
// rosters and 接龙 lists.

// textReminder is sent before the start, at now.
func textReminder(a *linli.Activity, people int, now time.Time) string {
	s := fmt.Sprintf("【活动提醒】%s%s 在%s举行，还有%s开始。本群已报名%d人，请准时参加，到场请发「签到 %d」。",
		actName(a), dayAndTime(a.StartsAt, now), a.Place, leadTimeText(a.StartsAt.Sub(now)), people, a.ID)
	switch {
	case invitesSignups(a, now) && a.Unlimited():
		s += fmt.Sprintf("不限名额，想参加请发「报名 %d」。", a.ID)
	case invitesSignups(a, now):
		s += fmt.Sprintf("还有%d个名额，想参加请发「报名 %d」。", a.Free(), a.ID)
	}
	return s
}

// textReminderPersonal is a reminder to one participant, at now.
func textReminderPersonal(a *linli.Activity, party int, now time.Time) string {
	return fmt.Sprintf("【活动提醒】%s%s 在%s举行，还有%s开始。您已报名（%d人），请准时参加，到场请发「签到 %d」。",
		actName(a), dayAndTime(a.StartsAt, now), a.Place, leadTimeText(a.StartsAt.Sub(now)), party, a.ID)
}

func textClosedSummary(a *linli.Activity, waiting int) string {
	seats := fmt.Sprintf("名额%d", a.Capacity)
	if a.Unlimited() {
		seats = "名额不限"
	}
	return fmt.Sprintf("%s报名已截止：已报名%d人（%s），候补%d人。发送「名单 %d」查看名单，「导出 报名 %d」获取报名表。",
		actName(a), a.Taken, seats, waiting, a.ID, a.ID)
}

// textActivityCancelled tells a group that a was cancelled. series is the
// rule of its series ("每周六 07:30", "" for a one-off); keep says whether
// the series goes on.
func textActivityCancelled(a *linli.Activity, series string, keep bool) string {
	note := ""
	switch {
	case series != "" && keep:
		note = fmt.Sprintf("（只取消这一次，%s的「%s」照常）", series, a.Title)
	case series != "":
		note = fmt.Sprintf("，%s的「%s」以后也不再举行", series, a.Title)
	}
	return fmt.Sprintf("【活动取消】%s（%s，%s）取消了%s。已报名的居民请互相转告，给大家添麻烦了。",
		actName(a), spanText(a), a.Place, note)
}

// textActivityCancelledPersonal tells one participant.
func textActivityCancelledPersonal(a *linli.Activity) string {
	return fmt.Sprintf("【活动取消】%s（%s，%s）取消了，您的报名也随之取消，给您添麻烦了。", actName(a), spanText(a), a.Place)
}

// textCancelledActivity answers the staff member who cancelled a.
func textCancelledActivity(a *linli.Activity, notified int, series string, keep bool) string {
	s := fmt.Sprintf("已取消%s（%s），已通知%d位报名居民。", actName(a), spanText(a), notified)
	switch {
	case series != "" && keep:
		s += fmt.Sprintf("只取消这一次：%s的「%s」照常，下一次到时自动发布；要停掉整个系列请发「取消活动 %d 全部」。", series, a.Title, a.ID)
	case series != "":
		s += fmt.Sprintf("%s的「%s」也已停止，不再发布。", series, a.Title)
	}
	return s
}

func textSeriesStopped(a *linli.Activity, series string) string {
	return fmt.Sprintf("【活动通知】%s的「%s」以后不再举行，谢谢大家的参与。", series, a.Title)
}

func textSeriesStoppedStaff(a *linli.Activity, series string) string {
	return fmt.Sprintf("已停止%s的「%s」，不再发布，已在群里通知。", series, a.Title)
}

func textSeriesMovedOn(a, next *linli.Activity) string {
	return fmt.Sprintf("%s已经过去，这个系列现在是%s，请发「取消活动 %d 全部」。", actName(a), actName(next), next.ID)
}

func textSeriesAlreadyStopped(a *linli.Activity, series string) string {
	return fmt.Sprintf("%s的「%s」已经停止了。", series, a.Title)
}

// askWhom names whom a resident should ask about a.
func askWhom(a *linli.Activity) string {
	if a.CreatedBy != "" {
		return a.CreatedBy
	}
	return "社工"
}

func textNotForGroup(a *linli.Activity) string {
	return fmt.Sprintf("%s只面向%s，本群不能报名。发送「活动」查看本群可报名的活动。", actName(a), strings.Join(a.Groups, "、"))
}

func textJielongNotForGroup(a *linli.Activity) string {
	return fmt.Sprintf("%s只面向%s，本群接龙没有登记。", actName(a), strings.Join(a.Groups, "、"))
}

func textNotForYou(a *linli.Activity) string {
	return fmt.Sprintf("%s只面向%s的居民，请在该群里发「报名 %d」；不在该群的话，请联系%s。",
		actName(a), strings.Join(a.Groups, "、"), a.ID, askWhom(a))
}

// textCheckedIn answers a resident's check-in; before and after are their
// sign-up around it.
func textCheckedIn(a *linli.Activity, before, after *linli.Signup) string {
	switch {
	case before.Status == linli.SignupWaitlisted && after.Status == linli.SignupConfirmed:
		return fmt.Sprintf("签到成功！正好有空位，您已从候补转为正式报名。欢迎参加%s。", actName(a))
	case after.WalkIn:
		return fmt.Sprintf("已记下您到场（现场加入，名额已满）。欢迎参加%s。", actName(a))
	}
	return fmt.Sprintf("签到成功！欢迎参加%s。", actName(a))
}

// checkinNote says what a staff check-in did to a waitlisted sign-up.
func checkinNote(before, after linli.Signup) string {
	switch {
	case before.Status == linli.SignupWaitlisted && after.Status == linli.SignupConfirmed:
		return "（候补转为正式报名）"
	case after.WalkIn:
		return "（候补，名额已满，记为现场加入）"
	}
	return ""
}

func textCheckinWindow(a *linli.Activity, opens, closes time.Time) string {
	return fmt.Sprintf("%s的签到时间是 %s 到 %s，现在不在签到时间内。", actName(a), opens.Format("01-02 15:04"), closes.Format("15:04"))
}

// textCheckinCancelled refuses a check-in for an activity called off.
func textCheckinCancelled(a *linli.Activity) string {
	return fmt.Sprintf("%s已经取消了，不用签到，也不计积分。发送「活动」查看其他活动。", actName(a))
}

// textCheckinOver refuses a resident's check-in after the end.
func textCheckinOver(a *linli.Activity, opens, closes time.Time) string {
	return textCheckinWindow(a, opens, closes) + "活动已经结束，如果您确实到场了，请找社工补记。"
}

// textCheckinLongOver refuses staff's check-in long after the end.
func textCheckinLongOver(a *linli.Activity, closes time.Time, grace time.Duration) string {
	return fmt.Sprintf("%s已于 %s 结束，结束%d小时内可以补记签到，现在已经过了。", actName(a), closes.Format("01-02 15:04"), int(grace/time.Hour))
}

func textCheckinNotConfirmed(a *linli.Activity, s *linli.Signup) string {
	if s != nil && s.Status == linli.SignupWaitlisted {
		return fmt.Sprintf("您在%s的候补名单中（第%d位），请与现场社工确认是否有空位。", actName(a), s.Position)
	}
	return fmt.Sprintf("您没有报名%s，请到现场找社工登记。", actName(a))
}

// textStaffCheckin answers staff's check-in: those signed up, and those
// recorded as come without a sign-up (walkIns).
func textStaffCheckin(done, again, walkIns, unclear []string) string {
	var parts []string
	if len(done) > 0 {
		parts = append(parts, "已签到："+strings.Join(done, "、")+"。")
	}
	if len(again) > 0 {
		parts = append(parts, "之前已签到过："+strings.Join(again, "、")+"。")
	}
	if len(walkIns) > 0 {
		parts = append(parts, "没有报名记录，已记为现场加入："+strings.Join(walkIns, "、")+"。名字写错的话，请用报名时的名字再签一次。")
	}
	if len(unclear) > 0 {
		parts = append(parts, "不知道是哪一位，没有签到："+strings.Join(unclear, "；")+"。请写报名时的全名再签一次。")
	}
	return strings.Join(parts, "")
}

// walkInNote says what a walk-in took: a seat, or none (名额已满).
func walkInNote(s *linli.Signup) string {
	if s.Source == linli.SourceWalkIn && s.WalkIn {
		return "（名额已满，不占名额）"
	}
	if s.Source != linli.SourceWalkIn {
		return "（已报名）"
	}
	return ""
}

// textRosterCaption sums up a roster in people, family included.
func textRosterCaption(a *linli.Activity, n rosterCounts) string {
	s := fmt.Sprintf("%s报名表：%s，已报名%d人，候补%d人", actName(a), capacityText(a), n.confirmed, n.waiting)
	switch {
	case n.walkIns > 0:
		s += fmt.Sprintf("；到场%d人：已报名的%d人，现场加入%d人（候补，名额已满）", n.attended+n.walkIns, n.attended, n.walkIns)
	case n.attended > 0:
		s += fmt.Sprintf("；已报名的到场%d人", n.attended)
	}
	return s + "。"
}

// textJielongWaitFrom closes a 接龙: the seats, where its waitlist begins
// (from, 0: none), the seats taken elsewhere (part of a.Taken) and who is
// waitlisted elsewhere.
func textJielongWaitFrom(a *linli.Activity, from int, seatedElsewhere, waitingElsewhere string) string {
	s := fmt.Sprintf("%s，已报%d人（含家人）。", capacityText(a), a.Taken)
	if seatedElsewhere != "" {
		s = fmt.Sprintf("%s，已报%d人（含家人，其中%s）。", capacityText(a), a.Taken, seatedElsewhere)
	}
	if waitingElsewhere != "" {
		s += fmt.Sprintf("另有%s。", waitingElsewhere)
	}
	if from > 0 {
		s += fmt.Sprintf("第%d位起为候补，%s", from, textWaitNote)
	}
	return s
}

// textJielongLong stands for a 接龙 of n lines too long to post back.
func textJielongLong(a *linli.Activity, n int) string {
	return fmt.Sprintf("%s（%s，%s）的接龙已登记%d位，太长不再整段重发；发「我的报名」可查看自己是否已登记。", actName(a), spanText(a), a.Place, n)
}

// textJielongPartyReduced acknowledges a 接龙 line that brought fewer
// people than the sign-up had (an older copy of the list, or a change).
func textJielongPartyReduced(a *linli.Activity, before, after int) string {
	s := fmt.Sprintf("按您这次接龙的那一行，%s的报名人数已从%d人改为%d人。", actName(a), before, after)
	if extra := before - 1; extra > 0 {
		s += fmt.Sprintf("如果是复制了旧的接龙，请发「报名 %d +%d」改回%d人。", a.ID, extra, before)
	}
	return s
}

// unrecordedExamples is how many unrecorded 接龙 lines are named; the rest
// are counted (a 2,000-line 接龙 posted by one person is not echoed).
const unrecordedExamples = 3

// textJielongUnrecorded names the lines of a 接龙 nobody signed up with:
// all of them up to unrecordedExamples, else a few and how many.
func textJielongUnrecorded(a *linli.Activity, lines []string) string {
	if len(lines) > unrecordedExamples {
		return fmt.Sprintf("%s等%d行没有登记（每人要自己接龙或发「报名 %d」才算报名）。家人同行请在自己那行后加 +1。",
			strings.Join(lines[:unrecordedExamples], "、"), len(lines), a.ID)
	}
	return fmt.Sprintf("%s：没有登记。请本人接龙或发「报名 %d」；家人同行请在自己那行后加 +1。", strings.Join(lines, "、"), a.ID)
}

// textActivityMoved tells a group (inGroup) or one participant that the
// time or place of an activity changed from before to a.
func textActivityMoved(before, a *linli.Activity, inGroup bool, now time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "【活动变更】%s", actName(a))
	if !before.StartsAt.Equal(a.StartsAt) || !before.EndsAt.Equal(a.EndsAt) {
		fmt.Fprintf(&b, "\n时间改为：%s（原%s）", spanText(a), spanText(before))
	} else {
		fmt.Fprintf(&b, "\n时间：%s", spanText(a))
	}
	if before.Place != a.Place {
		fmt.Fprintf(&b, "\n地点改为：%s（原%s）", a.Place, before.Place)
	} else {
		fmt.Fprintf(&b, "\n地点：%s", a.Place)
	}
	if inGroup {
		fmt.Fprintf(&b, "\n已报名的居民请留意，不能参加请发「取消报名 %d」。", a.ID)
		if invitesSignups(a, now) {
			fmt.Fprintf(&b, "想参加请发「报名 %d」。", a.ID)
		}
		return b.String()
	}
	fmt.Fprintf(&b, "\n您的报名保留不变；不能参加请发「取消报名 %d」。", a.ID)
	return b.String()
}

// textModified answers the staff member who changed an activity from
// before to a; told participants were notified.
func textModified(before, a *linli.Activity, told int) string {
	var changes []string
	if before.Title != a.Title {
		changes = append(changes, "标题改为「"+a.Title+"」")
	}
	if !before.StartsAt.Equal(a.StartsAt) || !before.EndsAt.Equal(a.EndsAt) {
		changes = append(changes, "时间改为"+spanText(a))
	}
	if before.Place != a.Place {
		changes = append(changes, "地点改为"+a.Place)
	}
	if before.Capacity != a.Capacity {
		changes = append(changes, strings.Replace(capacityText(a), "名额", "名额改为", 1))
	}
	if before.Note != a.Note {
		changes = append(changes, "备注改为「"+a.Note+"」")
	}
	if !before.Deadline.Equal(a.Deadline) && !(before.Deadline.Equal(before.StartsAt) && a.Deadline.Equal(a.StartsAt)) {
		changes = append(changes, "报名截止改为"+zhtime.Format(a.Deadline))
	}
	if strings.Join(before.Groups, "、") != strings.Join(a.Groups, "、") {
		changes = append(changes, "面向"+strings.Join(a.Groups, "、"))
	}
	switch {
	case a.Volunteer && !before.Volunteer:
		changes = append(changes, "改为志愿活动（记志愿时长）")
	case before.Volunteer && !a.Volunteer:
		changes = append(changes, "不再记志愿时长")
	}
	if len(changes) == 0 {
		return fmt.Sprintf("%s没有变化。", actName(a))
	}
	s := fmt.Sprintf("已修改%s：%s。已通知：%s", actName(before), strings.Join(changes, "，"), strings.Join(a.Groups, "、"))
	if told > 0 {
		s += fmt.Sprintf("，并提醒了%d位报名居民", told)
	}
	return s + "。"
}

// Texts of the family's section of the daily digest.

const textDigestActivitiesTitle = "今日活动"

func textDigestActivity(id uint64, title, at, place string, taken, capacity, waiting int) string {
	s := fmt.Sprintf("活动%d「%s」%s %s，已报名 %d/%d 人", id, title, at, place, taken, capacity)
	if waiting > 0 {
		s += fmt.Sprintf("，候补 %d", waiting)
	}
	return s
}
