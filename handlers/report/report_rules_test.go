package report

// Tests of the rules of the 随手拍 family on fakes of the root interfaces:
// each names the rule and the constant it pins, and checks its boundary on
// both sides, so that changing one of the windows of report.go (or the SLA
// ladder of report_sla.go) fails a test that says which rule moved.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"linli"
	"linli/mock"
	"linli/nlu"
)

var rulesT0 = time.Date(2026, 11, 23, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))

const rulesGroup = "幸福里1期居民群"

// reportWorld is the 随手拍 family wired to in-memory fakes: a
// mock.ReportService over a map, a mock.Scheduler that records jobs by key
// and a mock.Sender that records what is sent.
type reportWorld struct {
	t       *testing.T
	cfg     *linli.Config
	fam     *Family
	reports map[uint64]*linli.Report
	offers  map[string]*linli.ReportOffers
	pending map[string]*linli.PendingImages
	jobs    map[string]linli.Job
	sent    []linli.Outgoing
	now     time.Time // the clock; rulesT0 unless a test moves it

	commands map[string]linli.Command
	hooks    []linli.HookFunc
	intents  map[string]linli.HandlerFunc
}

func newReportWorld(t *testing.T) *reportWorld {
	t.Helper()
	cfg := &linli.Config{
		Groups: []string{rulesGroup}, StaffGroup: "幸福里工作群",
		Staff: []linli.StaffEntry{{Name: "李社工", Role: "staff"}, {Name: "赵主任", Role: "supervisor"}},
		Grids: []linli.Grid{{Name: "第一网格", Buildings: []string{"1栋", "2栋", "3栋"}, Worker: "王网格",
			Supervisor: "赵主任", Default: true}},
		SLA: linli.SLAConfig{"设施维修": linli.Duration(48 * time.Hour)},
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	w := &reportWorld{t: t, cfg: cfg, reports: map[uint64]*linli.Report{}, offers: map[string]*linli.ReportOffers{},
		pending: map[string]*linli.PendingImages{}, jobs: map[string]linli.Job{},
		commands: map[string]linli.Command{}, intents: map[string]linli.HandlerFunc{}}
	reports := &mock.ReportService{
		CreateReportFn: func(r *linli.Report, isDup func(*linli.Report) bool) error {
			r.ID = uint64(len(w.reports) + 1)
			for _, id := range slices.Sorted(maps.Keys(w.reports)) {
				o := w.reports[id]
				if isDup != nil && r.DuplicateOf == 0 && o.Open() && o.DuplicateOf == 0 && isDup(o) {
					r.DuplicateOf, r.Grid, r.Assignee = o.ID, o.Grid, o.Assignee
				}
			}
			w.reports[r.ID] = clone(r)
			return nil
		},
		ReportFn: func(id uint64) (*linli.Report, error) {
			if r, ok := w.reports[id]; ok {
				return clone(r), nil
			}
			return nil, linli.Errorf(linli.ENotFound, "no report %d", id)
		},
		UpdateReportFn: func(id uint64, fn func(*linli.Report, []*linli.Report) error) (*linli.Report, []*linli.Report, error) {
			r, ok := w.reports[id]
			if !ok {
				return nil, nil, linli.Errorf(linli.ENotFound, "no report %d", id)
			}
			r = clone(r)
			var dups []*linli.Report
			for _, d := range w.reports {
				if d.DuplicateOf == id {
					dups = append(dups, clone(d))
				}
			}
			if err := fn(r, dups); err != nil {
				return nil, nil, err
			}
			w.reports[id] = r
			for _, d := range dups {
				w.reports[d.ID] = d
			}
			return clone(r), dups, nil
		},
		ReportsFn: func(match func(*linli.Report) bool) ([]*linli.Report, error) {
			return w.list(match), nil
		},
		OpenReportsFn: func() ([]*linli.Report, map[uint64]int, error) {
			dups := map[uint64]int{}
			for _, r := range w.reports {
				if r.DuplicateOf != 0 {
					dups[r.DuplicateOf]++
				}
			}
			return w.list(func(r *linli.Report) bool { return r.Open() && r.DuplicateOf == 0 }), dups, nil
		},
		RecentReportsFn: func(since time.Time) ([]*linli.Report, error) {
			return w.list(func(r *linli.Report) bool { return !r.CreatedAt.Before(since) }), nil
		},
		UpdateReportOffersFn: func(sender string, fn func(*linli.ReportOffers) error) (*linli.ReportOffers, error) {
			o := linli.ReportOffers{Sender: sender}
			if old, ok := w.offers[sender]; ok {
				o = *old
				o.Asked = slices.Clone(old.Asked)
			}
			if err := fn(&o); err != nil {
				return nil, err
			}
			w.offers[sender] = &o
			return &o, nil
		},
		UpdatePendingImagesFn: func(sender string, fn func(*linli.PendingImages) error) (*linli.PendingImages, error) {
			p := linli.PendingImages{Sender: sender}
			if old, ok := w.pending[sender]; ok {
				p = *old
				p.Files = slices.Clone(old.Files)
			}
			if err := fn(&p); err != nil {
				return nil, err
			}
			w.pending[sender] = &p
			return &p, nil
		},
		SaveMediaFn: func(data []byte, ext string) (string, error) { return string(data) + ext, nil },
		MediaPathFn: func(name string) (string, error) { return "/media/" + name, nil },
	}
	sched := &mock.Scheduler{
		HandleFn: func(string, linli.JobFunc) {},
		ScheduleFn: func(j linli.Job) (linli.Job, error) {
			w.jobs[j.Key] = j
			return j, nil
		},
		CancelFn: func(key string) error {
			delete(w.jobs, key)
			return nil
		},
		JobsFn: func(kind string) ([]linli.Job, error) {
			var out []linli.Job
			for _, j := range w.jobs {
				if kind == "" || j.Kind == kind {
					if j.Next.IsZero() {
						j.Next = j.At
					}
					out = append(out, j)
				}
			}
			return out, nil
		},
	}
	out := &mock.Sender{SendFn: func(o linli.Outgoing) error {
		w.sent = append(w.sent, o)
		return nil
	}}
	w.now = rulesT0
	w.fam = New(Deps{Config: cfg, Clock: &mock.Clock{NowFn: func() time.Time { return w.now }}, Out: out,
		Residents: mock.NewStore(), Scheduler: sched, Reports: reports, Lexicon: nlu.Words(),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	w.fam.Register(&mock.Router{
		CommandFn: func(c linli.Command) {
			for _, n := range c.Names {
				w.commands[n] = c
			}
		},
		HookFn:   func(h linli.HookFunc) { w.hooks = append(w.hooks, h) },
		IntentFn: func(intent string, h linli.HandlerFunc) { w.intents[intent] = h },
	})
	return w
}

func clone(r *linli.Report) *linli.Report {
	c := *r
	c.History = slices.Clone(r.History)
	c.Images = slices.Clone(r.Images)
	return &c
}

func (w *reportWorld) list(match func(*linli.Report) bool) []*linli.Report {
	var out []*linli.Report
	for _, id := range slices.Sorted(maps.Keys(w.reports)) {
		if r := w.reports[id]; match == nil || match(r) {
			out = append(out, clone(r))
		}
	}
	return out
}

// msg is a resident's message: in rulesGroup, or private when group is "".
func (w *reportWorld) msg(group, sender, text string, addressed bool) *linli.Request {
	m := &linli.Message{ID: "m", Group: group, Sender: sender, Text: text, Norm: text, At: rulesT0,
		Addressed: addressed || group == "", Resident: &linli.Resident{Name: sender}, Role: w.cfg.RoleOf(sender)}
	return &linli.Request{Msg: m, Out: w.fam.Out, Now: rulesT0}
}

// command runs the command word name with args, as the router would.
func (w *reportWorld) command(req *linli.Request, name, args string) error {
	w.t.Helper()
	c, ok := w.commands[name]
	if !ok {
		w.t.Fatalf("command %s is not registered", name)
	}
	req.Command, req.Args = name, args
	return c.Handler(context.Background(), req)
}

// hook runs the family's hooks in order, as the router does.
func (w *reportWorld) hook(req *linli.Request) (bool, error) {
	for _, h := range w.hooks {
		if handled, err := h(context.Background(), req); handled || err != nil {
			return handled, err
		}
	}
	return false, nil
}

// texts are the texts sent since the last call.
func (w *reportWorld) texts() []string {
	var out []string
	for _, o := range w.sent {
		out = append(out, o.Text)
	}
	w.sent = nil
	return out
}

// resolved stores report 1 by 张阿姨, 3号楼门口路灯不亮, resolved ago before
// rulesT0.
func (w *reportWorld) resolved(ago time.Duration) *linli.Report {
	at := rulesT0.Add(-ago)
	r := &linli.Report{ID: 1, Reporter: "张阿姨", Group: rulesGroup, Category: "设施维修", Keywords: []string{"路灯"},
		Description: "3号楼门口路灯不亮", Place: "3栋", Building: 3, Status: linli.ReportResolved,
		Grid: "第一网格", Assignee: "王网格", CreatedAt: at.Add(-time.Hour), SLAStart: at.Add(-time.Hour),
		Deadline: at.Add(47 * time.Hour), Round: 1, ResolvedAt: at, ResolvedBy: "王网格", Resolution: "已更换灯泡"}
	w.reports[1] = r
	return r
}

func wantCode(err error, code string) bool {
	if code == "" {
		return err == nil
	}
	var e *linli.Error
	return errors.As(err, &e) && e.Code == code
}

// TestRuleReopenWindow: 没修好 is accepted until 7 days after 办结
// (reportReopenLimit), and refused after.
func TestRuleReopenWindow(t *testing.T) {
	for _, tt := range []struct {
		name     string
		ago      time.Duration
		reopened bool
	}{
		{"7 days minus a minute", 7*24*time.Hour - time.Minute, true},
		{"exactly 7 days", 7 * 24 * time.Hour, true},
		{"7 days plus a minute", 7*24*time.Hour + time.Minute, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newReportWorld(t)
			w.resolved(tt.ago)
			err := w.command(w.msg("", "张阿姨", "没修好 1", true), "没修好", "1")
			got := w.reports[1]
			if tt.reopened {
				if err != nil || got.Status != linli.ReportReopened || got.Reopened != 1 {
					t.Fatalf("reopen window (7 days, reportReopenLimit): 没修好 %v after 办结 = %v, status %s; want reopened",
						tt.ago, err, got.Status)
				}
				if _, ok := w.jobs[slaKey(1, linli.SLAEscalated1)]; !ok {
					t.Errorf("reopened report has no new SLA clock: jobs %v", slices.Collect(maps.Keys(w.jobs)))
				}
				return
			}
			if !wantCode(err, linli.EConflict) || linli.ErrorMessage(err) != textReportReopenTooLate(1) || got.Status != linli.ReportResolved {
				t.Fatalf("reopen window (7 days, reportReopenLimit): 没修好 %v after 办结 = %v, status %s; want refused as too late",
					tt.ago, err, got.Status)
			}
		})
	}
}

// TestRuleStillBrokenWindow: "还是不亮" points a resident to 没修好 for their
// report resolved in the last 7 days (reportReopenLimit), not for an older
// one.
func TestRuleStillBrokenWindow(t *testing.T) {
	for _, tt := range []struct {
		name    string
		ago     time.Duration
		pointed bool
	}{
		{"7 days minus a minute", 7*24*time.Hour - time.Minute, true},
		{"7 days plus a minute", 7*24*time.Hour + time.Minute, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newReportWorld(t)
			r := w.resolved(tt.ago)
			req := w.msg("", "张阿姨", "还是不亮", true)
			var offered string
			req.OfferFunc = func(c string) { offered = c }
			handled, err := w.hook(req)
			if err != nil {
				t.Fatal(err)
			}
			if tt.pointed {
				if !handled || offered != "没修好 1" || !slices.Equal(w.texts(), []string{textReportStillBroken(r)}) {
					t.Fatalf("still-broken window (7 days, reportReopenLimit): 还是不亮 %v after 办结: handled %v, offered %q; want 没修好 1 offered",
						tt.ago, handled, offered)
				}
				return
			}
			if handled || offered != "" || len(w.sent) != 0 {
				t.Fatalf("still-broken window (7 days, reportReopenLimit): 还是不亮 %v after 办结: handled %v, offered %q, sent %q; want nothing",
					tt.ago, handled, offered, w.texts())
			}
		})
	}
}

// TestRuleDuplicateWindow: a 随手拍 about the same problem at the same place
// as an open report made up to 48 hours before (reportDupWindow) is merged
// into it; after that it is a new report.
func TestRuleDuplicateWindow(t *testing.T) {
	for _, tt := range []struct {
		name   string
		ago    time.Duration
		merged bool
	}{
		{"48 hours minus a minute", 48*time.Hour - time.Minute, true},
		{"exactly 48 hours", 48 * time.Hour, true},
		{"48 hours plus a minute", 48*time.Hour + time.Minute, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newReportWorld(t)
			first := w.msg(rulesGroup, "王叔", "随手拍 3号楼门口路灯不亮", true)
			first.Now = rulesT0.Add(-tt.ago)
			if err := w.command(first, "随手拍", "3号楼门口路灯不亮"); err != nil {
				t.Fatal(err)
			}
			if err := w.command(w.msg(rulesGroup, "张阿姨", "随手拍 3号楼门口的路灯坏了", true), "随手拍", "3号楼门口的路灯坏了"); err != nil {
				t.Fatal(err)
			}
			second := w.reports[2]
			if merged := second.DuplicateOf == 1; merged != tt.merged {
				t.Fatalf("duplicate window (48 h, reportDupWindow): same problem %v after an open report: merged %v, want %v (report %+v)",
					tt.ago, merged, tt.merged, second)
			}
		})
	}
}

