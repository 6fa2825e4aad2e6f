package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"linli"
)

// Board and upload limits.
const (
	pageSize     = 50       // reports per page of the board
	maxUpload    = 32 << 20 // bytes of one form with photos
	maxPhoto     = 8 << 20  // bytes of one photo
	maxPhotos    = 4        // photos with one 办结
	maxNoteRunes = 500
)

// boardFilter is the board's query: status, grid, category, words, page,
// and the cursor of a page reached by its links (Before: below that
// report; After: the page above it), so that a deep page costs what the
// first does.
type boardFilter struct {
	Status, Grid, Category, Q string
	Page                      int
	Before, After             uint64
}

func readFilter(q url.Values) boardFilter {
	f := boardFilter{Status: q.Get("status"), Grid: q.Get("grid"), Category: q.Get("category"), Q: strings.TrimSpace(q.Get("q"))}
	f.Page, _ = strconv.Atoi(q.Get("page"))
	if f.Page < 1 {
		f.Page = 1
	}
	f.Before, _ = strconv.ParseUint(q.Get("before"), 10, 64)
	if f.Before == 0 {
		f.After, _ = strconv.ParseUint(q.Get("after"), 10, 64)
	}
	if f.Page == 1 {
		f.Before, f.After = 0, 0 // the first page is always the newest
	}
	if f.Status == "" {
		f.Status = "open"
	}
	return f
}

// match reports whether r passes f (access is checked separately).
func (f boardFilter) match(r *linli.Report, now time.Time) bool {
	switch f.Status {
	case "all":
	case "open":
		if !r.Open() {
			return false
		}
	case "overdue":
		if !r.Open() || r.Deadline.IsZero() || !now.After(r.Deadline) {
			return false
		}
	default:
		if r.Status != f.Status {
			return false
		}
	}
	if f.Grid != "" && r.Grid != f.Grid {
		return false
	}
	if f.Category != "" && r.Category != f.Category {
		return false
	}
	if f.Q != "" && !strings.Contains(r.Description, f.Q) && !strings.Contains(r.Place, f.Q) && strconv.FormatUint(r.ID, 10) != f.Q {
		return false
	}
	return true
}

// query renders f with page p as a board URL query.
func (f boardFilter) query(p int) string { return f.queryAt(p, "", 0) }

// queryAt is query with a cursor (cursor "before" or "after", id).
func (f boardFilter) queryAt(p int, cursor string, id uint64) string {
	v := url.Values{}
	for k, x := range map[string]string{"status": f.Status, "grid": f.Grid, "category": f.Category, "q": f.Q} {
		if x != "" {
			v.Set(k, x)
		}
	}
	if p > 1 {
		v.Set("page", strconv.Itoa(p))
		if cursor != "" && id > 0 {
			v.Set(cursor, strconv.FormatUint(id, 10))
		}
	}
	return "/reports?" + v.Encode()
}

// boardRow is one report on the board.
type boardRow struct {
	ID                                           uint64
	Created, Grid, Category, Desc, Place, Status string
	Due                                          string
	Overdue                                      bool
	Photos, Dup                                  int
	DuplicateOf                                  uint64
}

func (s *Server) reportBoard(w http.ResponseWriter, r *http.Request, sess *session) {
	now := s.Clock.Now()
	f := readFilter(r.URL.Query())
	a := sess.access
	match := func(x *linli.Report) bool { return a.SeesGrid(x.Grid) && f.match(x, now) }
	var b boardPage
	var err error
	if s.Pages != nil && !openStatus(f.Status) {
		b, err = s.pagedReports(f, a, match)
	} else {
		b, err = s.windowReports(f, match)
	}
	if err != nil {
		s.fail(w, r, sess, err)
		return
	}
	rows := make([]boardRow, 0, len(b.list))
	for _, x := range b.list {
		row := boardRow{ID: x.ID, Created: s.local(x.CreatedAt), Grid: x.Grid, Category: x.Category,
			Desc: cutRunes(x.Description, 40), Place: x.Place, Status: x.Status,
			Photos: len(x.Images), DuplicateOf: x.DuplicateOf, Dup: b.dups[x.ID]}
		if x.Open() && x.DuplicateOf == 0 {
			row.Due, row.Overdue = countdown(x.Deadline, now)
		}
		rows = append(rows, row)
	}
	grids := []string{}
	for _, g := range s.Config.Grids {
		if a.SeesGrid(g.Name) {
			grids = append(grids, g.Name)
		}
	}
	pages := max(1, (b.total+pageSize-1)/pageSize)
	data := map[string]any{"Rows": rows, "Filter": f, "Total": b.total, "Page": b.page, "Pages": pages, "Complete": b.total >= 0,
		"Grids": grids, "Categories": linli.Categories, "Statuses": boardStatuses,
		"Updated": s.local(now), "Prev": b.prev, "Next": b.next, "Self": b.self}
	s.render(w, r, sess, "board", "随手拍", data)
}

