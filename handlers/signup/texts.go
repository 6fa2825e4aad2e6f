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
	textPublishUsage      = "请按这个格式发布活动：发布活动 <标题> 时间:<时间或时间段> 地点:<地点> 名额:<人数|不限> [截止:<时间>] [群:<群名|全部>] [备注:<说明>] [每周六 重复]\n例如：" + textPublishExample + "；时间段写 时间:12月1日 14:00-16:00"
	textSignupUsage       = "请发送「报名 活动编号」，带家人加人数，例如：报名 1、报名 1 +1、报名 1 我和老伴。发送「活动」查看活动编号。"
	textSignupCancelUsage = "请发送「取消报名 活动编号」，例如：取消报名 1；只少去几人请加人数，例如：取消报名 1 +1（少1人）。发送「我的报名」查看您的报名。"
	textModifyUsage       = "请按这个格式修改活动，只写要改的项：修改活动 <编号> [时间:<时间>] [地点:<地点>] [名额:<人数|不限>] [截止:<时间>] [群:<群名|全部>] [标题:<标题>] [备注:<说明>]\n例如：修改活动 1 时间:11月29日 9:30-11:00 地点:2期活动室"
	textCheckinUsage      = "请发送「签到 活动编号」，例如：签到 1。社工代签到：签到 1 张阿姨 王叔（没报名的记为现场加入）。"
	textExportUsage       = "请发送「导出 报名 活动编号」，例如：导出 报名 1。"
	textCancelActUsage    = "请发送「取消活动 活动编号」，例如：取消活动 1。重复的活动只取消这一次；要连以后的一起停掉，发「取消活动 1 全部」。"
	textBadParty          = "人数请写成 +N（N 为 0 到 10 的家人数）或共几人，例如：报名 1 +1 或 报名 1 2人，都表示您和1位家人共2人。"
	textNoOpen            = "目前没有可报名的活动。"
	textNoOpenIntent      = "目前没有可报名的活动。如果是要反映问题，请发「随手拍」加上问题和位置，例如：随手拍 3号楼门口路灯不亮。"
	textNoMine            = "您目前没有报名的活动。发送「活动」查看可报名的活动。"
	textCheckinOthers     = "替别人签到是社工的功能。您自己签到请发「签到 活动编号」，例如：签到 1。"
	textWaitNote          = "有人取消时会按顺序递补并通知您。"
)

// offerLimit names how long the bot waits for a 是 (linli.OfferTTL).
var offerLimit = linli.OfferWithin

// actName is how every reply names an activity: 活动1「健康讲座」.
func actName(a *linli.Activity) string { return fmt.Sprintf("活动%d「%s」", a.ID, a.Title) }

// activityLine renders the usual one-line description of an activity.
func activityLine(a *linli.Activity) string {
	return fmt.Sprintf("%s%s %s", actName(a), spanText(a), a.Place)
}

// capacityText renders the seats of a: "名额30人", "名额不限".
func capacityText(a *linli.Activity) string {
	if a.Unlimited() {
		return "名额不限"
	}
	return fmt.Sprintf("名额%d人", a.Capacity)
}

// seatsText renders "已报28/30人", "名额已满，候补3人" or, when a waitlisted
// party does not fit in the seats left, "已报29/30人，候补1人"; without a
// cap, "已报28人（名额不限）".
func seatsText(a *linli.Activity) string {
	switch {
	case a.Unlimited():
		return fmt.Sprintf("已报%d人（名额不限）", a.Taken)
	case a.Waiting == 0:
		return fmt.Sprintf("已报%d/%d人", a.Taken, a.Capacity)
	case a.Free() > 0:
		return fmt.Sprintf("已报%d/%d人，候补%d人", a.Taken, a.Capacity, waitPeople(a))
	}
	return fmt.Sprintf("名额已满，候补%d人", waitPeople(a))
}

// invitesSignups reports whether a may ask for more sign-ups at now: it is
// open, has free seats and nobody is waiting for them.
func invitesSignups(a *linli.Activity, now time.Time) bool {
	return a.SignupOpen(now) && a.Free() > 0 && a.Waiting == 0
}