// TestRuleOfferQuietPeriod: free text overheard in a group and taken for a
// report earns the question "需要我把这条登记为随手拍吗？" at most once in 24
// hours per resident (reportAskQuiet).
func TestRuleOfferQuietPeriod(t *testing.T) {
	for _, tt := range []struct {
		name  string
		since time.Duration // since the last question
		asked bool
	}{
		{"24 hours minus a minute", 24*time.Hour - time.Minute, false},
		{"exactly 24 hours", 24 * time.Hour, true},
		{"24 hours plus a minute", 24*time.Hour + time.Minute, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newReportWorld(t)
			w.offers["张阿姨"] = &linli.ReportOffers{Sender: "张阿姨", AskedAt: rulesT0.Add(-tt.since), Asked: []string{"0123456789abcdef"}}
			req := w.msg(rulesGroup, "张阿姨", "3号楼门口的路灯坏了好几天了", false)
			req.Understanding = &linli.Understanding{Intent: linli.IntentReport, Confidence: 0.9, Category: "设施维修"}
			if err := w.intents[linli.IntentReport](context.Background(), req); err != nil && !errors.Is(err, linli.ErrNotCommand) {
				t.Fatal(err)
			}
			texts := w.texts()
			asked := len(texts) == 1 && strings.HasPrefix(texts[0], "需要我把这条登记为随手拍吗")
			if asked != tt.asked || (!asked && len(texts) != 0) {
				t.Fatalf("offer quiet period (24 h, reportAskQuiet): overheard report %v after the last question: sent %q, want asked %v",
					tt.since, texts, tt.asked)
			}
		})
	}
}

