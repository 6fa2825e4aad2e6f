package mock

import (
	"time"

	"linli"
)

var (
	_ linli.ActivityService = (*ActivityService)(nil)
)

// ActivityService is a function-field fake of linli.ActivityService.
type ActivityService struct {
	CreateActivityFn       func(a *linli.Activity) error
	ActivityFn             func(id uint64) (*linli.Activity, error)
	ActivitiesFn           func() ([]linli.Activity, error)
	CurrentActivitiesFn    func(since time.Time) ([]linli.Activity, error)
	UpdateActivityFn       func(id uint64, now time.Time, fn func(*linli.Activity) error) (*linli.Activity, []linli.Signup, error)
	CreateNextOccurrenceFn func(prevID uint64, next *linli.Activity) (*linli.Activity, bool, error)
	SignUpFn               func(req linli.SignupRequest) (linli.SignupResult, error)
	CancelSignupFn         func(activityID uint64, resident string, now time.Time) (linli.CancelResult, error)
	SignupFn               func(activityID uint64, resident string) (*linli.Signup, error)
	SignupsFn              func(activityID uint64) ([]linli.Signup, error)
	AllSignupsFn           func() ([]linli.Signup, error)
	EachSignupFn           func(fn func(a *linli.Activity, s *linli.Signup) error) error
	CountSignupsFn         func() (int, error)
	ResidentSignupsFn      func(resident string) ([]linli.Signup, error)
	CurrentSignupsFn       func(resident string, since time.Time) ([]linli.Signup, error)
	CheckInFn              func(activityID uint64, residents []string, at time.Time) ([]linli.Signup, error)
	SignupCountsFn         func(ids []uint64) (map[uint64]linli.SignupCounts, error)
	ParticipantsFn         func(month string, exclude []string) (int, error)
	KnownPeopleFn          func(exclude []string) (int, error)
	WalkInFn               func(activityID uint64, name string, at time.Time) (linli.Signup, error)
	MarkUntoldFn           func(activityID uint64, resident, change string) error
	UnackedSignupsFn       func(activityID uint64, group string) ([]linli.Signup, error)
	MarkAckedFn            func(activityID uint64, told map[string]uint64) error
	MarkAskedFn            func(key string, now time.Time) (bool, error)
}

// CreateActivity calls CreateActivityFn.
func (fake *ActivityService) CreateActivity(a *linli.Activity) error {
	if fake.CreateActivityFn == nil {
		unset("ActivityService.CreateActivity")
	}
	return fake.CreateActivityFn(a)
}

// Activity calls ActivityFn.
func (fake *ActivityService) Activity(id uint64) (*linli.Activity, error) {
	if fake.ActivityFn == nil {
		unset("ActivityService.Activity")
	}
	return fake.ActivityFn(id)
}

// Activities calls ActivitiesFn.
func (fake *ActivityService) Activities() ([]linli.Activity, error) {
	if fake.ActivitiesFn == nil {
		unset("ActivityService.Activities")
	}
	return fake.ActivitiesFn()
}

// CurrentActivities calls CurrentActivitiesFn; when that is nil, it keeps
// from ActivitiesFn the activities that end at or after since.
func (fake *ActivityService) CurrentActivities(since time.Time) ([]linli.Activity, error) {
	if fake.CurrentActivitiesFn != nil {
		return fake.CurrentActivitiesFn(since)
	}
	all, err := fake.Activities()
	var out []linli.Activity
	for _, a := range all {
		if !a.End().Before(since) {
			out = append(out, a)
		}
	}
	return out, err
}

// UpdateActivity calls UpdateActivityFn.
func (fake *ActivityService) UpdateActivity(id uint64, now time.Time, fn func(*linli.Activity) error) (*linli.Activity, []linli.Signup, error) {
	if fake.UpdateActivityFn == nil {
		unset("ActivityService.UpdateActivity")
	}
	return fake.UpdateActivityFn(id, now, fn)
}

// CreateNextOccurrence calls CreateNextOccurrenceFn.
func (fake *ActivityService) CreateNextOccurrence(prevID uint64, next *linli.Activity) (*linli.Activity, bool, error) {
	if fake.CreateNextOccurrenceFn == nil {
		unset("ActivityService.CreateNextOccurrence")
	}
	return fake.CreateNextOccurrenceFn(prevID, next)
}

// SignUp calls SignUpFn.
func (fake *ActivityService) SignUp(req linli.SignupRequest) (linli.SignupResult, error) {
	if fake.SignUpFn == nil {
		unset("ActivityService.SignUp")
	}
	return fake.SignUpFn(req)
}

// CancelSignup calls CancelSignupFn.
func (fake *ActivityService) CancelSignup(activityID uint64, resident string, now time.Time) (linli.CancelResult, error) {
	if fake.CancelSignupFn == nil {
		unset("ActivityService.CancelSignup")
	}
	return fake.CancelSignupFn(activityID, resident, now)
}

