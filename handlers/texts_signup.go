package handlers

import (
	"fmt"
	"strconv"
	"strings"

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
