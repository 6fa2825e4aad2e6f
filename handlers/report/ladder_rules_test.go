package report

import (
	"slices"
	"strings"
	"testing"
	"time"

	"linli"
)

// Rules of the SLA ladder (report_sla.go, [ladder] in the config): when
// each step falls, who it tells, what it says about the deadline, that a
// step passed over while the bot was down is merged into the current one,
// and that the supervisor is reminded every day once the ladder is done.

// ladderWorld is a reportWorld whose config has ladder (nil: the default)
// and report 1, 设施维修 (48 h) by 张阿姨, made at rulesT0.
func ladderWorld(t *testing.T, ladder *linli.LadderConfig) *reportWorld {
	t.Helper()
	w := newReportWorld(t)
	if ladder != nil {
		w.cfg.Ladder = *ladder
		if err := w.cfg.Validate(); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.command(w.msg(rulesGroup, "张阿姨", "随手拍 3号楼门口路灯不亮", true), "随手拍", "3号楼门口路灯不亮"); err != nil {
		t.Fatal(err)
	}
	w.sent = nil
	return w
}

// fire runs the job under key as the scheduler would at the clock's time.
func (w *reportWorld) fire(key string) {
	w.t.Helper()
	j, ok := w.jobs[key]
	if !ok {
		w.t.Fatalf("no job %s (jobs: %v)", key, slices.Sorted(func(yield func(string) bool) {
			for k := range w.jobs {
				if !yield(k) {
					return
				}
			}
		}))
	}
	delete(w.jobs, key) // a one-off job is gone once run (unless it rescheduled itself)
	if err := w.fam.runReportSLA(j, j.At); err != nil {
		w.t.Fatal(err)
	}
}

// TestRuleLadderDefaultSteps: without [ladder] the steps are 80% → the
// assignee, 100% → the supervisor, 200% → the staff group
// (linli.DefaultLadder); each message says the deadline and how late.
func TestRuleLadderDefaultSteps(t *testing.T) {
	w := ladderWorld(t, nil)
	for _, tt := range []struct {
		stage int
		after time.Duration
		to    linli.Chat
		says  string
	}{
		{1, 48 * time.Hour * 80 / 100, linli.Chat{User: "王网格"}, "将在11月25日(周三) 09:00到期（还剩9小时36分钟）"},
		{2, 48 * time.Hour, linli.Chat{User: "赵主任"}, "已到时限（11月25日(周三) 09:00）"},
		{3, 96 * time.Hour, linli.Chat{Group: "幸福里工作群"}, "时限11月25日(周三) 09:00，已超时2天"},
	} {
		j, ok := w.jobs[slaKey(1, tt.stage)]
		if !ok || j.At.Sub(rulesT0) != tt.after {
			t.Fatalf("step %d: job %v at %v after the report, want %v", tt.stage, ok, j.At.Sub(rulesT0), tt.after)
		}
		w.now = j.At
		w.fire(slaKey(1, tt.stage))
		if len(w.sent) != 1 || w.sent[0].To != tt.to || !strings.Contains(w.sent[0].Text, tt.says) {
			t.Errorf("step %d sent %+v; want one message to %v saying %q", tt.stage, w.sent, tt.to, tt.says)
		}
		w.sent = nil
	}
}

// TestRuleLadderPerCategory: [ladder.categories] replaces the steps of a
// category; percents are of that category's SLA.
func TestRuleLadderPerCategory(t *testing.T) {
	w := ladderWorld(t, &linli.LadderConfig{Categories: map[string][]string{
		"设施维修": {"50% 网格员", "100% 主任", "150% 工作群", "300% 上级"}}, Higher: "街道刘科长"})
	for stage, after := range map[int]time.Duration{1: 24 * time.Hour, 2: 48 * time.Hour, 3: 72 * time.Hour, 4: 144 * time.Hour} {
		if j, ok := w.jobs[slaKey(1, stage)]; !ok || j.At.Sub(rulesT0) != after {
			t.Errorf("step %d: job %v at %v, want %v after the report", stage, ok, j.At.Sub(rulesT0), after)
		}
	}
	var alerted []string // the [alert] webhook
	w.fam.Alert = func(text string) { alerted = append(alerted, text) }
	w.now = rulesT0.Add(144 * time.Hour)
	for stage := 1; stage <= 4; stage++ {
		w.fire(slaKey(1, stage))
	}
	if len(alerted) != 1 || !strings.Contains(alerted[0], "已超时4天") || strings.Contains(alerted[0], "张阿姨") {
		t.Errorf("webhook got %q; want one alert, 已超时4天, without the reporter", alerted)
	}
	// All four were due at once (the clock is past them): everyone each
	// step would have reached is told once, 已超时4天.
	var to []string
	for _, o := range w.sent {
		to = append(to, o.To.User+o.To.Group)
		if !strings.Contains(o.Text, "已超时4天") {
			t.Errorf("merged step to %v says %q; want 已超时4天", o.To, o.Text)
		}
	}
	if want := []string{"王网格", "赵主任", "幸福里工作群", "街道刘科长"}; !slices.Equal(to, want) {
		t.Errorf("merged steps went to %v; want %v, once each", to, want)
	}
}

// TestRuleLadderMergesAfterDowntime: a step job that runs when later steps
// are due too tells everyone the passed steps would have reached, once
// each, with how late it is now (no "将在…到期"); the passed steps are in
// the history, and their own jobs send nothing.
func TestRuleLadderMergesAfterDowntime(t *testing.T) {
	w := ladderWorld(t, nil)
	w.now = rulesT0.Add(50 * time.Hour) // down from before 80% until after the deadline
	w.fire(slaKey(1, 1))
	if len(w.sent) != 2 || w.sent[0].To.User != "王网格" || w.sent[1].To.User != "赵主任" ||
		!strings.Contains(w.sent[0].Text, "已超时2小时") || !strings.Contains(w.sent[1].Text, "已超时2小时") {
		t.Fatalf("after downtime sent %+v; want the worker's and the supervisor's, each once, 已超时2小时", w.sent)
	}
	w.sent = nil
	w.fire(slaKey(1, 2))
	if len(w.sent) != 0 {
		t.Errorf("the merged step's own job sent %+v", w.sent)
	}
	r := w.reports[1]
	var actions []string
	for _, e := range r.History {
		actions = append(actions, e.Action+":"+e.Note)
	}
	if r.Stage != 2 || !slices.Contains(actions, "reminded:"+textReportStepMerged) {
		t.Errorf("stage %d, history %v; want stage 2 with the reminder noted as merged", r.Stage, actions)
	}
}

// TestRuleLadderDaily: once the last step is done the supervisor is told
// every day at [ladder] daily (default 09:00) until the report is closed;
// "off" stops it.
func TestRuleLadderDaily(t *testing.T) {
	w := ladderWorld(t, nil)
	w.now = rulesT0.Add(96 * time.Hour) // 11-27 09:00: the staff step
	w.fire(slaKey(1, 3))
	j, ok := w.jobs[slaDailyKey(1)]
	if want := time.Date(2026, 11, 28, 9, 0, 0, 0, w.cfg.Location); !ok || !j.At.Equal(want) {
		t.Fatalf("daily job %v at %v; want the next 09:00 (%v)", ok, j.At, want)
	}
	w.sent = nil
	w.now = j.At
	w.fire(slaDailyKey(1))
	if len(w.sent) != 1 || w.sent[0].To.User != "赵主任" || !strings.Contains(w.sent[0].Text, "已超时3天") {
		t.Errorf("daily sent %+v; want the supervisor, 已超时3天", w.sent)
	}
	if j2, ok := w.jobs[slaDailyKey(1)]; !ok || j2.At.Sub(j.At) != 24*time.Hour {
		t.Errorf("next daily %v at %v; want a day later", ok, j2.At)
	}
	// Closed: the daily job sends nothing and stops.
	w.sent = nil
	w.reports[1].Status = linli.ReportResolved
	w.now = w.now.Add(24 * time.Hour)
	w.fire(slaDailyKey(1))
	if _, again := w.jobs[slaDailyKey(1)]; len(w.sent) != 0 || again {
		t.Errorf("daily on a resolved report: sent %+v, rescheduled %v", w.sent, again)
	}

	off := ladderWorld(t, &linli.LadderConfig{Daily: "off"})
	off.now = rulesT0.Add(96 * time.Hour)
	for stage := 1; stage <= 3; stage++ {
		off.fire(slaKey(1, stage))
	}
	if _, ok := off.jobs[slaDailyKey(1)]; ok {
		t.Errorf("daily = \"off\" still schedules a daily reminder")
	}
}

// TestRuleLadderConfig: bad [ladder] values are refused by name.
func TestRuleLadderConfig(t *testing.T) {
	for _, tt := range []struct {
		l    linli.LadderConfig
		want string
	}{
		{linli.LadderConfig{Steps: []string{"80% 网格员", "50% 主任"}}, "应大于前一步"},
		{linli.LadderConfig{Steps: []string{"80 网格员"}}, "百分比% 对象"},
		{linli.LadderConfig{Steps: []string{"80% 居委会"}}, "对象应是"},
		{linli.LadderConfig{Steps: []string{"80% 上级"}}, "higher"},
		{linli.LadderConfig{Daily: "9点"}, "daily"},
		{linli.LadderConfig{Categories: map[string][]string{"乱扔": {"80% 网格员"}}}, "类别"},
	} {
		cfg := *newReportWorld(t).cfg
		cfg.Ladder = tt.l
		if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ladder %+v: %v; want an error saying %q", tt.l, err, tt.want)
		}
	}
}

