package mock

import (
	"linli"
)

var (
	_ linli.Sender   = (*Sender)(nil)
	_ linli.Platform = (*Platform)(nil)
)

// Sender is a function-field fake of linli.Sender.
type Sender struct {
	SendFn func(out linli.Outgoing) error
}

// Send calls SendFn.
func (fake *Sender) Send(out linli.Outgoing) error {
	if fake.SendFn == nil {
		unset("Sender.Send")
	}
	return fake.SendFn(out)
}

// Platform is a function-field fake of linli.Platform.
type Platform struct {
	DeliverFn    func(out linli.Outgoing) error
	CanPrivateFn func(user string) bool
}

// Deliver calls DeliverFn.
func (fake *Platform) Deliver(out linli.Outgoing) error {
	if fake.DeliverFn == nil {
		unset("Platform.Deliver")
	}
	return fake.DeliverFn(out)
}

// CanPrivate calls CanPrivateFn.
func (fake *Platform) CanPrivate(user string) bool {
	if fake.CanPrivateFn == nil {
		unset("Platform.CanPrivate")
	}
	return fake.CanPrivateFn(user)
}
