package signup

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"time"

	"linli"
)

// The check-in window is the activity's (linli.Activity.CheckinWindow):
// from linli.CheckinEarly before the start until its end (inclusive; an
// activity without an end is taken to last linli.DefaultLength). Staff may record
// attendance from the opening of the window until staffGrace after the
// end (the paper list typed in after the event); a cancelled activity
// takes no check-in from anyone.
const staffGrace = 24 * time.Hour

// checkIn handles 签到 [编号] (a resident, for themself) and
// 签到 <编号> <名字…> (staff, for others; a name without a sign-up is a
// walk-in, 现场加入).
func (h *Family) checkIn(ctx context.Context, req *linli.Request) error {
	now := req.Now.In(h.Config.Location)
	idText, names, _ := strings.Cut(req.Args, " ")
	var a *linli.Activity
	if req.Args == "" {
		mine, err := h.checkinCandidates(req.Msg.Sender, now)
		if err != nil {
			return err
		}
		switch len(mine) {
		case 0:
			return linli.Errorf(linli.EInvalid, "%s", textCheckinUsage)
		case 1:
			a = &mine[0]
		default:
			return req.Reply(textWhichActivity("签到", mine))
		}
	} else {
		id, ok := parseActivityID(idText)
		if !ok {
			if !req.Msg.Addressed {
				return linli.ErrNotCommand
			}
			return linli.Errorf(linli.EInvalid, "%s", textCheckinUsage)
		}
		var err error
		if a, err = h.activity(id); err != nil {
			return err
		}
	}
	opens, closes := a.CheckinWindow()
	window := textCheckinWindow(a, opens, closes)
	switch st := a.State(now); {
	case st == linli.ActivityCancelled:
		return linli.Errorf(linli.EConflict, "%s", textCheckinCancelled(a))
	case st == linli.ActivityDraft:
		return linli.Errorf(linli.EConflict, "%s", window)
	}
	if names = strings.TrimSpace(names); names != "" {
		if !req.Msg.Role.IsStaff() {
			return linli.Errorf(linli.EForbidden, "%s", textCheckinOthers)
		}
		switch {
		case now.Before(opens):
			return linli.Errorf(linli.EConflict, "%s", window)
		case now.After(closes.Add(staffGrace)):
			return linli.Errorf(linli.EConflict, "%s", textCheckinLongOver(a, closes, staffGrace))
		}
		return h.staffCheckIn(req, a, names, now)
	}
	switch {
	case now.After(closes):
		return linli.Errorf(linli.EConflict, "%s", textCheckinOver(a, opens, closes))
	case now.Before(opens):
		return linli.Errorf(linli.EConflict, "%s", window)
	}
	s, err := h.Activities.Signup(a.ID, req.Msg.Sender)
	if err != nil && linli.ErrorCode(err) != linli.ENotFound {
		return err
	}
	if s == nil || !s.Active() || (s.Status == linli.SignupWaitlisted && s.CheckedIn.IsZero() && !a.Fits(s.PartySize)) {
		return linli.Errorf(linli.EConflict, "%s", textCheckinNotConfirmed(a, s))
	}
	got, err := h.Activities.CheckIn(a.ID, []string{req.Msg.Sender}, now)
	if err != nil || len(got) == 0 {
		return err
	}
	h.participated(a, got, now)
	return req.Reply(textCheckedIn(a, s, &got[0]))
}

// checkinCandidates lists the activities resident is confirmed for whose
// check-in window contains now.
func (h *Family) checkinCandidates(resident string, now time.Time) ([]linli.Activity, error) {
	list, err := h.Activities.ResidentSignups(resident)
	if err != nil {
		return nil, err
	}
	var out []linli.Activity
	for _, s := range list {
		if s.Status != linli.SignupConfirmed {
			continue
		}
		a, err := h.activity(s.ActivityID)
		if err != nil {
			return nil, err
		}
		opens, closes := a.CheckinWindow()
		if a.State(now) != linli.ActivityCancelled && !now.Before(opens) && !now.After(closes) {
			out = append(out, *a)
		}
	}
	return out, nil
}

// nameSep splits the names of a staff check-in.
var nameSep = regexp.MustCompile(`[\s,、;]+`)

// staffCheckIn records the attendance of the named residents, matched by
// name, by their 接龙 line, or by the name part of either.
func (h *Family) staffCheckIn(req *linli.Request, a *linli.Activity, names string, now time.Time) error {
	signups, err := h.Activities.Signups(a.ID)
	if err != nil {
		return err
	}
	var found, missing, done, walkIns []string
	for _, n := range nameSep.Split(names, -1) {
		if n == "" {
			continue
		}
		if r := h.matchSignup(n, signups); r != "" {
			found = append(found, r)
		} else if !slices.Contains(missing, n) {
			missing = append(missing, n)
		}
	}
	before := map[string]linli.Signup{}
	for _, s := range signups {
		before[s.Resident] = s
	}
	checked, err := h.Activities.CheckIn(a.ID, found, now)
	if err != nil {
		return err
	}
	h.participated(a, checked, now)
	for _, s := range checked {
		done = append(done, s.Resident+checkinNote(before[s.Resident], s))
	}
	for _, n := range missing { // came without signing up: 现场加入
		s, err := h.Activities.WalkIn(a.ID, n, now)
		if err != nil {
			return err
		}
		h.participated(a, []linli.Signup{s}, now)
		walkIns = append(walkIns, n+walkInNote(&s))
	}
	return req.Reply(textStaffCheckin(done, walkIns))
}

// matchSignup finds the one sign-up (not cancelled) that name designates:
// by name or 接龙 line, spaces ignored, or else by a unique partial match.
func (h *Family) matchSignup(name string, signups []linli.Signup) string {
	key := entryKey(name)
	var partial []string
	for _, s := range signups {
		if s.Status == linli.SignupCancelled {
			continue
		}
		if entryKey(s.Resident) == key || (s.Entry != "" && entryKey(s.Entry) == key) {
			return s.Resident
		}
		if h.namesAny(key, h.aliases(s.Resident, s.Entry)) {
			partial = append(partial, s.Resident)
		}
	}
	if len(partial) == 1 {
		return partial[0]
	}
	return ""
}
