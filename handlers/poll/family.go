// Package poll is the command family of 投票与议事: staff put polls and
// proposals to the residents' groups (发起投票, with rules such as 双三分之二
// and 一户一票, an optional discussion period and 反馈), residents vote with
// 投票 (or 投) and give 意见; the result is posted when a poll closes.
// Texts are in texts.go; results and announcements are rendered in
// poll_render.go.
package poll

import (
	"log/slog"
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
	Logger    *slog.Logger
}

// Family is the poll family. Its methods' receiver h is the family's
// handlers.
type Family struct {
	Deps
	log *slog.Logger
}

var (
	_ linli.Family       = (*Family)(nil)
	_ linli.DigestSource = (*Family)(nil)
)

// New returns the family.
func New(d Deps) *Family {
	log := d.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	// Every family logs as component "handlers": scenario outputs show it.
	return &Family{Deps: d, log: log.With("component", "handlers")}
}

// Jobs registers the poll family's scheduled jobs.
func (h *Family) Jobs(s linli.Scheduler) error {
	s.Handle(jobPollClose, h.closePollJob)
	s.Handle(jobPollOpen, h.openPollJob)
	s.Handle(jobPollOpinions, h.opinionsJob)
	return nil
}

// Exports are the polls and votes exports.
func (h *Family) Exports() []linli.Export {
	return []linli.Export{{Kind: "polls", Table: h.exportPolls}, {Kind: "votes", Table: h.exportVotes}}
}

// fmtTime renders t in the configured zone as residents read it.
func (h *Family) fmtTime(t time.Time) string { return zhtime.Format(t.In(h.Config.Location)) }
