package poll

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"linli"
	"linli/textnorm"
)

// opinionDigestDelay is how long residents' opinions are gathered before one
// message takes them to staff.
const opinionDigestDelay = 10 * time.Minute

// parsePollRef reads "3 内容" after a command word. ok is false without a
// number; text may be empty.
func parsePollRef(args string) (id uint64, text string, ok bool) {
	m := pollRef.FindStringSubmatch(args)
	if m == nil {
		return 0, "", false
	}
	id, _ = strconv.ParseUint(m[1], 10, 64)
	return id, strings.TrimSpace(m[2]), true
}

// opinion handles 意见 <编号> <内容>: it stores a resident's opinion on a
// poll and schedules a digest to staff unless one is pending.
func (h *Family) opinion(ctx context.Context, req *linli.Request) error {
	id, text, ok := parsePollRef(req.Args)
	if !ok || text == "" {
		if !req.Msg.Addressed && (!ok || utf8.RuneCountInString(req.Args) > chatterRunes) {
			return linli.ErrNotCommand
		}
		return linli.Errorf(linli.EInvalid, textOpinionUsage)
	}
	p, err := h.Polls.Poll(id)
	if err != nil {
		return err
	}
	if g := req.Msg.Group; g != "" && h.Config.Served(g) && !p.Targets(g) {
		return linli.Errorf(linli.EForbidden, textVoteNotHere, p.ID, p.Title, strings.Join(p.Groups, "、"))
	}
	if err := h.addOpinion(req, p, text); err != nil {
		return err
	}
	return req.Reply(textOpinionThanks(p))
}

// addOpinion stores the sender's opinion on p and schedules a digest to
// staff unless one is pending.
func (h *Family) addOpinion(req *linli.Request, p *linli.Poll, text string) error {
	o := &linli.PollOpinion{PollID: p.ID, Resident: req.Msg.Sender, Household: req.Msg.Resident.Household,
		Group: req.Msg.Group, Text: textnorm.ChinesePunct(text), At: req.Now}
	schedule, err := h.Polls.AddOpinion(o)
	if err != nil || !schedule {
		return err
	}
	return h.schedulePollJob(p.ID, jobPollOpinions, "opinions", req.Now.Add(opinionDigestDelay))
}

// feedback handles 反馈 <编号> <内容>: staff post a decision or follow-up,
// kept with the poll and announced in its groups.
func (h *Family) feedback(ctx context.Context, req *linli.Request) error {
	id, text, ok := parsePollRef(req.Args)
	if !ok || text == "" {
		return linli.Errorf(linli.EInvalid, textFeedbackUsage)
	}
	text = textnorm.ChinesePunct(text)
	p, err := h.Polls.AddFeedback(id, linli.PollFeedback{By: req.Msg.Sender, Text: text, At: req.Now})
	if err != nil {
		return err
	}
	msg := textFeedbackAnnounce(p, text, req.Msg.Sender)
	for _, g := range p.Groups {
		if err := h.Out.Send(linli.Outgoing{To: linli.Chat{Group: g}, Text: msg}); err != nil {
			return err
		}
	}
	return req.Reply(textFeedbackPosted(p, strings.Join(p.Groups, "、")))
}

// staffChat is where poll news for staff goes: the staff group, or the
// poll's creator privately when there is none.
func (h *Family) staffChat(p *linli.Poll) linli.Chat {
	if h.Config.StaffGroup != "" {
		return linli.Chat{Group: h.Config.StaffGroup}
	}
	return linli.Chat{User: p.Creator}
}

// pollJob is the payload of the poll family's jobs.
type pollJob struct {
	Poll uint64 `json:"poll"`
}

// pollOfJob decodes the poll id of a poll job's payload.
func pollOfJob(job linli.Job) (uint64, error) {
	var p pollJob
	if err := json.Unmarshal(job.Payload, &p); err != nil || p.Poll == 0 {
		return 0, fmt.Errorf("poll job %d: bad payload %q", job.ID, job.Payload)
	}
	return p.Poll, nil
}

