package signup

import (
	"context"
	"fmt"
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
			// "签到 -1": the usage (a malformed number is no chatter).
			if !req.Msg.Addressed && linli.MalformedNumber(req.Args) == "" {
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
var nameSep = regexp.MustCompile(`[\s,，、;；]+`)

// maxNameWords is the most words one typed name may take ("3-502 张 阿姨").
const maxNameWords = 3

// staffCheckIn records the attendance of the named residents. The words
// typed are read left to right: the longest run of words (up to
// maxNameWords) that names one sign-up exactly — by name, 接龙 line,
// nickname, name without its 户号, or 户号 and name — is that resident;
// a single word may also name one sign-up by part of a name. A word that
// names several sign-ups is asked about, never recorded. Only words that
// name nobody are a walk-in (现场加入), named as typed: a 户号 with the
// name after it is one person.
func (h *Family) staffCheckIn(req *linli.Request, a *linli.Activity, names string, now time.Time) error {
	signups, err := h.Activities.Signups(a.ID)
	if err != nil {
		return err
	}
	idx := h.checkinIndex(signups)
	var words []string
	for _, w := range nameSep.Split(names, -1) {
		if w != "" {
			words = append(words, w)
		}
	}
	var found, missing []string
	var unclear []string // "3-502（3-502 张阿姨、3-502 李叔）"
	for i := 0; i < len(words); {
		n, who, several := idx.match(words[i:])
		switch {
		case who != "":
			if !slices.Contains(found, who) {
				found = append(found, who)
			}
		case len(several) > 0:
			unclear = append(unclear, fmt.Sprintf("%s（%s）", strings.Join(words[i:i+n], " "), strings.Join(several, "、")))
		default:
			typed := words[i]
			if i+1 < len(words) && isHousehold(typed) {
				if m, next, more := idx.match(words[i+1:]); next == "" && len(more) == 0 && m == 1 {
					typed, n = typed+" "+words[i+1], 2 // 户号 and name of one person
				}
			}
			if !slices.Contains(missing, typed) {
				missing = append(missing, typed)
			}
		}
		i += n
	}
	before := map[string]linli.Signup{}
	for _, s := range signups {
		before[s.Resident] = s
	}
	var done, again, walkIns []string
	var fresh []string
	for _, r := range found {
		if at := before[r].CheckedIn; !at.IsZero() {
			again = append(again, fmt.Sprintf("%s（%s）", r, at.In(h.Config.Location).Format("15:04")))
		} else {
			fresh = append(fresh, r)
		}
	}
	checked, err := h.Activities.CheckIn(a.ID, fresh, now)
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
	return req.Reply(textStaffCheckin(done, again, walkIns, unclear))
}

// isHousehold reports whether a word is only a 户号 (3-502, 3栋502).
func isHousehold(w string) bool {
	loc := householdRe.FindStringIndex(w)
	return loc != nil && loc[0] == 0 && loc[1] == len(w)
}

// checkinIndex holds, for each active sign-up, the names staff may call
// it by: exact ones (spaces ignored) and the looser aliases of a 接龙
// line.
type checkinIndex struct {
	h       *Family
	exact   map[string][]string // key → residents
	aliases map[string][]string // resident → aliases (partial matching)
	order   []string            // residents in queue order
}

func (h *Family) checkinIndex(signups []linli.Signup) *checkinIndex {
	x := &checkinIndex{h: h, exact: map[string][]string{}, aliases: map[string][]string{}}
	add := func(key, r string) {
		if key != "" && !slices.Contains(x.exact[key], r) {
			x.exact[key] = append(x.exact[key], r)
		}
	}
	for _, s := range signups {
		if s.Status == linli.SignupCancelled {
			continue
		}
		r := s.Resident
		x.order = append(x.order, r)
		names := []string{s.Resident}
		if s.Entry != "" {
			names = append(names, s.Entry)
		}
		if p, err := h.Residents.Resident(r); err == nil && p.Nickname != "" {
			names = append(names, p.Nickname)
		}
		for _, n := range names {
			k := entryKey(n)
			add(k, r)
			add(h.namePart(k), r)
			bare := strings.Trim(householdRe.ReplaceAllString(h.namePart(k), ""), "-_/()（）")
			add(bare, r)
			if hh := s.Household; hh != "" && bare != "" {
				add(entryKey(hh)+bare, r) // 3栋502张阿姨
			}
			if hh, ok := linli.ParseHousehold(n); ok && bare != "" {
				add(hh.String()+bare, r)
			}
		}
		x.aliases[r] = h.aliases(names...)
	}
	return x
}

// match reads the name at the start of words: how many words it took, and
// the one resident it names, or the several it might name (none: nobody).
func (x *checkinIndex) match(words []string) (n int, who string, several []string) {
	for n = min(maxNameWords, len(words)); n >= 1; n-- {
		key := entryKey(strings.Join(words[:n], ""))
		if hh, ok := linli.ParseHousehold(key); ok && isHousehold(words[0]) && n > 1 {
			if got := x.exact[hh.String()+entryKey(strings.Join(words[1:n], ""))]; len(got) > 0 {
				w, s := pick(got)
				return n, w, s
			}
		}
		if got := x.exact[key]; len(got) > 0 {
			w, s := pick(got)
			return n, w, s
		}
	}
	key := entryKey(words[0])
	var partial []string
	for _, r := range x.order {
		if x.h.namesAny(key, x.aliases[r]) {
			partial = append(partial, r)
		}
	}
	w, s := pick(partial)
	return 1, w, s
}

// pick returns the one resident of got, or all of them when several.
func pick(got []string) (string, []string) {
	if len(got) == 1 {
		return got[0], nil
	}
	return "", got
}
