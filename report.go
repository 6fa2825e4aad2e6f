package linli

import "time"

// Report statuses (DESIGN.md `linli export reports`).
const (
	ReportSubmitted = "submitted" // waiting for the grid worker to accept it
	ReportAccepted  = "accepted"  // the worker is on it
	ReportResolved  = "resolved"  // done; the reporter may rate it or reopen it
	ReportRejected  = "rejected"  // sent back with a reason
	ReportReopened  = "reopened"  // the reporter said 没修好; back with the worker
)

// Report is one 随手拍: a resident's report of a problem in the community,
// routed to a grid worker and followed until it is resolved or rejected.
//
// A report linked to an earlier open report about the same problem has
// DuplicateOf set; it gets no SLA of its own and follows the original's
// outcome.
type Report struct {
	ID          uint64   `json:"id"`
	Reporter    string   `json:"reporter"`            // resident name (群昵称)
	Household   string   `json:"household,omitempty"` // the reporter's 户号 when reported; never shown in a group
	Group       string   `json:"group,omitempty"`     // where it was reported; "" for a private chat
	Category    string   `json:"category"`            // one of Categories
	Keywords    []string `json:"keywords,omitempty"`  // from the Classifier; used to find duplicates
	Description string   `json:"description"`
	Place       string   `json:"place,omitempty"`    // from the description: "3栋", "3栋2单元", "东门"; "" when not said
	Building    int      `json:"building,omitempty"` // building used for routing (the place's, else the household's); 0 if none
	Images      []string `json:"images,omitempty"`   // file names in the media store

	Status      string    `json:"status"`
	Grid        string    `json:"grid"`
	Assignee    string    `json:"assignee"`       // the grid worker responsible
	Unit        string    `json:"unit,omitempty"` // the unit it was 转办 to (Config.Units); "" while with the community
	CreatedAt   time.Time `json:"created_at"`
	AcceptedAt  time.Time `json:"accepted_at,omitzero"`
	ResolvedAt  time.Time `json:"resolved_at,omitzero"` // zero unless resolved
	ResolvedBy  string    `json:"resolved_by,omitempty"`
	Resolution  string    `json:"resolution,omitempty"` // the worker's 办结 note or 退回 reason
	ResolImages []string  `json:"resolution_images,omitempty"`

	// SLA clock: started at creation, restarted on reopen (never on 转派 or 改类).
	SLAStart    time.Time `json:"sla_start"`
	Deadline    time.Time `json:"deadline"`
	Round       int       `json:"round"`     // bumped each time the SLA clock restarts
	Stage       int       `json:"sla_stage"` // SLA alerts sent in this round (SLAReminded…)
	Escalations int       `json:"escalations"`

	Rating      int       `json:"rating,omitempty"` // 1-5; 0 when not rated
	Comment     string    `json:"comment,omitempty"`
	RatedAt     time.Time `json:"rated_at,omitzero"`
	DuplicateOf uint64    `json:"duplicate_of,omitempty"`
	Reopened    int       `json:"reopened,omitempty"` // times reopened

	History []ReportEvent `json:"history,omitempty"`
}

// SLA stages of a report's current round, in order.
const (
	SLAReminded   = 1 // the worker was reminded at 80% of the time
	SLAEscalated1 = 2 // the deadline passed: the grid's supervisor was alerted
	SLAEscalated2 = 3 // one more period passed: the staff were told
)

// ReportCounts are running totals of reports, kept by the ReportService as
// reports are written (the whole community, or the reports created in one
// month), so statistics need not read every report. Open reports are
// Total - Resolved - Rejected; which are overdue depends on the clock (ask
// OpenReports).
type ReportCounts struct {
	Total    int `json:"total"`    // reports, duplicates excluded
	Merged   int `json:"merged"`   // duplicates linked to another report
	Resolved int `json:"resolved"` // originals resolved
	Rejected int `json:"rejected"` // originals rejected
	OnTime   int `json:"on_time"`  // originals resolved by the deadline of their last SLA round
	Rated    int `json:"rated"`    // reports rated (duplicates included)
	RateSum  int `json:"rate_sum"`
	Pleased  int `json:"pleased"` // ratings of 4 or 5
}

