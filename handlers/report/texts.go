package report

import (
	"fmt"
	"strings"
	"time"

	"linli"
	"linli/handlers/zhtime"
)

// Texts of the 随手拍 family. Nothing here that goes to a group names the
// reporter or their household.

const (
	textReportUsage              = "请说明问题和位置，例如：随手拍 3号楼门口路灯不亮（可再发一张照片）。"
	textReportProgressUsage      = "请带上编号，例如：进度 3（发送「我的上报」可查看编号）。"
	textReportRateUsage          = "请按「评价 编号 分数 意见」打分，分数1到5（也可说五星、满意、一般、不满意），例如：评价 3 5 处理很及时。"
	textReportReopenUsage        = "请带上随手拍编号，例如：没修好 3。"
	textReportAcceptUsage        = "请带上上报编号，例如：受理 3（多条：受理 3 4 5）。"
	textReportResolveUsage       = "请按「办结 编号 处理说明」回复，例如：办结 3 已更换灯泡。"
	textReportRejectUsage        = "请按「退回 编号 原因」回复，例如：退回 3 属市政道路，已告知居民拨打12345。"
	textReportRecategorizeUsage  = "请按「改类 编号 类别」回复，例如：改类 3 安全隐患。类别：环境卫生 设施维修 停车交通 安全隐患 绿化养护 噪音扰民 其他。"
	textReportBadScore           = "评分请用1到5分（也可说五星、满意、一般、不满意），例如：评价 3 5 处理很及时。"
	textReportNotYours           = "只能%s您自己的随手拍，编号可在「我的上报」里查看。"
	textReportLinkedProgress     = "（您的随手拍#%d与此是同一问题，随#%d一起处理。）"
	textReportNotYourGrid        = "该上报不属于您的网格（上报#%d 属于%s）。"
	textReportIsDuplicate        = "上报#%d 与 #%d 是同一问题，已合并，请处理 #%d。"
	textReportNoReports          = "您还没有上报过问题。发现问题可以发送「随手拍 问题和位置」，例如：随手拍 3号楼门口路灯不亮。"
	textReportNoTodo             = "目前没有待办的上报。"
	textReportAlertNew           = "【随手拍】"
	textReportAlertTransfer      = "【转派】"
	textReportAlertReopen        = "【居民反馈没修好】"
	textReportImageAdded         = "图片已附到随手拍#%d，已转给网格员。"
	textReportImageForward       = "上报#%d 补充了图片："
	textReportResolPhotoAdded    = "已把照片附到上报#%d的办结记录，并转给居民。"
	textReportResolPhotoLatest   = "（5分钟内您办结了%s，照片附在最近办结的#%d。）"
	textReportWorkerPhotoHeld    = "收到照片。要作为办结照片，请在5分钟内发「办结 编号 处理说明」，照片会一起附上并转给居民。"
	textReportResolPhotoForward  = "您的随手拍#%d的办结照片："
	textReportExportCaption      = "随手拍记录，共%d条。"
	textReportAlreadyCategorized = "上报#%d 已经是「%s」类。"
	textReportNoSuch             = "没有编号为 %d 的随手拍，请检查编号（发送「我的上报」可查看）。"
	textReportNoSuchWorker       = "没有编号为 %d 的上报，请检查编号（发送「待办」查看本网格的上报）。"
	textReportOneAtATime         = "一次只能%s一条，每条要写处理说明。%s"
	textReportPlaceUsage         = "请按「补充 编号 地点」发送，例如：补充 3 3号楼。"
	textReportAlertPlace         = "【居民补充地点后转来】"
	textReportAlertUrgent        = "【紧急】"
)

var reportStatusText = map[string]string{
	linli.ReportSubmitted: "待受理",
	linli.ReportAccepted:  "处理中",
	linli.ReportResolved:  "已办结",
	linli.ReportRejected:  "已退回",
	linli.ReportReopened:  "重新处理中",
}

var reportActionText = map[string]string{
	linli.ReportSubmitted: "登记",
	linli.ReportAccepted:  "网格员受理",
	linli.ReportResolved:  "办结",
	linli.ReportRejected:  "退回",
	linli.ReportReopened:  "居民反馈没修好，重新处理",
	"transferred":         "转派",
	"recategorized":       "改类",
	"reminded":            "到期提醒网格员",
	"escalated":           "超时上报",
	"rated":               "居民评价",
	"image":               "补充图片",
	"resolution_image":    "办结照片",
	"place":               "补充地点",
	"referred":            "转办",
	"unit_reply":          "单位答复",
	"unit_returned":       "单位退回",
}

