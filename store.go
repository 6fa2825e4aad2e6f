package linli

import (
	"encoding/json"
	"fmt"
	"time"
)

// DedupeStore remembers platform message ids so a redelivered message (after
// a reconnect or restart) has no second effect.
type DedupeStore interface {
	// MarkSeen records id and reports whether this is its first sighting.
	MarkSeen(id string, at time.Time) (first bool, err error)
}

// InboundStore journals received messages, so that a message a platform
// has handed over is handled even if the process dies before handling it:
// an adapter acknowledges a message to its platform only once it is
// recorded, and the record stays until the message has been handled.
type InboundStore interface {
	// RecordInbound records m as received at at, unless its ID was seen
	// before (the DedupeStore's ids: the check, the seen mark and the record
	// are one transaction), and reports whether it did. An image's bytes are
	// kept in a file: the recorded m has its Path instead. m.ID must not be
	// empty.
	RecordInbound(m Message, at time.Time) (seq uint64, first bool, err error)
	// PendingInbound lists the recorded messages not yet completed, in the
	// order they were recorded.
	PendingInbound() ([]InboundRecord, error)
	// CompleteInbound forgets the handled message done and marks next as
	// being handled, in one transaction (either may be 0 for none), so a
	// message whose handling may have begun before a crash is known as such
	// (InboundRecord.Started). Completing twice is not an error.
	CompleteInbound(done, next uint64) error
}

// InboundRecord is a message recorded by an InboundStore.
type InboundRecord struct {
	Seq     uint64
	Msg     Message // the fields an adapter sets; the engine's are zero
	Started bool    // its handling had begun: its effects may be there already
}

// ResidentStore keeps residents by name.
type ResidentStore interface {
	// Resident returns the resident named name, or an ENotFound *Error.
	Resident(name string) (*Resident, error)
	// ResidentByNickname finds a resident by Name or Nickname (private chats).
	ResidentByNickname(nick string) (*Resident, error)
	// UpdateResident loads (or creates) the resident named name, applies fn
	// and saves it, in one transaction. fn's error aborts without saving.
	UpdateResident(name string, fn func(*Resident) error) (*Resident, error)
	// Residents lists all residents ordered by name.
	Residents() ([]*Resident, error)
	// EachResident calls fn with every resident ordered by name, in one
	// read transaction, one at a time (exports). fn must not write; r is
	// valid only during the call; fn's error stops the iteration and is
	// returned (wrapped).
	EachResident(fn func(r *Resident) error) error
}

// OutboxStore persists the outbox so nothing accepted is lost on restart and
// nothing sent is sent again.
type OutboxStore interface {
	// EnqueueOutgoing assigns out.ID and stores it. It reports false (and
	// stores nothing) when out.Key is set and was used before.
	EnqueueOutgoing(out *Outgoing) (bool, error)
	// PendingOutgoing lists unsent messages in ID order.
	PendingOutgoing() ([]Outgoing, error)
	// CompleteOutgoing removes sent (or dropped) messages from the pending set.
	CompleteOutgoing(ids []uint64, at time.Time) error
	// UpdateOutgoing rewrites a pending message (retry counts).
	UpdateOutgoing(out Outgoing) error
}

// SendingMarker is implemented by an OutboxStore that can record that
// messages are being handed to the platform. A message still pending with
// Outgoing.Sending set was possibly delivered by a process that then died:
// the outbox does not send it again (it tells staff instead), so a crash
// between a delivery and its CompleteOutgoing never sends a message twice.
type SendingMarker interface {
	// MarkSending sets Sending to at on the pending messages ids (a zero at
	// clears it, after a delivery that did not happen). Ids not pending are
	// ignored.
	MarkSending(ids []uint64, at time.Time) error
}

// Job is a persistent scheduled job: one-off at At, or recurring by Spec.
type Job struct {
	ID      uint64          `json:"id"`
	Key     string          `json:"key,omitempty"` // unique when set; scheduling the same key replaces the job
	Kind    string          `json:"kind"`          // which JobFunc runs it
	Payload json.RawMessage `json:"payload,omitempty"`
	At      time.Time       `json:"at,omitzero"`      // one-off time
	Spec    string          `json:"spec,omitempty"`   // cron spec (5 fields or descriptor), in the configured zone
	Next    time.Time       `json:"next"`             // next occurrence to fire
	Number  uint64          `json:"number,omitempty"` // the job's number among jobs of its Kind, for people ("定时通知 #2"); set by the store
	Owner   string          `json:"owner,omitempty"`
	Note    string          `json:"note,omitempty"` // human description for listings
	Created time.Time       `json:"created"`
}

// JobStore persists jobs for the scheduler.
type JobStore interface {
	// PutJob stores j, assigning j.ID when zero and j.Number (a sequence per
	// Kind) when the job is new. A job with the same non-empty Key is
	// replaced, keeping its ID and Number.
	PutJob(j *Job) error
	// DeleteJob removes a job; deleting a missing job is not an error.
	DeleteJob(id uint64) error
	// Jobs lists all jobs in ID order.
	Jobs() ([]Job, error)
}

// JobFunc runs one occurrence of a job. A job that sends messages should set
// Outgoing.Key from the job and occurrence (JobKey) so that a run repeated
// after a crash sends nothing twice.
type JobFunc func(job Job, occurrence time.Time) error

// Calendar says when a schedule spec fires. Specs are 5-field cron specs or
// descriptors (as in Job.Spec) and "nth N W HH:MM" rules (the N-th weekday W
// of every month, N = -1 for the last, as in Activity.Repeat). The
// scheduler implements it: it is the one package that reads cron, and
// packages that turn Chinese into specs (handlers/zhtime) ask it.
type Calendar interface {
	// Next returns the first occurrence of spec strictly after after, in
	// after's location unless the spec names its own zone, or the zero time
	// when spec never fires. A spec that does not parse is an EInvalid *Error.
	Next(spec string, after time.Time) (time.Time, error)
}

// Scheduler runs persistent jobs on the injected clock.
type Scheduler interface {
	Calendar
	// Handle registers the function for a job kind.
	Handle(kind string, fn JobFunc)
	// Schedule stores a job and computes its next occurrence. It returns an
	// EInvalid *Error for a bad spec or a one-off time in the past.
	Schedule(j Job) (Job, error)
	// Cancel removes the job with the given key (no error if none).
	Cancel(key string) error
	// CancelID removes the job with the given id; ENotFound if none.
	CancelID(id uint64) (Job, error)
	// Jobs lists jobs, of one kind if kind is not "", by next occurrence.
	Jobs(kind string) ([]Job, error)
}

// JobKey returns an idempotency key for messages sent by one occurrence of
// a job.
func JobKey(j Job, occurrence time.Time, part string) string {
	return fmt.Sprintf("job:%d:%s:%s", j.ID, occurrence.UTC().Format(time.RFC3339), part)
}
