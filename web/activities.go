package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"linli"
)

var activityStatusWords = map[string]string{
	linli.ActivityOpen: "报名中", linli.ActivityClosed: "已截止", linli.ActivityCancelled: "已取消",
}

var signupStatusWords = map[string]string{
	linli.SignupConfirmed: "已报名", linli.SignupWaitlisted: "候补", linli.SignupCancelled: "已取消",
}

// activityRows lists the activities match accepts, soonest first: those
// that end at or after since (all when since is zero).
func (s *Server) activityRows(since time.Time, match func(*linli.Activity) bool) ([]activityRow, error) {
	var list []linli.Activity
	var err error
	if since.IsZero() {
		list, err = s.Activities.Activities()
	} else {
		list, err = s.Activities.CurrentActivities(since)
	}
	if err != nil {
		return nil, err
	}
	var rows []activityRow
	for i := range list {
		a := &list[i]
		if !match(a) {
			continue
		}
		row := activityRow{ID: a.ID, Title: a.Title, Starts: s.local(a.StartsAt), Status: activityStatusWords[a.Status],
			Taken: a.Taken, Capacity: a.Capacity, Wait: a.Waiting}
		if a.Capacity > 0 {
			row.Fill = ratio(a.Taken, a.Capacity)
		}
		rows = append(rows, row)
	}
	slices.SortFunc(rows, func(a, b activityRow) int { return compareStrings(a.Starts, b.Starts) })
	return rows, nil
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (s *Server) activityList(w http.ResponseWriter, r *http.Request, sess *session) {
	if s.Activities == nil {
		s.notBuiltPage("活动")(w, r, sess)
		return
	}
	rows, err := s.activityRows(time.Time{}, func(*linli.Activity) bool { return true })
	if err != nil {
		s.fail(w, r, sess, err)
		return
	}
	slices.Reverse(rows) // latest first
	s.render(w, r, sess, "activities", "活动", map[string]any{"Rows": rows})
}

type rosterRow struct {
	Name, Household, Status, SignedUp, CheckedIn string
	Party, Position                              int
	WalkIn                                       bool
}

func (s *Server) activityPage(w http.ResponseWriter, r *http.Request, sess *session) {
	a := s.loadActivity(w, r, sess)
	if a == nil {
		return
	}
	signups, err := s.Activities.Signups(a.ID)
	if err != nil {
		s.fail(w, r, sess, err)
		return
	}
	var rows []rosterRow
	confirmed, came := 0, 0
	for _, x := range signups {
		if x.Status == linli.SignupConfirmed {
			confirmed++
			if !x.CheckedIn.IsZero() {
				came++
			}
		}
		rows = append(rows, rosterRow{Name: x.Resident, Household: x.Household, Status: signupStatusWords[x.Status],
			SignedUp: s.local(x.CreatedAt), CheckedIn: s.local(x.CheckedIn), Party: x.PartySize, Position: x.Position, WalkIn: x.WalkIn})
	}
	s.render(w, r, sess, "activity", a.Title, map[string]any{"A": a, "Rows": rows,
		"Starts": s.local(a.StartsAt), "Deadline": s.local(a.Deadline), "Status": activityStatusWords[a.Status],
		"Confirmed": confirmed, "Came": came, "Attendance": ratio(came, confirmed),
		"CanClose": a.Status == linli.ActivityOpen, "Flash": s.takeFlash(sess)})
}

func (s *Server) loadActivity(w http.ResponseWriter, r *http.Request, sess *session) *linli.Activity {
	if s.Activities == nil {
		s.notFound(w, r, sess)
		return nil
	}
	id, ok := pathID(r)
	var a *linli.Activity
	var err error = linli.Errorf(linli.ENotFound, "no activity %q", r.PathValue("id"))
	if ok {
		a, err = s.Activities.Activity(id)
	}
	if err == nil && a == nil {
		err = linli.Errorf(linli.ENotFound, "no activity %d", id)
	}
	if err != nil {
		if linli.ErrorCode(err) == linli.ENotFound {
			w.WriteHeader(http.StatusNotFound)
			s.render(w, r, sess, "message", "找不到", map[string]any{"Text": "没有这个活动。"})
			return nil
		}
		s.fail(w, r, sess, err)
		return nil
	}
	return a
}

// activityClose is 截止报名 from the roster, run as the chat command.
func (s *Server) activityClose(w http.ResponseWriter, r *http.Request, sess *session) {
	a := s.loadActivity(w, r, sess)
	if a == nil {
		return
	}
	id := strconv.FormatUint(a.ID, 10)
	replies, err := s.act(r, sess, "截止报名 "+id, nil)
	if err != nil {
		s.setFlash(sess, linli.ErrorMessage(err), true)
	} else {
		s.setFlash(sess, joinLines(replies), false)
	}
	http.Redirect(w, r, "/activities/"+id, http.StatusSeeOther)
}

func joinLines(l []string) string {
	out := ""
	for i, x := range l {
		if i > 0 {
			out += "\n"
		}
		out += x
	}
	return out
}

// activityExport downloads the roster as the xlsx of 导出 报名.
func (s *Server) activityExport(w http.ResponseWriter, r *http.Request, sess *session) {
	a := s.loadActivity(w, r, sess)
	if a == nil {
		return
	}
	id := strconv.FormatUint(a.ID, 10)
	s.exportFile(w, r, sess, "导出 报名 "+id, "/activities/"+id)
}

// activityCheckIn is a staff member's 签到 for people on the roster (or
// walk-ins), run as the chat command 签到 N 名字….
func (s *Server) activityCheckIn(w http.ResponseWriter, r *http.Request, sess *session) {
	a := s.loadActivity(w, r, sess)
	if a == nil {
		return
	}
	id := strconv.FormatUint(a.ID, 10)
	names := r.PostForm["name"]
	var clean []string
	for _, n := range names {
		if n = strings.Join(strings.Fields(n), ""); n != "" {
			clean = append(clean, n)
		}
	}
	if len(clean) == 0 {
		s.setFlash(sess, textCheckInNobody, true)
		http.Redirect(w, r, "/activities/"+id, http.StatusSeeOther)
		return
	}
	replies, err := s.act(r, sess, "签到 "+id+" "+strings.Join(clean, " "), nil)
	if err != nil {
		s.setFlash(sess, linli.ErrorMessage(err), true)
	} else {
		s.setFlash(sess, joinLines(replies), false)
	}
	http.Redirect(w, r, "/activities/"+id, http.StatusSeeOther)
}
