// Package poll is the command family of 投票与议事: staff put polls and
// proposals to the residents' groups (发起投票, with rules such as 双三分之二
// and 一户一票, an optional discussion period and 反馈), residents vote with
// 投票 (or 投) and give 意见; the result is posted when a poll closes.
// Texts are in texts.go; results and announcements are rendered in
// poll_render.go.
package poll

import (
	"time"

	"linli"
	"linli/handlers/zhtime"
)

// Deps are what the family uses. cmd/linli fills them.
type Deps struct {
	Config    *linli.Config
	Clock     linli.Clock
	Out       linli.Sender
	Scheduler linli.Scheduler
	Polls     linli.PollService
	Lexicon   linli.Lexicon // the words around a choice
	// Owners is the owners' register (optional): with one loaded, 一户一票
	// and 双三分之二 polls count only verified households.
	Owners linli.RegisterService
}

// Family is the poll family. Its methods' receiver h is the family's
// handlers.
type Family struct{ Deps }

// New returns the family.
func New(d Deps) *Family { return &Family{Deps: d} }

// fmtTime renders t in the configured zone as residents read it.
func (h *Family) fmtTime(t time.Time) string { return zhtime.Format(t.In(h.Config.Location)) }
