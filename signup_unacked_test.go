package linli

import "testing"

// TestSignupUnacked: a sign-up waits to be told in its own group only,
// until acknowledged; a cancellation waits only when it is the change to
// tell.
func TestSignupUnacked(t *testing.T) {
	for _, c := range []struct {
		s    Signup
		want bool
	}{
		{Signup{Status: SignupConfirmed, Group: "群1"}, true},
		{Signup{Status: SignupWaitlisted, Group: "群1"}, true},
		{Signup{Status: SignupConfirmed, Group: "群2"}, false},
		{Signup{Status: SignupConfirmed, Group: "群1", Acked: true}, false},
		{Signup{Status: SignupCancelled, Group: "群1", Change: ChangeCancelled}, true},
		{Signup{Status: SignupCancelled, Group: "群1"}, false},
		{Signup{Status: SignupCancelled, Group: "群1", Change: ChangeCancelled, Acked: true}, false},
	} {
		if got := c.s.Unacked("群1"); got != c.want {
			t.Errorf("%+v: Unacked = %v, want %v", c.s, got, c.want)
		}
	}
}
