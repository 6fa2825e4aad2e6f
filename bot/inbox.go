package bot

import (
	"context"

	"linli"
)

// Inbox connects a platform adapter to the engine (linli.Inbox): messages
// go to Engine.Receive, session events to the SessionMonitor.
type Inbox struct {
	Engine  *Engine
	Monitor *SessionMonitor
}

var _ linli.Inbox = Inbox{}

// Receive records m and queues it (Engine.Receive).
func (i Inbox) Receive(m linli.Message) error { return i.Engine.Receive(m) }

// Session passes ev to the monitor (SessionMonitor.Session). A session
// coming up also makes the engine rebind platform users to residents
// (Engine.NewSession): a new login gives everyone new ids.
func (i Inbox) Session(ev linli.SessionEvent) {
	if ev.State == linli.SessionUp {
		i.Engine.NewSession()
	}
	i.Monitor.Session(ev)
}

// SyncInbox hands each message to Engine.Handle and returns once it has
// been handled, for the console, whose script runs strictly in order. It
// journals nothing and ignores session events.
type SyncInbox struct {
	Engine *Engine
}

var _ linli.Inbox = SyncInbox{}

// Receive handles m now; the error is a storage failure.
func (i SyncInbox) Receive(m linli.Message) error {
	return i.Engine.Handle(context.Background(), m)
}

// Session does nothing: a console is always connected.
func (SyncInbox) Session(linli.SessionEvent) {}
