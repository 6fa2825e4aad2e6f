package account

import (
	"fmt"
	"strconv"

	"linli"
)

// Texts of 帮助 and 绑定. Every family keeps its texts in its own texts.go.

const (
	textHelpWorker          = "【网格员】"
	textHelpAbove           = "菜单刚发过，请往上翻看；也可以私聊我发「帮助」。"
	textHelpStaff           = "【社工】"
	textBindUsage           = "请发送「绑定 户号」登记您家，例如：绑定 3栋502 或 绑定 3栋1单元502。"
	textBindUnknownBuilding = "本社区没有%s，请检查楼栋号，例如：绑定 3栋502。"
)

func textHelpHeader(community, bot string) string {
	return fmt.Sprintf("您好，我是%s的%s，可以这样跟我说：", community, bot)
}

func textBound(household string) string {
	return fmt.Sprintf("已登记您的户号：%s。以后报名、上报、投票都会按这户记录。", household)
}

// textRebound confirms a change of a household bound earlier (a typo
// fixed, a move).
func textRebound(before, after string) string {
	return "已把您的户号从" + before + "改为" + after + "。"
}

// Group replies to 绑定 without a register: the household is not repeated.
const (
	textBoundGroup   = "已登记您的户号（户号不在群里显示，私聊我发「绑定 户号」可核对）。以后报名、上报、投票都会按这户记录。"
	textReboundGroup = "已更新您的户号（户号不在群里显示）。"
)

// Texts of 绑定 with an owners' register (bind_register.go). A group reply
// never names the household.
const (
	textBoundVerifiedGroup  = "户号已与业主名册核对，登记好了（户号不在群里显示）。"
	textBindRequestedGroup  = "已收到您的绑定申请，社工核对业主名册后会告诉您（户号不在群里显示）。"
	textBindDecideUsage     = "请发送「同意绑定 编号」或「拒绝绑定 编号」，编号见【绑定申请】消息。"
	textNoRegister          = "还没有导入业主名册，绑定不需要审核。"
	textRegisterUsage       = "请这样发：名册 户号 业主姓名 建筑面积 [手机]，例如：名册 3栋502 张桂芳 102.3"
	textNoRegisterExport    = "还没有导入业主名册（用 linli import households 文件 导入）。"
	textBindNotInRegisterGr = "业主名册里没有这个户号，请核对后再发「绑定 户号」，或联系社工。"
)

func textBoundVerified(household string) string {
	return fmt.Sprintf("已登记您的户号：%s（已与业主名册核对）。以后报名、上报、投票都会按这户记录。", household)
}

func textBindRequested(household string) string {
	return fmt.Sprintf("已收到您绑定 %s 的申请：名册上的业主姓名和您的名字对不上，社工核实后会告诉您。", household)
}

func textBindNotInRegister(household string, private bool) string {
	if !private {
		return textBindNotInRegisterGr
	}
	return fmt.Sprintf("业主名册里没有 %s，请核对楼栋和房号后再发「绑定 户号」，或联系社工。", household)
}

// textBindRequestStaff asks staff to decide a request, with the register's entry.
func textBindRequestStaff(r *linli.BindRequest, e *linli.RegisterEntry) string {
	where := "私聊"
	if r.Group != "" {
		where = r.Group
	}
	return fmt.Sprintf("【绑定申请】#%d %s（%s）申请绑定 %s。\n业主名册：%s 业主 %s，建筑面积 %s㎡。\n核实后回复「同意绑定 %d」，不符回复「拒绝绑定 %d」。",
		r.ID, r.Resident, where, r.Household, e.Household, e.Owner, strconv.FormatFloat(e.Area, 'f', -1, 64), r.ID, r.ID)
}

// textBindDecidedResident tells the resident; inGroup: the message is an
// @mention in their group, so it does not name the household.
func textBindDecidedResident(r *linli.BindRequest, inGroup bool) string {
	switch {
	case r.Status == linli.BindApproved && inGroup:
		return "您的绑定申请已由社工核实通过，户号已登记（户号不在群里显示）。"
	case r.Status == linli.BindApproved:
		return fmt.Sprintf("您的户号 %s 已由社工核实登记。", r.Household)
	case inGroup:
		return "您的绑定申请没有通过核实。如有疑问请联系社工。"
	}
	return fmt.Sprintf("您绑定 %s 的申请没有通过核实。如有疑问请联系社工。", r.Household)
}

func textBindDecidedStaff(r *linli.BindRequest) string {
	if r.Status == linli.BindApproved {
		return fmt.Sprintf("已同意绑定申请#%d：%s → %s，已告知居民。", r.ID, r.Resident, r.Household)
	}
	return fmt.Sprintf("已拒绝绑定申请#%d（%s → %s），已告知居民。", r.ID, r.Resident, r.Household)
}

func textBindAlreadyDecided(r *linli.BindRequest) string {
	state := "已同意"
	if r.Status == linli.BindRejected {
		state = "已拒绝"
	}
	return fmt.Sprintf("绑定申请#%d 之前%s（%s），没有再改。", r.ID, state, r.DecidedBy)
}
