package signup

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"linli"
)

// Answers to a group are gathered. A storm of 报名, 取消报名, 报名 1 +1 and
// repeated 报名 in a residents' group is answered in a few messages: each
// change is recorded on the sign-up (Signup.Acked false, Signup.Change),
// and one job per activity and group (jobAck, "act:<id>:ack:<group>"),
// scheduled by the first change for the configured window
// ([activities] ack_window, from that first change — not a boundary of the
// wall clock), tells the group everything gathered by then. A burst of 接龙
// reposts is answered the same way: the job posts the group's list once,
// as the latest post left it.
//
// A resident's answers keep the order of their messages: before any
// command of the family from a resident with something gathered in that
// group, the gathered answers are sent (ordered).

// ackWindow is how long answers to a group are gathered.
func (h *Family) ackWindow() time.Duration {
	if w := time.Duration(h.Config.Activities.AckWindow); w > 0 {
		return w
	}
	return 30 * time.Second
}

// gather makes sure group will be told what is gathered for a: the job of
// the window under way, or a new one a window from now. edit, if not nil,
// changes the job's payload (the 接龙 to post).
func (h *Family) gather(a *linli.Activity, group string, now time.Time, edit func(*actJob)) error {
	key := actKey(a.ID, "ack:"+group)
	p, at := actJob{ID: a.ID, Group: group}, now.Add(h.ackWindow())
	j, ok, err := h.pendingJob(key)
	switch {
	case err != nil:
		return err
	case ok && edit == nil:
		return nil // scheduled by an earlier change of this window
	case ok:
		if err := json.Unmarshal(j.Payload, &p); err != nil {
			return fmt.Errorf("activity job %d: %w", j.ID, err)
		}
		at = later(j.At, now)
	}
	if edit != nil {
		edit(&p)
	}
	payload, _ := json.Marshal(p)
	_, err = h.Scheduler.Schedule(linli.Job{Key: key, Kind: jobAck, At: at, Payload: payload})
	return err
}

// amendPending applies edit to the pending job of a and group, if any.
func (h *Family) amendPending(a *linli.Activity, group string, now time.Time, edit func(*actJob)) error {
	if _, ok, err := h.pendingJob(actKey(a.ID, "ack:"+group)); !ok || err != nil {
		return err
	}
	return h.gather(a, group, now, edit)
}

// pendingJob returns the gathering job stored under key.
func (h *Family) pendingJob(key string) (linli.Job, bool, error) {
	jobs, err := h.Scheduler.Jobs(jobAck)
	if err != nil {
		return linli.Job{}, false, err
	}
	for _, j := range jobs {
		if j.Key == key {
			return j, true, nil
		}
	}
	return linli.Job{}, false, nil
}

// runAck tells a group what was gathered for an activity.
func (h *Family) runAck(job linli.Job, occ time.Time) error {
	p, a, err := h.loadJob(job)
	if err != nil {
		return err
	}
	return h.tellGathered(a, p, linli.JobKey(job, occ, ""))
}

// ordered wraps a handler of resident commands: in a group, before the
// first answer sent to the sender at once (a reply, or the error the
// engine answers with), what was gathered for them there is sent, so that
// their answers come in the order of their messages ("您已报名" never
// before "报名成功"). A message whose answer is gathered too sends nothing
// early: a repeated 报名 is answered once.
func (h *Family) ordered(fn linli.HandlerFunc) linli.HandlerFunc {
	return func(ctx context.Context, req *linli.Request) error {
		if h.groupOf(req.Msg) != "" {
			req.Out = &inOrder{Sender: req.Out, first: func() error { return h.tellSenderFirst(req) }}
		}
		return fn(ctx, req)
	}
}

// inOrder is a request's Sender that runs first before the first message.
type inOrder struct {
	linli.Sender
	first func() error
	done  bool
}

// Send runs first once, then sends out.
func (s *inOrder) Send(out linli.Outgoing) error {
	if !s.done {
		s.done = true
		if err := s.first(); err != nil {
			return err
		}
	}
	return s.Sender.Send(out)
}

// tellSenderFirst sends now the gathered answers of every activity in
// req's group that include req's sender.
func (h *Family) tellSenderFirst(req *linli.Request) error {
	group := h.groupOf(req.Msg)
	if group == "" || h.Scheduler == nil {
		return nil
	}
	jobs, err := h.Scheduler.Jobs(jobAck)
	if err != nil {
		return err
	}
	for _, j := range jobs {
		var p actJob
		if json.Unmarshal(j.Payload, &p) != nil || p.Group != group {
			continue
		}
		// The sender's own sign-up, not the activity's whole list: this
		// runs before every command in the group while answers gather.
		s, err := h.Activities.Signup(p.ID, req.Msg.Sender)
		if linli.ErrorCode(err) == linli.ENotFound {
			continue
		}
		if err != nil {
			return err
		}
		if !s.Unacked(group) {
			continue
		}
		a, err := h.activity(p.ID)
		if err != nil {
			return err
		}
		if p.List { // the 接龙 is still posted when the window ends, by the job
			p.List = false
			if err := h.tellGathered(a, p, ""); err != nil {
				return err
			}
			continue
		}
		// The job's own keys: should it run meanwhile (linli run drives jobs
		// beside the engine), the outbox sends its answers once.
		if err := h.tellGathered(a, p, linli.JobKey(j, j.Next, "")); err != nil {
			return err
		}
		if err := h.Scheduler.Cancel(j.Key); err != nil {
			return err
		}
	}
	return nil
}

