package points

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"linli"
	"linli/mock"
)

var (
	cst = time.FixedZone("CST", 8*3600)
	t0  = time.Date(2026, 11, 23, 9, 0, 0, 0, cst)
)

func intp(n int) *int { return &n }

// rig is the family on fakes: a ledger and feedback in memory, one
// activity (its fields set by the test), sign-ups, residents.
type rig struct {
	f        *Family
	ledger   *mock.Ledger
	feedback *mock.Feedback
	act      *linli.Activity
	signups  []linli.Signup
	sent     []linli.Outgoing
}

func newRig(t *testing.T, rules linli.PointsConfig) *rig {
	t.Helper()
	cfg := &linli.Config{Groups: []string{"1期群", "2期群"}, StaffGroup: "工作群", Points: rules,
		Staff: []linli.StaffEntry{{Name: "李社工", Role: "staff"}}}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	cfg.Location = cst
	r := &rig{ledger: &mock.Ledger{}, feedback: &mock.Feedback{},
		act: &linli.Activity{ID: 1, Title: "清洁家园", StartsAt: t0, EndsAt: t0.Add(2 * time.Hour), Status: linli.ActivityClosed}}
	store := mock.NewStore()
	for _, name := range []string{"张阿姨", "王叔", "李四", "赵叔", "孙婶"} {
		g := "1期群"
		if name == "李四" || name == "赵叔" {
			g = "2期群"
		}
		if _, err := store.UpdateResident(name, func(x *linli.Resident) error { x.LastGroup = g; return nil }); err != nil {
			t.Fatal(err)
		}
	}
	acts := &mock.ActivityService{
		ActivityFn: func(id uint64) (*linli.Activity, error) { a := *r.act; return &a, nil },
		SignupsFn:  func(uint64) ([]linli.Signup, error) { return r.signups, nil },
	}
	sched := &mock.Scheduler{ScheduleFn: func(j linli.Job) (linli.Job, error) { return j, nil }}
	r.f = New(Deps{Config: cfg, Out: &mock.Sender{SendFn: func(o linli.Outgoing) error { r.sent = append(r.sent, o); return nil }},
		Residents: store, Points: r.ledger, Activities: acts, Feedback: r.feedback, Scheduler: sched})
	return r
}

func (r *rig) settle(t *testing.T) {
	t.Helper()
	payload, _ := json.Marshal(settleJob{ID: r.act.ID})
	if err := r.f.runSettle(linli.Job{ID: 9, Kind: jobSettle, Payload: payload}, r.act.End()); err != nil {
		t.Fatal(err)
	}
}

func (r *rig) balance(t *testing.T, who string) int {
	t.Helper()
	b, _ := r.ledger.PointsBalance(who)
	return b.Balance
}

func checkedIn(who string, at time.Time) linli.Signup {
	return linli.Signup{ActivityID: 1, Resident: who, Status: linli.SignupConfirmed, PartySize: 1, CheckedIn: at, Group: "1期群"}
}

// TestRuleAttendance: per_activity points (default 5) for everyone
// checked in, once however often the activity is settled; nothing for a
// sign-up without check-in, a cancelled sign-up or a cancelled activity.
func TestRuleAttendance(t *testing.T) {
	for _, tt := range []struct {
		name  string
		rules linli.PointsConfig
		want  int
	}{
		{"default 5", linli.PointsConfig{}, 5},
		{"configured 8", linli.PointsConfig{PerActivity: intp(8)}, 8},
		{"turned off", linli.PointsConfig{PerActivity: intp(0)}, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(t, tt.rules)
			r.signups = []linli.Signup{checkedIn("张阿姨", t0), {ActivityID: 1, Resident: "王叔", Status: linli.SignupConfirmed},
				{ActivityID: 1, Resident: "李四", Status: linli.SignupCancelled, CheckedIn: t0}}
			r.settle(t)
			r.settle(t)
			if got := r.balance(t, "张阿姨"); got != tt.want {
				t.Errorf("checked in, settled twice: %d points, want %d (per_activity)", got, tt.want)
			}
			if r.balance(t, "王叔") != 0 || r.balance(t, "李四") != 0 {
				t.Errorf("not checked in / cancelled got points: %+v", r.ledger.Entries)
			}
		})
	}
	r := newRig(t, linli.PointsConfig{})
	r.act.Status = linli.ActivityCancelled
	r.signups = []linli.Signup{checkedIn("张阿姨", t0)}
	r.settle(t)
	if len(r.ledger.Entries) != 0 || len(r.sent) != 0 {
		t.Errorf("cancelled activity: entries %+v, messages %d; want none", r.ledger.Entries, len(r.sent))
	}
}