// TestRuleImageQuestionOnlyPrivately: a lone image in a group gets no
// question at all, however long since the last one (a photo in a group is
// answered only when a 随手拍 joins it); a lone image sent privately is
// asked about; either way the images then wait 30 minutes more for their
// 随手拍 (reportAskGrace).
func TestRuleImageQuestionOnlyPrivately(t *testing.T) {
	for _, tt := range []struct {
		name  string
		group string
		since time.Duration // since the last question
		asked bool
	}{
		{"group, 24 hours plus a minute", rulesGroup, 24*time.Hour + time.Minute, false},
		{"group, never asked", rulesGroup, 0, false},
		{"private", "", 0, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newReportWorld(t)
			p := &linli.PendingImages{Sender: "张阿姨", Group: tt.group, Files: []string{"a.png"}, Until: rulesT0}
			if tt.since > 0 {
				p.AskedAt = rulesT0.Add(-tt.since)
			}
			w.pending["张阿姨"] = p
			payload, _ := json.Marshal(askPayload{Sender: "张阿姨"})
			if err := w.fam.runAskImage(linli.Job{ID: 1, Key: askKey("张阿姨"), Kind: reportAskJobKind, Payload: payload}, rulesT0); err != nil {
				t.Fatal(err)
			}
			texts := w.texts()
			if asked := slices.Equal(texts, []string{textReportAskImage(1)}); asked != tt.asked || (!asked && len(texts) != 0) {
				t.Fatalf("lone image (%s): sent %q, want asked %v", tt.name, texts, tt.asked)
			}
			if until := w.pending["张阿姨"].Until; !until.Equal(rulesT0.Add(30 * time.Minute)) {
				t.Errorf("image grace (30 min, reportAskGrace): the images wait until %v after the 5 minutes, want 30m0s",
					until.Sub(rulesT0))
			}
		})
	}
}