// gathered sorts what a group is to be told about an activity.
type gathered struct {
	confirmed, waiting, changed, again, cancelled []string
	families                                      []string // "王叔 2人": confirmed parties of more than one
	alone                                         string   // "共2人": the party of a lone sign-up
	positions                                     []int    // of waiting
	changes                                       []string // "张阿姨 改为2人（候补第2位）"
	lastChange, lastAgain                         linli.Signup
	told                                          map[string]uint64
}

// sortGathered sorts the untold sign-ups of a group.
func sortGathered(list []linli.Signup) gathered {
	g := gathered{told: map[string]uint64{}}
	for _, s := range list {
		g.told[s.Resident] = s.Seq
		switch {
		case s.Change == linli.ChangeCancelled:
			g.cancelled = append(g.cancelled, s.Resident)
		case s.Change == linli.ChangeAgain:
			g.again = append(g.again, s.Resident)
			g.lastAgain = s
		case s.Change == linli.ChangeParty:
			g.changed = append(g.changed, s.Resident)
			g.changes = append(g.changes, changeLine(&s))
			g.lastChange = s
		case s.Status == linli.SignupConfirmed:
			g.confirmed = append(g.confirmed, s.Resident)
			if s.PartySize > 1 {
				g.families = append(g.families, fmt.Sprintf("%s %d人", s.Resident, s.PartySize))
				g.alone = fmt.Sprintf("共%d人", s.PartySize)
			}
		default:
			g.waiting = append(g.waiting, s.Resident)
			g.positions = append(g.positions, s.Position)
		}
	}
	if len(g.confirmed) == 1 && g.alone != "" {
		g.families = []string{g.alone}
	}
	return g
}

// tellGathered tells p.Group, in as few messages as the mentions allow,
// what was gathered about a there, and posts its 接龙 if p.List. key, if
// not "", makes the messages idempotent (a job's run). A sign-up whose
// activity was called off or is over when the answer goes out (after
// downtime) is not answered "报名成功": it is only marked told.
func (h *Family) tellGathered(a *linli.Activity, p actJob, key string) error {
	now := h.Clock.Now().In(h.Config.Location)
	list, err := h.Activities.UnackedSignups(a.ID, p.Group)
	if err != nil {
		return err
	}
	g := sortGathered(list)
	if st := a.State(now); st == linli.ActivityCancelled || st == linli.ActivityOver {
		if len(g.told) > 0 {
			h.Logger.Info("gathered answers not sent: the activity is "+st, "activity", a.ID, "group", p.Group, "people", len(g.told))
			return h.Activities.MarkAcked(a.ID, g.told)
		}
		return nil
	}
	chat := linli.Chat{Group: p.Group}
	part := func(s string) string {
		if key == "" {
			return ""
		}
		return key + s
	}
	for _, m := range []struct {
		names []string
		text  func() string
		part  string
	}{
		{g.confirmed, func() string { return textAckConfirmed(a, g.families, now) }, "c"},
		{g.waiting, func() string { return textAckWaitlisted(a, g.positions) }, "w"},
		{g.changed, func() string { return textAckChanged(a, &g.lastChange, g.changes) }, "p"},
		{g.again, func() string { return textAckAgain(a, &g.lastAgain, len(g.again)) }, "a"},
		{g.cancelled, func() string { return textAckCancelled(a) }, "x"},
	} {
		if len(m.names) == 0 {
			continue
		}
		if err := h.teller().Mentions(linli.Outgoing{To: chat, Text: m.text(), Key: part(m.part)}, m.names); err != nil {
			return err
		}
	}
	if len(g.told) > 0 {
		if err := h.Activities.MarkAcked(a.ID, g.told); err != nil {
			return err
		}
	}
	if !p.List {
		return nil
	}
	signups, err := h.Activities.Signups(a.ID)
	if err != nil {
		return err
	}
	jl := h.newJielongView(&linli.Message{Group: p.Group}, signups)
	var unrecorded []string // as of now: a line's resident may have signed up since the post
	names := map[string]bool{}
	for _, n := range jl.others {
		for _, k := range n {
			names[k] = true
		}
	}
	for _, line := range p.Unrecorded {
		if !names[h.namePart(entryKey(line))] {
			unrecorded = append(unrecorded, line)
		}
	}
	return h.Out.Send(linli.Outgoing{To: chat, Text: h.jielongText(a, jl, unrecorded), Key: part("l"), Alone: true})
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
