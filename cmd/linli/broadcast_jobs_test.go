package main

import (
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"linli"
)

func at(t *testing.T, cfg *linli.Config, s string) time.Time {
	t.Helper()
	tm, err := time.ParseInLocation("2006-01-02 15:04", s, cfg.Location)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

// fakeSection is a digest source that records when it was asked.
type fakeSection struct {
	title string
	lines []string
	err   error
	asked []time.Time
}

func (f *fakeSection) DigestSection(now time.Time) (string, []string, error) {
	f.asked = append(f.asked, now)
	return f.title, f.lines, f.err
}

func TestDigestBusyDay(t *testing.T) {
	cfg := loadTestConfig(t, "testdata/broadcast30.toml")
	for i := range cfg.Notices {
		cfg.Notices[i].Enabled = false // only the digest here
	}
	c := startConsole(t, cfg, filepath.Join(t.TempDir(), "t.db"), scriptStart(t, cfg))
	reports := &fakeSection{title: "新上报和超时上报", lines: []string{
		"#12 3栋门口路灯不亮（设施维修，第一网格，今天 10:15 上报）",
		"#9 5栋楼道堆放杂物（安全隐患，已超时2小时，刘网格）",
	}}
	activities := &fakeSection{title: "今日活动", lines: []string{"14:00 社区健康讲座 · 社区活动室 · 已报名 23/30，候补 2"}}
	polls := &fakeSection{title: "一天内截止的投票", lines: []string{"", "  "}}
	broken := &fakeSection{title: "坏掉的部分", err: errors.New("database closed")}
	for _, s := range []linli.DigestSource{reports, polls, broken, activities} {
		c.app.notice.AddDigestSource(s)
	}
	c.con.AdvanceTo(at(t, cfg, "2026-11-23 18:00"))
	c.con.Flush()

	want := "[阳光工作群] 【每日简报】阳光社区 11月23日(周一) 17:30\n" +
		"一、新上报和超时上报\n" +
		"· #12 3栋门口路灯不亮（设施维修，第一网格，今天 10:15 上报）\n" +
		"· #9 5栋楼道堆放杂物（安全隐患，已超时2小时，刘网格）\n" +
		"二、今日活动\n" +
		"· 14:00 社区健康讲座 · 社区活动室 · 已报名 23/30，候补 2\n" +
		"（部分内容读取失败，已记入日志）"
	got := c.plat.lines()
	if len(got) != 1 || got[0] != want {
		t.Fatalf("digest day sent:\n%s\nwant:\n%s", strings.Join(got, "\n---\n"), want)
	}
	if len(reports.asked) != 1 || !reports.asked[0].Equal(at(t, cfg, "2026-11-23 17:30")) ||
		reports.asked[0].Location().String() != cfg.Location.String() {
		t.Errorf("source asked at %v, want once at 17:30 in %s", reports.asked, cfg.Location)
	}
	if c.plat.at[0].Sub(at(t, cfg, "2026-11-23 17:30")) > time.Minute {
		t.Errorf("digest delivered at %s, want just after 17:30", c.plat.at[0])
	}

	// The next day at 17:30 again; 日报 gives it now, privately.
	c.con.AdvanceTo(at(t, cfg, "2026-11-24 17:31"))
	c.con.Flush()
	if n := len(c.plat.sent); n != 2 || c.plat.sent[1].To.Group != "阳光工作群" {
		t.Errorf("second day: %q", c.plat.lines())
	}
	c.say("阳光工作群", "李社工", "日报")
	c.con.Flush()
	if last := c.plat.lines()[len(c.plat.sent)-1]; !strings.HasPrefix(last, "[私聊 李社工] 【每日简报】阳光社区 11月24日(周二) 17:31\n一、新上报和超时上报") {
		t.Errorf("日报 answered %q", last)
	}
}

func TestDigestEmptyDaySendsNothing(t *testing.T) {
	cfg := loadTestConfig(t, "testdata/broadcast30.toml")
	cfg.Notices = nil
	c := startConsole(t, cfg, filepath.Join(t.TempDir(), "t.db"), scriptStart(t, cfg))
	empty := &fakeSection{title: "今日活动"}
	c.app.notice.AddDigestSource(empty)
	c.con.AdvanceTo(at(t, cfg, "2026-11-23 18:00"))
	c.con.Flush()
	if len(empty.asked) != 1 {
		t.Errorf("source asked %d times, want 1", len(empty.asked))
	}
	if len(c.plat.sent) != 0 {
		t.Fatalf("an empty day sent %q", c.plat.lines())
	}
	c.say("", "赵主任", "日报")
	c.con.Flush()
	if got := c.plat.lines(); len(got) != 1 || !strings.Contains(got[0], "今天暂无需要关注的事项") {
		t.Errorf("日报 on an empty day answered %q", got)
	}
}

func TestDigestWithoutStaffGroupGoesToEachStaff(t *testing.T) {
	cfg := loadTestConfig(t, "testdata/broadcast30.toml")
	cfg.Notices, cfg.StaffGroup = nil, ""
	c := startConsole(t, cfg, filepath.Join(t.TempDir(), "t.db"), scriptStart(t, cfg))
	c.app.notice.AddDigestSource(&fakeSection{title: "今日活动", lines: []string{"14:00 讲座"}})
	c.con.AdvanceTo(at(t, cfg, "2026-11-23 18:00"))
	c.con.Flush()
	got := c.plat.lines()
	if len(got) != 2 || !strings.HasPrefix(got[0], "[私聊 李社工] 【每日简报】") || !strings.HasPrefix(got[1], "[私聊 赵主任] 【每日简报】") {
		t.Errorf("sent %q, want the digest to 李社工 and 赵主任 privately", got)
	}
}

// Configured notices are scheduled at start-up, fire at their times, keep
// their missed occurrence across a restart, and follow config changes.
func TestConfigNoticesFollowConfig(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	cfg := loadTestConfig(t, "testdata/broadcast30.toml")
	c := startConsole(t, cfg, db, at(t, cfg, "2026-11-23 09:00"))
	jobs, err := c.app.sched.Jobs(linli.JobNotice)
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs) != 1 || jobs[0].Key != "config-notice:每日安全提醒" || !jobs[0].Next.Equal(at(t, cfg, "2026-11-24 08:00")) {
		t.Fatalf("jobs after start = %+v, want only the enabled notice, next at 11-24 08:00", jobs)
	}
	c.con.AdvanceTo(at(t, cfg, "2026-11-24 08:10"))
	c.con.Flush()
	want := "[阳光01群] 【安全提醒】天干物燥，小心火烛。电动车请勿进楼道充电。|[阳光02群] 【安全提醒】天干物燥，小心火烛。电动车请勿进楼道充电。"
	if got := strings.Join(c.plat.lines(), "|"); got != want {
		t.Fatalf("at 08:00 sent %q, want %q", got, want)
	}
	if d := c.plat.at[0].Sub(at(t, cfg, "2026-11-24 08:00")); d < 0 || d > 10*time.Second {
		t.Errorf("first send at %s, want just after 08:00", c.plat.at[0])
	}
	c.app.Close()

	// Down over the next 08:00; the same config on restart keeps the job, so
	// the missed occurrence still goes (once).
	c = startConsole(t, cfg, db, at(t, cfg, "2026-11-25 09:30"))
	c.con.AdvanceTo(at(t, cfg, "2026-11-25 09:40"))
	c.con.Flush()
	if got := len(c.plat.sent); got != 2 {
		t.Fatalf("after restart sent %q, want the missed 08:00 notice to 2 groups", c.plat.lines())
	}
	c.app.Close()

	// Changed text replaces the job; disabled cancels it; digest off cancels it.
	cfg.Notices[0].Text = "新的提醒"
	c = startConsole(t, cfg, db, at(t, cfg, "2026-11-25 10:00"))
	jobs, _ = c.app.sched.Jobs(linli.JobNotice)
	if len(jobs) != 1 || !strings.Contains(string(jobs[0].Payload), "新的提醒") {
		t.Fatalf("after a text change jobs = %+v", jobs)
	}
	c.app.Close()
	cfg.Notices[0].Enabled, cfg.Digest.Enabled = false, false
	c = startConsole(t, cfg, db, at(t, cfg, "2026-11-25 10:00"))
	if jobs, _ = c.app.sched.Jobs(""); len(jobs) != 0 {
		t.Fatalf("with the notice disabled and the digest off, jobs = %+v", jobs)
	}
}

func TestConfigNoticeBadCronStopsStart(t *testing.T) {
	cfg := loadTestConfig(t, "testdata/broadcast30.toml")
	cfg.Notices[0].Cron = "每月第一个周六9点"
	_, err := newApp(cfg, linli.NewSimClock(scriptStart(t, cfg)), slog.New(slog.NewTextHandler(io.Discard, nil)),
		appOptions{dbPath: filepath.Join(t.TempDir(), "t.db")})
	if err == nil || !strings.Contains(err.Error(), "每日安全提醒") {
		t.Fatalf("newApp with a bad cron: err = %v, want one naming the notice", err)
	}
}