// what is "设施维修 · 3栋" (or just the category when the place is unknown).
func what(r *linli.Report) string {
	if r.Place == "" {
		return r.Category
	}
	return r.Category + " · " + r.Place
}

func withImages(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("，附图%d张", n)
}

// withEarlierImages says, in a resident's acknowledgement, that the images
// they sent before the 随手拍 went with it (a new report's images are all
// earlier ones: a photo cannot come with the text).
func withEarlierImages(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("，附上了您刚才发的%d张图片", n)
}

func textReportAck(r *linli.Report, worker string) string {
	to := "网格员"
	if r.Grid != "" {
		to = r.Grid + "网格员" + worker
	}
	s := fmt.Sprintf("已登记您的随手拍#%d：%s%s，已转%s处理。\n", r.ID, what(r), withEarlierImages(len(r.Images)), to)
	if r.Place == "" && r.Building == 0 {
		return s + fmt.Sprintf("在哪一栋？请发送「补充 %d 3号楼」，方便网格员找到。", r.ID)
	}
	return s + fmt.Sprintf("发送「进度 %d」可随时查看进展。", r.ID)
}

// emergencyNumbers are the first words for each kind of emergency: the
// number to call first and what to do until help comes.
var emergencyNumbers = map[string]string{
	linli.EmergencyMedical:  "情况紧急，请立即拨打急救电话120！说清楚地址和病人情况，不要随意搬动病人，在路口接应救护车。",
	linli.EmergencyFire:     "情况紧急，请立即拨打火警119！尽快从楼梯撤离，不要乘电梯，用湿毛巾捂住口鼻、弯腰走。",
	linli.EmergencyGas:      "情况紧急：燃气泄漏请立即开窗通风，不要开关电器、不要打电话或点火，人先离开，到室外拨打燃气公司抢修电话或火警119！有人头晕、恶心或昏倒（煤气中毒），把人移到通风处并拨打急救电话120。",
	linli.EmergencyTrapped:  "情况紧急：电梯困人请按电梯内的警铃或拨打电梯内的救援电话、96333；其他被困请拨打119！被困的人不要扒门，保持冷静等待救援。",
	linli.EmergencyViolence: "情况紧急，请立即拨打报警电话110！请先远离危险，保护好自己，不要上前。",
	linli.EmergencyDrowning: "情况紧急，请立即拨打110和急救电话120！不会游泳不要下水，可抛救生圈、绳子或长杆施救。",
}

// textEmergencyNumbers is the answer to an emergency of kind: its numbers
// first, then the rest for other emergencies.
// selfHarm (a medical emergency the lexicon says is someone about to jump
// or take their own life) adds 110.
func textEmergencyNumbers(kind string, selfHarm bool) string {
	first, ok := emergencyNumbers[kind]
	switch {
	case !ok:
		first = "情况紧急，请立即拨打：急救120，火警119，报警110；电梯困人96333。"
	case selfHarm:
		first = textEmergencySelfHarm
	}
	return first + "\n已同时通知网格员和社区。"
}

// textEmergencySelfHarm is the answer to someone about to jump or take their
// own life: police as well as the ambulance.
const textEmergencySelfHarm = "情况紧急，请立即拨打报警电话110和急救电话120！有人陪着他、别让他一个人待着，不要刺激他，说清楚地址，在路口接应。"

// textReportAckUrgent acknowledges an emergency: who was alerted at once.
func textReportAckUrgent(r *linli.Report, worker, sup string) string {
	who := "网格员" + worker
	if worker == "" {
		who = "社区工作人员"
	}
	if sup != "" && sup != worker {
		who += "和" + sup
	}
	s := fmt.Sprintf("已按紧急情况登记您的随手拍#%d：%s%s，已同时通知%s。\n", r.ID, what(r), withEarlierImages(len(r.Images)), who)
	if r.Place == "" && r.Building == 0 {
		return s + fmt.Sprintf("在哪一栋？请发送「补充 %d 3号楼」。", r.ID)
	}
	return s + fmt.Sprintf("发送「进度 %d」可随时查看进展。", r.ID)
}

func textReportGroupAck(r *linli.Report) string {
	return fmt.Sprintf("收到随手拍#%d（%s），已转网格员处理。", r.ID, what(r))
}

func textReportDupAck(r *linli.Report, again bool) string {
	if again {
		return fmt.Sprintf("您之前已经报过这个问题（随手拍#%d），网格员正在处理。这次的随手拍#%d已并入，办好后会通知您。",
			r.DuplicateOf, r.ID)
	}
	return fmt.Sprintf("您反映的问题已有居民报过（随手拍#%d），网格员正在处理。已把您的随手拍#%d并入，办好后会通知您。",
		r.DuplicateOf, r.ID)
}

