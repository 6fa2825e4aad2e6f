// Package account is the command family of a resident's place in the bot:
// 帮助 (the menu of every family's commands the sender may use) and 绑定
// (their household), and the residents export. Texts are in texts.go.
package account

import (
	"log/slog"

	"linli"
)

// Deps are what the family uses. cmd/linli fills them.
type Deps struct {
	Config    *linli.Config
	Residents linli.ResidentStore
	Logger    *slog.Logger
}

// Family is the account family. Its methods' receiver h is the family's
// handlers.
type Family struct {
	Deps
	log        *slog.Logger
	router     linli.Router // the commands 帮助 lists
	helpPosted helpPosted
}

var _ linli.Family = (*Family)(nil)

// New returns the family.
func New(d Deps) *Family {
	log := d.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	// Every family logs as component "handlers": scenario outputs show it.
	return &Family{Deps: d, log: log.With("component", "handlers")}
}

// Register registers 帮助 (and the help intent) and 绑定. 帮助 lists the
// commands of every family registered on r, in registration order.
func (h *Family) Register(r linli.Router) {
	h.router = r
	h.registerHelp(r)
	h.registerBind(r)
}

// Jobs: the family has no jobs.
func (h *Family) Jobs(linli.Scheduler) error { return nil }

// Exports is the residents export.
func (h *Family) Exports() []linli.Export {
	return []linli.Export{{Kind: "residents", Table: h.exportResidents}}
}
