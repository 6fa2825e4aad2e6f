package linli

// SignupCounts are the people (party sizes, family members included) of an
// activity's sign-ups by what became of them: the figures of 统计 活动.
// The ActivityService keeps them per activity as sign-ups are written.
type SignupCounts struct {
	SignedUp  int `json:"signed_up"` // confirmed, not walk-ins
	Came      int `json:"came"`      // checked in, walk-ins included
	CameOfSU  int `json:"came_of_signed_up"`
	WalkIns   int `json:"walk_ins"`  // checked in without a seat or a sign-up (现场加入)
	Waiting   int `json:"waiting"`   // still waitlisted, not come
	Cancelled int `json:"cancelled"` // sign-ups cancelled
}

// Took reports whether s counts its resident as having taken part: checked
// in, and not cancelled.
func (s *Signup) Took() bool { return !s.CheckedIn.IsZero() && s.Active() }

// Counts returns what s adds to its activity's SignupCounts.
func (s *Signup) Counts() SignupCounts {
	var c SignupCounts
	in := s.Took()
	switch {
	case s.Status == SignupCancelled:
		c.Cancelled = s.PartySize
		return c
	case s.Status == SignupConfirmed && s.Source != SourceWalkIn:
		c.SignedUp = s.PartySize
		if in {
			c.CameOfSU = s.PartySize
		}
	case s.Status == SignupWaitlisted && !in:
		c.Waiting = s.PartySize
	}
	if in {
		c.Came = s.PartySize
		if s.Source == SourceWalkIn || s.WalkIn {
			c.WalkIns = s.PartySize
		}
	}
	return c
}

// Add adds d to c sign times (1 or -1).
func (c *SignupCounts) Add(d SignupCounts, sign int) {
	c.SignedUp += sign * d.SignedUp
	c.Came += sign * d.Came
	c.CameOfSU += sign * d.CameOfSU
	c.WalkIns += sign * d.WalkIns
	c.Waiting += sign * d.Waiting
	c.Cancelled += sign * d.Cancelled
}