// TestRulePhotoSweep: the hourly sweep expires images that joined nothing
// [photos] keep (default 24 h) ago and deletes those no report uses.
func TestRulePhotoSweep(t *testing.T) {
	for _, tt := range []struct {
		name string
		keep time.Duration // configured; 0 = the default
		want time.Duration
	}{
		{"default 24 hours", 0, 24 * time.Hour},
		{"configured 2 hours", 2 * time.Hour, 2 * time.Hour},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newReportWorld(t)
			w.cfg.Photos.Keep = linli.Duration(tt.keep)
			if err := w.cfg.Validate(); err != nil {
				t.Fatal(err)
			}
			fake := w.fam.Reports.(*mock.ReportService)
			var before time.Time
			var deleted []string
			fake.ExpirePendingImagesFn = func(b time.Time) ([]string, time.Time, error) {
				before = b
				return []string{"lone.png", "shared.png"}, time.Time{}, nil
			}
			fake.EachReportFn = func(fn func(*linli.Report) error) error {
				return fn(&linli.Report{ID: 1, Images: []string{"shared.png"}})
			}
			fake.DeleteMediaFn = func(n string) error { deleted = append(deleted, n); return nil }
			if err := w.fam.runPhotoSweep(linli.Job{ID: 9, Kind: reportSweepJobKind}, rulesT0); err != nil {
				t.Fatal(err)
			}
			if got := rulesT0.Sub(before); got != tt.want {
				t.Errorf("photo keep: expired images set aside before now-%v, want now-%v", got, tt.want)
			}
			if !slices.Equal(deleted, []string{"lone.png"}) {
				t.Errorf("deleted %q, want only the image no report uses", deleted)
			}
		})
	}
}

// TestRuleConfidenceToOffer: overheard in a group, free text the nlu takes
// for a report earns a question only at confidence ≥ 0.6
// (reportConfident); below, silence.
func TestRuleConfidenceToOffer(t *testing.T) {
	for _, tt := range []struct {
		confidence float64
		asked      bool
	}{
		{0.59, false},
		{0.6, true},
		{0.61, true},
	} {
		w := newReportWorld(t)
		req := w.msg(rulesGroup, "张阿姨", "3号楼门口的路灯坏了好几天了", false)
		req.Understanding = &linli.Understanding{Intent: linli.IntentReport, Confidence: tt.confidence, Category: "设施维修"}
		err := w.intents[linli.IntentReport](context.Background(), req)
		texts := w.texts()
		asked := err == nil && len(texts) == 1 && strings.HasPrefix(texts[0], "需要我把这条登记为随手拍吗")
		silent := errors.Is(err, linli.ErrNotCommand) && len(texts) == 0
		if asked != tt.asked || (!tt.asked && !silent) {
			t.Errorf("report confidence threshold (0.6, reportConfident): overheard at confidence %v: err %v, sent %q; want asked %v",
				tt.confidence, err, texts, tt.asked)
		}
		if len(w.reports) != 0 {
			t.Errorf("overheard text at confidence %v became a report: %+v", tt.confidence, w.reports)
		}
	}
}