// Counts returns what r adds to the ReportCounts it is counted in.
func (r *Report) Counts() ReportCounts {
	var c ReportCounts
	if r.Rating > 0 {
		c.Rated, c.RateSum = 1, r.Rating
		if r.Rating >= 4 {
			c.Pleased = 1
		}
	}
	if r.DuplicateOf != 0 {
		c.Merged = 1
		return c
	}
	c.Total = 1
	switch r.Status {
	case ReportResolved:
		c.Resolved = 1
		if !r.ResolvedAt.After(r.Deadline) {
			c.OnTime = 1
		}
	case ReportRejected:
		c.Rejected = 1
	}
	return c
}

// Add adds d to c sign times (1 or -1).
func (c *ReportCounts) Add(d ReportCounts, sign int) {
	c.Total += sign * d.Total
	c.Merged += sign * d.Merged
	c.Resolved += sign * d.Resolved
	c.Rejected += sign * d.Rejected
	c.OnTime += sign * d.OnTime
	c.Rated += sign * d.Rated
	c.RateSum += sign * d.RateSum
	c.Pleased += sign * d.Pleased
}

// CountReports returns the counts of list.
func CountReports(list []*Report) ReportCounts {
	var c ReportCounts
	for _, r := range list {
		c.Add(r.Counts(), 1)
	}
	return c
}

// ReportEvent is one step in a report's life, for 进度.
type ReportEvent struct {
	At     time.Time `json:"at"`
	Actor  string    `json:"actor,omitempty"`
	Action string    `json:"action"` // a status, or "transferred", "recategorized", "escalated", "rated", "image"
	Note   string    `json:"note,omitempty"`
}

// Open reports whether the report still needs work.
func (r *Report) Open() bool {
	switch r.Status {
	case ReportSubmitted, ReportAccepted, ReportReopened:
		return true
	}
	return false
}

// Log appends an event to the report's history.
func (r *Report) Log(at time.Time, actor, action, note string) {
	r.History = append(r.History, ReportEvent{At: at, Actor: actor, Action: action, Note: note})
}

// PendingImages are images a resident sent without a description, held so
// that their next 随手拍 picks them up.
type PendingImages struct {
	Sender  string    `json:"sender"`
	Group   string    `json:"group,omitempty"` // where the last image came; "" for a private chat
	Files   []string  `json:"files,omitempty"` // file names in the media store
	Until   time.Time `json:"until"`           // the images join a 随手拍 made until then
	AskedAt time.Time `json:"asked_at,omitzero"`
	// Stale are earlier images that joined nothing, kept until the photo
	// sweep deletes them ([photos] keep after Since).
	Stale []StaleImage `json:"stale,omitempty"`
}

// StaleImage is an image that joined no report.
type StaleImage struct {
	Name  string    `json:"name"`
	Since time.Time `json:"since"` // when it stopped being able to join a 随手拍
}

// SetAside moves p's images to Stale (they joined nothing) when they can no
// longer join a 随手拍 at now; it reports whether it did.
func (p *PendingImages) SetAside(now time.Time) bool {
	if len(p.Files) == 0 || !now.After(p.Until) {
		return false
	}
	for _, f := range p.Files {
		p.Stale = append(p.Stale, StaleImage{Name: f, Since: p.Until})
	}
	p.Files = nil
	return true
}

// ReportOffers remembers the questions "需要我把这条登记为随手拍吗？" asked
// of one resident about text overheard in a group, so that they are asked
// at most once a day and never twice about the same text.
type ReportOffers struct {
	Sender  string    `json:"sender"`
	AskedAt time.Time `json:"asked_at,omitzero"` // the last question
	Asked   []string  `json:"asked,omitempty"`   // digests of the texts asked about (not the texts), oldest first
}

