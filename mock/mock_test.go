package mock_test

import (
	"testing"
	"time"

	"linli"
	"linli/mock"
)

func TestFakeCallsItsFunction(t *testing.T) {
	var got linli.SignupRequest
	var svc linli.ActivityService = &mock.ActivityService{
		SignUpFn: func(req linli.SignupRequest) (linli.SignupResult, error) {
			got = req
			return linli.SignupResult{Outcome: linli.SignupAdded}, nil
		},
	}
	res, err := svc.SignUp(linli.SignupRequest{ActivityID: 7, Resident: "张阿姨", PartySize: 2})
	if err != nil || res.Outcome != linli.SignupAdded {
		t.Fatalf("SignUp = %+v, %v", res, err)
	}
	if got.ActivityID != 7 || got.Resident != "张阿姨" || got.PartySize != 2 {
		t.Fatalf("SignUpFn got %+v", got)
	}

	// Embedded interfaces are faked method by method too.
	var reports linli.ReportService = &mock.ReportService{
		MediaPathFn: func(name string) (string, error) { return "/media/" + name, nil },
	}
	if p, _ := reports.MediaPath("a.png"); p != "/media/a.png" {
		t.Fatalf("MediaPath = %q", p)
	}
}

func TestUnsetFunctionPanicsNamingTheMethod(t *testing.T) {
	tests := []struct {
		want string
		call func()
	}{
		{"mock: ActivityService.SignUp called, but SignUpFn is not set", func() {
			(&mock.ActivityService{}).SignUp(linli.SignupRequest{})
		}},
		{"mock: Scheduler.Cancel called, but CancelFn is not set", func() { (&mock.Scheduler{}).Cancel("k") }},
		{"mock: Router.Command called, but CommandFn is not set", func() { (&mock.Router{}).Command(linli.Command{}) }},
		{"mock: Clock.Now called, but NowFn is not set", func() { (&mock.Clock{}).Now() }},
		{"mock: PollService.ClosePoll called, but ClosePollFn is not set", func() {
			(&mock.PollService{}).ClosePoll(1, time.Time{})
		}},
	}
	for _, tt := range tests {
		func() {
			defer func() {
				if r := recover(); r != tt.want {
					t.Errorf("panic = %v, want %q", r, tt.want)
				}
			}()
			tt.call()
		}()
	}
}