// TestRuleSLALadder: a report's SLA alerts are scheduled relative to its
// time to resolve (48 h for 设施维修 here): the worker is reminded at 80 %
// of it (linli.DefaultLadder), the grid's supervisor alerted at the
// deadline, the staff told one more period after it.
func TestRuleSLALadder(t *testing.T) {
	w := newReportWorld(t)
	if err := w.command(w.msg(rulesGroup, "张阿姨", "随手拍 3号楼门口路灯不亮", true), "随手拍", "3号楼门口路灯不亮"); err != nil {
		t.Fatal(err)
	}
	r := w.reports[1]
	if r.Category != "设施维修" || !r.Deadline.Equal(rulesT0.Add(48*time.Hour)) {
		t.Fatalf("report %s, deadline %v; want 设施维修 due 48 h after it was made", r.Category, r.Deadline.Sub(rulesT0))
	}
	for _, tt := range []struct {
		rule  string
		stage int
		after time.Duration // after the report was made
	}{
		{"worker reminded at 80% of the SLA (linli.DefaultLadder)", linli.SLAReminded, 48 * time.Hour * 8 / 10},
		{"supervisor alerted at the deadline", linli.SLAEscalated1, 48 * time.Hour},
		{"staff told one SLA period after the deadline", linli.SLAEscalated2, 2 * 48 * time.Hour},
	} {
		j, ok := w.jobs[slaKey(1, tt.stage)]
		if !ok {
			t.Errorf("SLA ladder: %s: no job %s", tt.rule, slaKey(1, tt.stage))
			continue
		}
		if got := j.At.Sub(rulesT0); got != tt.after {
			t.Errorf("SLA ladder: %s: job at %v after the report, want %v", tt.rule, got, tt.after)
		}
	}
}

// TestRuleSLALadderFires: each SLA alert goes to its person when its job
// runs, once per round: the reminder to the worker, the first escalation
// to the grid's supervisor, the second to the staff group.
func TestRuleSLALadderFires(t *testing.T) {
	w := newReportWorld(t)
	if err := w.command(w.msg(rulesGroup, "张阿姨", "随手拍 3号楼门口路灯不亮", true), "随手拍", "3号楼门口路灯不亮"); err != nil {
		t.Fatal(err)
	}
	w.sent = nil
	for _, tt := range []struct {
		stage int
		to    linli.Chat
	}{
		{linli.SLAReminded, linli.Chat{User: "王网格"}},
		{linli.SLAEscalated1, linli.Chat{User: "赵主任"}},
		{linli.SLAEscalated2, linli.Chat{Group: "幸福里工作群"}},
	} {
		j := w.jobs[slaKey(1, tt.stage)]
		for range 2 { // a second run (after a crash) sends nothing more
			if err := w.fam.runReportSLA(j, j.At); err != nil {
				t.Fatal(err)
			}
		}
		if len(w.sent) != 1 || w.sent[0].To != tt.to {
			t.Errorf("SLA ladder stage %d sent %+v, want one message to %v", tt.stage, w.sent, tt.to)
		}
		if got := w.reports[1].Stage; got != tt.stage {
			t.Errorf("after stage %d the report is at stage %d", tt.stage, got)
		}
		w.sent = nil
	}
	// A job left over from an earlier SLA clock (the report was reopened
	// since: round 2) sends nothing.
	w.reports[1].Round, w.reports[1].Stage = 2, 0
	if err := w.fam.runReportSLA(w.jobs[slaKey(1, linli.SLAReminded)], rulesT0); err != nil || len(w.sent) != 0 {
		t.Errorf("a round-1 SLA job after the clock restarted: %v, sent %+v; want nothing", err, w.sent)
	}
}