// TestRuleVolunteerHours: at a volunteer activity, hours run from the
// check-in (not before the start) to the 签退 or the end, rounded down to
// the half hour, and give per_volunteer_hour points per hour (default 2).
func TestRuleVolunteerHours(t *testing.T) {
	tests := []struct {
		name    string
		in, out time.Duration // from the start; out 0: no 签退
		perHour *int
		hours   float64
		points  int
	}{
		{"whole activity, no check-out: 2h × 2", -20 * time.Minute, 0, nil, 2, 4},
		{"came 30m late: 1.5h", 30 * time.Minute, 0, nil, 1.5, 3},
		{"left after 1h10m: 1h", 0, 70 * time.Minute, nil, 1, 2},
		{"3 points an hour", 0, 0, intp(3), 2, 6},
		{"left before 30m: 0h, no points", 0, 20 * time.Minute, nil, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(t, linli.PointsConfig{PerVolunteerHour: tt.perHour, PerActivity: intp(0)})
			r.act.Volunteer = true
			r.signups = []linli.Signup{checkedIn("张阿姨", t0.Add(tt.in))}
			if tt.out != 0 {
				if _, err := r.feedback.CheckOut(1, "张阿姨", t0.Add(tt.out)); err != nil {
					t.Fatal(err)
				}
			}
			r.settle(t)
			recs, _ := r.feedback.VolunteerRecords("张阿姨")
			if len(recs) != 1 || recs[0].Hours != tt.hours || !recs[0].Settled {
				t.Fatalf("records %+v, want %.1f hours settled", recs, tt.hours)
			}
			if got := r.balance(t, "张阿姨"); got != tt.points {
				t.Errorf("%.1fh: %d points, want %d (per_volunteer_hour)", tt.hours, got, tt.points)
			}
		})
	}
	r := newRig(t, linli.PointsConfig{})
	r.signups = []linli.Signup{checkedIn("张阿姨", t0)}
	r.settle(t)
	if recs, _ := r.feedback.VolunteerRecords(""); len(recs) != 0 {
		t.Errorf("an activity not marked 志愿:是 recorded hours: %+v", recs)
	}
}

