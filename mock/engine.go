package mock

// Function-field fakes of the interfaces between the engine, the platform
// and the words: Lexicon, Adapter, Inbox, InboundStore, SendingMarker.

import (
	"context"
	"time"

	"linli"
)

var (
	_ linli.Lexicon       = (*Lexicon)(nil)
	_ linli.Adapter       = (*Adapter)(nil)
	_ linli.Inbox         = (*Inbox)(nil)
	_ linli.InboundStore  = (*InboundStore)(nil)
	_ linli.SendingMarker = (*SendingMarker)(nil)
)

// Lexicon is a function-field fake of linli.Lexicon.
type Lexicon struct {
	ClassifyFn      func(text string) (category string, keywords []string)
	YesFn           func(text string) bool
	NoFn            func(text string) bool
	AckFn           func(text string) bool
	ChatterFn       func(args string) bool
	AboutCommandFn  func(rest string) bool
	PoliteFn        func(word string) bool
	EmergencyFn     func(text string) string
	SelfHarmFn      func(text string) bool
	SettledFn       func(text string) bool
	StillBrokenFn   func(text string) bool
	PlaceFn         func(text string) (place string, building int)
	BarePlaceFn     func(text string) bool
	SaysProblemFn   func(desc string) bool
	SameProblemFn   func(a, b []string) bool
	PartyFn         func(s string) (rest string, extra int, ok bool)
	PartyCutFn      func(s string) (title, party string)
	PartyLessFn     func(s string) (n int, ok bool)
	BallotReplaceFn func(word string) bool
	BallotBareFn    func(word string) string
	BallotAckFn     func(remark string) bool
}

// Classify calls ClassifyFn.
func (fake *Lexicon) Classify(text string) (category string, keywords []string) {
	if fake.ClassifyFn == nil {
		unset("Lexicon.Classify")
	}
	return fake.ClassifyFn(text)
}

// Yes calls YesFn.
func (fake *Lexicon) Yes(text string) bool {
	if fake.YesFn == nil {
		unset("Lexicon.Yes")
	}
	return fake.YesFn(text)
}

// Ack calls AckFn.
func (fake *Lexicon) Ack(text string) bool {
	if fake.AckFn == nil {
		unset("Lexicon.Ack")
	}
	return fake.AckFn(text)
}

// Chatter calls ChatterFn.
func (fake *Lexicon) Chatter(args string) bool {
	if fake.ChatterFn == nil {
		unset("Lexicon.Chatter")
	}
	return fake.ChatterFn(args)
}

// AboutCommand calls AboutCommandFn.
func (fake *Lexicon) AboutCommand(rest string) bool {
	if fake.AboutCommandFn == nil {
		unset("Lexicon.AboutCommand")
	}
	return fake.AboutCommandFn(rest)
}

// Polite calls PoliteFn.
func (fake *Lexicon) Polite(word string) bool {
	if fake.PoliteFn == nil {
		unset("Lexicon.Polite")
	}
	return fake.PoliteFn(word)
}

// Emergency calls EmergencyFn.
func (fake *Lexicon) Emergency(text string) string {
	if fake.EmergencyFn == nil {
		unset("Lexicon.Emergency")
	}
	return fake.EmergencyFn(text)
}

// No calls NoFn.
func (fake *Lexicon) No(text string) bool {
	if fake.NoFn == nil {
		unset("Lexicon.No")
	}
	return fake.NoFn(text)
}

// SelfHarm calls SelfHarmFn.
func (fake *Lexicon) SelfHarm(text string) bool {
	if fake.SelfHarmFn == nil {
		unset("Lexicon.SelfHarm")
	}
	return fake.SelfHarmFn(text)
}

// Settled calls SettledFn.
func (fake *Lexicon) Settled(text string) bool {
	if fake.SettledFn == nil {
		unset("Lexicon.Settled")
	}
	return fake.SettledFn(text)
}

// StillBroken calls StillBrokenFn.
func (fake *Lexicon) StillBroken(text string) bool {
	if fake.StillBrokenFn == nil {
		unset("Lexicon.StillBroken")
	}
	return fake.StillBrokenFn(text)
}

// Place calls PlaceFn.
func (fake *Lexicon) Place(text string) (place string, building int) {
	if fake.PlaceFn == nil {
		unset("Lexicon.Place")
	}
	return fake.PlaceFn(text)
}

// BarePlace calls BarePlaceFn.
func (fake *Lexicon) BarePlace(text string) bool {
	if fake.BarePlaceFn == nil {
		unset("Lexicon.BarePlace")
	}
	return fake.BarePlaceFn(text)
}

// SaysProblem calls SaysProblemFn.
func (fake *Lexicon) SaysProblem(desc string) bool {
	if fake.SaysProblemFn == nil {
		unset("Lexicon.SaysProblem")
	}
	return fake.SaysProblemFn(desc)
}

