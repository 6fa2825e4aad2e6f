package poll

import (
	"fmt"
	"strings"

	"linli"
)

// Texts of the poll family (投票与议事), together so they can be reviewed at
// once. Formatting of results and announcements is in poll_render.go.

const (
	textPollCreateUsage = "发起投票的格式：发起投票 标题 选项:A/B/C 截止:时间 [多选|多选2] [匿名] [一户一票] " +
		"[规则:过半|三分之二|双三分之二|双三分之二过半] [群:群名,…|全部] [提议:文字] [讨论至:时间]\n" +
		"例如：发起投票 加装电梯 选项:同意/反对/弃权 一户一票 规则:双三分之二 截止:11月30日 18:00 提议:3栋加装电梯，费用按楼层分摊\n" +
		"发送「投票规则」查看各规则怎么算。"
	textVoteUsage     = "投票的格式：投票 编号 选项，例如：投票 3 同意（多选用空格分开：投票 4 唱歌 跳舞）。发送「投票」查看进行中的投票。"
	textOpinionUsage  = "提意见的格式：意见 编号 内容，例如：意见 3 希望电梯费用按楼层分摊。"
	textFeedbackUsage = "反馈的格式：反馈 编号 内容，例如：反馈 3 业主大会通过加装电梯，下周一起公示施工方案。"

	textFeedbackStaffOnly = "「反馈」是社工使用的命令，用来公布议事决定。居民朋友对投票有想法，可以发送「意见 编号 内容」。"

	textPollNoOpen      = "目前没有进行中的投票。"
	textPollListHeader  = "进行中的投票："
	textPollListFooter  = "发送「投票 编号」查看详情和结果，「投票 编号 选项」投票。"
	textPollNeedTitle   = "请写上投票标题。"
	textPollNeedOptions = "请写上至少两个选项，用 / 分开，例如：选项:同意/反对/弃权。"
	textPollNeedDue     = "请写上截止时间，例如：截止:11月30日 18:00。"
	textRuleMulti       = "按规则表决的投票只能单选，请去掉「多选」。"
	textCivilNeedsTotal = "「双三分之二」要按总户数计算参与率，但配置里没有总户数：请在 linli.toml 的 [polls] 中设置 total_households（本社区业主总户数）后重启。"
	textCivilAreaNoList = "配置 [polls] 设置了 total_area（总面积），但没有 areas（各户面积）：请在 [polls.areas] 中登记各户面积（如 \"3栋502\" = 89.5），或去掉 total_area 只按户数计算。"
	textCivilAreaNoSum  = "配置 [polls.areas] 登记了各户面积，但没有 total_area（总面积）：请在 [polls] 中设置 total_area（建筑物总面积，㎡）。"
	textPollOpinionsTo  = "可发送「反馈 %d 内容」把决定和后续告诉居民。"
	textVoteNotHere     = "投票%d「%s」是面向 %s 的，本群不参与。"
	textVoteNoHousehold = "投票%d「%s」一户一票，需要先知道您家的户号：请发送「绑定 户号」（例如：绑定 3栋502），再发送「投票 %d %s」。"
	textPollRulesHelp   = "投票规则（「弃权」算参与、不算同意；同意票指名为 同意/赞成/支持 的选项，没有时指第一个选项）：\n" +
		"· 过半：同意票超过参与投票的一半。\n" +
		"· 三分之二：同意票达到参与投票的三分之二。\n" +
		"· 双三分之二（民法典第278条，加装电梯、改建重建等重大事项）：一户一票；参与投票的户数达到总户数的2/3（登记了面积时，参与的面积也要达到总面积的2/3），且同意的户数达到参与户数的3/4（面积同样达到参与面积的3/4）。\n" +
		"· 双三分之二过半（民法典第278条，其他共同事项）：参与要求同上，同意的户数（及面积）超过参与的一半。\n" +
		"· 不写规则：只统计票数，不判断是否通过。"
)

func textPollCreated(p *linli.Poll, groups, deadline, discussUntil string) string {
	s := fmt.Sprintf("已发起投票%d「%s」，已发到 %s。", p.ID, p.Title, groups)
	if p.CivilRule() {
		s += "按民法典第278条表决，已自动设为一户一票。"
	}
	if discussUntil != "" {
		s += fmt.Sprintf("\n讨论至：%s（届时自动开始投票，居民意见每10分钟汇总转给社工）", discussUntil)
	}
	return s + fmt.Sprintf("\n截止：%s（届时自动统计并公布结果）", deadline)
}

