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
	"time"

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

	// Optional: the participation family (积分, 志愿时长, 活动评价).
	Participation linli.Participation   // told of check-ins
	Ratings       linli.ActivityRatings // shown in 统计 活动
}

// Family is the sign-up family. Its methods' receiver h is the family's
// handlers.
type Family struct{ Deps }

// New returns the family.
func New(d Deps) *Family { return &Family{Deps: d} }

// participated tells Participation of check-ins; its failure is logged,
// the check-in stands (the activity's settlement catches up).
func (h *Family) participated(a *linli.Activity, signups []linli.Signup, at time.Time) {
	if h.Participation == nil || len(signups) == 0 {
		return
	}
	if err := h.Participation.CheckedIn(*a, signups, at); err != nil {
		h.Logger.Error("participation of a check-in", "activity", a.ID, "err", err)
	}
}

// teller reaches people through the outbox.
func (h *Family) teller() tell.Teller {
	return tell.Teller{Config: h.Config, Out: h.Out, Residents: h.Residents}
}

// times reads Chinese times, with the scheduler computing occurrences.
func (h *Family) times() zhtime.Reader { return zhtime.Reader{Cal: h.Scheduler} }
