package poll

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"linli"
	"linli/handlers/zhtime"
)

// pollBarWidth is the length of a result bar at 100%.
const pollBarWidth = 10

// optionLabel renders option i as "1/A 同意".
func optionLabel(p *linli.Poll, i int) string {
	return fmt.Sprintf("%d/%c %s", i+1, 'A'+i, p.Options[i])
}

// choiceText renders chosen options by text: "同意" or "A方案、C方案".
func choiceText(p *linli.Poll, choices []int) string {
	names := make([]string, 0, len(choices))
	for _, c := range choices {
		if c >= 0 && c < len(p.Options) {
			names = append(names, p.Options[c])
		}
	}
	return strings.Join(names, "、")
}

// pollUnit counts ballots: households for 一户一票, votes otherwise.
func pollUnit(p *linli.Poll) string {
	if p.PerHousehold {
		return "户"
	}
	return "票"
}

// voterUnit counts participants: households for 一户一票, people otherwise.
func voterUnit(p *linli.Poll) string {
	if p.PerHousehold {
		return "户"
	}
	return "人"
}

// writeLeaders names the options with the most votes (polls without a rule).
func writeLeaders(b *strings.Builder, p *linli.Poll, t linli.PollTally) {
	top := slices.Max(append([]int{0}, t.Counts...))
	if top == 0 {
		return
	}
	var names []string
	for i, n := range t.Counts {
		if n == top {
			names = append(names, p.Options[i])
		}
	}
	each := ""
	if len(names) > 1 {
		each = "各"
	}
	fmt.Fprintf(b, "\n得票最多：%s（%s%d%s）", strings.Join(names, "、"), each, top, pollUnit(p))
}

// ruleText describes the rule of p in one line.
func ruleText(p *linli.Poll) string {
	yes := "「" + p.Options[p.YesOption()] + "」"
	area := ""
	if p.TotalArea > 0 {
		area = "（面积同样计算）"
	}
	declared := "" // said plainly: without a register nobody checked the households
	if !p.Register {
		declared = "（户号为居民自报，未与业主名册核对）"
	}
	switch p.Rule {
	case linli.RuleMajority:
		return fmt.Sprintf("过半：%s超过参与投票的一半即通过", yes)
	case linli.RuleTwoThirds:
		return fmt.Sprintf("三分之二：%s达到参与投票的2/3即通过", yes)
	case linli.RuleCivil:
		return fmt.Sprintf("双三分之二（民法典第278条）：参与户数达总户数%d户的2/3%s，且%s达参与户数的3/4即通过%s", p.TotalHouseholds, area, yes, declared)
	case linli.RuleCivilSimple:
		return fmt.Sprintf("双三分之二过半（民法典第278条）：参与户数达总户数%d户的2/3%s，且%s超过参与户数的一半即通过%s", p.TotalHouseholds, area, yes, declared)
	}
	return "只统计票数"
}

// renderAnnounce is the message that puts a poll to its groups.
func (h *Family) renderAnnounce(p *linli.Poll) string {
	var b strings.Builder
	kind := ""
	if !p.DiscussUntil.IsZero() {
		kind = "议事·"
	}
	fmt.Fprintf(&b, "【%s投票%d】%s", kind, p.ID, p.Title)
	if p.Proposal != "" {
		fmt.Fprintf(&b, "\n提议：%s", p.Proposal)
	}
	if !p.DiscussUntil.IsZero() {
		fmt.Fprintf(&b, "\n讨论至 %s：欢迎发送「意见 %d 您的想法」，社工会汇总。讨论结束后开始投票。", h.fmtTime(p.DiscussUntil), p.ID)
	}
	h.writeBallotHelp(&b, p)
	return b.String()
}

// writeBallotHelp writes the options, the poll's kind, its rule, deadline
// and how to vote.
func (h *Family) writeBallotHelp(b *strings.Builder, p *linli.Poll) {
	b.WriteString("\n选项：")
	for i := range p.Options {
		b.WriteString("\n  " + optionLabel(p, i))
	}
	kinds := []string{"单选"}
	if p.Multi() {
		kinds[0] = fmt.Sprintf("多选（最多%d项）", p.MaxChoices)
	}
	if p.PerHousehold {
		kinds = append(kinds, "一户一票")
	}
	if p.Anonymous {
		kinds = append(kinds, "匿名（不公开谁投了什么，建议私聊我投票）")
	} else {
		kinds = append(kinds, "记名")
	}
	fmt.Fprintf(b, "\n%s", strings.Join(kinds, " · "))
	if p.Rule != linli.RuleNone {
		fmt.Fprintf(b, "\n规则：%s", ruleText(p))
	}
	fmt.Fprintf(b, "\n截止：%s", h.fmtTime(p.Deadline))
	how := "投票：发送「投票 %d %s」，截止前可改票。"
	if p.Multi() {
		how = "投票：发送「投票 %d %s」（选项用空格分开），截止前可改票。"
	}
	fmt.Fprintf(b, "\n"+how, p.ID, choiceArgs(p, exampleChoices(p)))
}