// TestRuleReport: per_report points (default 2) for a resolved report,
// once; nothing for a duplicate.
func TestRuleReport(t *testing.T) {
	r := newRig(t, linli.PointsConfig{})
	rep := linli.Report{ID: 4, Reporter: "张阿姨", Status: linli.ReportResolved}
	for range 2 {
		if err := r.f.ReportResolved(rep, t0); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.f.ReportResolved(linli.Report{ID: 5, Reporter: "张阿姨", DuplicateOf: 4}, t0); err != nil {
		t.Fatal(err)
	}
	if got := r.balance(t, "张阿姨"); got != 2 {
		t.Errorf("one report resolved twice and a duplicate: %d points, want 2 (per_report default)", got)
	}
	r = newRig(t, linli.PointsConfig{PerReport: intp(7)})
	_ = r.f.ReportResolved(rep, t0)
	if got := r.balance(t, "张阿姨"); got != 7 {
		t.Errorf("per_report = 7: %d points", got)
	}
}

// TestRuleMonthlyCap: the rules' points stop at monthly_cap in a month (the
// entry says what was asked), staff grants are not capped, and the next
// month starts at zero.
func TestRuleMonthlyCap(t *testing.T) {
	r := newRig(t, linli.PointsConfig{MonthlyCap: 12})
	for i := range 4 { // 4 reports × 5 points = 20, capped at 12
		rep := linli.Report{ID: uint64(i + 1), Reporter: "张阿姨"}
		r.f.Config.Points.PerReport = intp(5)
		if err := r.f.ReportResolved(rep, t0); err != nil {
			t.Fatal(err)
		}
	}
	if got := r.balance(t, "张阿姨"); got != 12 {
		t.Fatalf("20 points asked in November with monthly_cap 12: %d", got)
	}
	last := r.ledger.Entries[len(r.ledger.Entries)-1]
	if last.Amount != 0 || last.Asked != 5 {
		t.Errorf("entry past the cap: %+v, want 0 given of 5 asked", last)
	}
	if !strings.Contains(entryLine(last, r.f.Config), "本月已达上限12分") {
		t.Errorf("the resident is not told of the cap: %q", entryLine(last, r.f.Config))
	}
	for _, c := range r.ledger.Caps {
		if c != 12 {
			t.Fatalf("AddPoints called with cap %d, want the configured 12", c)
		}
	}
	if err := r.f.ReportResolved(linli.Report{ID: 9, Reporter: "张阿姨"}, t0.AddDate(0, 1, 0)); err != nil {
		t.Fatal(err)
	}
	if got := r.balance(t, "张阿姨"); got != 17 {
		t.Errorf("December's first report: balance %d, want 17", got)
	}
}

// TestRuleCapAmount: what of a rule's points a capped month still gives.
func TestRuleCapAmount(t *testing.T) {
	for _, tt := range []struct{ asked, earned, limit, want int }{
		{5, 0, 0, 5}, {5, 100, 0, 5}, // no cap
		{5, 0, 10, 5}, {5, 7, 10, 3}, {5, 10, 10, 0}, {5, 12, 10, 0},
		{-5, 10, 10, -5}, // a deduction is never capped
	} {
		if got := linli.CapAmount(tt.asked, tt.earned, tt.limit); got != tt.want {
			t.Errorf("CapAmount(%d asked, %d earned, cap %d) = %d, want %d", tt.asked, tt.earned, tt.limit, got, tt.want)
		}
	}
}

// TestRuleStars: 邻里之星 posts in each group its top stars_top residents
// of the past month by points earned (redemptions do not lower it), without
// those who said 不参与排名; staff get everyone.
func TestRuleStars(t *testing.T) {
	r := newRig(t, linli.PointsConfig{StarsTop: 2})
	nov := t0
	add := func(who string, n int, kind string) {
		if _, _, err := r.ledger.AddPoints(linli.PointsEntry{Resident: who, Amount: n, Kind: kind, CreatedAt: nov}, 0); err != nil {
			t.Fatal(err)
		}
	}
	add("张阿姨", 10, linli.PointsAttend)
	add("张阿姨", -8, linli.PointsRedeem)
	add("王叔", 6, linli.PointsGrant)
	add("孙婶", 20, linli.PointsAttend)
	add("李四", 3, linli.PointsReport)
	add("赵叔", 1, linli.PointsSurvey)
	add("李社工", 30, linli.PointsAttend) // staff: never ranked
	if _, _, err := r.ledger.AddPoints(linli.PointsEntry{Resident: "王叔", Amount: 50, Kind: linli.PointsAttend, CreatedAt: nov.AddDate(0, -1, 0)}, 0); err != nil {
		t.Fatal(err)
	}
	_ = r.f.Points.SetRankingOptOut("孙婶", true)
	occurrence := time.Date(2026, 12, 1, 9, 0, 0, 0, cst)
	if err := r.f.runStars(linli.Job{ID: 3}, occurrence); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, o := range r.sent {
		got[o.To.Group] = o.Text
	}
	want1 := "【邻里之星】11月积分榜，感谢这些热心的邻居：\n1. 张阿姨 10分\n2. 王叔 6分\n"
	if !strings.HasPrefix(got["1期群"], want1) {
		t.Errorf("1期群:\n%s\nwant it to start\n%s", got["1期群"], want1)
	}
	if !strings.HasPrefix(got["2期群"], "【邻里之星】11月积分榜，感谢这些热心的邻居：\n1. 李四 3分\n2. 赵叔 1分\n") {
		t.Errorf("2期群:\n%s", got["2期群"])
	}
	if !strings.Contains(got["工作群"], "1. 孙婶 20分 · 1期群（不参与排名）") || !strings.Contains(got["工作群"], "5. 赵叔 1分") {
		t.Errorf("staff group gets the full ranking with the opt-outs marked:\n%s", got["工作群"])
	}
	if strings.Contains(got["工作群"], "李社工") {
		t.Errorf("staff ranked:\n%s", got["工作群"])
	}
	if strings.Contains(got["1期群"], "孙婶") {
		t.Errorf("an opted-out resident is named in the group")
	}
}

// TestParseStars: 1-5, 五星 and ★ are ratings; 6 is said but out of range.
func TestParseStars(t *testing.T) {
	for _, tt := range []struct {
		in    string
		stars int
		said  bool
	}{{"5", 5, true}, {"五星", 5, true}, {"3分", 3, true}, {"★★★★", 4, true}, {"6", 6, true}, {"很好", 0, false}, {"一", 1, true}} {
		if s, said := parseStars(tt.in); s != tt.stars || said != tt.said {
			t.Errorf("parseStars(%q) = %d, %v; want %d, %v", tt.in, s, said, tt.stars, tt.said)
		}
	}
}

// TestParseShelve: the fields of 上架 and the refusals of bad input.
func TestParseShelve(t *testing.T) {
	r, err := parseShelve("环保袋 积分:20 数量:10 说明:社区服务站领取")
	if err != nil || r.Name != "环保袋" || r.Cost != 20 || !r.Limited || r.Stock != 10 || r.Note != "社区服务站领取" {
		t.Fatalf("got %+v, %v", r, err)
	}
	if r, err := parseShelve("理发券 积分:30"); err != nil || r.Limited {
		t.Fatalf("no 数量: %+v %v, want unlimited", r, err)
	}
	for _, bad := range []string{"积分:20", "环保袋", "环保袋 积分:零", "环保袋 积分:0", "环保袋 积分:5 数量:0", "环保袋 积分:5 积分:6"} {
		if _, err := parseShelve(bad); linli.ErrorCode(err) != linli.EInvalid {
			t.Errorf("上架 %s: %v, want EInvalid", bad, err)
		}
	}
}

// TestRuleGrantSigns: a sign never flips 加积分/扣积分 — a minus (ASCII,
// full-width, the minus sign) is refused with nothing changed; 1 to
// maxGrant per command, the limit said.
func TestRuleGrantSigns(t *testing.T) {
	r := newRig(t, linli.PointsConfig{})
	run := func(h linli.HandlerFunc, args string) error {
		msg := linli.Message{Sender: "李社工", Role: linli.RoleStaff, Text: args}
		return h(context.Background(), &linli.Request{Msg: &msg, Args: args, Now: t0, Out: r.f.Out})
	}
	if err := run(r.f.grant, "张阿姨 10 奖励"); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		deduct bool
		args   string
	}{
		{true, "张阿姨 -5 负负"}, {false, "张阿姨 -5 负数"}, {false, "张阿姨 －3 全角负号"},
		{false, "张阿姨 −3 减号"}, {true, "张阿姨 - 5 空格"}, {false, fmt.Sprintf("张阿姨 %d 超过", maxGrant+1)},
		{false, "张阿姨 0 零"},
	} {
		h := r.f.grant
		if tt.deduct {
			h = r.f.deduct
		}
		err := run(h, tt.args)
		if linli.ErrorCode(err) != linli.EInvalid {
			t.Errorf("%q: err %v; want a refusal", tt.args, err)
			continue
		}
		msg := linli.ErrorMessage(err)
		if strings.Contains(tt.args, "超过") && !strings.Contains(msg, fmt.Sprintf("每条命令最多%d分", maxGrant)) {
			t.Errorf("%q: %q does not state the limit", tt.args, msg)
		}
		if strings.ContainsAny(tt.args, "-－−") && !strings.Contains(msg, "正数") {
			t.Errorf("%q: %q does not say to write a positive number", tt.args, msg)
		}
	}
	if got := r.balance(t, "张阿姨"); got != 10 {
		t.Errorf("balance %d after refused signed amounts; want 10", got)
	}
	if err := run(r.f.grant, fmt.Sprintf("张阿姨 +%d 上限", maxGrant)); err != nil {
		t.Errorf("+%d: %v", maxGrant, err)
	}
	if err := run(r.f.deduct, "张阿姨 5 扣"); err != nil {
		t.Fatal(err)
	}
	if got := r.balance(t, "张阿姨"); got != 10+maxGrant-5 {
		t.Errorf("balance %d; want %d", got, 10+maxGrant-5)
	}
	if !strings.Contains(textGrantUsage, fmt.Sprint(maxGrant)) || !strings.Contains(textDeductUsage, fmt.Sprint(maxGrant)) {
		t.Error("the usage does not state the per-command limit")
	}
}