func textReportDupGroupAck(r *linli.Report) string {
	return fmt.Sprintf("收到随手拍#%d，与#%d是同一问题，已合并处理。", r.ID, r.DuplicateOf)
}

func textReportUnknownBuilding(b int, example string) string {
	return fmt.Sprintf("本社区没有%d栋，请检查楼号，例如：%s。", b, example)
}

func textReportConfirm(quote string) string {
	return fmt.Sprintf("需要我把这条登记为随手拍吗？%s回复「是」即可登记（或「随手拍 %s」）。", linli.OfferWithin, quote)
}

func textReportUsagePhoto(n int) string {
	return fmt.Sprintf("收到您的%d张图片。请说明问题和位置，例如：随手拍 3号楼门口路灯不亮，图片会一起登记。", n)
}

func textReportAskImage(n int) string {
	return fmt.Sprintf("您刚才发了%d张图片。如果是要反映问题，请在30分钟内发送「随手拍 问题和位置」，例如：随手拍 3号楼门口路灯不亮，图片会一起登记。", n)
}

func textReportAcceptedReporter(id uint64) string {
	return fmt.Sprintf("您的随手拍#%d已由网格员受理，正在处理。", id)
}

func textReportResolvedReporter(id uint64, note string) string {
	return fmt.Sprintf("您的随手拍#%d已办结：%s\n满意请打分：发送「评价 %d 5」（1-5分，可附意见）；如果没修好，7天内发送「没修好 %d」。",
		id, note, id, id)
}

// textReportResolvedPublic is what a group hears of a 办结: the worker's
// note (households, phone numbers) goes privately only.
func textReportResolvedPublic(bot string, id uint64) string {
	return fmt.Sprintf("您的随手拍#%d已办结，感谢反映。处理说明请加%s为好友，私聊发送「进度 %d」查看。\n满意请打分：发送「评价 %d 5」（1-5分，可附意见）；如果没修好，7天内发送「没修好 %d」。",
		id, bot, id, id, id)
}

func textReportRejectedPublic(bot string, id uint64) string {
	return fmt.Sprintf("您的随手拍#%d已退回。原因不在群里说，请加%s为好友，私聊发送「进度 %d」查看。", id, bot, id)
}

func textReportRejectedReporter(id uint64, reason string) string {
	return fmt.Sprintf("您的随手拍#%d被退回：%s\n如有疑问请联系社工，或重新随手拍说明情况。", id, reason)
}

func textReportTransferredReporter(id uint64, g linli.Grid) string {
	return fmt.Sprintf("您的随手拍#%d已转给%s网格员处理。", id, g.Name)
}

func textReportReopened(id uint64) string {
	return fmt.Sprintf("已重新打开您的随手拍#%d，已请网格员重新处理，办好后会通知您。", id)
}

func textReportReopenedByOther(id uint64) string {
	return fmt.Sprintf("有居民反馈您的随手拍#%d反映的问题还没解决，已请网格员重新处理。", id)
}

func textReportRated(id uint64, score int) string {
	return fmt.Sprintf("谢谢您的评价！随手拍#%d：%d分。", id, score)
}

func textReportRatedRejected(id uint64, score int) string {
	return fmt.Sprintf("已记下您对随手拍#%d（已退回）的评价：%d分，意见已转给社区负责人。", id, score)
}

func textReportNotResolved(id uint64, status string) string {
	if status == linli.ReportRejected {
		return fmt.Sprintf("随手拍#%d 已退回，不能重开（原因可私聊发「进度 %d」查看）。问题还在的话，请重新发送「随手拍 问题和位置」。", id, id)
	}
	return fmt.Sprintf("随手拍#%d 还没有办结（%s），办结后再评价或反馈。", id, reportStatusText[status])
}

// In a group (inGroup) each description is masked before it is cut.
func textReportReopenWhich(list []*linli.Report, inGroup bool) string {
	var b strings.Builder
	b.WriteString("您有几条随手拍刚办结，是哪一条没修好？")
	for _, r := range list {
		words := cutRunes(oneLine(r.Description), reportTodoWords)
		if inGroup {
			words = groupCut(oneLine(r.Description), reportTodoWords)
		}
		fmt.Fprintf(&b, "\n#%d %s：%s", r.ID, what(r), words)
	}
	fmt.Fprintf(&b, "\n请发送「没修好 %d」这样带编号的消息。", list[0].ID)
	return b.String()
}

