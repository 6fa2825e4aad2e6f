package signup

import (
	"context"

	"linli"
)

// Free text taken as wanting to sign up or cancel (IntentSignup,
// IntentCancel): the bot never acts on it, it asks for the explicit
// command, at most once a day for the same question.

// signupIntent answers free text taken as wanting to sign up: it never
// signs up, it asks for the explicit command. Someone already signed up for
// the activity meant ("我报名了") is not asked: silence, or their sign-up
// when they addressed the bot.
func (h *Family) signupIntent(ctx context.Context, req *linli.Request) error {
	now := req.Now.In(h.Config.Location)
	open, err := h.openActivities(req.Msg, now)
	if err != nil {
		return err
	}
	meant := open
	if ref := req.Understanding.Slots.Activity; ref != "" {
		if m := matchTitle(ref, open); len(m) > 0 {
			meant = m
		}
	}
	mine, err := h.mySignupList(req.Msg.Sender, now)
	if err != nil {
		return err
	}
	for _, a := range meant {
		for i := range mine {
			if mine[i].act.ID != a.ID {
				continue
			}
			if !req.Msg.Addressed {
				return nil
			}
			return req.Reply(textMine([]string{textMineLine(&mine[i].act, &mine[i].s)}))
		}
	}
	party := max(req.Understanding.Slots.PartySize, 1)
	if party-1 > linli.MaxExtraPeople {
		// More family than 报名 takes: offer nothing the bot would refuse.
		if len(meant) == 1 || len(open) == 1 {
			a := &open[0]
			if len(meant) == 1 {
				a = &meant[0]
			}
			return h.askOnce(req, textConfirmSignupTooMany(a), "")
		}
		party = 1
	}
	if len(meant) < len(open) {
		if len(meant) == 1 {
			return h.askOnce(req, textConfirmSignup(&meant[0], party), signupCmd(&meant[0], party))
		}
		return h.askOnce(req, textWhichActivity("报名", meant), "")
	}
	switch len(open) {
	case 0: // likely not about an activity at all ("3号楼路灯的事帮忙报一下")
		if !req.Msg.Addressed {
			return linli.ErrNotCommand
		}
		return req.Reply(textNoOpenIntent)
	case 1:
		return h.askOnce(req, textConfirmSignup(&open[0], party), signupCmd(&open[0], party))
	}
	return h.askOnce(req, textWhichActivity("报名", open), "")
}

// askOnce puts a question the bot was not asked for (free text taken as an
// intent), unless it put the same question to the same person in the last
// day. Addressed to the bot, it always answers. yes, if not "", is the
// command a plain "是" to the question stands for (Request.Offer).
func (h *Family) askOnce(req *linli.Request, question, yes string) error {
	if !req.Msg.Addressed {
		first, err := h.Activities.MarkAsked(req.Msg.Sender+"\x00"+question, req.Now)
		if err != nil || !first {
			return err
		}
	}
	if yes != "" {
		req.Offer(yes)
	}
	return req.Reply(question)
}

// cancelIntent answers free text taken as wanting to cancel a sign-up.
func (h *Family) cancelIntent(ctx context.Context, req *linli.Request) error {
	mine, err := h.mySignupList(req.Msg.Sender, req.Now.In(h.Config.Location))
	if err != nil {
		return err
	}
	acts := activitiesOf(mine)
	if ref := req.Understanding.Slots.Activity; ref != "" {
		if m := matchTitle(ref, acts); len(m) == 1 {
			acts = m
		}
	}
	switch len(acts) {
	case 0:
		if !req.Msg.Addressed {
			return linli.ErrNotCommand
		}
		return req.Reply(textNoMine)
	case 1:
		return h.askOnce(req, textConfirmCancel(&acts[0]), cancelCmd(&acts[0]))
	}
	return h.askOnce(req, textWhichActivity("取消报名", acts), "")
}
