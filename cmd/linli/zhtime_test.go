package main

import (
	"strings"
	"testing"
	"time"

	"linli"
	"linli/handlers/zhtime"
	"linli/mock"
	"linli/scheduler"
)

// TestZhtimeWithScheduler reads times with the calendar linli runs on: the
// specs zhtime writes are ones the scheduler accepts, and the cron specs it
// rejects are the ones the scheduler rejects.
func TestZhtimeWithScheduler(t *testing.T) {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, loc)
	sched := scheduler.New(mock.NewStore(), linli.NewSimClock(now), loc, nil)
	rd := zhtime.Reader{Cal: sched}
	for _, in := range []string{"每天8点", "每周一三五 19:30", "每周一至周五8点", "每周末 10点", "每个月1号、15号",
		"每年11月28日", "0 8 * * 1", "*/30 8-18 * * 1-5", "每天晚上12点"} {
		spec, _, ok := rd.ParseRecurring(in)
		if !ok {
			t.Errorf("ParseRecurring(%q) not ok", in)
			continue
		}
		if err := scheduler.Validate(spec); err != nil {
			t.Errorf("ParseRecurring(%q) = %q, which the scheduler rejects: %v", in, spec, err)
		}
	}
	for _, in := range []string{"0 25 * * *", "0 8 * * 7", "61 8 * * *", "0 8 32 * *", "0 8 * 13 *"} {
		if spec, _, ok := rd.ParseRecurring(in); ok {
			t.Errorf("ParseRecurring(%q) = %q, want rejected", in, spec)
		}
		if _, _, err := rd.ParseWhen(in, now); err == nil || !strings.Contains(err.Error(), "cron表达式") {
			t.Errorf("ParseWhen(%q) error = %v, want the cron error", in, err)
		}
	}
	if expr, rest, ok := rd.Split("0 25 * * * 全部 内容", now); ok {
		t.Errorf("Split of an invalid cron spec = %q, %q", expr, rest)
	}
	_, _, first, err := rd.ParseRepeat("每月第一个周六下午3点", time.Time{}, now)
	if want := time.Date(2026, 12, 5, 15, 0, 0, 0, loc); err != nil || !first.Equal(want) {
		t.Errorf("ParseRepeat first = %v %v, want %v", first, err, want)
	}
}
