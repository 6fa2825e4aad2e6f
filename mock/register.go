package mock

import (
	"linli"
)

var (
	_ linli.RegisterService = (*RegisterService)(nil)
	_ linli.UserBinder      = (*UserBinder)(nil)
)

// RegisterService is a function-field fake of linli.RegisterService.
type RegisterService struct {
	ReplaceRegisterFn   func(entries []linli.RegisterEntry) error
	RegisterEntryFn     func(household string) (*linli.RegisterEntry, error)
	RegisterTotalsFn    func() (int, float64, error)
	PutRegisterEntryFn  func(e linli.RegisterEntry) error
	RegisterEntriesFn   func() ([]linli.RegisterEntry, error)
	CreateBindRequestFn func(r *linli.BindRequest) error
	UpdateBindRequestFn func(id uint64, fn func(r *linli.BindRequest) error) (*linli.BindRequest, error)
	BindRequestsFn      func(status string) ([]linli.BindRequest, error)
}

// ReplaceRegister calls ReplaceRegisterFn.
func (fake *RegisterService) ReplaceRegister(entries []linli.RegisterEntry) error {
	if fake.ReplaceRegisterFn == nil {
		unset("RegisterService.ReplaceRegister")
	}
	return fake.ReplaceRegisterFn(entries)
}

// RegisterEntry calls RegisterEntryFn.
func (fake *RegisterService) RegisterEntry(household string) (*linli.RegisterEntry, error) {
	if fake.RegisterEntryFn == nil {
		unset("RegisterService.RegisterEntry")
	}
	return fake.RegisterEntryFn(household)
}

// RegisterTotals calls RegisterTotalsFn.
func (fake *RegisterService) RegisterTotals() (int, float64, error) {
	if fake.RegisterTotalsFn == nil {
		unset("RegisterService.RegisterTotals")
	}
	return fake.RegisterTotalsFn()
}

// PutRegisterEntry calls PutRegisterEntryFn.
func (fake *RegisterService) PutRegisterEntry(e linli.RegisterEntry) error {
	if fake.PutRegisterEntryFn == nil {
		unset("RegisterService.PutRegisterEntry")
	}
	return fake.PutRegisterEntryFn(e)
}

// RegisterEntries calls RegisterEntriesFn.
func (fake *RegisterService) RegisterEntries() ([]linli.RegisterEntry, error) {
	if fake.RegisterEntriesFn == nil {
		unset("RegisterService.RegisterEntries")
	}
	return fake.RegisterEntriesFn()
}

// CreateBindRequest calls CreateBindRequestFn.
func (fake *RegisterService) CreateBindRequest(r *linli.BindRequest) error {
	if fake.CreateBindRequestFn == nil {
		unset("RegisterService.CreateBindRequest")
	}
	return fake.CreateBindRequestFn(r)
}

// UpdateBindRequest calls UpdateBindRequestFn.
func (fake *RegisterService) UpdateBindRequest(id uint64, fn func(r *linli.BindRequest) error) (*linli.BindRequest, error) {
	if fake.UpdateBindRequestFn == nil {
		unset("RegisterService.UpdateBindRequest")
	}
	return fake.UpdateBindRequestFn(id, fn)
}

// BindRequests calls BindRequestsFn.
func (fake *RegisterService) BindRequests(status string) ([]linli.BindRequest, error) {
	if fake.BindRequestsFn == nil {
		unset("RegisterService.BindRequests")
	}
	return fake.BindRequestsFn(status)
}

// UserBinder is a function-field fake of linli.UserBinder.
type UserBinder struct {
	BindUserFn func(key, user string)
}

// BindUser calls BindUserFn.
func (fake *UserBinder) BindUser(key, user string) {
	if fake.BindUserFn == nil {
		unset("UserBinder.BindUser")
	}
	fake.BindUserFn(key, user)
}
