package signup

import (
	"context"
	"strings"
	"time"

	"linli"
)

// signup handles 报名 <编号|名称> [+N]. In a residents' group the answer
// to a sign-up, a change of party size or a repeated 报名 is gathered with
// the others of the moment (gather) and sent as one message.
func (h *Family) signup(ctx context.Context, req *linli.Request) error {
	now := req.Now.In(h.Config.Location)
	if bad := linli.MalformedNumber(req.Args); bad != "" {
		// "报名 -1", "报名 1.5": no activity, in a group as privately;
		// never chatter, whose understanding would offer another activity.
		open, err := h.openActivities(req.Msg, now)
		if err != nil {
			return err
		}
		return linli.Errorf(linli.ENotFound, "%s", textUnknownActivity(bad, open))
	}
	ref, extra, ok := h.parseSignupArgs(req.Args)
	if !ok {
		// "报名 1 +99999999999999" names an activity: an absurd party is
		// refused, never taken for chatter (and offered as one person).
		if !req.Msg.Addressed && !idRefRe.MatchString(ref) && h.Lexicon.Chatter(req.Args) {
			return linli.ErrNotCommand
		}
		return linli.Errorf(linli.EInvalid, "%s", textBadParty)
	}
	open, err := h.openActivities(req.Msg, now)
	if err != nil {
		return err
	}
	if ref == "" {
		return h.askWhich(req, open, max(extra, 0)+1)
	}
	a, err := h.resolveActivity(req, ref, open)
	if a == nil || err != nil {
		return err
	}
	if why := h.signupRefusal(a, req.Msg); why != "" {
		return linli.Errorf(linli.EForbidden, "%s", why)
	}
	old, err := h.Activities.Signup(a.ID, req.Msg.Sender)
	if err != nil && linli.ErrorCode(err) != linli.ENotFound {
		return err
	}
	party := extra + 1
	if extra < 0 { // no +N: keep the party of an existing sign-up
		party = 1
		if old != nil && old.Active() {
			party = old.PartySize
		}
	}
	group := h.groupOf(req.Msg)
	gathered := group != "" && (old == nil || !old.Active() || old.Group == group)
	res, err := h.Activities.SignUp(linli.SignupRequest{
		ActivityID: a.ID, Resident: req.Msg.Sender, Household: req.Msg.Resident.Household,
		PartySize: party, Group: group, Source: linli.SourceCommand,
		Acked: !gathered, Now: now,
	})
	if err != nil {
		return err
	}
	a = h.local(&res.Activity)
	switch res.Outcome {
	case linli.SignupAdded:
		if gathered { // told together with the others who sign up now
			return h.gather(a, group, now, nil)
		}
		return req.Reply(textSignedUp(a, &res.Signup))
	case linli.SignupUpdated:
		h.notifyPromoted(a, res.Promoted, roomFreed)
		if gathered {
			return h.gather(a, group, now, nil)
		}
		return req.Reply(textSignupUpdated(a, &res.Signup))
	case linli.SignupUnchanged:
		if gathered && !res.Signup.Acked {
			return h.gather(a, group, now, nil)
		}
		return linli.Errorf(linli.EConflict, "%s", textAlreadySignedUp(a, &res.Signup))
	case linli.SignupNoRoom:
		return linli.Errorf(linli.EConflict, "%s", textNoRoom(a, &res.Signup, party))
	}
	return linli.Errorf(linli.EConflict, "%s", textClosed(a, now))
}

// cancelSignup handles 取消报名 [编号]; without a number it cancels the
// resident's only sign-up, or asks which.
func (h *Family) cancelSignup(ctx context.Context, req *linli.Request) error {
	now := req.Now.In(h.Config.Location)
	var a *linli.Activity
	if req.Args == "" {
		mine, err := h.mySignupList(req.Msg.Sender, now)
		if err != nil {
			return err
		}
		switch len(mine) {
		case 0:
			return req.Reply(textNoMine)
		case 1:
			a = &mine[0].act
		default:
			return req.Reply(textWhichActivity("取消报名", activitiesOf(mine)))
		}
	} else {
		id, less, ok := h.parseCancelArgs(req.Args)
		if !ok {
			if !req.Msg.Addressed && linli.MalformedNumber(req.Args) == "" && h.Lexicon.Chatter(req.Args) {
				return linli.ErrNotCommand
			}
			return linli.Errorf(linli.EInvalid, "%s", textSignupCancelUsage)
		}
		var err error
		if a, err = h.activity(id); err != nil {
			return err
		}
		if a.State(now) == linli.ActivityCancelled {
			return linli.Errorf(linli.EConflict, "%s", textCancelOfCancelled(a))
		}
		if less > 0 {
			return h.reduceParty(req, a, less, now)
		}
	}
	return h.cancelWhole(req, a, now)
}