func textVoteDiscussing(p *linli.Poll, opens string) string {
	return fmt.Sprintf("投票%d「%s」还在讨论期，%s 开始投票。现在可以发送「意见 %d 您的想法」提意见。", p.ID, p.Title, opens, p.ID)
}

func textVoteClosed(p *linli.Poll) string {
	return fmt.Sprintf("投票%d「%s」已经截止，不能再投票或改票。发送「投票 %d」查看结果。", p.ID, p.Title, p.ID)
}

func textVoteCast(p *linli.Poll, choice, deadline string) string {
	return fmt.Sprintf("已投票：投票%d「%s」— %s。%s 前可改票。", p.ID, p.Title, choice, deadline)
}

func textVoteChanged(p *linli.Poll, from, to string) string {
	return fmt.Sprintf("已改票：投票%d「%s」— %s → %s。", p.ID, p.Title, from, to)
}

func textVoteSame(p *linli.Poll, choice, deadline string) string {
	return fmt.Sprintf("您已投过：投票%d「%s」— %s，只算一票。%s 前可改票。", p.ID, p.Title, choice, deadline)
}

// yourHome is "您家（3栋502）", or "您家" when household is "" (a reply in
// a group, which never names the household).
func yourHome(household string) string {
	if household == "" {
		return "您家"
	}
	return "您家（" + household + "）"
}

func textVoteReplacedFamily(p *linli.Poll, household, choice string) string {
	return fmt.Sprintf("已改为您的选择：投票%d「%s」— %s。本投票一户一票，%s之前由家人投的票已被替换。", p.ID, p.Title, choice, yourHome(household))
}

func textVoteFamilyVoted(p *linli.Poll, household, args string) string {
	return fmt.Sprintf("%s已由另一位家庭成员投过票，本投票一户一票，这次没有计入。如需改成您的选择，请发送「投票 %d %s 改」。", yourHome(household), p.ID, args)
}

// textVoteElsewhere answers a resident who voted for one household and
// re-bound to another: the household is named only privately and only when
// known (not in an anonymous poll).
func textVoteElsewhere(p *linli.Poll, votedFor string, private bool) string {
	if private && votedFor != "" {
		return fmt.Sprintf("您已为%s投过票（投票%d「%s」一人只能投一票），这次没有计入，您的票仍算%s的。", votedFor, p.ID, p.Title, votedFor)
	}
	return fmt.Sprintf("您已为之前绑定的户号投过票（投票%d「%s」一人只能投一票），这次没有计入。", p.ID, p.Title)
}

func textVoteNotMember(p *linli.Poll, groups string) string {
	return fmt.Sprintf("投票%d「%s」只面向%s的居民，这次没有计入。如果您住在那里，请在群里发送「投票 %d %s」。", p.ID, p.Title, groups, p.ID, choiceArgs(p, []int{0}))
}

func textVoteNotVerified(p *linli.Poll, choice string) string {
	return fmt.Sprintf("投票%d「%s」只计与业主名册核实过的户：请先发送「绑定 户号」（例如：绑定 3栋502），核实后再发送「投票 %d %s」。", p.ID, p.Title, p.ID, choice)
}

func textVoteNoArea(p *linli.Poll, household string) string {
	return fmt.Sprintf("投票%d按面积计票，但%s不在业主面积登记中，暂时无法计入。请联系社工核实户号。", p.ID, yourHome(household))
}

func textVoteAnonymousGroup(p *linli.Poll) string {
	return fmt.Sprintf("已收到您在投票%d「%s」的匿名投票。为保密，选项不在群里显示；截止前可改票，私聊我投票更保密。", p.ID, p.Title)
}

func textVoteSingle(p *linli.Poll) string {
	return fmt.Sprintf("投票%d是单选，请只选一个，例如：投票 %d %s。", p.ID, p.ID, choiceArgs(p, []int{0}))
}

func textVoteTooMany(p *linli.Poll) string {
	return fmt.Sprintf("投票%d最多选%d项，例如：投票 %d %s。", p.ID, p.MaxChoices, p.ID, choiceArgs(p, exampleChoices(p)))
}

func textVoteUnknownChoice(p *linli.Poll, token string) string {
	return fmt.Sprintf("投票%d没有「%s」这个选项。选项：%s。例如：投票 %d %s", p.ID, token, strings.Join(p.Options, "、"), p.ID, choiceArgs(p, exampleChoices(p)))
}