// textReportReopenAlert tells the worker a report is back: who said so
// (by, the reporter's own report, maybe a duplicate) and what was done.
func textReportReopenAlert(r, by *linli.Report, loc *time.Location) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s上报#%d %s\n描述：%s\n", textReportAlertReopen, r.ID, r.Category, r.Description)
	if r.Place != "" {
		fmt.Fprintf(&b, "地点：%s\n", r.Place)
	}
	fmt.Fprintf(&b, "反馈人：%s", by.Reporter)
	if by.Household != "" {
		fmt.Fprintf(&b, "（%s）", by.Household)
	}
	if by.ID != r.ID {
		fmt.Fprintf(&b, "，同一问题的随手拍#%d", by.ID)
	}
	var done []string
	for _, e := range r.History {
		switch e.Action {
		case linli.ReportAccepted, linli.ReportResolved, "transferred", "referred", "unit_reply":
			line := e.At.In(loc).Format("01-02 15:04") + " " + reportActionText[e.Action]
			if e.Note != "" {
				line += "：" + e.Note
			}
			done = append(done, line)
		}
	}
	if n := len(done); n > 4 {
		done = done[n-4:]
	}
	if len(done) > 0 {
		b.WriteString("\n此前：" + strings.Join(done, "；"))
	}
	fmt.Fprintf(&b, "\n这是第%d次返工，请在%s前办结。\n", r.Reopened, zhtime.Format(r.Deadline.In(loc)))
	fmt.Fprintf(&b, "接手回复「受理 %d」，处理完回复「办结 %d 处理说明」。", r.ID, r.ID)
	return b.String()
}

func textReportReopenTooLate(id uint64) string {
	return fmt.Sprintf("随手拍#%d 办结已超过7天，不能再重开。问题还在的话，请重新发送「随手拍 问题和位置」。", id)
}

func textReportPlaceUsageFor(id uint64, place string) string {
	return fmt.Sprintf("请按「补充 编号 地点」发送，例如：补充 %d %s。", id, place)
}

func textReportStillBroken(r *linli.Report) string {
	return fmt.Sprintf("您的随手拍#%d（%s）还没修好吗？%s回复「是」或「没修好 %d」，会请网格员重新处理。", r.ID, what(r), linli.OfferWithin, r.ID)
}

func textReportPlaceDup(id, orig uint64) string {
	return fmt.Sprintf("随手拍#%d 已与#%d合并处理，不用再补充。", id, orig)
}

func textReportPlaceAdded(id uint64, place, grid string) string {
	if grid == "" {
		return fmt.Sprintf("已为随手拍#%d补充地点：%s，已告知网格员。", id, place)
	}
	return fmt.Sprintf("已为随手拍#%d补充地点：%s，已转%s网格员处理。", id, place, grid)
}

// textReportClosedFor tells a resident their report is closed to a step.
func textReportClosedFor(id uint64, status, step string) string {
	return fmt.Sprintf("随手拍#%d %s，不能再%s。", id, reportStatusText[status], step)
}

// textReportNoteWithheld replaces a 办结 note in text for a group.
func textReportNoteWithheld(bot string, id uint64) string {
	return fmt.Sprintf("（处理说明请加%s为好友，私聊发「进度 %d」查看）", bot, id)
}

// textReportReasonWithheld replaces a 退回 reason in text for a group.
func textReportReasonWithheld(bot string, id uint64) string {
	return fmt.Sprintf("（原因请加%s为好友，私聊发「进度 %d」查看）", bot, id)
}

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