// TestRuleLadderQuietHours: with [ladder] quiet, a step that falls in the
// quiet hours sends nothing then and runs when they end (with a message
// true at that moment); a 安全隐患 report is never held back; without
// quiet (the default) the step runs when it falls.
func TestRuleLadderQuietHours(t *testing.T) {
	// Step 1 of report 1 falls at 80% of 48 h after rulesT0: 23:24 the next day.
	w := ladderWorld(t, &linli.LadderConfig{Quiet: "22:00-07:00"})
	j := w.jobs[slaKey(1, 1)]
	if h := j.At.In(w.cfg.Location).Hour(); h != 23 {
		t.Fatalf("step 1 falls at %v; the test wants it in the quiet hours", j.At.In(w.cfg.Location))
	}
	w.now = j.At
	w.fire(slaKey(1, 1))
	if len(w.sent) != 0 {
		t.Errorf("a step in the quiet hours sent %+v", w.sent)
	}
	again, ok := w.jobs[slaKey(1, 1)]
	if l := again.At.In(w.cfg.Location); !ok || l.Hour() != 7 || l.Minute() != 0 || !again.At.After(j.At) {
		t.Fatalf("step 1 after the quiet hours: job %v at %v; want the next 07:00", ok, l)
	}
	w.now = again.At
	w.fire(slaKey(1, 1))
	if len(w.sent) != 1 || w.sent[0].To.User != "王网格" || !strings.Contains(w.sent[0].Text, "还剩2小时") {
		t.Errorf("at 07:00 sent %+v; want the worker told, 还剩2小时", w.sent)
	}

	// A 安全隐患 report is not held back.
	w = ladderWorld(t, &linli.LadderConfig{Quiet: "22:00-07:00"})
	if _, _, err := w.fam.Reports.UpdateReport(1, func(r *linli.Report, _ []*linli.Report) error { r.Category = emergencyCategory; return nil }); err != nil {
		t.Fatal(err)
	}
	w.now = j.At
	w.fire(slaKey(1, 1))
	if len(w.sent) == 0 {
		t.Error("a 安全隐患 step in the quiet hours was held back")
	}

	// Without quiet hours the step runs at 23:24.
	w = ladderWorld(t, nil)
	w.now = j.At
	w.fire(slaKey(1, 1))
	if len(w.sent) != 1 {
		t.Errorf("without quiet hours the step sent %+v", w.sent)
	}
}

func TestQuietEndConfig(t *testing.T) {
	for _, q := range []string{"22:00", "25:00-07:00", "07:00-07:00", "晚上"} {
		c := &linli.Config{Groups: []string{"居民群"}, Ladder: linli.LadderConfig{Quiet: q}}
		if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "quiet") {
			t.Errorf("quiet %q: err %v; want a refusal naming quiet", q, err)
		}
	}
	for _, q := range []string{"", "22:00-07:00", "22:30～6:30", "23:00到07:00"} {
		c := &linli.Config{Groups: []string{"居民群"}, Ladder: linli.LadderConfig{Quiet: q}}
		if err := c.Validate(); err != nil {
			t.Errorf("quiet %q: %v", q, err)
		}
	}
}
