// Package account is the command family of a resident's place in the bot:
// 帮助 (the menu of every family's commands the sender may use) and 绑定
// (their household), and the residents export. Texts are in texts.go.
package account

import (
	"linli"
)

// Deps are what the family uses. cmd/linli fills them.
type Deps struct {
	Config    *linli.Config
	Residents linli.ResidentStore
	// Owners (the register), Out: optional. With an owners' register loaded, 绑定 is
	// verified against it (bind_register.go); Out tells staff and the
	// resident about requests.
	Owners linli.RegisterService
	Out    linli.Sender
}

// Family is the account family. Its methods' receiver h is the family's
// handlers.
type Family struct {
	Deps
	router     linli.Router // the commands 帮助 lists
	helpPosted helpPosted
}

// New returns the family.
func New(d Deps) *Family { return &Family{Deps: d} }

// Register registers 帮助 (and the help intent) and 绑定. 帮助 lists the
// commands of every family registered on r, in registration order.
func (h *Family) Register(r linli.Router) {
	h.router = r
	h.registerHelp(r)
	h.registerBind(r)
	h.registerBindDecisions(r)
	h.registerRegisterStaff(r)
}

// Jobs: the family has no jobs.
func (h *Family) Jobs(linli.Scheduler) error { return nil }

// Exports is the residents export.
func (h *Family) Exports() []linli.Export {
	return []linli.Export{{Kind: "residents", Table: h.exportResidents}}
}