// textReportAcceptedWeb is textReportAccepted on the workbench's report
// page, which has the 办结 form.
func textReportAcceptedWeb(id uint64) string {
	return fmt.Sprintf("已受理上报#%d，已告知居民。办好后在本页填写处理结果并点「办结」，可附照片。", id)
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

// textReportAlsoClosed names a reporter's other reports of the same
// problem, closed together (nothing when there are none).
func textReportAlsoClosed(ids []uint64) string {
	if len(ids) == 0 {
		return ""
	}
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = fmt.Sprintf("#%d", id)
	}
	return fmt.Sprintf("\n（您反映的%s是同一问题，一并处理。）", strings.Join(s, "、"))
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

// textReportResolvedWeb answers 办结 from the workbench, whose photos
// follow as their own step.
func textReportResolvedWeb(id uint64, dups int) string {
	s := fmt.Sprintf("已办结上报#%d，已通知居民", id)
	if dups > 0 {
		s += fmt.Sprintf("（含合并的%d条）", dups)
	}
	return s + "。"
}

func textReportRejected(id uint64, withheld bool) string {
	if withheld {
		return fmt.Sprintf("已退回上报#%d。居民不是好友，原因没有发到群里，居民私聊「进度 %d」时可见。", id, id)
	}
	return fmt.Sprintf("已退回上报#%d，已私聊告知居民原因。", id)
}

func textReportTransferred(id uint64, g linli.Grid, deadline time.Time) string {
	return fmt.Sprintf("已把上报#%d转派给%s（%s），处理时限不变：%s。", id, g.Name, g.Worker, zhtime.Format(deadline))
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
	return fmt.Sprintf("没有叫「%s」的网格，可选：%s。例如：转派 3 %s。", name, strings.Join(names, " "), exampleGrid(grids))
}

// exampleGrid is a grid of the community for examples: the second
// configured one (a transfer goes elsewhere), else the first.
func exampleGrid(grids []linli.Grid) string {
	switch len(grids) {
	case 0:
		return "网格名"
	case 1:
		return grids[0].Name
	}
	return grids[1].Name
}

func textReportTransferUsage(grids []linli.Grid) string {
	return fmt.Sprintf("请按「转派 编号 网格名」回复，例如：转派 3 %s。", exampleGrid(grids))
}

func textReportTransferHelp(grids []linli.Grid) string {
	return fmt.Sprintf("转派 3 %s — 交给别的网格", exampleGrid(grids))
}

func textReportRecategorized(id uint64, cat string, deadline time.Time, laxer bool) string {
	if laxer {
		return fmt.Sprintf("已把上报#%d改为「%s」，处理时限为%s。安全隐患的时限放宽了，已告知主任。", id, cat, zhtime.Format(deadline))
	}
	return fmt.Sprintf("已把上报#%d改为「%s」，处理时限为%s。", id, cat, zhtime.Format(deadline))
}

// textReportRecategorizedSupervisor tells the grid's supervisor of a 改类.
func textReportRecategorizedSupervisor(r *linli.Report, by, oldCat string, oldDeadline time.Time, laxer bool, loc *time.Location) string {
	s := fmt.Sprintf("【改类】上报#%d（%s，%s）由%s从「%s」改为「%s」，", r.ID, r.Grid, r.Assignee, by, oldCat, r.Category)
	if r.Deadline.Equal(oldDeadline) {
		s += fmt.Sprintf("时限仍是%s。", zhtime.Format(r.Deadline.In(loc)))
	} else {
		s += fmt.Sprintf("时限由%s改为%s。", zhtime.Format(oldDeadline.In(loc)), zhtime.Format(r.Deadline.In(loc)))
	}
	if laxer {
		s += "\n安全隐患的时限放宽了，请核实是否妥当；不妥可「改类 " + fmt.Sprint(r.ID) + " 安全隐患」改回。"
	}
	return s + "\n描述：" + r.Description
}

// textReportTransferOverdue tells a supervisor of the 转派 of an overdue
// report: the deadline stays.
func textReportTransferOverdue(r *linli.Report, by, from string, now time.Time, loc *time.Location) string {
	return fmt.Sprintf("【转派】已超时的上报#%d（%s）由%s从%s转派给%s %s，时限仍是%s（已超时%s），请督促办理。\n描述：%s",
		r.ID, what(r), by, from, r.Grid, r.Assignee, zhtime.Format(r.Deadline.In(loc)), lateBy(now.Sub(r.Deadline)), r.Description)
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

func textReportPlaceWorker(id uint64, place string) string {
	return fmt.Sprintf("居民为上报#%d补充了地点：%s。", id, place)
}

// Texts of the family's section of the daily digest.

const textDigestReportsTitle = "新上报和超时上报"

func textDigestReportNew(id uint64, cat, place, desc, grid, status string) string {
	return fmt.Sprintf("新 #%d %s · %s：%s（%s，%s）", id, cat, place, desc, grid, status)
}

func textDigestReportOverdue(id uint64, cat, place, desc, assignee string, late time.Duration) string {
	return fmt.Sprintf("【超时】#%d %s · %s：%s（%s，已超时%s）", id, cat, place, desc, assignee, roughDuration(late))
}

// roughDuration renders d as 3天 / 5小时 / 40分钟.
func roughDuration(d time.Duration) string {
	switch {
	case d >= 24*time.Hour:
		return fmt.Sprintf("%d天", int(d/(24*time.Hour)))
	case d >= time.Hour:
		return fmt.Sprintf("%d小时", int(d/time.Hour))
	}
	return fmt.Sprintf("%d分钟", max(int(d/time.Minute), 1))
}
