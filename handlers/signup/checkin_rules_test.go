package signup

import (
	"slices"
	"strings"
	"testing"
	"time"

	"linli"
	"linli/mock"
)

// TestRuleStaffCheckinNames: staff's 签到 <编号> <名字…> reads the longest
// run of up to maxNameWords (3) words that names one sign-up exactly, so
// "3-502 张 阿姨" is one person; a word naming two sign-ups is asked
// about, never a walk-in; a walk-in is made only of words naming nobody,
// a 户号 together with the name after it.
func TestRuleStaffCheckinNames(t *testing.T) {
	if maxNameWords != 3 {
		t.Fatalf("maxNameWords = %d, the cases below are for 3", maxNameWords)
	}
	at := rulesT0.Add(48 * time.Hour)
	for _, tt := range []struct {
		names            string
		checked, walkIns []string
		asks             string // in the answer
	}{
		{"3-502 张阿姨", []string{"3-502 张阿姨"}, nil, ""},
		{"3-502 张 阿姨", []string{"3-502 张阿姨"}, nil, ""},          // three words: one name
		{"3栋502 张阿姨", []string{"3-502 张阿姨"}, nil, ""},           // the 户号 written another way
		{"3-502 张阿姨 3-502 张阿姨", []string{"3-502 张阿姨"}, nil, ""}, // twice: once
		{"李叔、张阿姨", []string{"3-502 李叔", "3-502 张阿姨"}, nil, ""},
		{"3-502", nil, nil, "不知道是哪一位"},              // two sign-ups in 3-502
		{"9-602 老刘", nil, []string{"9-602 老刘"}, ""}, // nobody: one walk-in, as typed
		{"9-602", nil, []string{"9-602"}, ""},
	} {
		w := newSignupWorld(t)
		acts := w.fam.Activities.(*mock.ActivityService)
		acts.SignupsFn = func(uint64) ([]linli.Signup, error) {
			return []linli.Signup{
				{ActivityID: 1, Resident: "3-502 张阿姨", PartySize: 1, Status: linli.SignupConfirmed},
				{ActivityID: 1, Resident: "3-502 李叔", PartySize: 1, Status: linli.SignupConfirmed},
			}, nil
		}
		var walkIns []string
		acts.WalkInFn = func(id uint64, name string, at time.Time) (linli.Signup, error) {
			walkIns = append(walkIns, name)
			return linli.Signup{ActivityID: id, Resident: name, PartySize: 1, Status: linli.SignupConfirmed, Source: linli.SourceWalkIn, CheckedIn: at}, nil
		}
		err := w.run("", "李社工", "签到", "1 "+tt.names, at)
		var answer []string
		for _, o := range w.sent {
			answer = append(answer, o.Text)
		}
		slices.Sort(w.checked)
		want := slices.Clone(tt.checked)
		slices.Sort(want)
		if err != nil || !slices.Equal(w.checked, want) || !slices.Equal(walkIns, tt.walkIns) || !strings.Contains(strings.Join(answer, "\n"), tt.asks) {
			t.Errorf("签到 1 %s: err %v, checked in %q, walk-ins %q, answer %q; want %q, %q, answer with %q",
				tt.names, err, w.checked, walkIns, answer, tt.checked, tt.walkIns, tt.asks)
		}
	}
}