// TestRuleRedeemForms: 兑换 N takes one item; a count after the number
// reserves nothing and says one at a time; a signed number is answered,
// even said in passing.
func TestRuleRedeemForms(t *testing.T) {
	for _, tt := range []struct {
		args      string
		addressed bool
		want      string // in the error; "" for ErrNotCommand
	}{
		{"2 2", false, "一次兑换一件"}, {"2 两件", true, "一次兑换一件"}, {"2 -3", true, "一次兑换一件"},
		{"-1", false, "正数"}, {"－1", true, "正数"}, {"什么好呢", false, ""},
	} {
		r := newRig(t, linli.PointsConfig{})
		msg := linli.Message{Sender: "张阿姨", Role: linli.RoleResident, Group: "1期群", Addressed: tt.addressed}
		err := r.f.redeem(context.Background(), &linli.Request{Msg: &msg, Args: tt.args, Now: t0, Out: r.f.Out})
		switch {
		case tt.want == "" && err != linli.ErrNotCommand:
			t.Errorf("兑换 %s: %v; want no reply (chatter)", tt.args, err)
		case tt.want != "" && !strings.Contains(linli.ErrorMessage(err), tt.want):
			t.Errorf("兑换 %s: %v; want %q", tt.args, err, tt.want)
		}
	}
}