func textVoteUsageFor(p *linli.Poll) string {
	return fmt.Sprintf("请写上选项，例如：投票 %d %s。", p.ID, choiceArgs(p, exampleChoices(p)))
}

func textBallotIgnored(words string) string {
	return fmt.Sprintf("「%s」不是选项，没有计入。", words)
}

// textBallotRemarkKept follows a vote whose remark was kept as an 意见.
const textBallotRemarkKept = "您附的话已作为意见转给社工。"

func textBallotRemarkDropped(p *linli.Poll) string {
	return fmt.Sprintf("投票只记选项，您附的话没有记下；想告诉社工，请发送「意见 %d 您的想法」。", p.ID)
}

func textVoteNeedNumber(p *linli.Poll, args string) string {
	return fmt.Sprintf("请写上投票编号，例如：投票 %d %s。", p.ID, args)
}

func textVoteIntentConfirm(p *linli.Poll, choice, command string) string {
	return fmt.Sprintf("您是要给「%s」投「%s」吗？%s回复「是」或「%s」即可。", p.Title, choice, linli.OfferWithin, command)
}

func textVoteIntentWhich(list, example string) string {
	return "现在有几个投票在进行，请写上编号：" + list + "。例如：" + example + "。"
}

func textOpinionThanks(p *linli.Poll) string {
	return fmt.Sprintf("谢谢您的意见，已记下，会转给社工（投票%d「%s」）。", p.ID, p.Title)
}

// textOpinionDigest is one digest of opinions to staff: lines are the
// opinions from the first-th (0-based) of total forwarded at once.
func textOpinionDigest(p *linli.Poll, lines []string, first, total int) string {
	count := fmt.Sprintf("%d条", total)
	if len(lines) < total {
		count = fmt.Sprintf("第%d-%d条，共%d条", first+1, first+len(lines), total)
	}
	s := fmt.Sprintf("【居民意见】投票%d「%s」（%s）\n%s", p.ID, p.Title, count, strings.Join(lines, "\n"))
	if first+len(lines) == total {
		s += "\n" + fmt.Sprintf(textPollOpinionsTo, p.ID)
	}
	return s
}

func textFeedbackPosted(p *linli.Poll, groups string) string {
	return fmt.Sprintf("已把投票%d「%s」的反馈发到 %s。", p.ID, p.Title, groups)
}

func textFeedbackAnnounce(p *linli.Poll, text, by string) string {
	return fmt.Sprintf("【议事反馈】投票%d「%s」\n%s\n—— %s", p.ID, p.Title, text, by)
}

func textVotingOpen(p *linli.Poll) string {
	return fmt.Sprintf("【开始投票】投票%d「%s」讨论结束，现在开始投票！", p.ID, p.Title)
}

func textPollBadGroup(g string, served []string) string {
	return fmt.Sprintf("没有叫「%s」的居民群。可用：%s，或 群:全部。", g, strings.Join(served, "、"))
}

func textPollAmbiguousGroup(g string, matches []string) string {
	return fmt.Sprintf("「%s」对应多个群：%s，请写完整的群名。", g, strings.Join(matches, "、"))
}

func textPollBadArea(key string) string {
	return fmt.Sprintf("配置 [polls.areas] 中的户号 %q 无法识别，请写成 \"3栋502\" 的形式。", key)
}

const textDigestPollsTitle = "一天内截止的投票"

func textDigestPoll(id uint64, title, deadline string) string {
	return fmt.Sprintf("投票%d「%s」%s 截止", id, title, deadline)
}

const textPollExportUsage = "请发送「导出 投票 编号」，例如：导出 投票 3。发送「投票」查看进行中的投票。"

// textPollExportTitle names the file of 导出 投票: the poll, its number
// and state.
func textPollExportTitle(p *linli.Poll) string {
	state := "进行中"
	if p.Status == linli.PollClosed {
		state = "已结束"
	}
	return fmt.Sprintf("投票明细 #%d %s（%s）", p.ID, p.Title, state)
}

// textPollExportCaption goes with the file of 导出 投票.
func textPollExportCaption(p *linli.Poll, ballots int, unit string) string {
	return fmt.Sprintf("投票#%d「%s」明细，共%d%s（Excel，每个选项一列，最后一行是合计）。", p.ID, p.Title, ballots, unit)
}

// textNoSuchPoll answers a poll number too long to be one (as the store
// answers a number of no poll).
func textNoSuchPoll(number string) string {
	return fmt.Sprintf("没有编号为 %s 的投票。发送「投票」查看进行中的投票。", number)
}
