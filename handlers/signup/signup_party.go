package signup

import (
	"strconv"
	"strings"
	"time"

	"linli"
)

// Party sizes as residents write them are the lexicon's (Lexicon.Party);
// here is what 取消报名 <编号> +N does with them.

// parseCancelArgs reads the arguments of 取消报名: an activity number and,
// optionally, how many people to take off the party (less; 0: cancel the
// sign-up).
func (h *Family) parseCancelArgs(args string) (id uint64, less int, ok bool) {
	idText, rest, _ := strings.Cut(strings.Replace(strings.TrimSpace(args), "+", " +", 1), " ")
	if id, ok = parseActivityID(idText); !ok {
		return 0, 0, false
	}
	rest = strings.TrimSpace(signupPunctRe.ReplaceAllString(rest, " "))
	if rest == "" {
		return id, 0, true
	}
	if less, ok = h.Lexicon.PartyLess(strings.ReplaceAll(rest, " ", "")); !ok {
		return 0, 0, false
	}
	return id, less, true
}

// reduceParty handles 取消报名 <编号> +N: the resident's party shrinks by
// less people. Taking off everyone is asked about: it cancels the sign-up.
func (h *Family) reduceParty(req *linli.Request, a *linli.Activity, less int, now time.Time) error {
	s, err := h.Activities.Signup(a.ID, req.Msg.Sender)
	if err != nil && linli.ErrorCode(err) != linli.ENotFound {
		return err
	}
	switch {
	case s == nil || !s.Active():
		return linli.Errorf(linli.EConflict, "%s", textNotSignedUp(a))
	case less >= s.PartySize: // no one would be left: ask rather than guess
		req.Offer("取消报名 " + strconv.FormatUint(a.ID, 10))
		return req.Reply(textReduceAll(a, s.PartySize))
	}
	group := h.groupOf(req.Msg)
	gathered := group != "" && s.Group == group
	res, err := h.Activities.SignUp(linli.SignupRequest{
		ActivityID: a.ID, Resident: req.Msg.Sender, Household: s.Household,
		PartySize: s.PartySize - less, Group: s.Group, Source: s.Source, Acked: !gathered, Now: now,
	})
	if err != nil {
		return err
	}
	a = h.local(&res.Activity)
	switch res.Outcome {
	case linli.SignupUpdated:
		h.notifyPromoted(a, res.Promoted, roomFreed)
		if gathered {
			return h.gather(a, group, now, nil)
		}
		return req.Reply(textPartyReduced(a, &res.Signup))
	case linli.SignupClosed:
		return linli.Errorf(linli.EConflict, "%s", textTooLateToCancel(a, now))
	}
	return linli.Errorf(linli.EConflict, "%s", textAlreadySignedUp(a, &res.Signup))
}