// TestRuleGrantSameName: points go to one person, so a name two residents
// answer to is never resolved by picking one — staff are asked, shown
// privately how to write each one (户号 名字, or the stored name in 「」) —
// and in a group the question names no 户号.
func TestRuleGrantSameName(t *testing.T) {
	r := newRig(t, linli.PointsConfig{})
	store := r.f.Residents
	for name, hh := range map[string]string{"张阿姨": "", "3-502 张阿姨": "3栋502", "张阿姨(2)": "5栋101", "3-201 李姐": "3栋201", "李姐": "7栋301"} {
		if _, err := store.UpdateResident(name, func(x *linli.Resident) error { x.Household = hh; return nil }); err != nil {
			t.Fatal(err)
		}
	}
	run := func(group, args string) error {
		msg := linli.Message{Group: group, Sender: "李社工", Role: linli.RoleStaff, Text: args}
		return r.f.grant(context.Background(), &linli.Request{Msg: &msg, Args: args, Now: t0, Out: r.f.Out})
	}
	for _, args := range []string{"张阿姨 10 帮忙", "李姐 5 帮忙"} {
		err := run("", args)
		if linli.ErrorCode(err) != linli.EInvalid {
			t.Fatalf("%q: err %v; want a question which one", args, err)
		}
		if msg := linli.ErrorMessage(err); !strings.Contains(msg, "位居民叫") || !strings.Contains(msg, "写") {
			t.Errorf("%q: %q", args, msg)
		}
	}
	msg := linli.ErrorMessage(run("", "张阿姨 10 帮忙"))
	for _, want := range []string{"有3位居民叫", "3栋502 张阿姨", "5栋101 张阿姨", "「张阿姨」", "未登记户号"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the private question %q does not say %q", msg, want)
		}
	}
	// In the staff group (not a residents' group) the 户号 go privately.
	r.sent = nil
	err := run("工作群", "张阿姨 10 帮忙")
	if linli.ErrorCode(err) != linli.EInvalid || strings.Contains(linli.ErrorMessage(err), "栋") {
		t.Errorf("in a group: err %v %q; want a question naming no 户号", err, linli.ErrorMessage(err))
	}
	if len(r.sent) != 1 || r.sent[0].To != (linli.Chat{User: "李社工"}) || !strings.Contains(r.sent[0].Text, "5栋101") {
		t.Errorf("in a group: sent %+v; want the 户号 to the sender privately", r.sent)
	}
	for _, name := range []string{"张阿姨", "3-502 张阿姨", "张阿姨(2)", "3-201 李姐", "李姐"} {
		if got := r.balance(t, name); got != 0 {
			t.Errorf("%s has %d points after an ambiguous grant", name, got)
		}
	}
	for _, tt := range []struct{ args, who string }{
		{"张阿姨(2) 10 帮忙", "张阿姨(2)"},
		{"「张阿姨」 15 帮忙", "张阿姨"},
		{"3栋502 张阿姨 20 帮忙", "3-502 张阿姨"},
		{"5-101 张阿姨 30 帮忙", "张阿姨(2)"},
		{"3-201 李姐 40 帮忙", "3-201 李姐"},
		{"7栋301 李姐 50 帮忙", "李姐"},
		{"王叔 1 帮忙", "王叔"},
	} {
		before := r.balance(t, tt.who)
		if err := run("", tt.args); err != nil {
			t.Errorf("%q: %v", tt.args, err)
			continue
		}
		if got := r.balance(t, tt.who) - before; got == 0 {
			t.Errorf("%q: %s got nothing", tt.args, tt.who)
		}
	}
	if err := run("", "9栋101 张阿姨 10 帮忙"); linli.ErrorCode(err) != linli.ENotFound {
		t.Errorf("a 户号 nobody of that name lives in: err %v; want not found", err)
	}
	if err := run("", "「张」 10 帮忙"); linli.ErrorCode(err) != linli.ENotFound {
		t.Errorf("a quoted name nobody has: err %v; want not found", err)
	}
}