// renderResults shows the counts with bars, participation and the rule.
func (h *Family) renderResults(p *linli.Poll, t linli.PollTally, now time.Time) string {
	var b strings.Builder
	switch {
	case p.Status == linli.PollClosed:
		fmt.Fprintf(&b, "投票%d「%s」结果（已于 %s 截止）", p.ID, p.Title, h.fmtTime(p.ClosedAt))
	case !now.Before(p.Deadline):
		fmt.Fprintf(&b, "投票%d「%s」已于 %s 截止，结果即将公布", p.ID, p.Title, h.fmtTime(p.Deadline))
	case p.Discussing(now):
		fmt.Fprintf(&b, "投票%d「%s」讨论中，%s 开始投票，截止 %s", p.ID, p.Title, h.fmtTime(p.DiscussUntil), h.fmtTime(p.Deadline))
	default:
		fmt.Fprintf(&b, "投票%d「%s」进行中，截止 %s", p.ID, p.Title, h.fmtTime(p.Deadline))
	}
	h.writeTally(&b, p, t)
	for _, f := range p.Feedback {
		fmt.Fprintf(&b, "\n反馈（%s，%s）：%s", zhtime.FormatDate(f.At.In(h.Config.Location)), f.By, f.Text)
	}
	return b.String()
}

// renderFinal is the result posted when a poll closes.
func (h *Family) renderFinal(p *linli.Poll, t linli.PollTally) string {
	var b strings.Builder
	fmt.Fprintf(&b, "【投票结果】投票%d「%s」已截止", p.ID, p.Title)
	h.writeTally(&b, p, t)
	return b.String()
}

// writeTally writes one bar per option, participation and the verdict.
func (h *Family) writeTally(b *strings.Builder, p *linli.Poll, t linli.PollTally) {
	unit := pollUnit(p)
	for i := range p.Options {
		n := 0
		if i < len(t.Counts) {
			n = t.Counts[i]
		}
		share := 0.0
		if t.Ballots > 0 {
			share = float64(n) / float64(t.Ballots)
		}
		full := int(math.Round(share * pollBarWidth))
		fmt.Fprintf(b, "\n%s %s%s %d%s %.0f%%", optionLabel(p, i),
			strings.Repeat("█", full), strings.Repeat("░", pollBarWidth-full), n, unit, share*100)
	}
	o := p.Evaluate(t)
	if !p.CivilRule() {
		fmt.Fprintf(b, "\n参与：%d%s", t.Ballots, voterUnit(p))
	} else {
		fmt.Fprintf(b, "\n参与：%d户 / 共%d户（需≥%d户）%s", t.Ballots, p.TotalHouseholds, o.NeedHouseholds, mark(t.Ballots >= o.NeedHouseholds))
		if o.UsesArea {
			fmt.Fprintf(b, "；面积 %s㎡ / %s㎡（需≥%s㎡）%s", area(t.Area), area(p.TotalArea), area(o.NeedArea), mark(o.Turnout))
		}
	}
	if !o.Decides {
		writeLeaders(b, p, t)
		return
	}
	yes, need := 0, approvalNeed(p.Rule, t.Ballots)
	if o.Yes < len(t.Counts) {
		yes = t.Counts[o.Yes]
	}
	fmt.Fprintf(b, "\n%s：%d%s（需≥%d%s）%s", p.Options[o.Yes], yes, unit, need, unit, mark(yes >= need && t.Ballots > 0))
	if o.UsesArea && o.Yes < len(t.Areas) {
		yesArea := t.Areas[o.Yes]
		if p.Rule == linli.RuleCivil {
			fmt.Fprintf(b, "；面积 %s㎡（需≥%s㎡）%s", area(yesArea), area(t.Area*3/4), mark(yesArea*4 >= t.Area*3-1e-9 && t.Ballots > 0))
		} else {
			fmt.Fprintf(b, "；面积 %s㎡（需>%s㎡）%s", area(yesArea), area(t.Area/2), mark(yesArea*2 > t.Area+1e-9))
		}
	}
	fmt.Fprintf(b, "\n规则：%s", ruleText(p))
	verdict := "未通过"
	switch {
	case o.Passed:
		verdict = "通过"
	case !o.Turnout:
		verdict = "未通过（参与不足三分之二）"
	}
	if p.Status == linli.PollOpen {
		verdict = "目前" + verdict
	}
	fmt.Fprintf(b, "\n结果：%s", verdict)
}

// approvalNeed is the least number of yes ballots out of ballots that meets
// rule's approval threshold (for headcount).
func approvalNeed(rule string, ballots int) int {
	switch rule {
	case linli.RuleTwoThirds:
		return (2*ballots + 2) / 3
	case linli.RuleCivil:
		return (3*ballots + 3) / 4
	}
	return ballots/2 + 1 // more than half
}

func mark(ok bool) string {
	if ok {
		return "✓"
	}
	return "✗"
}

// area renders square metres with at most one decimal.
func area(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }
