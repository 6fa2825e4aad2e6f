package mock

import "linli"

var _ linli.Family = (*Family)(nil)

// Family is a function-field fake of linli.Family.
type Family struct {
	RegisterFn func(r linli.Router)
	JobsFn     func(s linli.Scheduler) error
	ExportsFn  func() []linli.Export
}

// Register calls RegisterFn.
func (fake *Family) Register(r linli.Router) {
	if fake.RegisterFn == nil {
		unset("Family.Register")
	}
	fake.RegisterFn(r)
}

// Jobs calls JobsFn.
func (fake *Family) Jobs(s linli.Scheduler) error {
	if fake.JobsFn == nil {
		unset("Family.Jobs")
	}
	return fake.JobsFn(s)
}

// Exports calls ExportsFn.
func (fake *Family) Exports() []linli.Export {
	if fake.ExportsFn == nil {
		unset("Family.Exports")
	}
	return fake.ExportsFn()
}
