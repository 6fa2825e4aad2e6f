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
	for _, s := range checked {
		done = append(done, s.Resident+checkinNote(before[s.Resident], s))
	}
	for _, n := range missing { // came without signing up: 现场加入
		s, err := h.Activities.WalkIn(a.ID, n, now)
		if err != nil {
			return err
		}
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

// exportRoster handles 导出 报名 <编号>: the roster as .xlsx, privately.
func (h *Family) exportRoster(ctx context.Context, req *linli.Request) error {
	id, ok := parseActivityID(req.Args)
	if !ok {
		return linli.Errorf(linli.EInvalid, "%s", textExportUsage)
	}
	a, err := h.activity(id)
	if err != nil {
		return err
	}
	t, counts, err := h.roster(a)
	if err != nil {
		return err
	}
	data, err := h.xlsx(t)
	if err != nil {
		return err
	}
	media := &linli.Media{Name: fmt.Sprintf("报名表-%d.xlsx", a.ID), Kind: linli.MediaFile, Data: data}
	return req.ReplyPrivate(textRosterCaption(a, counts), media)
}

// rosterCounts are the people (family included) of a roster.
type rosterCounts struct {
	confirmed, waiting, attended, walkIns int
}

// roster builds the 报名表 of a: confirmed, then waitlisted in order (walk-
// ins marked 现场加入), then cancelled; and counts people.
func (h *Family) roster(a *linli.Activity) (*linli.Table, rosterCounts, error) {
	var n rosterCounts
	signups, err := h.Activities.Signups(a.ID)
	if err != nil {
		return nil, n, err
	}
	t := &linli.Table{Kind: "报名表", Columns: []string{"名字", "户号", "人数", "状态", "报名时间", "签到", "候补顺位", "接龙"}}
	for _, status := range []string{linli.SignupConfirmed, linli.SignupWaitlisted, linli.SignupCancelled} {
		for _, s := range signups {
			if s.Status != status {
				continue
			}
			switch {
			case s.Status == linli.SignupConfirmed:
				n.confirmed += s.PartySize
			case s.Status == linli.SignupWaitlisted:
				n.waiting += s.PartySize
			}
			in := ""
			if !s.CheckedIn.IsZero() && s.Active() {
				in = s.CheckedIn.In(h.Config.Location).Format("15:04")
				if s.WalkIn {
					n.walkIns += s.PartySize
				} else {
					n.attended += s.PartySize
				}
			}
			var pos any = ""
			if s.Position > 0 {
				pos = s.Position
			}
			t.Rows = append(t.Rows, []any{s.Resident, s.Household, s.PartySize, rosterStatusText(&s),
				s.CreatedAt.In(h.Config.Location).Format("2006-01-02 15:04"), in, pos, s.Entry})
		}
	}
	return t, n, nil
}

// Exports are the activities and signups exports.
func (h *Family) Exports() []linli.Export {
	return []linli.Export{{Kind: "activities", Table: h.exportActivities}, {Kind: "signups", Table: h.exportSignups}}
}

// exportActivities lists activities (DESIGN.md `linli export activities`).
func (h *Family) exportActivities() (*linli.Table, error) {
	list, err := h.Activities.Activities()
	if err != nil {
		return nil, err
	}
	now := h.now()
	t := &linli.Table{Kind: "activities", Columns: []string{"id", "title", "starts_at", "place", "capacity", "deadline", "status",
		"groups", "repeat", "taken", "waitlisted", "created_by", "created_at", "prev_id", "ends_at", "note"}}
	for _, a := range list {
		var ends any
		if !a.EndsAt.IsZero() {
			ends = a.EndsAt
		}
		t.Rows = append(t.Rows, []any{a.ID, a.Title, a.StartsAt, a.Place, a.Capacity, a.Deadline, a.State(now),
			a.Groups, a.RepeatText, a.Taken, a.Waiting, a.CreatedBy, a.CreatedAt, a.PrevID, ends, a.Note})
	}
	return t, nil
}

// exportSignups lists sign-ups (DESIGN.md `linli export signups`).
func (h *Family) exportSignups() (*linli.Table, error) {
	list, err := h.Activities.AllSignups()
	if err != nil {
		return nil, err
	}
	t := &linli.Table{Kind: "signups", Columns: []string{"activity_id", "resident", "household", "party_size", "status", "created_at",
		"position", "checked_in", "group", "source", "entry", "updated_at", "walk_in"}}
	for _, s := range list {
		var in any
		if !s.CheckedIn.IsZero() {
			in = s.CheckedIn
		}
		t.Rows = append(t.Rows, []any{s.ActivityID, s.Resident, s.Household, s.PartySize, s.Status, s.CreatedAt,
			s.Position, in, s.Group, s.Source, s.Entry, s.UpdatedAt, s.WalkIn})
	}
	return t, nil
}