// Jobs registers the poll family's scheduled jobs.
func (h *Family) Jobs(s linli.Scheduler) error {
	s.Handle(jobPollClose, h.closePollJob)
	s.Handle(jobPollOpen, h.openPollJob)
	s.Handle(jobPollOpinions, h.opinionsJob)
	return nil
}

// closePollJob runs at a poll's deadline: it closes the poll and posts the
// result to its groups, and to staff with a reminder to post the decision.
func (h *Family) closePollJob(job linli.Job, occ time.Time) error {
	id, err := pollOfJob(job)
	if err != nil {
		return err
	}
	if _, err := h.Polls.ClosePoll(id, occ); err != nil {
		return err
	}
	p, t, err := h.Polls.TallyPoll(id)
	if err != nil {
		return err
	}
	text := h.renderFinal(p, t)
	for _, g := range p.Groups {
		if err := h.Out.Send(linli.Outgoing{Key: linli.JobKey(job, occ, "group:"+g), To: linli.Chat{Group: g}, Text: text}); err != nil {
			return err
		}
	}
	staff := text + "\n" + fmt.Sprintf(textPollOpinionsTo, p.ID)
	return h.Out.Send(linli.Outgoing{Key: linli.JobKey(job, occ, "staff"), To: h.staffChat(p), Text: staff})
}

// openPollJob runs at the end of a discussion period: voting opens.
func (h *Family) openPollJob(job linli.Job, occ time.Time) error {
	id, err := pollOfJob(job)
	if err != nil {
		return err
	}
	p, err := h.Polls.Poll(id)
	if err != nil || p.Status != linli.PollOpen {
		return err
	}
	var b strings.Builder
	b.WriteString(textVotingOpen(p))
	h.writeBallotHelp(&b, p)
	for _, g := range p.Groups {
		if err := h.Out.Send(linli.Outgoing{Key: linli.JobKey(job, occ, "group:"+g), To: linli.Chat{Group: g}, Text: b.String()}); err != nil {
			return err
		}
	}
	return nil
}

// opinionsJob forwards the opinions gathered since the last digest to staff
// in one message, and schedules the next digest if more came meanwhile. A
// re-run after a crash sends the same digest again only if new opinions
// arrived in between (its key names the last opinion).
func (h *Family) opinionsJob(job linli.Job, occ time.Time) error {
	id, err := pollOfJob(job)
	if err != nil {
		return err
	}
	p, err := h.Polls.Poll(id)
	if err != nil {
		return err
	}
	ops, err := h.Polls.PendingOpinions(id)
	if err != nil {
		return err
	}
	var last uint64
	if len(ops) > 0 {
		last = ops[len(ops)-1].Seq
	}
	for i, text := range opinionDigests(p, ops) {
		part := fmt.Sprint("opinions:", last)
		if i > 0 {
			part += fmt.Sprint(":", i)
		}
		to := h.staffChat(p)
		out := linli.Outgoing{Key: linli.JobKey(job, occ, part), To: to, Text: text, Alone: true, Private: to.User != "", Priority: linli.PriorityBroadcast}
		if err := h.Out.Send(out); err != nil {
			return err
		}
	}
	more, err := h.Polls.MarkOpinionsForwarded(id, last)
	if err != nil || !more {
		return err
	}
	return h.schedulePollJob(id, jobPollOpinions, "opinions", h.Clock.Now().Add(opinionDigestDelay))
}

// opinionsPerDigest bounds the opinions in one digest message, so that each
// fits on a phone screen.
const opinionsPerDigest = 10

// opinionDigests renders ops as 【居民意见】 messages of at most
// opinionsPerDigest opinions, one line each: who said it and what. The
// household is left out: staff need the view, not the address.
func opinionDigests(p *linli.Poll, ops []linli.PollOpinion) []string {
	var out []string
	for start := 0; start < len(ops); start += opinionsPerDigest {
		end := min(start+opinionsPerDigest, len(ops))
		lines := make([]string, 0, end-start)
		for _, o := range ops[start:end] {
			lines = append(lines, "· "+o.Resident+"："+strings.Join(strings.Fields(o.Text), " "))
		}
		out = append(out, textOpinionDigest(p, lines, start, len(ops)))
	}
	return out
}
