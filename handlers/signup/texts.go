package signup

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"linli"
	"linli/handlers/zhtime"
)

// Texts of the activity and sign-up commands.

const (
	textPublishExample    = "发布活动 健康讲座 时间:11月28日 9:30 地点:社区活动室 名额:30"
	textPublishUsage      = "请按这个格式发布活动：发布活动 <标题> 时间:<时间> 地点:<地点> 名额:<人数> [截止:<时间>] [群:<群名|全部>] [每周六 重复]\n例如：" + textPublishExample
	textSignupUsage       = "请发送「报名 活动编号」，带家人加人数，例如：报名 1、报名 1 +1、报名 1 我和老伴。发送「活动」查看活动编号。"
	textSignupCancelUsage = "请发送「取消报名 活动编号」，例如：取消报名 1；只少去几人请加人数，例如：取消报名 1 +1（少1人）。发送「我的报名」查看您的报名。"
	textModifyUsage       = "请按这个格式修改活动，只写要改的项：修改活动 <编号> [时间:<时间>] [地点:<地点>] [名额:<人数>] [截止:<时间>] [群:<群名|全部>] [标题:<标题>]\n例如：修改活动 1 时间:11月29日 9:30 地点:2期活动室"
	textCheckinUsage      = "请发送「签到 活动编号」，例如：签到 1。社工代签到：签到 1 张阿姨 王叔。"
	textExportUsage       = "请发送「导出 报名 活动编号」，例如：导出 报名 1。"
	textCancelActUsage    = "请发送「取消活动 活动编号」，例如：取消活动 1。重复的活动只取消这一次；要连以后的一起停掉，发「取消活动 1 全部」。"
	textBadParty          = "人数请写成 +N（N 为 0 到 10 的家人数）或共几人，例如：报名 1 +1 或 报名 1 2人，都表示您和1位家人共2人。"
	textNoOpen            = "目前没有可报名的活动。"
	textNoOpenIntent      = "目前没有可报名的活动。如果是要反映问题，请发「随手拍」加上问题和位置，例如：随手拍 3号楼门口路灯不亮。"
	textNoMine            = "您目前没有报名的活动。发送「活动」查看可报名的活动。"
	textCheckinOthers     = "替别人签到是社工的功能。您自己签到请发「签到 活动编号」，例如：签到 1。"
	textWaitNote          = "有人取消时会按顺序递补并通知您。"
)

// actName is how every reply names an activity: 活动1「健康讲座」.
func actName(a *linli.Activity) string { return fmt.Sprintf("活动%d「%s」", a.ID, a.Title) }

// activityLine renders the usual one-line description of an activity.
func activityLine(a *linli.Activity) string {
	return fmt.Sprintf("%s%s %s", actName(a), zhtime.Format(a.StartsAt), a.Place)
}

// seatsText renders "已报28/30人", "名额已满，候补3人" or, when a waitlisted
// party does not fit in the seats left, "已报29/30人，候补1人".
func seatsText(a *linli.Activity) string {
	switch {
	case a.Waiting == 0:
		return fmt.Sprintf("已报%d/%d人", a.Taken, a.Capacity)
	case a.Free() > 0:
		return fmt.Sprintf("已报%d/%d人，候补%d人", a.Taken, a.Capacity, a.Waiting)
	}
	return fmt.Sprintf("名额已满，候补%d人", a.Waiting)
}

// invitesSignups reports whether a may ask for more sign-ups: it is open,
// has free seats and nobody is waiting for them.
func invitesSignups(a *linli.Activity) bool {
	return a.Status == linli.ActivityOpen && a.Free() > 0 && a.Waiting == 0
}