// TestRuleReportImageWindow: a resident's photo joins their most recent
// 随手拍 when it is open and made up to 30 minutes before
// (reportPhotoLate); a later one is held instead. Someone else's report in
// that chat in between does not matter; the sender's own later report
// takes the photo.
func TestRuleReportImageWindow(t *testing.T) {
	for _, tt := range []struct {
		name    string
		after   time.Duration
		joined  bool
		between string // who reports in the group in between
	}{
		{"5 minutes plus a second", 5*time.Minute + time.Second, true, ""},
		{"30 minutes", 30 * time.Minute, true, ""},
		{"30 minutes plus a second", 30*time.Minute + time.Second, false, ""},
		{"another resident's report in between", 10 * time.Minute, true, "李大爷"},
		{"the sender's own report in between", 10 * time.Minute, false, "张阿姨"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newReportWorld(t)
			made := w.msg(rulesGroup, "张阿姨", "随手拍 3号楼门口路灯不亮", true)
			made.Now = rulesT0.Add(-tt.after)
			if err := w.command(made, "随手拍", "3号楼门口路灯不亮"); err != nil {
				t.Fatal(err)
			}
			if tt.between != "" {
				other := w.msg(rulesGroup, tt.between, "随手拍 2号楼楼道堆满杂物", true)
				other.Now = rulesT0.Add(-time.Minute)
				if err := w.command(other, "随手拍", "2号楼楼道堆满杂物"); err != nil {
					t.Fatal(err)
				}
			}
			img := w.msg(rulesGroup, "张阿姨", "", false)
			img.Msg.Norm, img.Msg.Image = "", &linli.Media{Kind: linli.MediaImage, Name: "a.png", Data: []byte("\x89PNG\r\n\x1a\nimage")}
			if handled, err := w.hook(img); !handled || err != nil {
				t.Fatalf("image hook: %v %v", handled, err)
			}
			if joined := len(w.reports[1].Images) == 1; joined != tt.joined {
				t.Fatalf("report photo window (30 min, reportPhotoLate): photo %v after the 随手拍: joined %v, want %v",
					tt.after, joined, tt.joined)
			}
			if tt.between == "张阿姨" && len(w.reports[2].Images) != 1 {
				t.Errorf("the photo did not join the sender's most recent report #2: %v", w.reports[2].Images)
			}
		})
	}
}

// TestRulePlaceAnswerWindow: a bare place ("5号楼") answers "在哪一栋？"
// for the resident's report without a place made up to 10 minutes before
// (reportPlaceWindow).
func TestRulePlaceAnswerWindow(t *testing.T) {
	for _, tt := range []struct {
		name     string
		after    time.Duration
		answered bool
	}{
		{"10 minutes minus a second", 10*time.Minute - time.Second, true},
		{"10 minutes plus a second", 10*time.Minute + time.Second, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newReportWorld(t)
			made := w.msg(rulesGroup, "张阿姨", "随手拍 路灯不亮", true)
			made.Now = rulesT0.Add(-tt.after)
			if err := w.command(made, "随手拍", "路灯不亮"); err != nil {
				t.Fatal(err)
			}
			if r := w.reports[1]; r.Place != "" || r.Building != 0 {
				t.Fatalf("report has a place already: %+v", r)
			}
			handled, err := w.hook(w.msg(rulesGroup, "张阿姨", "3号楼", false))
			if err != nil {
				t.Fatal(err)
			}
			if answered := handled && w.reports[1].Place == "3栋"; answered != tt.answered {
				t.Fatalf("place answer window (10 min, reportPlaceWindow): 3号楼 %v after the 随手拍: answered %v (handled %v), want %v",
					tt.after, answered, handled, tt.answered)
			}
		})
	}
}

// TestRuleReportLimits: a description is kept up to 500 characters
// (reportMaxRunes), 我的上报 lists the latest 10 (reportListMax), an
// offer quotes up to 40 characters (reportQuoteRunes) and the digests of
// the last 100 texts offered are remembered (reportOffersKept).
func TestRuleReportLimits(t *testing.T) {
	for _, tt := range []struct {
		n    int
		kept int
	}{{500, 500}, {501, 500}} {
		w := newReportWorld(t)
		desc := "3号楼门口路灯不亮" + strings.Repeat("灯", tt.n-len([]rune("3号楼门口路灯不亮")))
		if err := w.command(w.msg("", "张阿姨", "随手拍 "+desc, true), "随手拍", desc); err != nil {
			t.Fatal(err)
		}
		got := strings.TrimSuffix(w.reports[1].Description, "…")
		if len([]rune(got)) != tt.kept {
			t.Errorf("description limit (500, reportMaxRunes): %d characters kept as %d, want %d", tt.n, len([]rune(got)), tt.kept)
		}
	}

	w := newReportWorld(t)
	for i := range 11 {
		w.reports[uint64(i+1)] = &linli.Report{ID: uint64(i + 1), Reporter: "张阿姨", Category: "设施维修",
			Description: "路灯不亮", Status: linli.ReportSubmitted, CreatedAt: rulesT0}
	}
	if err := w.command(w.msg("", "张阿姨", "我的上报", true), "我的上报", ""); err != nil {
		t.Fatal(err)
	}
	texts := w.texts()
	if len(texts) != 1 || strings.Count(texts[0], "\n#") != 10 || !strings.Contains(texts[0], "#11 ") || strings.Contains(texts[0], "#1 ") {
		t.Errorf("我的上报 limit (10, reportListMax) of 11 reports: %q; want the latest 10", texts)
	}

	w = newReportWorld(t)
	long := "3号楼门口的路灯坏了好几天了晚上走路很不方便" + strings.Repeat("真的", 20)
	req := w.msg(rulesGroup, "张阿姨", long, false)
	req.Understanding = &linli.Understanding{Intent: linli.IntentReport, Confidence: 0.9, Category: "设施维修"}
	if err := w.intents[linli.IntentReport](context.Background(), req); err != nil {
		t.Fatal(err)
	}
	if texts := w.texts(); len(texts) != 1 || texts[0] != textReportConfirm(string([]rune(long)[:40])+"…") {
		t.Errorf("offer quote limit (40, reportQuoteRunes): asked %q", texts)
	}

	w = newReportWorld(t)
	asked := make([]string, 100)
	for i := range asked {
		asked[i] = fmt.Sprintf("%016x", i)
	}
	w.offers["张阿姨"] = &linli.ReportOffers{Sender: "张阿姨", Asked: asked}
	req = w.msg(rulesGroup, "张阿姨", "3号楼门口的路灯坏了好几天了", false)
	req.Understanding = &linli.Understanding{Intent: linli.IntentReport, Confidence: 0.9, Category: "设施维修"}
	if err := w.intents[linli.IntentReport](context.Background(), req); err != nil {
		t.Fatal(err)
	}
	if got := w.offers["张阿姨"].Asked; len(got) != 100 || got[0] != asked[1] {
		t.Errorf("offers remembered (100, reportOffersKept): %d kept, oldest %q; want 100, the oldest dropped", len(got), got[0])
	}
}