// textAnnounce is the card of a in its groups, at now: it invites sign-ups
// only while sign-up is open.
func textAnnounce(a *linli.Activity, updated bool, now time.Time) string {
	head := "【活动报名】"
	if updated {
		head = "【活动更新】"
	}
	var b strings.Builder
	seats := fmt.Sprintf("%d人", a.Capacity)
	if a.Unlimited() {
		seats = "不限"
	}
	fmt.Fprintf(&b, "%s%s\n时间：%s\n地点：%s\n名额：%s", head, actName(a), spanText(a), a.Place, seats)
	if !a.Deadline.Equal(a.StartsAt) {
		fmt.Fprintf(&b, "，报名截止：%s", zhtime.Format(a.Deadline))
	}
	if a.RepeatText != "" {
		fmt.Fprintf(&b, "\n%s举行，每次单独报名", a.RepeatText)
	}
	if a.Note != "" {
		fmt.Fprintf(&b, "\n备注：%s", a.Note)
	}
	if a.Volunteer {
		b.WriteString("\n志愿活动：到场「签到」、离开「签退」，记志愿时长和积分")
	}
	if !a.SignupOpen(now) {
		fmt.Fprintf(&b, "\n报名已截止（%s）。已报名的居民不能参加请发「取消报名 %d」。", seatsText(a), a.ID)
		return b.String()
	}
	fmt.Fprintf(&b, "\n报名请发「报名 %d」，带家人请加人数，如「报名 %d +1」；取消发「取消报名 %d」。", a.ID, a.ID, a.ID)
	return b.String()
}