// cancelWhole cancels the sender's sign-up for a. In the group they signed
// up in, the answer is gathered like sign-ups.
func (h *Family) cancelWhole(req *linli.Request, a *linli.Activity, now time.Time) error {
	res, err := h.Activities.CancelSignup(a.ID, req.Msg.Sender, now)
	if err != nil {
		return err
	}
	a = h.local(&res.Activity)
	switch res.Outcome {
	case linli.CancelNotSignedUp:
		return linli.Errorf(linli.EConflict, "%s", textNotSignedUp(a))
	case linli.CancelTooLate:
		return linli.Errorf(linli.EConflict, "%s", textTooLateToCancel(a, now))
	}
	if g := h.groupOf(req.Msg); g != "" && res.Signup.Group == g {
		h.notifyPromoted(a, res.Promoted, roomCancelled)
		if err := h.Activities.MarkUntold(a.ID, req.Msg.Sender, linli.ChangeCancelled); err != nil {
			return err
		}
		return h.gather(a, g, now, nil)
	}
	if err := req.Reply(textSignupCancelled(a)); err != nil {
		return err
	}
	h.notifyPromoted(a, res.Promoted, roomCancelled)
	return nil
}

// mySignups handles 我的报名.
func (h *Family) mySignups(ctx context.Context, req *linli.Request) error {
	mine, err := h.mySignupList(req.Msg.Sender, req.Now.In(h.Config.Location))
	if err != nil {
		return err
	}
	if len(mine) == 0 {
		return req.Reply(textNoMine)
	}
	lines := make([]string, len(mine))
	for i := range mine {
		lines[i] = textMineLine(&mine[i].act, &mine[i].s)
	}
	return req.Reply(textMine(lines))
}

// askWhich answers 报名 without a usable activity reference.
func (h *Family) askWhich(req *linli.Request, open []linli.Activity, party int) error {
	switch len(open) {
	case 0:
		return req.Reply(textNoOpen)
	case 1:
		req.Offer(signupCmd(&open[0], party))
		return req.Reply(textConfirmSignup(&open[0], party))
	}
	return req.Reply(textWhichActivity("报名", open))
}

// resolveActivity finds the activity ref names: a number (any activity), or
// words of the title of one open activity. A nil activity with a nil error
// means the message was answered or is chatter (ErrNotCommand is returned).
func (h *Family) resolveActivity(req *linli.Request, ref string, open []linli.Activity) (*linli.Activity, error) {
	if id, ok := parseActivityID(ref); ok {
		a, err := h.activity(id)
		if err != nil && linli.ErrorCode(err) == linli.ENotFound {
			return nil, linli.Errorf(linli.ENotFound, "%s", textUnknownActivity(ref, open))
		}
		return a, err
	}
	if activityNumberRe.MatchString(ref) {
		// A number too big to be any activity's ("报名 99999999999999999999"):
		// not found, in a group as privately, never an offer for another.
		return nil, linli.Errorf(linli.ENotFound, "%s", textUnknownActivity(ref, open))
	}
	switch m := matchTitle(ref, open); len(m) {
	case 1:
		return &m[0], nil
	case 0:
		if !req.Msg.Addressed && h.Lexicon.Chatter(ref) {
			return nil, linli.ErrNotCommand
		}
		// An activity of another group: the caller says it is not for here.
		all, err := h.openWhere(req.Now, nil)
		if err != nil {
			return nil, err
		}
		if m := matchTitle(ref, all); len(m) == 1 {
			return &m[0], nil
		}
		return nil, linli.Errorf(linli.ENotFound, "%s", textUnknownActivity(ref, open))
	default:
		return nil, req.Reply(textWhichActivity("报名", m))
	}
}

// matchTitle returns the activities whose title is ref, or else those whose
// title contains ref or is contained in it.
func matchTitle(ref string, list []linli.Activity) []linli.Activity {
	ref = strings.Join(strings.Fields(ref), "")
	var exact, partial []linli.Activity
	for _, a := range list {
		title := strings.Join(strings.Fields(a.Title), "")
		switch {
		case title == ref:
			exact = append(exact, a)
		case len([]rune(ref)) >= 2 && (strings.Contains(title, ref) || strings.Contains(ref, title)):
			partial = append(partial, a)
		}
	}
	if len(exact) > 0 {
		return exact
	}
	return partial
}

// mySignup is an active sign-up with its activity.
type mySignup struct {
	s   linli.Signup
	act linli.Activity
}

// mySignupList lists resident's active sign-ups for activities that have
// not started at now, soonest first.
func (h *Family) mySignupList(resident string, now time.Time) ([]mySignup, error) {
	// Only activities not ended can be still to come: the resident's
	// sign-ups of those, not of every activity ever.
	list, err := h.Activities.CurrentSignups(resident, now)
	if err != nil {
		return nil, err
	}
	var out []mySignup
	for _, s := range list {
		if !s.Active() {
			continue
		}
		a, err := h.activity(s.ActivityID)
		if err != nil {
			return nil, err
		}
		if st := a.State(now); st != linli.ActivityCancelled && st != linli.ActivityDraft && !a.Started(now) {
			out = append(out, mySignup{s: s, act: *a})
		}
	}
	return out, nil
}

func activitiesOf(list []mySignup) []linli.Activity {
	out := make([]linli.Activity, len(list))
	for i := range list {
		out[i] = list[i].act
	}
	return out
}

// groupOf is the served group m came from, or "" (private chat, or a group
// the bot does not serve such as the staff group).
func (h *Family) groupOf(m *linli.Message) string {
	if m.Private() || !h.Config.Served(m.Group) {
		return ""
	}
	return m.Group
}
