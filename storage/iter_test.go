package storage

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"linli"
)

// TestEachSignup: every sign-up with its activity, in the order (and with
// the positions) of AllSignups; an error from fn stops it.
func TestEachSignup(t *testing.T) {
	db, _ := newTestDB(t)
	for i, capacity := range []int{2, 1} {
		a := newActivity(t, db, capacity)
		for j, name := range []string{"王叔", "张阿姨", "李四", "赵叔"} {
			signUp(t, db, a.ID, name, 1, t0.Add(time.Duration(10*i+j)*time.Minute))
		}
	}
	if _, err := db.CancelSignup(1, "张阿姨", t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	all, err := db.AllSignups()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	err = db.EachSignup(func(a *linli.Activity, s *linli.Signup) error {
		if a.ID != s.ActivityID {
			t.Errorf("sign-up of %d given with activity %d", s.ActivityID, a.ID)
		}
		got = append(got, fmt.Sprintf("%d %s %s %d", s.ActivityID, s.Resident, s.Status, s.Position))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, s := range all {
		want = append(want, fmt.Sprintf("%d %s %s %d", s.ActivityID, s.Resident, s.Status, s.Position))
	}
	if fmt.Sprint(got) != fmt.Sprint(want) || len(got) != 8 {
		t.Errorf("EachSignup =\n%q\nwant AllSignups' order\n%q", got, want)
	}
	if n, err := db.CountSignups(); err != nil || n != 8 {
		t.Errorf("CountSignups = %d, %v; want 8", n, err)
	}
	stop := errors.New("stop")
	calls := 0
	err = db.EachSignup(func(*linli.Activity, *linli.Signup) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("EachSignup after an error: %v after %d calls", err, calls)
	}
}

func TestEachReportAndResident(t *testing.T) {
	db, _ := newTestDB(t)
	if err := db.EachReport(func(*linli.Report) error { return errors.New("called") }); err != nil {
		t.Errorf("EachReport on an empty database: %v", err)
	}
	for _, who := range []string{"王叔", "张阿姨", "李四"} {
		r := &linli.Report{Reporter: who, Category: "其他", Description: "灯不亮", Status: linli.ReportSubmitted, CreatedAt: t0}
		if err := db.CreateReport(r, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := db.UpdateResident(who, func(r *linli.Resident) error { r.FirstSeen = t0; return nil }); err != nil {
			t.Fatal(err)
		}
	}
	var reports, residents []string
	if err := db.EachReport(func(r *linli.Report) error {
		reports = append(reports, fmt.Sprint(r.ID, r.Reporter))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := db.EachResident(func(r *linli.Resident) error {
		residents = append(residents, r.Name)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	list, _ := db.Residents()
	var byName []string
	for _, r := range list {
		byName = append(byName, r.Name)
	}
	if fmt.Sprint(reports) != "[1王叔 2张阿姨 3李四]" || fmt.Sprint(residents) != fmt.Sprint(byName) {
		t.Errorf("reports %q, residents %q (want %q)", reports, residents, byName)
	}
}
