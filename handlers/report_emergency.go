package handlers

import (
	"strings"

	"linli"
)

// Emergencies. A report that tells of danger to someone now (a person
// collapsed, people stuck in a lift, fire, gas, electricity, a fight, a
// child about to fall) is not a job for tomorrow: the bot first answers, in
// the chat it came from, with the emergency numbers, then registers it as
// 安全隐患 (the shortest SLA) and alerts both the grid worker and the
// grid's supervisor, marked 【紧急】. The words are a small explicit table,
// not the classifier: a missed emergency costs far more than a needless
// reminder of the numbers.

// emergencyWords are the phrases that make a text an emergency.
var emergencyWords = []string{
	"晕倒", "昏倒", "昏迷", "晕过去", "不省人事", "摔倒了起不来", "摔倒起不来", "倒地不起", "没有呼吸", "没呼吸", "心脏病发",
	"困人", "被困", "困在电梯", "关在电梯",
	"着火", "起火", "失火", "火灾", "冒烟", "烧起来",
	"煤气味", "燃气味", "天然气味", "燃气泄漏", "煤气泄漏", "天然气泄漏", "漏气",
	"漏电", "触电", "电线起火",
	"有人打架", "打起来了", "持刀", "拿刀", "砍人", "打人了",
	"小孩爬上", "孩子爬上", "爬上窗台", "爬上阳台", "坠落", "坠楼", "跳楼", "掉下来了",
}

// isEmergency reports whether text tells of an emergency.
func isEmergency(text string) bool {
	for _, w := range emergencyWords {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// emergencyCategory is the category of an emergency: the one with the
// shortest SLA.
const emergencyCategory = "安全隐患"

// replyEmergency answers an emergency at once, in the chat it came from,
// with the numbers to call; sent alone so that it is never merged behind
// other replies.
func (h *Handlers) replyEmergency(req *linli.Request) error {
	out := linli.Outgoing{To: req.Msg.Chat(), Text: textReportEmergency, Alone: true}
	if !req.Msg.Private() {
		out.Mention = []string{req.Msg.Sender}
	}
	return h.Out.Send(out)
}

// alertEmergency sends an emergency report to its grid's worker and
// supervisor (the staff when the grid has neither).
func (h *Handlers) alertEmergency(r *linli.Report) error {
	if err := h.alertWorker(r, textReportAlertUrgent); err != nil {
		return err
	}
	sup := h.supervisorOf(r.Grid)
	if sup == "" || sup == r.Assignee {
		if r.Assignee == "" {
			return nil // alertWorker told the staff
		}
		return h.teller().Staff(textReportAlert(textReportAlertUrgent, r, h.Config.Location), "")
	}
	return h.teller().Person(sup, textReportAlert(textReportAlertUrgent, r, h.Config.Location), nil, "")
}
