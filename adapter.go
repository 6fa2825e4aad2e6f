package linli

import "context"

// Adapter is a chat platform that owns its connection: the console, WeChat
// (bot/wechat), and any other (WeCom, a test fake) plugs in beside them
// without the engine changing. cmd/linli serves any Adapter the same way:
// it gives the outbox the adapter as its Platform (Deliver, CanPrivate) and
// calls Serve.
type Adapter interface {
	Platform
	// Serve runs the platform until ctx ends: it connects (and reconnects,
	// pausing with backoff), hands every inbound message to inbox.Receive,
	// and reports its connection with inbox.Session. It returns nil when
	// ctx ends, an error only when it cannot run at all.
	Serve(ctx context.Context, inbox Inbox) error
}

// Inbox is the engine's side of an Adapter. Its methods are safe for
// concurrent use.
type Inbox interface {
	// Receive records m durably and queues it for handling. The adapter
	// acknowledges m to its platform (lets it forget m) only after Receive
	// returned nil; after an error it tries again later. Duplicates (same
	// ID) are recorded once.
	Receive(m Message) error
	// Session reports a change in the adapter's connection. It must not
	// block for long.
	Session(ev SessionEvent)
}

// SessionEvent is a change in an adapter's connection to its platform.
type SessionEvent struct {
	State  SessionState
	Reason string // for people, in Chinese: why it dropped, how it came back
	// For SessionScan: the login link, and the file where the QR code image
	// was saved ("" if it was not saved).
	LoginURL string
	QRCode   string
}

// SessionState is what a SessionEvent says.
type SessionState int

// Session states.
const (
	// SessionUp: the platform accepts messages (logged in and confirmed).
	SessionUp SessionState = iota + 1
	// SessionDown: the connection is lost; the adapter is reconnecting.
	SessionDown
	// SessionScan: reconnecting needs a person to scan a QR code.
	SessionScan
)
