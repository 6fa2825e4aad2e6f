package scheduler

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"linli"
)

func TestScheduleRejects(t *testing.T) {
	tests := []struct {
		name     string
		job      linli.Job
		code     string
		contains []string
	}{
		{"four fields", linli.Job{Kind: "k", Spec: "0 8 * *"}, linli.EInvalid, []string{"0 8 * *", specExample}},
		{"minute out of range", linli.Job{Kind: "k", Spec: "61 8 * * *"}, linli.EInvalid, []string{"61 8 * * *", specExample}},
		{"unknown descriptor", linli.Job{Kind: "k", Spec: "@fortnightly"}, linli.EInvalid, []string{"@fortnightly", specExample}},
		{"words", linli.Job{Kind: "k", Spec: "每周一8点"}, linli.EInvalid, []string{"每周一8点", specExample}},
		{"zone without body", linli.Job{Kind: "k", Spec: "TZ=Asia/Shanghai"}, linli.EInvalid, []string{"TZ=Asia/Shanghai", specExample}},
		{"double zone", linli.Job{Kind: "k", Spec: "CRON_TZ=UTC TZ=UTC"}, linli.EInvalid, []string{specExample}},
		{"unknown zone", linli.Job{Kind: "k", Spec: "CRON_TZ=Mars/Base 0 8 * * *"}, linli.EInvalid, []string{"Mars/Base", "例如"}},
		{"never fires", linli.Job{Kind: "k", Spec: "0 0 30 2 *"}, linli.EInvalid, []string{"0 0 30 2 *", "永远不会"}},
		{"too frequent", linli.Job{Kind: "k", Spec: "@every 10s"}, linli.EInvalid, []string{"@every 10s", "1 分钟"}},
		{"past one-off", linli.Job{Kind: "k", At: day0.Add(-time.Minute)}, linli.EInvalid, []string{"已经过去", "2026-11-23 07:59"}},
		{"no time", linli.Job{Kind: "k"}, linli.EInvalid, []string{"例如"}},
		{"both", linli.Job{Kind: "k", At: at(1, 9, 0), Spec: "@daily"}, linli.EInvalid, nil},
		{"no kind", linli.Job{At: at(1, 9, 0)}, linli.EInvalid, nil},
		{"unknown id", linli.Job{ID: 42, Kind: "k", At: at(1, 9, 0)}, linli.ENotFound, []string{"42"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, time.UTC)
			_, err := f.s.Schedule(tt.job)
			if code := linli.ErrorCode(err); code != tt.code {
				t.Fatalf("Schedule: %v (code %s); want code %s", err, code, tt.code)
			}
			for _, s := range tt.contains {
				if msg := linli.ErrorMessage(err); !strings.Contains(msg, s) {
					t.Errorf("message %q lacks %q", msg, s)
				}
			}
			f.wantJobs("")
		})
	}
}

func TestOneOffAtNowIsAccepted(t *testing.T) {
	f := newFixture(t, time.UTC)
	f.handle("k", nil)
	f.schedule(linli.Job{Kind: "k", At: day0})
	if got := f.runAt(day0); len(got) != 1 {
		t.Errorf("fired %q; want the job due now", got)
	}
}

func TestScheduleSameKeyReplaces(t *testing.T) {
	f := newFixture(t, time.UTC)
	a := f.schedule(linli.Job{Kind: "k", Key: "weekly-notice", Spec: "0 8 * * 1", Payload: []byte(`{"v":1}`)})
	f.clock.Set(at(0, 8, 30))
	b := f.schedule(linli.Job{Kind: "k", Key: "weekly-notice", Spec: "0 9 * * 2", Payload: []byte(`{"v":2}`)})
	if a.ID != b.ID || !b.Next.Equal(at(1, 9, 0)) || !b.Created.Equal(at(0, 8, 30)) {
		t.Errorf("replacement = %+v; want ID %d, Next Tue 09:00, Created now", b, a.ID)
	}
	f.wantJobs("", a.ID)
	stored, _ := f.store.get(a.ID)
	if string(stored.Payload) != `{"v":2}` || stored.Spec != "0 9 * * 2" {
		t.Errorf("stored %+v", stored)
	}
}

func TestCancel(t *testing.T) {
	f := newFixture(t, time.UTC)
	a := f.schedule(linli.Job{Kind: "notice", Key: "a", At: at(1, 9, 0)})
	b := f.schedule(linli.Job{Kind: "notice", Key: "b", At: at(1, 8, 0)})
	c := f.schedule(linli.Job{Kind: "poll", Spec: "0 8 * * *"}) // Next = 11-24 08:00, same as b
	d := f.schedule(linli.Job{Kind: "notice", At: at(0, 12, 0)})
	f.wantJobs("", d.ID, b.ID, c.ID, a.ID)
	f.wantJobs("notice", d.ID, b.ID, a.ID)
	f.wantJobs("poll", c.ID)

	if err := f.s.Cancel("a"); err != nil {
		t.Fatal(err)
	}
	if err := f.s.Cancel("missing"); err != nil {
		t.Errorf("Cancel(missing) = %v; want nil", err)
	}
	got, err := f.s.CancelID(c.ID)
	if err != nil || got.ID != c.ID || got.Kind != "poll" {
		t.Errorf("CancelID = %+v, %v", got, err)
	}
	_, err = f.s.CancelID(99)
	if linli.ErrorCode(err) != linli.ENotFound || linli.ErrorMessage(err) != "找不到定时任务 99" {
		t.Errorf("CancelID(99) = %v; want ENotFound 找不到定时任务 99", err)
	}
	f.wantJobs("", d.ID, b.ID)
	if _, ok := f.store.get(a.ID); ok {
		t.Error("cancelled job still stored")
	}
	f.handle("notice", nil)
	f.handle("poll", nil)
	if got := f.runAt(at(2, 0, 0)); len(got) != 2 {
		t.Errorf("fired %q; want the two remaining jobs", got)
	}
}

func TestTimeZone(t *testing.T) {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		loc  *time.Location
		spec string
		want []string // UTC
	}{
		{"scheduler zone", shanghai, "0 8 * * *", []string{"k 11-24 00:00", "k 11-25 00:00"}},
		{"spec zone", time.UTC, "CRON_TZ=Asia/Shanghai 0 8 * * *", []string{"k 11-24 00:00", "k 11-25 00:00"}},
		{"descriptor", shanghai, "@daily", []string{"k 11-23 16:00", "k 11-24 16:00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, tt.loc)
			f.handle("k", nil)
			f.schedule(linli.Job{Kind: "k", Spec: tt.spec})
			if got := f.runAt(at(2, 0, 0)); !slices.Equal(got, tt.want) {
				t.Errorf("fired %q; want %q", got, tt.want)
			}
		})
	}
}

func TestConcurrentUse(t *testing.T) {
	f := newFixture(t, time.UTC)
	f.handle("k", nil)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 50 {
				f.schedule(linli.Job{Kind: "k", Key: fmt.Sprint(g, "/", i), At: day0.Add(time.Duration(g*50+i) * time.Second)})
			}
		})
	}
	var fired []string
	for i := range 20 {
		f.s.NextDue()
		if err := f.s.RunDue(day0.Add(time.Duration(i*10) * time.Second)); err != nil {
			t.Error(err)
		}
		fired = append(fired, f.take()...)
	}
	wg.Wait()
	fired = append(fired, f.runAt(at(0, 9, 0))...)
	if len(fired) != 200 {
		t.Errorf("fired %d occurrences; want 200, each once", len(fired))
	}
	f.wantJobs("")
}
