package mock

import (
	"time"

	"linli"
)

var (
	_ linli.ResidentStore   = (*ResidentStore)(nil)
	_ linli.DedupeStore     = (*DedupeStore)(nil)
	_ linli.OutboxStore     = (*OutboxStore)(nil)
	_ linli.JobStore        = (*JobStore)(nil)
	_ linli.GroupAliasStore = (*GroupAliasStore)(nil)
)

// ResidentStore is a function-field fake of linli.ResidentStore.
type ResidentStore struct {
	ResidentFn           func(name string) (*linli.Resident, error)
	ResidentByNicknameFn func(nick string) (*linli.Resident, error)
	UpdateResidentFn     func(name string, fn func(*linli.Resident) error) (*linli.Resident, error)
	ResidentsFn          func() ([]*linli.Resident, error)
	EachResidentFn       func(fn func(r *linli.Resident) error) error
}

// Resident calls ResidentFn.
func (fake *ResidentStore) Resident(name string) (*linli.Resident, error) {
	if fake.ResidentFn == nil {
		unset("ResidentStore.Resident")
	}
	return fake.ResidentFn(name)
}

// ResidentByNickname calls ResidentByNicknameFn.
func (fake *ResidentStore) ResidentByNickname(nick string) (*linli.Resident, error) {
	if fake.ResidentByNicknameFn == nil {
		unset("ResidentStore.ResidentByNickname")
	}
	return fake.ResidentByNicknameFn(nick)
}

// UpdateResident calls UpdateResidentFn.
func (fake *ResidentStore) UpdateResident(name string, fn func(*linli.Resident) error) (*linli.Resident, error) {
	if fake.UpdateResidentFn == nil {
		unset("ResidentStore.UpdateResident")
	}
	return fake.UpdateResidentFn(name, fn)
}

// Residents calls ResidentsFn.
func (fake *ResidentStore) Residents() ([]*linli.Resident, error) {
	if fake.ResidentsFn == nil {
		unset("ResidentStore.Residents")
	}
	return fake.ResidentsFn()
}

// DedupeStore is a function-field fake of linli.DedupeStore.
type DedupeStore struct {
	MarkSeenFn func(id string, at time.Time) (first bool, err error)
}

// MarkSeen calls MarkSeenFn.
func (fake *DedupeStore) MarkSeen(id string, at time.Time) (bool, error) {
	if fake.MarkSeenFn == nil {
		unset("DedupeStore.MarkSeen")
	}
	return fake.MarkSeenFn(id, at)
}

// OutboxStore is a function-field fake of linli.OutboxStore.
type OutboxStore struct {
	EnqueueOutgoingFn  func(out *linli.Outgoing) (bool, error)
	PendingOutgoingFn  func() ([]linli.Outgoing, error)
	CompleteOutgoingFn func(ids []uint64, at time.Time) error
	UpdateOutgoingFn   func(out linli.Outgoing) error
}

// EnqueueOutgoing calls EnqueueOutgoingFn.
func (fake *OutboxStore) EnqueueOutgoing(out *linli.Outgoing) (bool, error) {
	if fake.EnqueueOutgoingFn == nil {
		unset("OutboxStore.EnqueueOutgoing")
	}
	return fake.EnqueueOutgoingFn(out)
}

// PendingOutgoing calls PendingOutgoingFn.
func (fake *OutboxStore) PendingOutgoing() ([]linli.Outgoing, error) {
	if fake.PendingOutgoingFn == nil {
		unset("OutboxStore.PendingOutgoing")
	}
	return fake.PendingOutgoingFn()
}

// CompleteOutgoing calls CompleteOutgoingFn.
func (fake *OutboxStore) CompleteOutgoing(ids []uint64, at time.Time) error {
	if fake.CompleteOutgoingFn == nil {
		unset("OutboxStore.CompleteOutgoing")
	}
	return fake.CompleteOutgoingFn(ids, at)
}

// UpdateOutgoing calls UpdateOutgoingFn.
func (fake *OutboxStore) UpdateOutgoing(out linli.Outgoing) error {
	if fake.UpdateOutgoingFn == nil {
		unset("OutboxStore.UpdateOutgoing")
	}
	return fake.UpdateOutgoingFn(out)
}

// JobStore is a function-field fake of linli.JobStore.
type JobStore struct {
	PutJobFn    func(j *linli.Job) error
	DeleteJobFn func(id uint64) error
	JobsFn      func() ([]linli.Job, error)
}

// PutJob calls PutJobFn.
func (fake *JobStore) PutJob(j *linli.Job) error {
	if fake.PutJobFn == nil {
		unset("JobStore.PutJob")
	}
	return fake.PutJobFn(j)
}

// DeleteJob calls DeleteJobFn.
func (fake *JobStore) DeleteJob(id uint64) error {
	if fake.DeleteJobFn == nil {
		unset("JobStore.DeleteJob")
	}
	return fake.DeleteJobFn(id)
}

// Jobs calls JobsFn.
func (fake *JobStore) Jobs() ([]linli.Job, error) {
	if fake.JobsFn == nil {
		unset("JobStore.Jobs")
	}
	return fake.JobsFn()
}

// GroupAliasStore is a function-field fake of linli.GroupAliasStore.
type GroupAliasStore struct {
	GroupAliasesFn  func() (map[string]string, error)
	SetGroupAliasFn func(topic, configured string) error
}

// GroupAliases calls GroupAliasesFn.
func (fake *GroupAliasStore) GroupAliases() (map[string]string, error) {
	if fake.GroupAliasesFn == nil {
		unset("GroupAliasStore.GroupAliases")
	}
	return fake.GroupAliasesFn()
}

// SetGroupAlias calls SetGroupAliasFn.
func (fake *GroupAliasStore) SetGroupAlias(topic, configured string) error {
	if fake.SetGroupAliasFn == nil {
		unset("GroupAliasStore.SetGroupAlias")
	}
	return fake.SetGroupAliasFn(topic, configured)
}