// SameProblem calls SameProblemFn.
func (fake *Lexicon) SameProblem(a, b []string) bool {
	if fake.SameProblemFn == nil {
		unset("Lexicon.SameProblem")
	}
	return fake.SameProblemFn(a, b)
}

// Party calls PartyFn.
func (fake *Lexicon) Party(s string) (rest string, extra int, ok bool) {
	if fake.PartyFn == nil {
		unset("Lexicon.Party")
	}
	return fake.PartyFn(s)
}

// PartyCut calls PartyCutFn.
func (fake *Lexicon) PartyCut(s string) (title, party string) {
	if fake.PartyCutFn == nil {
		unset("Lexicon.PartyCut")
	}
	return fake.PartyCutFn(s)
}

// PartyLess calls PartyLessFn.
func (fake *Lexicon) PartyLess(s string) (n int, ok bool) {
	if fake.PartyLessFn == nil {
		unset("Lexicon.PartyLess")
	}
	return fake.PartyLessFn(s)
}

// BallotReplace calls BallotReplaceFn.
func (fake *Lexicon) BallotReplace(word string) bool {
	if fake.BallotReplaceFn == nil {
		unset("Lexicon.BallotReplace")
	}
	return fake.BallotReplaceFn(word)
}

// BallotBare calls BallotBareFn.
func (fake *Lexicon) BallotBare(word string) string {
	if fake.BallotBareFn == nil {
		unset("Lexicon.BallotBare")
	}
	return fake.BallotBareFn(word)
}

// BallotAck calls BallotAckFn.
func (fake *Lexicon) BallotAck(remark string) bool {
	if fake.BallotAckFn == nil {
		unset("Lexicon.BallotAck")
	}
	return fake.BallotAckFn(remark)
}

// Adapter is a function-field fake of linli.Adapter.
type Adapter struct {
	DeliverFn    func(out linli.Outgoing) error
	CanPrivateFn func(user string) bool
	ServeFn      func(ctx context.Context, inbox linli.Inbox) error
}

// Deliver calls DeliverFn.
func (fake *Adapter) Deliver(out linli.Outgoing) error {
	if fake.DeliverFn == nil {
		unset("Adapter.Deliver")
	}
	return fake.DeliverFn(out)
}

// CanPrivate calls CanPrivateFn.
func (fake *Adapter) CanPrivate(user string) bool {
	if fake.CanPrivateFn == nil {
		unset("Adapter.CanPrivate")
	}
	return fake.CanPrivateFn(user)
}

// Serve calls ServeFn.
func (fake *Adapter) Serve(ctx context.Context, inbox linli.Inbox) error {
	if fake.ServeFn == nil {
		unset("Adapter.Serve")
	}
	return fake.ServeFn(ctx, inbox)
}

// Inbox is a function-field fake of linli.Inbox.
type Inbox struct {
	ReceiveFn func(m linli.Message) error
	SessionFn func(ev linli.SessionEvent)
}

// Receive calls ReceiveFn.
func (fake *Inbox) Receive(m linli.Message) error {
	if fake.ReceiveFn == nil {
		unset("Inbox.Receive")
	}
	return fake.ReceiveFn(m)
}

// Session calls SessionFn.
func (fake *Inbox) Session(ev linli.SessionEvent) {
	if fake.SessionFn == nil {
		unset("Inbox.Session")
	}
	fake.SessionFn(ev)
}

// InboundStore is a function-field fake of linli.InboundStore.
type InboundStore struct {
	RecordInboundFn   func(m linli.Message, at time.Time) (seq uint64, first bool, err error)
	PendingInboundFn  func() ([]linli.InboundRecord, error)
	CompleteInboundFn func(done, next uint64) error
}

// RecordInbound calls RecordInboundFn.
func (fake *InboundStore) RecordInbound(m linli.Message, at time.Time) (seq uint64, first bool, err error) {
	if fake.RecordInboundFn == nil {
		unset("InboundStore.RecordInbound")
	}
	return fake.RecordInboundFn(m, at)
}

// PendingInbound calls PendingInboundFn.
func (fake *InboundStore) PendingInbound() ([]linli.InboundRecord, error) {
	if fake.PendingInboundFn == nil {
		unset("InboundStore.PendingInbound")
	}
	return fake.PendingInboundFn()
}

// CompleteInbound calls CompleteInboundFn.
func (fake *InboundStore) CompleteInbound(done, next uint64) error {
	if fake.CompleteInboundFn == nil {
		unset("InboundStore.CompleteInbound")
	}
	return fake.CompleteInboundFn(done, next)
}

// SendingMarker is a function-field fake of linli.SendingMarker.
type SendingMarker struct {
	MarkSendingFn func(ids []uint64, at time.Time) error
}

// MarkSending calls MarkSendingFn.
func (fake *SendingMarker) MarkSending(ids []uint64, at time.Time) error {
	if fake.MarkSendingFn == nil {
		unset("SendingMarker.MarkSending")
	}
	return fake.MarkSendingFn(ids, at)
}
