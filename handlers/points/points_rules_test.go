package points

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"linli"
	"linli/mock"
)

var t0 = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// ask sends 积分 from 张阿姨 to a family reading signups and reports
// through fakes, and returns the reply.
func ask(t *testing.T, d Deps) (string, error) {
	t.Helper()
	var commands []linli.Command
	New(d).Register(&mock.Router{CommandFn: func(c linli.Command) { commands = append(commands, c) }})
	if len(commands) != 1 || commands[0].Names[0] != "积分" {
		t.Fatalf("registered %+v, want 积分", commands)
	}
	var replies []string
	out := &mock.Sender{SendFn: func(o linli.Outgoing) error {
		replies = append(replies, o.Text)
		return nil
	}}
	req := &linli.Request{Msg: &linli.Message{Group: "幸福里1期居民群", Sender: "张阿姨", Norm: "积分",
		Resident: &linli.Resident{Name: "张阿姨"}}, Command: "积分", Out: out, Now: t0}
	if err := commands[0].Handler(context.Background(), req); err != nil {
		return "", err
	}
	if len(replies) != 1 {
		t.Fatalf("replies %q, want one", replies)
	}
	return replies[0], nil
}

// activities is a fake ActivityService holding signups; activity 99 is
// cancelled, every other one took place.
func activities(signups ...linli.Signup) *mock.ActivityService {
	return &mock.ActivityService{ResidentSignupsFn: func(resident string) ([]linli.Signup, error) {
		var out []linli.Signup
		for _, s := range signups {
			if s.Resident == resident {
				out = append(out, s)
			}
		}
		return out, nil
	}, ActivityFn: func(id uint64) (*linli.Activity, error) {
		a := &linli.Activity{ID: id, Status: linli.ActivityClosed}
		if id == 99 {
			a.Status = linli.ActivityCancelled
		}
		return a, nil
	}}
}

// reports is a fake ReportService holding list; Reports applies the
// family's own filter to it.
func reports(list ...*linli.Report) *mock.ReportService {
	return &mock.ReportService{ReportsFn: func(match func(*linli.Report) bool) ([]*linli.Report, error) {
		var out []*linli.Report
		for _, r := range list {
			if match == nil || match(r) {
				out = append(out, r)
			}
		}
		return out, nil
	}}
}

// TestRulePoints: 积分 is 5 points per activity checked in at
// (pointsPerAttendance) and 2 per 随手拍 of one's own that was resolved
// (pointsPerResolved), counting nothing else: a sign-up without check-in,
// another resident's records, a report still open or rejected, a duplicate
// merged into another report, an activity that was cancelled.
func TestRulePoints(t *testing.T) {
	checked := func(id uint64, who string) linli.Signup {
		return linli.Signup{ActivityID: id, Resident: who, Status: linli.SignupConfirmed, CheckedIn: t0}
	}
	report := func(id uint64, who, status string, dupOf uint64) *linli.Report {
		return &linli.Report{ID: id, Reporter: who, Status: status, DuplicateOf: dupOf}
	}
	tests := []struct {
		name     string
		signups  []linli.Signup
		reports  []*linli.Report
		total    int
		attended int
		resolved int
	}{
		{"one activity checked in: 5 points", []linli.Signup{checked(1, "张阿姨")}, nil, 5, 1, 0},
		{"one report resolved: 2 points", nil, []*linli.Report{report(1, "张阿姨", linli.ReportResolved, 0)}, 2, 0, 1},
		{"3 activities and 2 reports: 3×5 + 2×2",
			[]linli.Signup{checked(1, "张阿姨"), checked(2, "张阿姨"), checked(3, "张阿姨")},
			[]*linli.Report{report(1, "张阿姨", linli.ReportResolved, 0), report(2, "张阿姨", linli.ReportResolved, 0)},
			19, 3, 2},
		{"signed up, not checked in: nothing",
			[]linli.Signup{{ActivityID: 1, Resident: "张阿姨", Status: linli.SignupConfirmed},
				{ActivityID: 2, Resident: "张阿姨", Status: linli.SignupWaitlisted}}, nil, 0, 0, 0},
		{"a waitlisted walk-in who checked in counts", []linli.Signup{{ActivityID: 1, Resident: "张阿姨",
			Status: linli.SignupWaitlisted, WalkIn: true, CheckedIn: t0}}, nil, 5, 1, 0},
		{"checked in at an activity later cancelled: nothing", []linli.Signup{checked(99, "张阿姨"), checked(1, "张阿姨")}, nil, 5, 1, 0},
		{"reports not resolved, merged or someone else's: nothing", []linli.Signup{checked(1, "王叔")},
			[]*linli.Report{report(1, "张阿姨", linli.ReportSubmitted, 0), report(2, "张阿姨", linli.ReportAccepted, 0),
				report(3, "张阿姨", linli.ReportRejected, 0), report(4, "张阿姨", linli.ReportReopened, 0),
				report(5, "张阿姨", linli.ReportResolved, 9), report(6, "王叔", linli.ReportResolved, 0)},
			0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ask(t, Deps{Activities: activities(tt.signups...), Reports: reports(tt.reports...)})
			if err != nil {
				t.Fatal(err)
			}
			head := strings.SplitN(got, "\n", 2)[0]
			if want := "您的积分：" + strconv.Itoa(tt.total) + "分"; head != want {
				t.Errorf("points (5 per check-in, pointsPerAttendance; 2 per resolved 随手拍, pointsPerResolved): %s: %q, want %q",
					tt.name, head, want)
			}
			for _, line := range []string{"参加活动并签到 " + strconv.Itoa(tt.attended) + "次 × 5分", "随手拍已办结 " + strconv.Itoa(tt.resolved) + "条 × 2分"} {
				if !strings.Contains(got, line) {
					t.Errorf("points: %s: reply %q lacks %q", tt.name, got, line)
				}
			}
			if hint := strings.Contains(got, "都能攒积分"); hint != (tt.total == 0) {
				t.Errorf("points: %s: how-to-earn hint shown %v, want only at 0 points: %q", tt.name, hint, got)
			}
		})
	}
}

// TestPointsWithoutServices: a family wired without a service counts
// nothing from it; a failing service is an error, not 0 points.
func TestPointsWithoutServices(t *testing.T) {
	got, err := ask(t, Deps{})
	if err != nil || !strings.HasPrefix(got, "您的积分：0分") {
		t.Fatalf("no services: %q, %v", got, err)
	}
	boom := errors.New("disk on fire")
	_, err = ask(t, Deps{Activities: &mock.ActivityService{ResidentSignupsFn: func(string) ([]linli.Signup, error) { return nil, boom }}})
	if !errors.Is(err, boom) {
		t.Errorf("failing ActivityService: err %v, want it returned", err)
	}
	_, err = ask(t, Deps{Reports: &mock.ReportService{ReportsFn: func(func(*linli.Report) bool) ([]*linli.Report, error) { return nil, boom }}})
	if !errors.Is(err, boom) {
		t.Errorf("failing ReportService: err %v, want it returned", err)
	}
}
