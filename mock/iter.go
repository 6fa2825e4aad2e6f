package mock

import "linli"

// The iterations exports use (storage/iter.go).

// EachSignup calls EachSignupFn.
func (fake *ActivityService) EachSignup(fn func(a *linli.Activity, s *linli.Signup) error) error {
	if fake.EachSignupFn == nil {
		unset("ActivityService.EachSignup")
	}
	return fake.EachSignupFn(fn)
}

// CountSignups calls CountSignupsFn.
func (fake *ActivityService) CountSignups() (int, error) {
	if fake.CountSignupsFn == nil {
		unset("ActivityService.CountSignups")
	}
	return fake.CountSignupsFn()
}

// EachReport calls EachReportFn.
func (fake *ReportService) EachReport(fn func(r *linli.Report) error) error {
	if fake.EachReportFn == nil {
		unset("ReportService.EachReport")
	}
	return fake.EachReportFn(fn)
}

// EachResident calls EachResidentFn.
func (fake *ResidentStore) EachResident(fn func(r *linli.Resident) error) error {
	if fake.EachResidentFn == nil {
		unset("ResidentStore.EachResident")
	}
	return fake.EachResidentFn(fn)
}

// EachResident implements linli.ResidentStore: the residents by name.
func (s *Store) EachResident(fn func(r *linli.Resident) error) error {
	list, _ := s.Residents()
	for _, r := range list {
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}