// boardPage is what the board shows: the reports of the page, its number,
// how many match (-1: not counted) and the links.
type boardPage struct {
	list             []*linli.Report
	dups             map[uint64]int
	page, total      int
	prev, next, self string
}

// openStatus reports whether the board's status filter shows open reports
// only (read from the open index, all at once).
func openStatus(status string) bool {
	switch status {
	case "open", "overdue", linli.ReportSubmitted, linli.ReportAccepted, linli.ReportReopened:
		return true
	}
	return false
}

// pagedReports reads one page through the pager: by the link's cursor, or
// (a page number typed without one) by passing over the pages before:
// index keys only for the status, grid and access filters; the category
// and word filters must look at the reports (the pager skips records
// without the word or category undecoded).
func (s *Server) pagedReports(f boardFilter, a access, match func(*linli.Report) bool) (boardPage, error) {
	q := linli.ReportPageQuery{Limit: pageSize, Before: f.Before, After: f.After, Match: match, Word: f.Q, Category: f.Category}
	if f.Status != "all" {
		q.Status = f.Status
	}
	switch {
	case f.Grid != "" && a.SeesGrid(f.Grid):
		q.Grids = []string{f.Grid}
	case f.Grid != "":
		q.Grids = []string{} // another grid's, for a grid worker: nothing
	case !a.Staff():
		q.Grids = append([]string{}, a.Grids...) // never nil: nil would be every grid
	}
	if f.Category == "" && f.Q == "" {
		q.Match = nil // the walk itself is the filter: grids, status, access
	}
	page := f.Page
	if q.Before == 0 && q.After == 0 {
		q.Skip = (page - 1) * pageSize
	}
	p, err := s.Pages.ReportPage(q)
	if err != nil {
		return boardPage{}, err
	}
	if len(p.Reports) == 0 && page > 1 && p.Total >= 0 && q.Before == 0 && q.After == 0 {
		page = max(1, (p.Total+pageSize-1)/pageSize) // past the end: the last page
		q.Skip = (page - 1) * pageSize
		if p, err = s.Pages.ReportPage(q); err != nil {
			return boardPage{}, err
		}
	}
	if q.After > 0 && !p.Newer {
		page = 1 // back to the top: the page numbers before were off by new reports
	}
	b := boardPage{list: p.Reports, page: page, total: p.Total}
	b.self = f.queryAt(page, "before", f.Before)
	if f.After > 0 {
		b.self = f.queryAt(page, "after", f.After)
	}
	if n := len(p.Reports); n > 0 {
		if p.Older {
			b.next = f.queryAt(page+1, "before", p.Reports[n-1].ID)
		}
		if page > 1 && p.Newer {
			b.prev = f.queryAt(page-1, "after", p.Reports[0].ID)
		}
	} else if page > 1 {
		b.prev = f.query(1)
	}
	return b, nil
}

// windowReports is the board without a pager (and for the open reports):
// the matching reports read at once, then cut to the page.
func (s *Server) windowReports(f boardFilter, match func(*linli.Report) bool) (boardPage, error) {
	list, dups, complete, err := s.boardReports(f, match)
	if err != nil {
		return boardPage{}, err
	}
	total := len(list) // all of them when complete; else the newest pages and one more report
	pages := max(1, (total+pageSize-1)/pageSize)
	page := f.Page
	if complete {
		page = min(page, pages)
	}
	b := boardPage{dups: dups, page: page, total: -1, self: f.query(page)}
	if complete {
		b.total = total
	}
	if total > page*pageSize {
		b.next = f.query(page + 1)
	}
	if page > 1 {
		b.prev = f.query(page - 1)
	}
	b.list = list[min((page-1)*pageSize, total):min(page*pageSize, total)]
	return b, nil
}

// boardReports reads the reports the board's filter can show, newest
// first, and whether that is all of them: the open ones from the
// service's open index (duplicates are counted on their original, which
// is the one to work on); for the other filters, the newest reports in a
// window that widens (from 31 days) until it holds the page asked for
// and the next one's first report, or every report (the service's
// counts say how many there are).
func (s *Server) boardReports(f boardFilter, match func(*linli.Report) bool) ([]*linli.Report, map[uint64]int, bool, error) {
	if openStatus(f.Status) {
		open, dups, err := s.Reports.OpenReports()
		if err != nil {
			return nil, nil, false, err
		}
		var out []*linli.Report
		for _, x := range open {
			if match(x) {
				out = append(out, x)
			}
		}
		slices.Reverse(out)
		return out, dups, true, nil
	}
	c, err := s.Reports.ReportCounts("")
	if err != nil {
		return nil, nil, false, err
	}
	all, need := c.Total+c.Merged, f.Page*pageSize+1
	now := s.Clock.Now()
	for window := 31 * 24 * time.Hour; ; {
		recent, err := s.Reports.RecentReports(now.Add(-window))
		if err != nil {
			return nil, nil, false, err
		}
		var out []*linli.Report
		for i := len(recent) - 1; i >= 0; i-- {
			if match(recent[i]) {
				out = append(out, recent[i])
			}
		}
		complete := len(recent) >= all || window > 50*365*24*time.Hour
		if complete || len(out) >= need {
			return out, nil, complete, nil
		}
		// Widen to about what the matches so far say is needed (a deep
		// page would otherwise be read again and again).
		grow := 4.0
		if len(out) > 0 {
			grow = max(2, 1.3*float64(need)/float64(len(out)))
		}
		window = time.Duration(min(float64(window)*grow, float64(51*365*24*time.Hour)))
	}
}