// textRepublishedSame answers a 发布活动 that says nothing new about a.
func textRepublishedSame(a *linli.Activity) string {
	return fmt.Sprintf("%s已经发布过了，内容没有变化，没有再发一遍。要修改请发「修改活动 %d 时间:… 地点:… 名额:…」。", actName(a), a.ID)
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
	when := zhtime.Format(a.StartsAt) + "开始"
	if !a.EndsAt.IsZero() {
		when = spanText(a)
	}
	s := fmt.Sprintf("%s%s：%s，%s截止报名，%s", verb, actName(a), when, deadline, capacityText(a))
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

// textActivityList lists the activities open for sign-up and, for staff,
// those closed for sign-up but not over.
func textActivityList(open, closed []linli.Activity, now time.Time) string {
	var parts []string
	if len(open) > 0 {
		parts = append(parts, textOpenList(open))
	}
	if len(closed) > 0 {
		var b strings.Builder
		b.WriteString("报名已截止、还没结束的活动：")
		for i := range closed {
			fmt.Fprintf(&b, "\n%s，%s", activityLine(&closed[i]), seatsText(&closed[i]))
			if closed[i].Started(now) {
				b.WriteString("，进行中")
			}
		}
		parts = append(parts, b.String())
	}
	return strings.Join(parts, "\n")
}

// textActivityDetail describes a at now; refusal, if any, says why the
// asker cannot sign up for it.
func textActivityDetail(a *linli.Activity, refusal string, now time.Time) string {
	s := fmt.Sprintf("%s\n%s", activityLine(a), seatsText(a))
	if a.Note != "" {
		s = fmt.Sprintf("%s\n备注：%s\n%s", activityLine(a), a.Note, seatsText(a))
	}
	switch open := a.SignupOpen(now); {
	case open && refusal != "":
		s += fmt.Sprintf("，报名截止 %s。%s", zhtime.Format(a.Deadline), refusal)
	case open:
		s += fmt.Sprintf("，报名截止 %s。报名请发「报名 %d」。", zhtime.Format(a.Deadline), a.ID)
	default:
		s += "，" + statusText(a.State(now)) + "。"
	}
	return s
}

// statusText names a state of an activity as people say it.
func statusText(state string) string {
	switch state {
	case linli.ActivityClosed:
		return "报名已截止"
	case linli.ActivityOver:
		return "活动已结束"
	case linli.ActivityCancelled:
		return "活动已取消"
	case linli.ActivityDraft:
		return "还没发布"
	}
	return "可报名"
}

// rosterStatusText names a sign-up's status in the roster.
func rosterStatusText(s *linli.Signup) string {
	switch {
	case s.Status == linli.SignupConfirmed:
		return "已报名"
	case s.WalkIn, s.Source == linli.SourceWalkIn:
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
	return fmt.Sprintf("您是要报名%s（%s）吗？%s回复「是」或「%s」即可。", actName(a), spanText(a), offerLimit, signupCmd(a, party))
}

// textConfirmSignupTooMany asks whether the sender means to sign up for a
// with more family than one sign-up takes (linli.MaxExtraPeople): there is
// no yes to it, they write the number.
func textConfirmSignupTooMany(a *linli.Activity) string {
	return fmt.Sprintf("您是要报名%s（%s）吗？一份报名最多带%d位家人，请发「报名 %d +N」（N 为同去的家人数，0 到 %d）。", actName(a), spanText(a), linli.MaxExtraPeople, a.ID, linli.MaxExtraPeople)
}

// textConfirmCancel asks whether the sender means to cancel; its yes is
// cancelCmd(a).
func textConfirmCancel(a *linli.Activity) string {
	return fmt.Sprintf("您是要取消%s的报名吗？%s回复「是」或「%s」即可。", actName(a), offerLimit, cancelCmd(a))
}

func textSignedUp(a *linli.Activity, s *linli.Signup) string {
	if s.Status == linli.SignupWaitlisted {
		return fmt.Sprintf("%s%s，您已进入候补第%d位（%d人）。%s", actName(a), noRoomText(a, s.PartySize), s.Position, s.PartySize, textWaitNote)
	}
	return fmt.Sprintf("报名成功！%s%s，%s，共%d人。目前%s。取消请发「取消报名 %d」。",
		actName(a), spanText(a), a.Place, s.PartySize, seatsText(a), a.ID)
}

// noRoomText says why a party of party people is waitlisted: "名额已满", or
// "只剩1个名额，不够2人" (never "名额已满" beside "已报2/3人").
func noRoomText(a *linli.Activity, party int) string {
	if f := a.Free(); f > 0 {
		return fmt.Sprintf("只剩%d个名额，不够%d人", f, party)
	}
	return "名额已满"
}

func textSignupUpdated(a *linli.Activity, s *linli.Signup) string {
	state := "已报名"
	if s.Status == linli.SignupWaitlisted {
		state = fmt.Sprintf("候补第%d位", s.Position)
	}
	return fmt.Sprintf("已更新您%s的报名：共%d人，%s。", actName(a), s.PartySize, state)
}

func textAlreadySignedUp(a *linli.Activity, s *linli.Signup) string {
	if s.Status == linli.SignupWaitlisted {
		return fmt.Sprintf("您已在%s的候补名单中（第%d位，%d人），无需重复报名。改人数请发「报名 %d +N」，取消请发「取消报名 %d」。",
			actName(a), s.Position, s.PartySize, a.ID, a.ID)
	}
	return fmt.Sprintf("您已报名%s（%d人），无需重复报名。改人数请发「报名 %d +N」，取消请发「取消报名 %d」。",
		actName(a), s.PartySize, a.ID, a.ID)
}

func textNoRoom(a *linli.Activity, s *linli.Signup, want int) string {
	left := "名额已满"
	if f := a.Free(); f > 0 {
		left = fmt.Sprintf("只剩%d个名额", f)
	}
	return fmt.Sprintf("%s%s，无法改为%d人；您原来的报名（%d人）保留不变。", actName(a), left, want, s.PartySize)
}

// textClosed refuses a sign-up for a at now: cancelled, over, or closed.
func textClosed(a *linli.Activity, now time.Time) string {
	switch a.State(now) {
	case linli.ActivityCancelled:
		return fmt.Sprintf("%s已取消，不能报名了。发送「活动」查看其他活动。", actName(a))
	case linli.ActivityOver:
		return fmt.Sprintf("%s已经结束了（%s），不能报名了。发送「活动」查看其他活动。", actName(a), spanText(a))
	case linli.ActivityDraft:
		return fmt.Sprintf("%s还没发布，暂时不能报名。", actName(a))
	}
	return fmt.Sprintf("%s报名已截止（%s）。发送「活动」查看其他活动。", actName(a), zhtime.Format(a.Deadline))
}

// textCancelOfCancelled answers 取消报名 of an activity called off.
func textCancelOfCancelled(a *linli.Activity) string {
	return fmt.Sprintf("%s已经取消了，报名也随之取消，不用再取消。发送「活动」查看其他活动。", actName(a))
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
	return fmt.Sprintf("您报名%s共%d人。要全部取消吗？%s回复「是」或「取消报名 %d」即可。", actName(a), party, offerLimit, a.ID)
}

func textNotSignedUp(a *linli.Activity) string {
	return fmt.Sprintf("您没有报名%s，无需取消。发送「我的报名」查看您的报名。", actName(a))
}

func textTooLateToCancel(a *linli.Activity, now time.Time) string {
	if a.State(now) == linli.ActivityOver {
		return fmt.Sprintf("%s已经结束了，不用取消报名。", actName(a))
	}
	return fmt.Sprintf("%s已经开始，不能取消报名了。", actName(a))
}

// textPromoted tells a resident moved from the waitlist; room says why
// seats came free (roomCancelled, roomRaised, roomFreed).
func textPromoted(a *linli.Activity, s *linli.Signup, room string) string {
	return fmt.Sprintf("好消息：%s%s，您已从候补转为正式报名（%d人）。时间：%s，地点：%s。不能参加请发「取消报名 %d」。",
		actName(a), room, s.PartySize, spanText(a), a.Place, a.ID)
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
// parties of more than one ("王叔 2人"), or is just "共2人" for one. An
// answer that goes out once the activity has started (after downtime)
// says so.
func textAckConfirmed(a *linli.Activity, families []string, now time.Time) string {
	if a.Started(now) {
		return fmt.Sprintf("已登记报名：%s已经开始（%s，%s），到场请发「签到 %d」。", actName(a), spanText(a), a.Place, a.ID)
	}
	s := fmt.Sprintf("报名成功：%s%s，%s", actName(a), spanText(a), a.Place)
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
	full := "名额已满"
	if a.Free() > 0 {
		full = "剩余名额不够"
	}
	return fmt.Sprintf("%s%s，已进入候补（%s）。%s", actName(a), full, pos, textWaitNote)
}

// changeLine is one changed party in a group's gathered answer:
// "张阿姨 改为2人", "王叔 改为1人（候补第2位）".
func changeLine(s *linli.Signup) string {
	line := fmt.Sprintf("%s 改为%d人", s.Resident, s.PartySize)
	if s.Status == linli.SignupWaitlisted {
		line += fmt.Sprintf("（候补第%d位）", s.Position)
	}
	return line
}

// textAckChanged tells a group whose parties changed: one (s), or several
// (changes).
func textAckChanged(a *linli.Activity, s *linli.Signup, changes []string) string {
	if len(changes) == 1 {
		return textSignupUpdated(a, s) + fmt.Sprintf("目前%s。", seatsText(a))
	}
	return fmt.Sprintf("已更新%s的报名人数：%s。目前%s。", actName(a), strings.Join(changes, "、"), seatsText(a))
}

// textAckAgain tells a group who signed up again, unchanged: one (s), or
// n people.
func textAckAgain(a *linli.Activity, s *linli.Signup, n int) string {
	if n == 1 {
		return textAlreadySignedUp(a, s)
	}
	return fmt.Sprintf("您已报名%s，无需重复报名。改人数请发「报名 %d +N」，取消请发「取消报名 %d」，发「我的报名」可查看。", actName(a), a.ID, a.ID)
}

// textAckCancelled tells a group who cancelled.
func textAckCancelled(a *linli.Activity) string {
	return fmt.Sprintf("已取消您%s的报名。", actName(a))
}

// textExportActivitiesUsage answers 导出 活动 with words that are no
// activity number.
const textExportActivitiesUsage = "请发送「导出 活动」获取全部活动；一个活动的报名表请发送「导出 报名 活动编号」，例如：导出 报名 1。"

// textRosterTitle names a roster (its xlsx title row and sheet): the
// activity, when and where, and whether it was cancelled.
func textRosterTitle(a *linli.Activity, state string) string {
	s := fmt.Sprintf("%s报名表（%s，%s）", a.Title, zhtime.Format(a.StartsAt), a.Place)
	if state == linli.ActivityCancelled {
		s += "·活动已取消"
	}
	return s
}

// textActivitiesExportCaption goes with the file of 导出 活动.
func textActivitiesExportCaption(n int) string {
	return fmt.Sprintf("全部活动，共%d个（Excel）。每个活动的报名表请发送「导出 报名 活动编号」。", n)
}