// Signup calls SignupFn.
func (fake *ActivityService) Signup(activityID uint64, resident string) (*linli.Signup, error) {
	if fake.SignupFn == nil {
		unset("ActivityService.Signup")
	}
	return fake.SignupFn(activityID, resident)
}

// Signups calls SignupsFn.
func (fake *ActivityService) Signups(activityID uint64) ([]linli.Signup, error) {
	if fake.SignupsFn == nil {
		unset("ActivityService.Signups")
	}
	return fake.SignupsFn(activityID)
}

// AllSignups calls AllSignupsFn.
func (fake *ActivityService) AllSignups() ([]linli.Signup, error) {
	if fake.AllSignupsFn == nil {
		unset("ActivityService.AllSignups")
	}
	return fake.AllSignupsFn()
}

// ResidentSignups calls ResidentSignupsFn.
func (fake *ActivityService) ResidentSignups(resident string) ([]linli.Signup, error) {
	if fake.ResidentSignupsFn == nil {
		unset("ActivityService.ResidentSignups")
	}
	return fake.ResidentSignupsFn(resident)
}

// CurrentSignups calls CurrentSignupsFn; when that is nil, it asks
// ResidentSignups and keeps the sign-ups of activities (ActivityFn) that
// end at or after since.
func (fake *ActivityService) CurrentSignups(resident string, since time.Time) ([]linli.Signup, error) {
	if fake.CurrentSignupsFn != nil {
		return fake.CurrentSignupsFn(resident, since)
	}
	list, err := fake.ResidentSignups(resident)
	if err != nil {
		return nil, err
	}
	var out []linli.Signup
	for _, s := range list {
		a, err := fake.Activity(s.ActivityID)
		if err != nil {
			return nil, err
		}
		if !a.End().Before(since) {
			out = append(out, s)
		}
	}
	return out, nil
}

// CheckIn calls CheckInFn.
func (fake *ActivityService) CheckIn(activityID uint64, residents []string, at time.Time) ([]linli.Signup, error) {
	if fake.CheckInFn == nil {
		unset("ActivityService.CheckIn")
	}
	return fake.CheckInFn(activityID, residents, at)
}

// WalkIn calls WalkInFn.
func (fake *ActivityService) WalkIn(activityID uint64, name string, at time.Time) (linli.Signup, error) {
	if fake.WalkInFn == nil {
		unset("ActivityService.WalkIn")
	}
	return fake.WalkInFn(activityID, name, at)
}

// MarkUntold calls MarkUntoldFn.
func (fake *ActivityService) MarkUntold(activityID uint64, resident, change string) error {
	if fake.MarkUntoldFn == nil {
		unset("ActivityService.MarkUntold")
	}
	return fake.MarkUntoldFn(activityID, resident, change)
}

// UnackedSignups calls UnackedSignupsFn.
func (fake *ActivityService) UnackedSignups(activityID uint64, group string) ([]linli.Signup, error) {
	if fake.UnackedSignupsFn == nil {
		unset("ActivityService.UnackedSignups")
	}
	return fake.UnackedSignupsFn(activityID, group)
}

// MarkAcked calls MarkAckedFn.
func (fake *ActivityService) MarkAcked(activityID uint64, told map[string]uint64) error {
	if fake.MarkAckedFn == nil {
		unset("ActivityService.MarkAcked")
	}
	return fake.MarkAckedFn(activityID, told)
}

// MarkAsked calls MarkAskedFn.
func (fake *ActivityService) MarkAsked(key string, now time.Time) (bool, error) {
	if fake.MarkAskedFn == nil {
		unset("ActivityService.MarkAsked")
	}
	return fake.MarkAskedFn(key, now)
}

// SignupCounts calls SignupCountsFn; when that is nil, it counts what
// SignupsFn returns for each id.
func (fake *ActivityService) SignupCounts(ids []uint64) (map[uint64]linli.SignupCounts, error) {
	if fake.SignupCountsFn != nil {
		return fake.SignupCountsFn(ids)
	}
	out := map[uint64]linli.SignupCounts{}
	for _, id := range ids {
		list, err := fake.Signups(id)
		if err != nil {
			return nil, err
		}
		var c linli.SignupCounts
		for _, s := range list {
			c.Add(s.Counts(), 1)
		}
		out[id] = c
	}
	return out, nil
}

// Participants calls ParticipantsFn.
func (fake *ActivityService) Participants(month string, exclude []string) (int, error) {
	if fake.ParticipantsFn == nil {
		unset("ActivityService.Participants")
	}
	return fake.ParticipantsFn(month, exclude)
}

// KnownPeople calls KnownPeopleFn.
func (fake *ActivityService) KnownPeople(exclude []string) (int, error) {
	if fake.KnownPeopleFn == nil {
		unset("ActivityService.KnownPeople")
	}
	return fake.KnownPeopleFn(exclude)
}