// MediaStore keeps image bytes on disk beside the database.
type MediaStore interface {
	// SaveMedia stores data and returns its file name; ext is the extension
	// to use (".png"). The same bytes always get the same name.
	SaveMedia(data []byte, ext string) (name string, err error)
	// MediaPath returns the path of a stored file (ENotFound if missing).
	MediaPath(name string) (string, error)
	// DeleteMedia removes a stored file; a missing one is not an error.
	DeleteMedia(name string) error
}

// ReportService keeps 随手拍 reports and the images waiting to join one.
type ReportService interface {
	MediaStore

	// CreateReport stores r as a new report and sets r.ID. In the same
	// transaction it moves the reporter's pending images still valid at
	// r.CreatedAt to the front of r.Images and, when isDup is not nil and
	// r.DuplicateOf is 0, links r to the oldest open original (a report that
	// is no duplicate itself) for which isDup returns true: r then takes the
	// original's Grid and Assignee. isDup runs inside the transaction and
	// must not call the service.
	CreateReport(r *Report, isDup func(open *Report) bool) error
	// CreateReportSince is CreateReport, but isDup is offered only the
	// open originals created at or after since (every one when since is
	// zero), and only those are read: a 随手拍 costs what was reported in
	// the duplicate window, not every report still open.
	CreateReportSince(r *Report, since time.Time, isDup func(open *Report) bool) error
	// Report returns report id, or an ENotFound *Error.
	Report(id uint64) (*Report, error)
	// UpdateReport loads report id and its duplicates (reports whose
	// DuplicateOf is id), applies fn and saves them all in one transaction.
	// An error from fn aborts without saving and is returned as is.
	UpdateReport(id uint64, fn func(r *Report, dups []*Report) error) (*Report, []*Report, error)
	// Reports lists the reports for which match returns true (all when match
	// is nil), in id order. It reads every report; prefer the two below.
	Reports(match func(*Report) bool) ([]*Report, error)
	// EachReport calls fn with every report in id order, in one read
	// transaction, one at a time (exports). fn must not write; r is valid
	// only during the call; fn's error stops the iteration and is returned
	// (wrapped).
	EachReport(fn func(r *Report) error) error
	// RecentReports lists the reports created at or after since, in id
	// order, reading only those.
	RecentReports(since time.Time) ([]*Report, error)
	// ReporterReports lists the reports of reporter (a resident name), in
	// id order, reading only those.
	ReporterReports(reporter string) ([]*Report, error)
	// ResolvedBy lists, in id order, the reports resolver (a worker's
	// name) resolved at or after since, reading only those.
	ResolvedBy(resolver string, since time.Time) ([]*Report, error)
	// ReportCounts returns the running totals of every report (month "")
	// or of the reports created in month ("2026-11"), read from counters.
	ReportCounts(month string) (ReportCounts, error)
	// EachReportFact calls fn with the fact (Report.Fact) of each report
	// created at or after from and before to (every report when from is
	// zero), in no particular order, in one read transaction, from month
	// buckets kept on write: it decodes no report. f is valid only during
	// the call; fn must not call the service.
	EachReportFact(from, to time.Time, fn func(f *ReportFact)) error
	// OpenReports lists the open reports that are no duplicates, in id
	// order, and how many duplicates are linked to each (by id).
	OpenReports() ([]*Report, map[uint64]int, error)
	// Duplicates lists the reports linked to report id, in id order.
	Duplicates(id uint64) ([]*Report, error)
	// UpdatePendingImages loads (or starts) the pending images of sender,
	// applies fn and saves them, in one transaction.
	UpdatePendingImages(sender string, fn func(p *PendingImages) error) (*PendingImages, error)
	// ExpirePendingImages removes, in one transaction, the images that
	// joined no report and could not since before (Stale entries with
	// Since before it, and Files whose Until is before it) from every
	// sender's pending images, and returns the names no pending images
	// still hold (the caller deletes those no report uses, DeleteMedia)
	// and the earliest Since or Until of the images left (zero if none).
	ExpirePendingImages(before time.Time) (names []string, next time.Time, err error)
	// UpdateReportOffers loads (or starts) the offers made to sender,
	// applies fn and saves them, in one transaction.
	UpdateReportOffers(sender string, fn func(o *ReportOffers) error) (*ReportOffers, error)
}