func textAnnounce(a *linli.Activity, updated bool) string {
	head := "【活动报名】"
	if updated {
		head = "【活动更新】"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s%s\n时间：%s\n地点：%s\n名额：%d人", head, actName(a), zhtime.Format(a.StartsAt), a.Place, a.Capacity)
	if !a.Deadline.Equal(a.StartsAt) {
		fmt.Fprintf(&b, "，报名截止：%s", zhtime.Format(a.Deadline))
	}
	if a.RepeatText != "" {
		fmt.Fprintf(&b, "\n%s举行，每次单独报名", a.RepeatText)
	}
	fmt.Fprintf(&b, "\n报名请发「报名 %d」，带家人请加人数，如「报名 %d +1」；取消发「取消报名 %d」。", a.ID, a.ID, a.ID)
	return b.String()
}

// textPublished answers the staff member who published a; namesake is
// another upcoming activity of the same title, left as it was.
func textPublished(a *linli.Activity, updated bool, namesake *linli.Activity) string {
	verb := "已发布"
	if updated {
		verb = "已更新"
	}
	deadline := zhtime.Format(a.Deadline)
	if a.Deadline.Equal(a.StartsAt) {
		deadline = "开始时"
	}
	s := fmt.Sprintf("%s%s：%s开始，%s截止报名，名额%d人", verb, actName(a), zhtime.Format(a.StartsAt), deadline, a.Capacity)
	if a.RepeatText != "" {
		s += fmt.Sprintf("，%s重复", a.RepeatText)
	}
	s += fmt.Sprintf("。已通知：%s。", strings.Join(a.Groups, "、"))
	if namesake != nil {
		s += fmt.Sprintf("\n%s（%s）照常保留；要改它的时间地点请发「修改活动 %d 时间:… 地点:…」，不办了请发「取消活动 %d」。",
			actName(namesake), zhtime.Format(namesake.StartsAt), namesake.ID, namesake.ID)
	}
	return s
}

func textOpenList(list []linli.Activity) string {
	var b strings.Builder
	b.WriteString("可报名的活动（回复「报名 编号」报名）：")
	for i := range list {
		fmt.Fprintf(&b, "\n%s，%s", activityLine(&list[i]), seatsText(&list[i]))
	}
	return b.String()
}

// textActivityDetail describes a; refusal, if any, says why the asker
// cannot sign up for it.
func textActivityDetail(a *linli.Activity, refusal string) string {
	s := fmt.Sprintf("%s\n%s", activityLine(a), seatsText(a))
	switch {
	case a.Status == linli.ActivityOpen && refusal != "":
		s += fmt.Sprintf("，报名截止 %s。%s", zhtime.Format(a.Deadline), refusal)
	case a.Status == linli.ActivityOpen:
		s += fmt.Sprintf("，报名截止 %s。报名请发「报名 %d」。", zhtime.Format(a.Deadline), a.ID)
	default:
		s += "，" + statusText(a.Status) + "。"
	}
	return s
}

func statusText(status string) string {
	switch status {
	case linli.ActivityClosed:
		return "报名已截止"
	case linli.ActivityCancelled:
		return "活动已取消"
	}
	return "可报名"
}

// rosterStatusText names a sign-up's status in the roster.
func rosterStatusText(s *linli.Signup) string {
	switch {
	case s.Status == linli.SignupConfirmed:
		return "已报名"
	case s.WalkIn:
		return "现场加入"
	case s.Status == linli.SignupWaitlisted:
		return "候补"
	}
	return "已取消"
}

// textUnknownGroup answers a 群: naming no served group, or several.
func textUnknownGroup(name string, served []string) string {
	return fmt.Sprintf("不认识群「%s」。可以写：全部，或 %s 中的一个或几个（用逗号隔开），例如：群:%s",
		name, strings.Join(served, "、"), served[0])
}

func textUnknownActivity(ref string, open []linli.Activity) string {
	if len(open) == 0 {
		return fmt.Sprintf("没有找到活动「%s」。%s", ref, textNoOpen)
	}
	return fmt.Sprintf("没有找到活动「%s」。%s", ref, textOpenList(open))
}

func textWhichActivity(verb string, list []linli.Activity) string {
	var b strings.Builder
	fmt.Fprintf(&b, "您是要%s哪个活动？回复「%s 编号」：", verb, verb)
	for i := range list {
		fmt.Fprintf(&b, "\n%s", activityLine(&list[i]))
	}
	return b.String()
}

// signupCmd is the 报名 command for a party of party people.
func signupCmd(a *linli.Activity, party int) string {
	cmd := fmt.Sprintf("报名 %d", a.ID)
	if party > 1 {
		cmd += fmt.Sprintf(" +%d", party-1)
	}
	return cmd
}

// cancelCmd is the 取消报名 command of a.
func cancelCmd(a *linli.Activity) string { return fmt.Sprintf("取消报名 %d", a.ID) }

// textConfirmSignup asks whether the sender means to sign up for a; its
// yes is signupCmd(a, party).
func textConfirmSignup(a *linli.Activity, party int) string {
	return fmt.Sprintf("您是要报名%s（%s）吗？回复「是」或「%s」即可。", actName(a), zhtime.Format(a.StartsAt), signupCmd(a, party))
}

// textConfirmCancel asks whether the sender means to cancel; its yes is
// cancelCmd(a).
func textConfirmCancel(a *linli.Activity) string {
	return fmt.Sprintf("您是要取消%s的报名吗？回复「是」或「%s」即可。", actName(a), cancelCmd(a))
}

func textSignedUp(a *linli.Activity, s *linli.Signup) string {
	if s.Status == linli.SignupWaitlisted {
		return fmt.Sprintf("%s名额已满，您已进入候补第%d位（%d人）。%s", actName(a), s.Position, s.PartySize, textWaitNote)
	}
	return fmt.Sprintf("报名成功！%s%s，%s，共%d人。目前%s。取消请发「取消报名 %d」。",
		actName(a), zhtime.Format(a.StartsAt), a.Place, s.PartySize, seatsText(a), a.ID)
}

func textSignupUpdated(a *linli.Activity, s *linli.Signup) string {
	state := "已报名"
	if s.Status == linli.SignupWaitlisted {
		state = fmt.Sprintf("候补第%d位", s.Position)
	}
	return fmt.Sprintf("已更新您%s的报名：共%d人，%s。", actName(a), s.PartySize, state)
}

func textAlreadySignedUp(a *linli.Activity, s *linli.Signup) string {
	state := "已报名"
	if s.Status == linli.SignupWaitlisted {
		state = fmt.Sprintf("在候补第%d位", s.Position)
	}
	return fmt.Sprintf("您%s%s（%d人），无需重复报名。改人数请发「报名 %d +N」，取消请发「取消报名 %d」。",
		state, actName(a), s.PartySize, a.ID, a.ID)
}

func textNoRoom(a *linli.Activity, s *linli.Signup, want int) string {
	left := "名额已满"
	if a.Free() > 0 {
		left = fmt.Sprintf("只剩%d个名额", a.Free())
	}
	return fmt.Sprintf("%s%s，无法改为%d人；您原来的报名（%d人）保留不变。", actName(a), left, want, s.PartySize)
}

func textClosed(a *linli.Activity) string {
	if a.Status == linli.ActivityCancelled {
		return fmt.Sprintf("%s已取消，不能报名了。发送「活动」查看其他活动。", actName(a))
	}
	return fmt.Sprintf("%s报名已截止（%s）。发送「活动」查看其他活动。", actName(a), zhtime.Format(a.Deadline))
}

func textSignupCancelled(a *linli.Activity) string {
	return fmt.Sprintf("已取消您%s的报名。", actName(a))
}

func textPartyReduced(a *linli.Activity, s *linli.Signup) string {
	state := "已报名"
	if s.Status == linli.SignupWaitlisted {
		state = fmt.Sprintf("候补第%d位", s.Position)
	}
	return fmt.Sprintf("已改为%d人：%s，%s。全部取消请发「取消报名 %d」。", s.PartySize, actName(a), state, a.ID)
}

func textReduceAll(a *linli.Activity, party int) string {
	return fmt.Sprintf("您报名%s共%d人。要全部取消吗？回复「是」或「取消报名 %d」即可。", actName(a), party, a.ID)
}

func textNotSignedUp(a *linli.Activity) string {
	return fmt.Sprintf("您没有报名%s，无需取消。发送「我的报名」查看您的报名。", actName(a))
}

func textTooLateToCancel(a *linli.Activity) string {
	return fmt.Sprintf("%s已经开始，不能取消报名了。", actName(a))
}

func textPromoted(a *linli.Activity, s *linli.Signup) string {
	return fmt.Sprintf("好消息：%s有人取消，您已从候补转为正式报名（%d人）。时间：%s，地点：%s。不能参加请发「取消报名 %d」。",
		actName(a), s.PartySize, zhtime.Format(a.StartsAt), a.Place, a.ID)
}

func textMine(lines []string) string {
	return "您的报名：\n" + strings.Join(lines, "\n") + "\n取消请发「取消报名 编号」。"
}

func textMineLine(a *linli.Activity, s *linli.Signup) string {
	state := fmt.Sprintf("已报名（%d人）", s.PartySize)
	if s.Status == linli.SignupWaitlisted {
		state = fmt.Sprintf("候补第%d位（%d人）", s.Position, s.PartySize)
	}
	return activityLine(a) + " — " + state
}

// textAckConfirmed tells a group who signed up; families lists the
// parties of more than one ("王叔 2人"), or is just "共2人" for one.
func textAckConfirmed(a *linli.Activity, families []string) string {
	s := fmt.Sprintf("报名成功：%s%s，%s", actName(a), zhtime.Format(a.StartsAt), a.Place)
	switch {
	case len(families) == 1 && strings.HasPrefix(families[0], "共"):
		s += "，" + families[0]
	case len(families) > 0:
		s += "（含家人：" + strings.Join(families, "、") + "）"
	}
	return s + fmt.Sprintf("。目前%s。", seatsText(a))
}

func textAckWaitlisted(a *linli.Activity, positions []int) string {
	var pos string
	switch n := len(positions); {
	case n == 1:
		pos = fmt.Sprintf("第%d位", positions[0])
	case positions[n-1]-positions[0] == n-1:
		pos = fmt.Sprintf("依次为第%d–%d位", positions[0], positions[n-1])
	case n <= 10:
		parts := make([]string, n)
		for i, p := range positions {
			parts[i] = strconv.Itoa(p)
		}
		pos = "依次为第" + strings.Join(parts, "、") + "位"
	default:
		pos = fmt.Sprintf("第%d–%d位之间", positions[0], positions[n-1])
	}
	return fmt.Sprintf("%s名额已满，已进入候补（%s）。%s", actName(a), pos, textWaitNote)
}

// Texts of activity notices (reminders, cancellations, series), check-in,
// rosters and 接龙 lists.

// textReminder is sent before the start, at now.
func textReminder(a *linli.Activity, people int, now time.Time) string {
	s := fmt.Sprintf("【活动提醒】%s%s 在%s举行，还有%s开始。本群已报名%d人，请准时参加，到场请发「签到 %d」。",
		actName(a), dayAndTime(a.StartsAt, now), a.Place, leadTimeText(a.StartsAt.Sub(now)), people, a.ID)
	if invitesSignups(a) {
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
	return fmt.Sprintf("%s报名已截止：已报名%d人（名额%d），候补%d人。发送「导出 报名 %d」获取报名表。",
		actName(a), a.Taken, a.Capacity, waiting, a.ID)
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
		actName(a), zhtime.Format(a.StartsAt), a.Place, note)
}

// textActivityCancelledPersonal tells one participant.
func textActivityCancelledPersonal(a *linli.Activity) string {
	return fmt.Sprintf("【活动取消】%s（%s，%s）取消了，您的报名也随之取消，给您添麻烦了。", actName(a), zhtime.Format(a.StartsAt), a.Place)
}

// textCancelledActivity answers the staff member who cancelled a.
func textCancelledActivity(a *linli.Activity, notified int, series string, keep bool) string {
	s := fmt.Sprintf("已取消%s（%s），已通知%d位报名居民。", actName(a), zhtime.Format(a.StartsAt), notified)
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

func textCheckinWindow(a *linli.Activity, from, to string) string {
	return fmt.Sprintf("%s的签到时间是 %s 到 %s，现在不在签到时间内。", actName(a), from, to)
}

func textCheckinNotConfirmed(a *linli.Activity, s *linli.Signup) string {
	if s != nil && s.Status == linli.SignupWaitlisted {
		return fmt.Sprintf("您在%s的候补名单中（第%d位），请与现场社工确认是否有空位。", actName(a), s.Position)
	}
	return fmt.Sprintf("您没有报名%s，请到现场找社工登记。", actName(a))
}

func textStaffCheckin(done, missing []string) string {
	s := "已签到：" + strings.Join(done, "、") + "。"
	if len(done) == 0 {
		s = "没有签到任何人。"
	}
	if len(missing) > 0 {
		s += "没有找到报名记录：" + strings.Join(missing, "、") + "。"
	}
	return s
}

// textRosterCaption sums up a roster in people, family included.
func textRosterCaption(a *linli.Activity, n rosterCounts) string {
	s := fmt.Sprintf("%s报名表：名额%d人，已报名%d人，候补%d人", actName(a), a.Capacity, n.confirmed, n.waiting)
	switch {
	case n.walkIns > 0:
		s += fmt.Sprintf("；到场%d人：已报名的%d人，现场加入%d人（候补，名额已满）", n.attended+n.walkIns, n.attended, n.walkIns)
	case n.attended > 0:
		s += fmt.Sprintf("；已报名的到场%d人", n.attended)
	}
	return s + "。"
}

// textJielongWaitFrom closes a 接龙: the seats, where its waitlist begins
// (from, 0: none) and who signed up elsewhere.
func textJielongWaitFrom(a *linli.Activity, from int, elsewhere string) string {
	s := fmt.Sprintf("名额%d人，已报%d人（含家人）。", a.Capacity, a.Taken)
	if elsewhere != "" {
		s = fmt.Sprintf("名额%d人，已报%d人（含家人，%s）。", a.Capacity, a.Taken, elsewhere)
	}
	if from > 0 {
		s += fmt.Sprintf("第%d位起为候补，%s", from, textWaitNote)
	}
	return s
}

// textJielongUnrecorded names the lines of a 接龙 nobody signed up with.
func textJielongUnrecorded(a *linli.Activity, lines []string) string {
	return fmt.Sprintf("%s：没有登记。请本人接龙或发「报名 %d」；家人同行请在自己那行后加 +1。", strings.Join(lines, "、"), a.ID)
}

// textActivityMoved tells a group (inGroup) or one participant that the
// time or place of an activity changed from before to a.
func textActivityMoved(before, a *linli.Activity, inGroup bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "【活动变更】%s", actName(a))
	if !before.StartsAt.Equal(a.StartsAt) {
		fmt.Fprintf(&b, "\n时间改为：%s（原%s）", zhtime.Format(a.StartsAt), zhtime.Format(before.StartsAt))
	} else {
		fmt.Fprintf(&b, "\n时间：%s", zhtime.Format(a.StartsAt))
	}
	if before.Place != a.Place {
		fmt.Fprintf(&b, "\n地点改为：%s（原%s）", a.Place, before.Place)
	} else {
		fmt.Fprintf(&b, "\n地点：%s", a.Place)
	}
	if inGroup {
		fmt.Fprintf(&b, "\n已报名的居民请留意，不能参加请发「取消报名 %d」。", a.ID)
		if invitesSignups(a) {
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
	if !before.StartsAt.Equal(a.StartsAt) {
		changes = append(changes, "时间改为"+zhtime.Format(a.StartsAt))
	}
	if before.Place != a.Place {
		changes = append(changes, "地点改为"+a.Place)
	}
	if before.Capacity != a.Capacity {
		changes = append(changes, fmt.Sprintf("名额改为%d人", a.Capacity))
	}
	if !before.Deadline.Equal(a.Deadline) && !(before.Deadline.Equal(before.StartsAt) && a.Deadline.Equal(a.StartsAt)) {
		changes = append(changes, "报名截止改为"+zhtime.Format(a.Deadline))
	}
	if strings.Join(before.Groups, "、") != strings.Join(a.Groups, "、") {
		changes = append(changes, "面向"+strings.Join(a.Groups, "、"))
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
