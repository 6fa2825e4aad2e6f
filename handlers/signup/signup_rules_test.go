package signup

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"linli"
	"linli/mock"
	"linli/nlu"
)

const rulesGroup = "幸福里1期居民群"

var rulesT0 = time.Date(2026, 11, 23, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))

// signupWorld is the sign-up family on fakes: activity 1 (健康讲座, 20
// seats, starting two days after rulesT0) announced in rulesGroup; an
// ActivityService that records requests and answers as the test says
// (capacity itself is storage's, tested there); a Scheduler that records
// jobs by key; a Sender that records what is sent.
type signupWorld struct {
	fam      *Family
	act      linli.Activity
	signup   *linli.Signup // the sender's sign-up, if any
	result   linli.SignupResult
	cancel   linli.CancelResult
	requests []linli.SignupRequest
	checked  []string
	asked    map[string]bool
	jobs     map[string]linli.Job
	sent     []linli.Outgoing
	commands map[string]linli.Command
	intents  map[string]linli.HandlerFunc
}

func newSignupWorld(t *testing.T) *signupWorld {
	t.Helper()
	cfg := &linli.Config{Groups: []string{rulesGroup, "幸福里2期居民群"}, StaffGroup: "幸福里工作群",
		Staff: []linli.StaffEntry{{Name: "李社工", Role: "staff"}}}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	start := rulesT0.Add(48 * time.Hour)
	w := &signupWorld{act: linli.Activity{ID: 1, Title: "健康讲座", StartsAt: start, Deadline: start, Place: "活动室",
		Capacity: 20, Groups: []string{rulesGroup}, Status: linli.ActivityOpen},
		asked: map[string]bool{}, jobs: map[string]linli.Job{},
		commands: map[string]linli.Command{}, intents: map[string]linli.HandlerFunc{}}
	acts := &mock.ActivityService{
		ActivityFn: func(id uint64) (*linli.Activity, error) {
			if id != w.act.ID {
				return nil, linli.Errorf(linli.ENotFound, "no activity %d", id)
			}
			a := w.act
			return &a, nil
		},
		ActivitiesFn: func() ([]linli.Activity, error) { return []linli.Activity{w.act}, nil },
		CreateActivityFn: func(a *linli.Activity) error {
			a.ID = 2
			return nil
		},
		SignupFn: func(id uint64, resident string) (*linli.Signup, error) {
			if w.signup == nil {
				return nil, linli.Errorf(linli.ENotFound, "no sign-up")
			}
			s := *w.signup
			return &s, nil
		},
		ResidentSignupsFn: func(resident string) ([]linli.Signup, error) {
			if w.signup == nil {
				return nil, nil
			}
			return []linli.Signup{*w.signup}, nil
		},
		SignUpFn: func(req linli.SignupRequest) (linli.SignupResult, error) {
			w.requests = append(w.requests, req)
			res := w.result
			res.Activity = w.act
			if res.Outcome == 0 {
				res.Outcome = linli.SignupAdded
			}
			if res.Signup.Resident == "" {
				res.Signup = linli.Signup{ActivityID: 1, Resident: req.Resident, PartySize: req.PartySize, Status: linli.SignupConfirmed}
			}
			return res, nil
		},
		CancelSignupFn: func(id uint64, resident string, now time.Time) (linli.CancelResult, error) {
			res := w.cancel
			res.Activity = w.act
			return res, nil
		},
		CheckInFn: func(id uint64, residents []string, at time.Time) ([]linli.Signup, error) {
			w.checked = append(w.checked, residents...)
			var out []linli.Signup
			for _, r := range residents {
				out = append(out, linli.Signup{ActivityID: id, Resident: r, PartySize: 1, Status: linli.SignupConfirmed, CheckedIn: at})
			}
			return out, nil
		},
		SignupsFn: func(id uint64) ([]linli.Signup, error) {
			if w.signup == nil {
				return nil, nil
			}
			return []linli.Signup{*w.signup}, nil
		},
		UpdateActivityFn: func(id uint64, now time.Time, fn func(*linli.Activity) error) (*linli.Activity, []linli.Signup, error) {
			a := w.act
			if id != a.ID {
				a = linli.Activity{ID: id, Status: linli.ActivityDraft}
			}
			if err := fn(&a); err != nil {
				return nil, nil, err
			}
			if id == w.act.ID {
				w.act = a
			}
			return &a, nil, nil
		},
		MarkAskedFn: func(key string, now time.Time) (bool, error) {
			first := !w.asked[key]
			w.asked[key] = true
			return first, nil
		},
	}
	sched := &mock.Scheduler{
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
					out = append(out, j)
				}
			}
			return out, nil
		},
	}
	w.fam = New(Deps{Config: cfg, Clock: &mock.Clock{NowFn: func() time.Time { return rulesT0 }},
		Out: &mock.Sender{SendFn: func(o linli.Outgoing) error {
			w.sent = append(w.sent, o)
			return nil
		}},
		Residents: mock.NewStore(), Scheduler: sched, Activities: acts, Lexicon: nlu.Words(),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	w.fam.Register(&mock.Router{
		CommandFn: func(c linli.Command) {
			for _, n := range c.Names {
				w.commands[n] = c
			}
		},
		IntentFn: func(intent string, h linli.HandlerFunc) { w.intents[intent] = h },
	})
	return w
}

// run sends "<name> <args>" from sender at now (group "" is private) and
// returns the handler's error; w.sent holds what was sent.
func (w *signupWorld) run(group, sender, name, args string, now time.Time) error {
	w.sent = nil
	text := strings.TrimSpace(name + " " + args)
	m := &linli.Message{Group: group, Sender: sender, Text: text, Norm: text, At: now, Addressed: true,
		Resident: &linli.Resident{Name: sender, LastGroup: rulesGroup}, Role: linli.RoleResident}
	if sender == "李社工" {
		m.Role = linli.RoleStaff
	}
	req := &linli.Request{Msg: m, Command: name, Args: args, Out: w.fam.Out, Now: now}
	return w.commands[name].Handler(context.Background(), req)
}

// TestRuleSignupParty: 报名 N takes one person, +N brings N family members
// (at most linli.MaxExtraPeople = 10), and 报名 N again without +N keeps
// the party of the existing sign-up.
func TestRuleSignupParty(t *testing.T) {
	for _, tt := range []struct {
		args     string
		existing int // party of an active sign-up; 0: none
		party    int // 0: refused before any sign-up
	}{
		{"1", 0, 1},
		{"1 +2", 0, 3},
		{"1 +10", 0, 11},
		{"1 +11", 0, 0},
		{"1", 3, 3},
		{"1 +1", 3, 2},
	} {
		w := newSignupWorld(t)
		if tt.existing > 0 {
			w.signup = &linli.Signup{ActivityID: 1, Resident: "张阿姨", PartySize: tt.existing, Status: linli.SignupConfirmed}
		}
		err := w.run("", "张阿姨", "报名", tt.args, rulesT0)
		if tt.party == 0 {
			if linli.ErrorCode(err) != linli.EInvalid || linli.ErrorMessage(err) != textBadParty || len(w.requests) != 0 {
				t.Errorf("party size (at most 10 family members, linli.MaxExtraPeople): 报名 %s: err %v, requests %+v; want refused",
					tt.args, err, w.requests)
			}
			continue
		}
		if err != nil || len(w.requests) != 1 || w.requests[0].PartySize != tt.party {
			t.Errorf("party size: 报名 %s (existing party %d): err %v, requests %+v; want a party of %d",
				tt.args, tt.existing, err, w.requests, tt.party)
		}
	}
}

// TestRuleSignupOutcomes: what a resident is told of each outcome of the
// capacity rules storage applies: confirmed, waitlisted with the position,
// a larger party that does not fit (the old sign-up stands), closed.
func TestRuleSignupOutcomes(t *testing.T) {
	wait := linli.Signup{ActivityID: 1, Resident: "张阿姨", PartySize: 2, Status: linli.SignupWaitlisted, Position: 3}
	old := linli.Signup{ActivityID: 1, Resident: "张阿姨", PartySize: 1, Status: linli.SignupConfirmed}
	for _, tt := range []struct {
		name   string
		args   string
		taken  int // seats taken when storage answers
		result linli.SignupResult
		code   string
		want   string // the reply, or the error's message
	}{
		{"waitlisted", "1 +1", 20, linli.SignupResult{Outcome: linli.SignupAdded, Signup: wait},
			"", "活动1「健康讲座」名额已满，您已进入候补第3位（2人）。"},
		{"waitlisted beside a free seat", "1 +1", 19, linli.SignupResult{Outcome: linli.SignupAdded, Signup: wait},
			"", "活动1「健康讲座」只剩1个名额，不够2人，您已进入候补第3位（2人）。"},
		{"no room for a larger party", "1 +4", 0, linli.SignupResult{Outcome: linli.SignupNoRoom, Signup: old},
			linli.EConflict, "无法改为5人；您原来的报名（1人）保留不变。"},
		{"closed", "1", 0, linli.SignupResult{Outcome: linli.SignupClosed}, linli.EConflict, "报名已截止"},
	} {
		w := newSignupWorld(t)
		w.result, w.act.Taken = tt.result, tt.taken
		err := w.run("", "张阿姨", "报名", tt.args, rulesT0)
		got := linli.ErrorMessage(err)
		if err == nil && len(w.sent) == 1 {
			got = w.sent[0].Text
		}
		if linli.ErrorCode(err) != tt.code && !(tt.code == "" && err == nil) || !strings.Contains(got, tt.want) {
			t.Errorf("sign-up outcome %s: err %v, said %q; want %q", tt.name, err, got, tt.want)
		}
	}
}

// TestRulePromotedAreTold: when a cancellation frees seats, each resident
// storage promoted from the waitlist is told, in promotion order,
// privately (the outbox falls back to their group). (The canceller, in
// private chat here, is answered at once; in their group the answer is
// gathered with the others: TestRuleAckWindow.)
func TestRulePromotedAreTold(t *testing.T) {
	w := newSignupWorld(t)
	w.signup = &linli.Signup{ActivityID: 1, Resident: "张阿姨", PartySize: 2, Status: linli.SignupConfirmed}
	w.cancel = linli.CancelResult{Outcome: linli.CancelDone, Signup: *w.signup, Promoted: []linli.Signup{
		{ActivityID: 1, Resident: "戊", PartySize: 1, Status: linli.SignupConfirmed},
		{ActivityID: 1, Resident: "丙", PartySize: 1, Status: linli.SignupConfirmed}}}
	if err := w.run("", "张阿姨", "取消报名", "1", rulesT0); err != nil {
		t.Fatal(err)
	}
	var to []linli.Chat
	for _, o := range w.sent[1:] {
		to = append(to, o.To)
		if !strings.HasPrefix(o.Text, "好消息：活动1「健康讲座」有人取消，您已从候补转为正式报名") {
			t.Errorf("promotion told %q", o.Text)
		}
	}
	if len(w.sent) == 0 || w.sent[0].Text != "已取消您活动1「健康讲座」的报名。" ||
		!slices.Equal(to, []linli.Chat{{User: "戊"}, {User: "丙"}}) {
		t.Fatalf("cancel with promotions sent %+v; want the reply, then 戊 and 丙 told privately in that order", w.sent)
	}
}

// TestRuleCheckinWindow: residents check in from 30 minutes before the
// start (linli.CheckinEarly) until its end, 3 hours after the start for an
// activity published without an end (linli.DefaultLength); staff may
// record others' attendance once the window has opened, until a day after
// the end (staffGrace).
func TestRuleCheckinWindow(t *testing.T) {
	start := rulesT0.Add(48 * time.Hour)
	for _, tt := range []struct {
		name   string
		at     time.Time
		staff  bool
		allows bool
	}{
		{"30 minutes before the start minus a minute", start.Add(-31 * time.Minute), false, false},
		{"30 minutes before the start", start.Add(-30 * time.Minute), false, true},
		{"3 hours after the start", start.Add(3 * time.Hour), false, true},
		{"3 hours after the start plus a minute", start.Add(3*time.Hour + time.Minute), false, false},
		{"staff, 30 minutes before the start minus a minute", start.Add(-31 * time.Minute), true, false},
		{"staff, 30 minutes before the start", start.Add(-30 * time.Minute), true, true},
		{"staff, a day after the start", start.Add(24 * time.Hour), true, true},
		{"staff, a day after the end", start.Add(27 * time.Hour), true, true},
		{"staff, a day after the end plus a minute", start.Add(27*time.Hour + time.Minute), true, false},
	} {
		w := newSignupWorld(t)
		w.signup = &linli.Signup{ActivityID: 1, Resident: "张阿姨", PartySize: 1, Status: linli.SignupConfirmed}
		var err error
		if tt.staff {
			err = w.run("", "李社工", "签到", "1 张阿姨", tt.at)
		} else {
			err = w.run(rulesGroup, "张阿姨", "签到", "1", tt.at)
		}
		checked := slices.Equal(w.checked, []string{"张阿姨"})
		refused := linli.ErrorCode(err) == linli.EConflict && len(w.checked) == 0 &&
			(strings.Contains(linli.ErrorMessage(err), "现在不在签到时间内") || tt.staff && strings.Contains(linli.ErrorMessage(err), "结束24小时内可以补记"))
		if (tt.allows && (err != nil || !checked)) || (!tt.allows && !refused) {
			t.Errorf("check-in window (30 min before, linli.CheckinEarly; until the end, linli.DefaultLength): %s: err %v, checked in %v; want allowed %v",
				tt.name, err, w.checked, tt.allows)
		}
	}
}

// TestRuleAckWindow: sign-ups in a group are acknowledged together at the
// end of the window ([activities] ack_window, 30 s by default) opened by
// the first one not yet told, whatever the wall clock says; later sign-ups
// of the window join it. (Until issue 15 the window ended at :00 or :30,
// so a sign-up at :29 was told a second later and a console script that
// ended meanwhile printed nothing.)
func TestRuleAckWindow(t *testing.T) {
	minute := rulesT0.Truncate(time.Minute)
	for _, tt := range []struct {
		first, second time.Time // the second sign-up, zero for none
		ack           time.Time
	}{
		{minute, time.Time{}, minute.Add(30 * time.Second)},
		{minute.Add(29 * time.Second), time.Time{}, minute.Add(59 * time.Second)},
		{minute.Add(29 * time.Second), minute.Add(45 * time.Second), minute.Add(59 * time.Second)},
		{minute.Add(59 * time.Second), time.Time{}, minute.Add(89 * time.Second)},
	} {
		w := newSignupWorld(t)
		w.result = linli.SignupResult{Outcome: linli.SignupAdded}
		for _, at := range []time.Time{tt.first, tt.second} {
			if at.IsZero() {
				continue
			}
			if err := w.run(rulesGroup, "张阿姨", "报名", "1", at); err != nil {
				t.Fatal(err)
			}
		}
		j, ok := w.jobs[actKey(1, "ack:"+rulesGroup)]
		if !ok || !j.At.Equal(tt.ack) || len(w.sent) != 0 || w.requests[0].Acked {
			t.Errorf("ack window (30 s from the first, ack_window): group sign-up at :%02d: ack job %v at :%02d, sent %d; want the group told at :%02d",
				tt.first.Sub(minute)/time.Second, ok, j.At.Sub(minute)/time.Second, len(w.sent), tt.ack.Sub(minute)/time.Second)
		}
	}
}

// TestRuleReminders: publishing an activity schedules its reminders 24
// hours and 1 hour before the start (the default [activities] reminders)
// and the close of sign-up at its deadline.
func TestRuleReminders(t *testing.T) {
	w := newSignupWorld(t)
	if err := w.run("", "李社工", "发布活动", "书法课 时间:11月28日 9:30 地点:活动室 名额:30 截止:11月27日 18:00", rulesT0); err != nil {
		t.Fatal(err)
	}
	loc := w.fam.Config.Location
	start := time.Date(2026, 11, 28, 9, 30, 0, 0, loc)
	for key, at := range map[string]time.Time{
		actKey(2, "remind:24h"): start.Add(-24 * time.Hour),
		actKey(2, "remind:1h"):  start.Add(-time.Hour),
		actKey(2, "close"):      time.Date(2026, 11, 27, 18, 0, 0, 0, loc),
	} {
		if j, ok := w.jobs[key]; !ok || !j.At.Equal(at) {
			t.Errorf("activity reminders (24 h and 1 h before the start): job %s = %v at %v, want at %v", key, ok, j.At, at)
		}
	}
}

// TestRuleIntentAsksOnce: free text taken as wanting to sign up, overheard
// in a group, asks the explicit command at most once (the ActivityService
// remembers the question a day) and never signs up.
func TestRuleIntentAsksOnce(t *testing.T) {
	w := newSignupWorld(t)
	ask := func() (error, int) {
		w.sent = nil
		m := &linli.Message{Group: rulesGroup, Sender: "张阿姨", Text: "讲座我也想去", Norm: "讲座我也想去", At: rulesT0,
			Resident: &linli.Resident{Name: "张阿姨", LastGroup: rulesGroup}}
		req := &linli.Request{Msg: m, Out: w.fam.Out, Now: rulesT0,
			Understanding: &linli.Understanding{Intent: linli.IntentSignup, Confidence: 0.9, Slots: linli.Slots{Activity: "讲座"}}}
		return w.intents[linli.IntentSignup](context.Background(), req), len(w.sent)
	}
	if err, n := ask(); err != nil || n != 1 || !strings.Contains(w.sent[0].Text, "报名 1") {
		t.Fatalf("first overheard sign-up intent: %v, sent %+v; want one question naming 报名 1", err, w.sent)
	}
	if err, n := ask(); (err != nil && !errors.Is(err, linli.ErrNotCommand)) || n != 0 {
		t.Fatalf("second overheard sign-up intent: %v, sent %d; want silence", err, n)
	}
	if len(w.requests) != 0 {
		t.Fatalf("an overheard intent signed up: %+v", w.requests)
	}
}

// TestRuleMaxCapacity: an activity has 1 to 10000 seats (maxCapacity).
func TestRuleMaxCapacity(t *testing.T) {
	for _, tt := range []struct {
		seats string
		ok    bool
	}{{"1", true}, {"10000", true}, {"10001", false}, {"0", false}} {
		w := newSignupWorld(t)
		err := w.run("", "李社工", "发布活动", "书法课 时间:11月28日 9:30 地点:活动室 名额:"+tt.seats, rulesT0)
		if ok := err == nil; ok != tt.ok || (!ok && !strings.Contains(linli.ErrorMessage(err), "名额应为 1 到 10000")) {
			t.Errorf("capacity limit (10000, maxCapacity): 名额:%s: %v; want accepted %v", tt.seats, err, tt.ok)
		}
	}
}
