package report

import "linli"

// Emergencies. A report that tells of danger to someone now (a person
// collapsed, people stuck in a lift, fire, gas, electricity, a fight, a
// child about to fall) is not a job for tomorrow: the bot first answers, in
// the chat it came from, with the emergency numbers, then registers it as
// 安全隐患 (the shortest SLA) and alerts both the grid worker and the
// grid's supervisor, marked 【紧急】. The words are the lexicon's
// (linli.Lexicon.Emergency), a small explicit table, not the classifier.

// emergencyCategory is the category of an emergency: the one with the
// shortest SLA.
const emergencyCategory = "安全隐患"

// replyEmergency answers an emergency at once, in the chat it came from,
// with the numbers to call; sent alone so that it is never merged behind
// other replies.
func (h *Family) replyEmergency(req *linli.Request) error {
	out := linli.Outgoing{To: req.Msg.Chat(), Text: textReportEmergency, Alone: true}
	if !req.Msg.Private() {
		out.Mention = []string{req.Msg.Sender}
	}
	return h.Out.Send(out)
}

// alertEmergency sends an emergency report to its grid's worker and
// supervisor (the staff when the grid has neither).
func (h *Family) alertEmergency(r *linli.Report) error {
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