// boardStatuses are the board's status filter, in order.
var boardStatuses = []struct{ Value, Label string }{
	{"open", "未办结"}, {"overdue", "已超时"}, {linli.ReportSubmitted, "待受理"}, {linli.ReportAccepted, "处理中"},
	{linli.ReportReopened, "重新打开"}, {linli.ReportResolved, "已办结"}, {linli.ReportRejected, "已退回"}, {"all", "全部"},
}

// visibleReport loads report id for sess, or answers the page and
// returns nil: not found (404), or another grid's for a worker (403).
func (s *Server) visibleReport(w http.ResponseWriter, r *http.Request, sess *session) *linli.Report {
	id, ok := pathID(r)
	var rep *linli.Report
	var err error = linli.Errorf(linli.ENotFound, "no report %q", r.PathValue("id"))
	if ok {
		rep, err = s.Reports.Report(id)
	}
	switch {
	case err != nil && linli.ErrorCode(err) == linli.ENotFound:
		w.WriteHeader(http.StatusNotFound)
		s.render(w, r, sess, "message", "找不到", map[string]any{"Text": "没有这条上报。"})
		return nil
	case err != nil:
		s.fail(w, r, sess, err)
		return nil
	case !sess.access.SeesGrid(rep.Grid):
		s.log.Warn("workbench report refused", "who", sess.access.Who, "report", rep.ID, "grid", rep.Grid)
		w.WriteHeader(http.StatusForbidden)
		s.render(w, r, sess, "message", "无权查看", map[string]any{"Text": textNotYourGrid})
		return nil
	}
	return rep
}

// timelineStep is one line of a report's history.
type timelineStep struct{ At, Actor, Action, Note string }

func (s *Server) reportPage(w http.ResponseWriter, r *http.Request, sess *session) {
	rep := s.visibleReport(w, r, sess)
	if rep == nil {
		return
	}
	now := s.Clock.Now()
	var steps []timelineStep
	if len(rep.History) == 0 || rep.History[0].Action != linli.ReportSubmitted {
		steps = append(steps, timelineStep{At: s.local(rep.CreatedAt), Actor: rep.Reporter, Action: "上报"})
	}
	for _, e := range rep.History {
		steps = append(steps, timelineStep{At: s.local(e.At), Actor: e.Actor, Action: actionWord(e.Action), Note: e.Note})
	}
	due, over := "", false
	if rep.Open() && rep.DuplicateOf == 0 {
		due, over = countdown(rep.Deadline, now)
	}
	var grids []string
	for _, g := range s.Config.Grids {
		if g.Name != rep.Grid {
			grids = append(grids, g.Name)
		}
	}
	data := map[string]any{"R": rep, "Steps": steps, "Due": due, "Overdue": over,
		"Created": s.local(rep.CreatedAt), "Deadline": s.local(rep.Deadline), "Resolved": s.local(rep.ResolvedAt),
		"CanAccept": rep.DuplicateOf == 0 && (rep.Status == linli.ReportSubmitted || rep.Status == linli.ReportReopened),
		"CanClose":  rep.DuplicateOf == 0 && rep.Open(),
		"Grids":     grids, "Flash": s.takeFlash(sess)}
	s.render(w, r, sess, "report", "随手拍 #"+strconv.FormatUint(rep.ID, 10), data)
}

func (s *Server) reportPhoto(w http.ResponseWriter, r *http.Request, sess *session) {
	rep := s.visibleReport(w, r, sess)
	if rep == nil {
		return
	}
	name := r.PathValue("name")
	if !slices.Contains(rep.Images, name) && !slices.Contains(rep.ResolImages, name) {
		s.notFound(w, r, sess)
		return
	}
	path, err := s.Reports.MediaPath(name)
	if err != nil {
		s.notFound(w, r, sess)
		return
	}
	w.Header().Set("Cache-Control", "private, max-age=3600")
	http.ServeFile(w, r, path)
}

// fail logs err and answers with the generic sentence.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, sess *session, err error) {
	s.log.Error("workbench page failed", "path", r.URL.Path, "err", err)
	w.WriteHeader(http.StatusInternalServerError)
	s.render(w, r, sess, "message", "出错了", map[string]any{"Text": textInternal})
}

func cutRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
