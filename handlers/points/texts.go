package points

import (
	"fmt"
	"strings"

	"linli"
)

// Texts of 积分 and 兑换.

const (
	textHistoryUsage      = "查看积分记录请发「积分明细」，翻页发「积分明细 2」。"
	textRedeemUsage       = "发「兑换」查看可兑换的物品，兑换请发「兑换 编号」，如「兑换 1」。"
	textShelveUsage       = "上架请写：上架 <名称> 积分:<N> [数量:<N>] [说明:…]，如「上架 环保袋 积分:20 数量:10 说明:社区服务站领取」。"
	textUnshelveUsage     = "下架请写：下架 <编号>，如「下架 1」。发「兑换」查看编号。"
	textConfirmUsage      = "确认兑换请写：确认兑换 <兑换单号>，如「确认兑换 3」。"
	textCancelRedeemUsage = "取消兑换请写：取消兑换 <兑换单号> [原因]，如「取消兑换 3」，积分会退回。"
	textHowToEarn         = "参加活动时记得「签到」，发现问题就「随手拍」，都能攒积分。"
)

// The usage of 加积分 and 扣积分 states the per-command limit (there is no
// daily or monthly limit on staff grants: every grant is in the ledger
// with who gave it).
var (
	textGrantUsage  = fmt.Sprintf("加积分请写：加积分 <名字> <分数> <原因>，如「加积分 3-502 张阿姨 10 帮忙布置会场」。分数写正数，每条最多%d分。", maxGrant)
	textDeductUsage = fmt.Sprintf("扣积分请写：扣积分 <名字> <分数> <原因>，如「扣积分 3-502 张阿姨 5 重复登记」。分数写正数，每条最多%d分。", maxGrant)
)

const (
	textRedeemBadNumber  = "兑换品编号是正数，请发「兑换」查看编号，再发「兑换 编号」，如「兑换 1」。"
	textRedeemOneAtATime = "一次兑换一件，没有为您预留。请发「兑换 %d」，要第二件再发一次「兑换 %d」。"
)

// signed renders an amount with its sign: "+5", "-20", "0".
func signed(n int) string {
	if n > 0 {
		return fmt.Sprintf("+%d", n)
	}
	return fmt.Sprint(n)
}

// entryLine is one entry as a resident reads it.
func entryLine(e linli.PointsEntry, cfg *linli.Config) string {
	line := fmt.Sprintf("· %s %s %s", e.CreatedAt.In(cfg.Location).Format("01-02"), e.Reason, signed(e.Amount))
	if linli.RuleKind(e.Kind) && e.Asked > e.Amount {
		line += fmt.Sprintf("（本月已达上限%d分）", cfg.Points.MonthlyCap)
	}
	if e.By != "" && e.Kind == linli.PointsGrant {
		line += "（" + e.By + "）"
	}
	return line
}

func textBalance(balance int, recent []linli.PointsEntry, total int, cfg *linli.Config) string {
	var b strings.Builder
	fmt.Fprintf(&b, "您的积分：%d分", balance)
	if total == 0 {
		b.WriteString("\n" + textHowToEarn)
		return b.String()
	}
	b.WriteString("\n最近记录：")
	for _, e := range recent {
		b.WriteString("\n" + entryLine(e, cfg))
	}
	if total > len(recent) {
		fmt.Fprintf(&b, "\n共%d条，发「积分明细」查看全部。", total)
	}
	b.WriteString("\n发「兑换」看看积分能换什么。")
	return b.String()
}

func textHistoryNoPage(page, pages int) string {
	return fmt.Sprintf("积分明细只有%d页，没有第%d页。", pages, page)
}

func textHistory(balance int, entries []linli.PointsEntry, page, pages, total int, cfg *linli.Config) string {
	if total == 0 {
		return "您还没有积分记录。" + textHowToEarn
	}
	var b strings.Builder
	fmt.Fprintf(&b, "积分明细（共%d条，第%d/%d页），现有%d分：", total, page, pages, balance)
	for _, e := range entries {
		b.WriteString("\n" + entryLine(e, cfg))
	}
	if page < pages {
		fmt.Fprintf(&b, "\n下一页请发「积分明细 %d」。", page+1)
	}
	return b.String()
}

func textGranted(kindWord string, e linli.PointsEntry) string {
	return fmt.Sprintf("社工%s给您%s了%d积分：%s。现有积分：%d分。", e.By, kindWord, abs(e.Amount), e.Reason, e.Balance)
}

// textGrantNoSign refuses a signed amount: the command says the direction.
func textGrantNoSign(sign int, usage string) string {
	if sign > 0 {
		return "分数请写正数，不要带负号：要扣分请用「扣积分」。\n" + usage
	}
	return "分数请写正数，不要带负号：「扣积分 名字 5 原因」就是扣5分。\n" + usage
}

// textPointsChangedPublic is all a group hears of someone's points.
func textPointsChangedPublic(bot string) string {
	return fmt.Sprintf("您有一条积分变动，请加%s为好友，私聊发送「积分」查看。", bot)
}

