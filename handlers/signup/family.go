// Package signup is the command family of activities and sign-up: staff
// publish activities (发布活动, one-off or recurring), change and cancel
// them; residents sign up with 报名 or a native 接龙 (with family members:
// +1, 我和老伴), cancel, see 我的报名 and check in (签到); the
// ActivityService keeps capacity and the waitlist; the scheduler reminds,
// closes sign-up at the deadline and rolls recurring activities over.
// Texts are in texts.go.
package signup

import (
	"log/slog"

	"linli"
	"linli/handlers/tell"
	"linli/handlers/zhtime"
)

// Deps are what the family uses. cmd/linli fills them.
type Deps struct {
	Config     *linli.Config
	Clock      linli.Clock
	Out        linli.Sender
	Residents  linli.ResidentStore   // the group a participant last talked in
	Scheduler  linli.Scheduler       // reminders, deadlines, recurrences
	Activities linli.ActivityService // activities and sign-ups
	Lexicon    linli.Lexicon         // party sizes, chatter and polite words
	Logger     *slog.Logger          // required: cmd/linli's, as component "handlers" (scenario outputs show it)
}

// Family is the sign-up family. Its methods' receiver h is the family's
// handlers.
type Family struct{ Deps }

// New returns the family.
func New(d Deps) *Family { return &Family{Deps: d} }

// teller reaches people through the outbox.
func (h *Family) teller() tell.Teller {
	return tell.Teller{Config: h.Config, Out: h.Out, Residents: h.Residents}
}

// times reads Chinese times, with the scheduler computing occurrences.
func (h *Family) times() zhtime.Reader { return zhtime.Reader{Cal: h.Scheduler} }
