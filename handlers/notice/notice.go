// Package notice is the command family of staff notices to the residents'
// groups: 通知 (now, paced by the outbox), 定时通知 / 定时列表 / 取消定时
// (scheduled and recurring, and the [[notices]] of the configuration), 日报
// and the daily digest, whose sections the other families provide (Deps.
// Digest), and 绑定群, which re-binds a renamed group to its configured name.
// Texts are in texts.go.
package notice

import (
	"log/slog"

	"linli"
	"linli/handlers/zhtime"
)

// Deps are what the family uses. cmd/linli fills them.
type Deps struct {
	Config       *linli.Config
	Clock        linli.Clock
	Out          linli.Sender
	Scheduler    linli.Scheduler
	GroupAliases linli.GroupAliasStore // the engine's live view, so a 绑定群 holds at once
	Digest       []linli.DigestSource  // the sections of the daily digest, in order
	Logger       *slog.Logger          // required: cmd/linli's, as component "handlers" (scenario outputs show it)
}

// Family is the notice family. Its methods' receiver h is the family's
// handlers.
type Family struct{ Deps }

// New returns the family.
func New(d Deps) *Family { return &Family{Deps: d} }

// Register registers 通知, 定时通知, 定时列表, 取消定时, 日报 and 绑定群.
func (h *Family) Register(r linli.Router) {
	h.registerBroadcast(r)
	h.registerBindGroup(r)
}

// Jobs registers the notice and digest jobs and schedules the configured
// notices and the digest (SyncConfigNotices).
func (h *Family) Jobs(s linli.Scheduler) error {
	s.Handle(linli.JobNotice, h.runNotice)
	s.Handle(linli.JobDigest, h.runDigest)
	return h.SyncConfigNotices()
}

// Exports: the family has no export kinds.
func (h *Family) Exports() []linli.Export { return nil }

// times reads Chinese times, with the scheduler checking the specs.
func (h *Family) times() zhtime.Reader { return zhtime.Reader{Cal: h.Scheduler} }