// textBalancePublic answers 积分 asked in a group by someone the bot
// cannot write to privately.
func textBalancePublic(bot string) string {
	return fmt.Sprintf("积分是您自己的事，不在群里说。请加%s为好友，私聊发送「积分」查看。", bot)
}

// textGrantDonePublic is for staff the bot cannot write to (not configured).
const textGrantDonePublic = "已记下，已告知本人。详情请私聊发送「积分明细」给对方查看。"

func textGrantDone(name, kindWord string, e linli.PointsEntry) string {
	return fmt.Sprintf("已给%s%s%d积分（%s），已告知本人。对方现有%d分。", name, kindWord, abs(e.Amount), e.Reason, e.Balance)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// rewardLine is one reward as residents see it.
func rewardLine(r linli.Reward) string {
	line := fmt.Sprintf("%d. %s — %d积分", r.ID, r.Name, r.Cost)
	switch {
	case r.Limited && r.Stock == 0:
		line += "（已兑完）"
	case r.Limited:
		line += fmt.Sprintf("（剩%d件）", r.Stock)
	}
	if r.Note != "" {
		line += "，" + r.Note
	}
	return line
}

func textShelved(r linli.Reward) string {
	stock := "数量不限"
	if r.Limited {
		stock = fmt.Sprintf("共%d件", r.Stock)
	}
	return fmt.Sprintf("已上架兑换品%d「%s」：%d积分，%s。居民发「兑换 %d」即可兑换，兑换后积分先扣下，您交付后回复「确认兑换 兑换单号」。",
		r.ID, r.Name, r.Cost, stock, r.ID)
}

func textUnshelved(r linli.Reward, held int) string {
	s := fmt.Sprintf("已下架兑换品%d「%s」，居民不能再兑换。", r.ID, r.Name)
	if held > 0 {
		s += fmt.Sprintf("还有%d张兑换单等待交付，请照常「确认兑换」或「取消兑换」。", held)
	}
	return s
}

func textRewards(on []linli.Reward, balance int) string {
	if len(on) == 0 {
		if balance < 0 { // for a group: no balance
			return "现在还没有可兑换的物品，请留意社区通知。"
		}
		return fmt.Sprintf("现在还没有可兑换的物品，请留意社区通知。您现有%d积分。", balance)
	}
	var b strings.Builder
	b.WriteString("可兑换的物品：")
	for _, r := range on {
		b.WriteString("\n" + rewardLine(r))
	}
	if balance >= 0 {
		fmt.Fprintf(&b, "\n您现有%d积分。", balance)
	} else {
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "兑换请发「兑换 编号」，如「兑换 %d」。", on[0].ID)
	return b.String()
}

// textRedeemed confirms a redemption; a negative balance (for a group)
// leaves the balance out.
func textRedeemed(red linli.Redemption, balance int) string {
	left := ""
	if balance >= 0 {
		left = fmt.Sprintf("，现有%d分", balance)
	}
	return fmt.Sprintf("已为您预留「%s」（兑换单%d），扣%d积分%s。请到社区服务站领取，社工交付后确认。不想要了可发「取消兑换 %d」，积分退回。",
		red.Reward, red.ID, red.Cost, left, red.ID)
}

func textRedeemedStaff(red linli.Redemption) string {
	who := red.Resident + " "
	if red.Household != "" {
		who = red.Resident + "（" + red.Household + "）"
	}
	return fmt.Sprintf("【兑换】兑换单%d：%s兑换「%s」，已扣%d积分。交付后回复「确认兑换 %d」；不能兑换请回复「取消兑换 %d 原因」，积分会退回。",
		red.ID, who, red.Reward, red.Cost, red.ID, red.ID)
}

func textConfirmed(red linli.Redemption) string {
	return fmt.Sprintf("已确认兑换单%d：%s 领取了「%s」，已告知本人。", red.ID, red.Resident, red.Reward)
}

func textConfirmedResident(red linli.Redemption) string {
	return fmt.Sprintf("您兑换的「%s」（兑换单%d）已领取，感谢您为社区出力！", red.Reward, red.ID)
}

func textCancelled(red linli.Redemption) string {
	return fmt.Sprintf("已取消兑换单%d（%s 兑换「%s」），%d积分已退回，已告知本人。", red.ID, red.Resident, red.Reward, red.Cost)
}

func textCancelledResident(red linli.Redemption, balance int, reason string) string {
	s := fmt.Sprintf("您的兑换单%d「%s」已取消", red.ID, red.Reward)
	if reason != "" {
		s += "：" + reason
	}
	if balance < 0 { // for a group
		return s + fmt.Sprintf("。%d积分已退回。", red.Cost)
	}
	return s + fmt.Sprintf("。%d积分已退回，现有%d分。", red.Cost, balance)
}

func textCancelledByResidentStaff(red linli.Redemption) string {
	return fmt.Sprintf("【兑换】%s 取消了兑换单%d「%s」，积分已退回，不用再交付。", red.Resident, red.ID, red.Reward)
}

func textNotYourRedemption(id uint64) string {
	return fmt.Sprintf("兑换单%d不是您的，不能取消。发「积分明细」查看您的兑换记录。", id)
}