// TestRuleEmergencyOverheard: an emergency overheard in a group (not
// addressed, no "是") is answered at once with its kind's numbers on the
// emergency lane, registered as 安全隐患, and the worker and supervisor are
// alerted on the emergency lane too; the same kind in the same group is
// answered with the numbers once per 10 minutes (emergencyAnswerQuiet), but
// still registered; an emergency is never merged into an earlier report.
func TestRuleEmergencyOverheard(t *testing.T) {
	numbers := func(w *reportWorld) (n int) {
		for _, o := range w.sent {
			if strings.Contains(o.Text, "情况紧急") {
				n++
				if o.Priority != linli.PriorityEmergency || !o.Alone {
					w.t.Errorf("numbers sent on lane %d alone=%v, want the emergency lane, alone", o.Priority, o.Alone)
				}
			}
		}
		return n
	}
	alerts := func(w *reportWorld) map[string]int {
		m := map[string]int{}
		for _, o := range w.sent {
			if strings.HasPrefix(o.Text, "【紧急】") {
				m[o.To.User]++
				if o.Priority != linli.PriorityEmergency {
					w.t.Errorf("alert to %s on lane %d, want the emergency lane", o.To.User, o.Priority)
				}
			}
		}
		return m
	}
	overheard := func(w *reportWorld, sender, text string, at time.Time) {
		w.t.Helper()
		req := w.msg(rulesGroup, sender, text, false)
		req.Now, req.Msg.At = at, at
		if err := w.intents[linli.IntentReport](context.Background(), req); err != nil {
			w.t.Fatal(err)
		}
	}

	w := newReportWorld(t)
	overheard(w, "张阿姨", "3号楼楼下有个老人晕倒了", rulesT0)
	if n := numbers(w); n != 1 {
		t.Fatalf("overheard emergency: %d answers with numbers, want 1: %q", n, w.texts())
	}
	if !strings.Contains(w.sent[0].Text, "120") || w.sent[0].To.Group != rulesGroup {
		t.Errorf("first answer %+v, want 120 in the group", w.sent[0])
	}
	if a := alerts(w); a["王网格"] != 1 || a["赵主任"] != 1 {
		t.Errorf("alerts %v, want 王网格 and 赵主任 once each", a)
	}
	if r := w.reports[1]; r == nil || r.Category != emergencyCategory {
		t.Fatalf("report %+v, want one of %s", r, emergencyCategory)
	}

	// The same emergency (kind and place) 9 minutes later in the same
	// group: registered and alerted, numbers not repeated; 11 minutes
	// after the first, the numbers again. Another place, or someone taking
	// their own life, is another emergency: its numbers at once.
	w.sent = nil
	overheard(w, "李大爷", "3号楼楼下有人晕倒了叫不醒", rulesT0.Add(emergencyAnswerQuiet-time.Minute))
	if n, a := numbers(w), alerts(w); n != 0 || a["王网格"] != 1 {
		t.Errorf("same kind %v later: %d answers with numbers, alerts %v; want 0 and an alert", emergencyAnswerQuiet-time.Minute, n, a)
	}
	w.sent = nil
	overheard(w, "孙大爷", "3号楼有人晕倒了", rulesT0.Add(emergencyAnswerQuiet+time.Minute))
	if n := numbers(w); n != 1 {
		t.Errorf("same kind %v later: %d answers with numbers, want 1", emergencyAnswerQuiet+time.Minute, n)
	}
	w.sent = nil
	overheard(w, "周阿姨", "1号楼电梯口有人晕倒了叫不醒", rulesT0.Add(emergencyAnswerQuiet+2*time.Minute))
	if n := numbers(w); n != 1 {
		t.Errorf("same kind, another place, a minute later: %d answers with numbers, want 1", n)
	}
	w.sent = nil
	overheard(w, "小周", "我吃了很多安眠药", rulesT0.Add(emergencyAnswerQuiet+3*time.Minute))
	if n := numbers(w); n != 1 {
		t.Errorf("an overdose a minute after a faint: %d answers with numbers, want 1", n)
	}

	// Never merged as a duplicate, however close: each is alerted in full.
	w = newReportWorld(t)
	overheard(w, "张阿姨", "3号楼楼下有个老人晕倒了", rulesT0)
	overheard(w, "李大爷", "3号楼楼下有个老人晕倒了", rulesT0.Add(time.Minute))
	if r := w.reports[2]; r == nil || r.DuplicateOf != 0 {
		t.Errorf("second emergency at one place a minute later: %+v, want a report of its own", r)
	}
	if a := alerts(w); a["王网格"] != 2 || a["赵主任"] != 2 {
		t.Errorf("alerts %v for two emergencies, want 2 each to 王网格 and 赵主任", a)
	}
}

