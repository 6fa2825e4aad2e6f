package notice

import (
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"linli"
	"linli/mock"
)

var rulesT0 = time.Date(2026, 11, 23, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))

// noticeWorld is the notice family on fakes at a clock set to now: a
// Sender that records what is sent, a Scheduler that records jobs, and one
// digest section that always has a line.
type noticeWorld struct {
	fam  *Family
	sent []linli.Outgoing
	jobs []linli.Job
}

func newNoticeWorld(t *testing.T, now time.Time, digest linli.DigestConfig) *noticeWorld {
	t.Helper()
	cfg := &linli.Config{Groups: []string{"幸福里1期居民群", "幸福里2期居民群"}, StaffGroup: "幸福里工作群",
		Staff: []linli.StaffEntry{{Name: "李社工", Role: "staff"}}, Digest: digest}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	w := &noticeWorld{}
	w.fam = New(Deps{Config: cfg, Clock: &mock.Clock{NowFn: func() time.Time { return now }},
		Out: &mock.Sender{SendFn: func(o linli.Outgoing) error {
			w.sent = append(w.sent, o)
			return nil
		}},
		Scheduler: &mock.Scheduler{
			NextFn:     func(spec string, after time.Time) (time.Time, error) { return after.Add(time.Hour), nil },
			JobsFn:     func(string) ([]linli.Job, error) { return nil, nil },
			ScheduleFn: func(j linli.Job) (linli.Job, error) { w.jobs = append(w.jobs, j); return j, nil },
			CancelFn:   func(string) error { return nil },
		},
		Digest: []linli.DigestSource{&mock.DigestSource{DigestSectionFn: func(time.Time) (string, []string, error) {
			return "随手拍", []string{"新上报 1 条"}, nil
		}}},
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	return w
}

// TestRuleNoticeStaleAfter: a scheduled notice that fires late (after
// downtime) still goes out up to 3 hours after its time (noticeStaleAfter);
// later it is skipped and its owner told.
func TestRuleNoticeStaleAfter(t *testing.T) {
	payload, _ := json.Marshal(linli.NoticePayload{Text: "明天上午停水", Owner: "李社工"})
	job := linli.Job{ID: 1, Number: 5, Kind: linli.JobNotice, Payload: payload, At: rulesT0}
	for _, tt := range []struct {
		name string
		late time.Duration
		sent bool
	}{
		{"3 hours late minus a minute", 3*time.Hour - time.Minute, true},
		{"exactly 3 hours late", 3 * time.Hour, true},
		{"3 hours late plus a minute", 3*time.Hour + time.Minute, false},
	} {
		w := newNoticeWorld(t, rulesT0.Add(tt.late), linli.DigestConfig{})
		if err := w.fam.runNotice(job, rulesT0); err != nil {
			t.Fatal(err)
		}
		var groups int
		var owner string
		for _, o := range w.sent {
			if o.To.Group != "" && o.Text == "明天上午停水" {
				groups++
			}
			if o.To.User == "李社工" {
				owner = o.Text
			}
		}
		stale := owner == textNoticeStale(5, "11月23日(周一) 09:00")
		if sent := groups == 2; sent != tt.sent || stale == tt.sent {
			t.Errorf("scheduled notice stale after 3 h (noticeStaleAfter): %s: sent to %d groups, owner told %q; want sent %v",
				tt.name, groups, owner, tt.sent)
		}
	}
}

// TestRuleDigestStaleAfter: the daily digest still goes out up to 12 hours
// after its time (digestStaleAfter), so a restart after days off sends one,
// not one per missed day.
func TestRuleDigestStaleAfter(t *testing.T) {
	job := linli.Job{ID: 2, Kind: linli.JobDigest, Key: linli.DigestJobKey}
	for _, tt := range []struct {
		name string
		late time.Duration
		sent bool
	}{
		{"12 hours late minus a minute", 12*time.Hour - time.Minute, true},
		{"exactly 12 hours late", 12 * time.Hour, true},
		{"12 hours late plus a minute", 12*time.Hour + time.Minute, false},
	} {
		w := newNoticeWorld(t, rulesT0.Add(tt.late), linli.DigestConfig{Enabled: true})
		if err := w.fam.runDigest(job, rulesT0); err != nil {
			t.Fatal(err)
		}
		sent := len(w.sent) == 1 && w.sent[0].To.Group == "幸福里工作群" && strings.Contains(w.sent[0].Text, "新上报 1 条")
		if sent != tt.sent || (!sent && len(w.sent) != 0) {
			t.Errorf("daily digest stale after 12 h (digestStaleAfter): %s: sent %+v; want sent %v", tt.name, w.sent, tt.sent)
		}
	}
}

// TestRuleDigestDefaultTime: without [digest] at, the daily digest is
// scheduled every day at 17:30 (defaultDigestAt).
func TestRuleDigestDefaultTime(t *testing.T) {
	w := newNoticeWorld(t, rulesT0, linli.DigestConfig{Enabled: true})
	if err := w.fam.SyncConfigNotices(); err != nil {
		t.Fatal(err)
	}
	if len(w.jobs) != 1 || w.jobs[0].Key != linli.DigestJobKey || w.jobs[0].Spec != "30 17 * * *" {
		t.Fatalf("daily digest default time (17:30, defaultDigestAt): scheduled %+v, want one digest job at 30 17 * * *", w.jobs)
	}
}

// TestRuleNoticeMinRepeat: a recurring 定时通知 may reach one group at most
// once an hour (noticeMinRepeat), alone or together with another recurring
// notice to the same group. The fake calendar reads a spec "every 59m" as a
// period, or "daily 08:30" as a time of day.
func TestRuleNoticeMinRepeat(t *testing.T) {
	next := func(spec string, after time.Time) (time.Time, error) {
		if d, ok := strings.CutPrefix(spec, "every "); ok {
			p, err := time.ParseDuration(d)
			return after.Truncate(p).Add(p), err
		}
		hm, _ := time.Parse("15:04", strings.TrimPrefix(spec, "daily "))
		day := time.Date(after.Year(), after.Month(), after.Day(), hm.Hour(), hm.Minute(), 0, 0, after.Location())
		if !day.After(after) {
			day = day.AddDate(0, 0, 1)
		}
		return day, nil
	}
	existing := linli.Job{ID: 7, Number: 1, Kind: linli.JobNotice, Spec: "daily 08:00",
		Payload: json.RawMessage(`{"groups":["幸福里1期居民群"],"text":"早上好"}`)}
	for _, tt := range []struct {
		name   string
		spec   string
		groups []string
		ok     bool
	}{
		{"every 59 minutes", "every 59m", []string{"幸福里2期居民群"}, false},
		{"every hour", "every 1h", []string{"幸福里2期居民群"}, true},
		{"59 minutes after another notice to the group", "daily 08:59", []string{"幸福里1期居民群"}, false},
		{"an hour after another notice to the group", "daily 09:00", []string{"幸福里1期居民群"}, true},
		{"59 minutes after, to all groups", "daily 08:59", nil, false},
		{"59 minutes after, to another group", "daily 08:59", []string{"幸福里2期居民群"}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newNoticeWorld(t, rulesT0, linli.DigestConfig{})
			s := w.fam.Scheduler.(*mock.Scheduler)
			s.NextFn = next
			s.JobsFn = func(string) ([]linli.Job, error) { return []linli.Job{existing}, nil }
			err := w.fam.checkRepeat(tt.spec, tt.groups, rulesT0)
			if (err == nil) != tt.ok {
				t.Fatalf("checkRepeat(%q, %v) = %v, want ok %v (once an hour per group, noticeMinRepeat)", tt.spec, tt.groups, err, tt.ok)
			}
			if err != nil && linli.ErrorCode(err) != linli.EInvalid {
				t.Fatalf("refusal is not a user error: %v", err)
			}
		})
	}
}
