package report

import (
	"time"

	"linli"
)

// Emergencies. A message that tells of danger to someone now (a person
// collapsed, people stuck in a lift, fire, gas, a fight, someone in the
// water) is not a job for tomorrow, and it is the one case where the bot
// speaks first in a group: wherever it was posted, addressed or not, the
// bot answers at once with the numbers for that kind of emergency (on the
// emergency lane, ahead of every queued message), registers it as 安全隐患
// (the shortest SLA) and alerts the grid worker and the grid's supervisor
// at the same moment, marked 【紧急】, without asking "是". The words are
// the lexicon's (linli.Lexicon.Emergency, with its guards for negation,
// the past and figurative use), not the classifier's.

// emergencyCategory is the category of an emergency: the one with the
// shortest SLA. An emergency is never merged into an earlier report as a
// duplicate: two people collapsing in one building are two emergencies, and
// when neighbours post about one fire the worker gets every post, 【紧急】.
const emergencyCategory = "安全隐患"

// emergencyAnswerQuiet is how long the numbers for one kind of emergency
// are not repeated in one group: when ten neighbours post about the same
// fire, the first gets the numbers and the rest are still registered (and
// linked) without ten copies of the same answer in the group.
const emergencyAnswerQuiet = 10 * time.Minute

// emergencyKind is the kind of emergency desc tells of, from the
// understanding when the router or the nlu found one, else the lexicon.
func (h *Family) emergencyKind(desc string, u *linli.Understanding) string {
	if u != nil && u.Emergency != "" {
		return u.Emergency
	}
	return h.Lexicon.Emergency(desc)
}

// replyEmergency answers an emergency at once, in the chat it came from,
// with the numbers to call for its kind; sent alone on the emergency lane
// so that it is never merged with or queued behind other messages. In a
// group the same kind is answered once per emergencyAnswerQuiet.
func (h *Family) replyEmergency(req *linli.Request, kind, desc string) error {
	m := req.Msg
	selfHarm := kind == linli.EmergencyMedical && h.selfHarm(desc)
	if !m.Private() && !h.firstEmergencyAnswer(m.Group, emergencyWhat(kind, selfHarm, h.Lexicon, desc), req.Now) {
		return nil
	}
	text := textEmergencyNumbers(kind, selfHarm)
	out := linli.Outgoing{To: m.Chat(), Text: text, Alone: true, Priority: linli.PriorityEmergency}
	if !m.Private() {
		out.Mention = []string{m.Sender}
	}
	return h.Out.Send(out)
}

// selfHarm reports whether the lexicon says desc is about someone jumping
// or taking their own life; false when it cannot tell.
func (h *Family) selfHarm(desc string) bool {
	return h.Lexicon.SelfHarm(desc)
}

// emergencyWhat names one emergency for firstEmergencyAnswer: its kind,
// whether someone is taking their own life, and the place desc names. Ten
// posts about the fire in 3栋 are one; a faint in 5栋 and an overdose a few
// minutes later are two, and the second is answered with its numbers too.
// (Emergencies are never linked to an earlier report as duplicates, so the
// kind and the place are all that make two posts the same.)
func emergencyWhat(kind string, selfHarm bool, lex linli.Lexicon, desc string) string {
	place, _ := lex.Place(desc)
	if selfHarm {
		kind += "/自伤"
	}
	return kind + "\x00" + place
}

// firstEmergencyAnswer reports whether the numbers for kind were not sent
// to group in the last emergencyAnswerQuiet, and notes that they are now.
// The memory is the process's: after a restart the numbers are sent again,
// which errs on the safe side.
func (h *Family) firstEmergencyAnswer(group, kind string, now time.Time) bool {
	h.emergencyMu.Lock()
	defer h.emergencyMu.Unlock()
	if h.emergencyAnswered == nil {
		h.emergencyAnswered = map[string]time.Time{}
	}
	key := group + "\x00" + kind
	if at, ok := h.emergencyAnswered[key]; ok && now.Sub(at) < emergencyAnswerQuiet && !now.Before(at) {
		return false
	}
	for k, at := range h.emergencyAnswered {
		if now.Sub(at) >= emergencyAnswerQuiet {
			delete(h.emergencyAnswered, k)
		}
	}
	h.emergencyAnswered[key] = now
	return true
}

// alertEmergency sends an emergency report to its grid's worker and
// supervisor (the staff when the grid has neither), on the emergency lane.
func (h *Family) alertEmergency(r *linli.Report) error {
	t := h.teller()
	t.Priority = linli.PriorityEmergency
	text := textReportAlert(textReportAlertUrgent, r, h.Config.Location)
	if err := t.Person(r.Assignee, text, nil, ""); err != nil {
		return err
	}
	for i, name := range r.Images {
		if media := h.reportMedia(r.ID, "", i+1, name); media != nil && r.Assignee != "" {
			if err := t.Person(r.Assignee, "", media, ""); err != nil {
				return err
			}
		}
	}
	sup := h.supervisorOf(r.Grid)
	if sup == "" || sup == r.Assignee {
		if r.Assignee == "" {
			return nil // Person("") told the staff
		}
		return t.Staff(text, "")
	}
	return t.Person(sup, text, nil, "")
}