// bareLexicon is nlu's lexicon that cannot tell self-harm or a settled
// problem: the rules must hold without those cues too.
type bareLexicon struct{ linli.Lexicon }

func (bareLexicon) SelfHarm(string) bool { return false }
func (bareLexicon) Settled(string) bool  { return false }

// TestRuleEmergencyMedicalNumbers: a medical emergency is told to call 110
// as well as 120 only when the lexicon says it is about jumping or suicide
// (nlu's does); a fall or a faint gets 120 alone (red-team round 5, finding
// 9), and so does everything with a lexicon that cannot tell. Gas advice
// names 120 for the poisoned.
func TestRuleEmergencyMedicalNumbers(t *testing.T) {
	bare := &Family{Deps: Deps{Lexicon: bareLexicon{nlu.Words()}}}
	cued := &Family{Deps: Deps{Lexicon: nlu.Words()}}
	for _, tt := range []struct {
		h    *Family
		text string
		want bool
	}{
		{bare, "7栋有个大爷突然倒地上抽搐", false},
		{bare, "有人要跳楼", false}, // this lexicon cannot tell
		{cued, "7栋有个大爷突然倒地上抽搐", false},
		{cued, "有人要跳楼", true},
		{cued, "3栋有个女的站在楼顶上要跳", true},
		{cued, "我妈吃了很多安眠药 叫不醒", true},
		{cued, "老人摔倒了头破血流", false},
		{cued, "有个老人晕倒了 我急得想跳楼", false},
	} {
		got := textEmergencyNumbers(linli.EmergencyMedical, tt.h.selfHarm(tt.text))
		if strings.Contains(got, "110") != tt.want || !strings.Contains(got, "120") {
			t.Errorf("medical emergency %q (self-harm cue %T): %q; want 110 %v, 120 always", tt.text, tt.h.Lexicon, got, tt.want)
		}
	}
	if got := textEmergencyNumbers(linli.EmergencyGas, false); !strings.Contains(got, "120") || !strings.Contains(got, "119") {
		t.Errorf("gas emergency: %q; want 119 and 120 (煤气中毒)", got)
	}
}

// TestRuleGluedChatter: words glued to 随手拍 that talk about the feature
// from a word on, and name no problem the lexicon knows, are chatter; a
// particle (的, 了) does not make a report chatter; a lexicon that can tell
// a settled problem (nlu's can) makes that chatter too (red-team round 5,
// finding 5), and a problem back again stays a report.
func TestRuleGluedChatter(t *testing.T) {
	plain := &Family{Deps: Deps{Lexicon: bareLexicon{nlu.Words()}}}
	cued := &Family{Deps: Deps{Lexicon: nlu.Words()}}
	for _, tt := range []struct {
		h    *Family
		rest string
		want bool
	}{
		{plain, "这个功能挺方便", true},
		{plain, "真方便", true},
		{plain, "墙皮脱落了", false},
		{plain, "楼下好吵", false},
		{plain, "漏水了", false},
		{plain, "3号楼路灯坏了", false},
		{plain, " 这个功能挺方便", false},  // not glued: the command
		{plain, "上次反映的事修好了", false}, // this lexicon cannot tell it is settled
		{cued, "上次反映的事修好了", true},
		{cued, "3号楼路灯昨天坏了今天好了", true},
		{cued, "上次反映的井盖已处理", true},
		{cued, "路灯又坏了", false},
		{cued, "墙皮脱落了", false},
		{cued, "上次反映的路灯到现在还没修", false},
		{cued, "路灯修好了吗", false},
	} {
		if got := tt.h.gluedChatter(tt.rest); got != tt.want {
			t.Errorf("随手拍%s (lexicon %T): chatter %v, want %v", tt.rest, tt.h.Lexicon, got, tt.want)
		}
	}
}
