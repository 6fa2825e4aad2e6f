// Package handlers implements linli's commands, one file per command family,
// registered on the engine's router by Register (routes.go). User-facing
// texts live in the texts*.go files.
package handlers

import (
	"log/slog"

	"linli"
	"linli/handlers/tell"
	"linli/handlers/zhtime"
)

// Deps are what the handlers need. cmd/linli fills them.
type Deps struct {
	Config     *linli.Config
	Clock      linli.Clock
	Out        linli.Sender
	Residents  linli.ResidentStore
	Scheduler  linli.Scheduler
	Classifier linli.Classifier // optional; the lexicon's keyword table is used without it
	Lexicon    linli.Lexicon    // the words residents use (nlu.Words())
	Logger     *slog.Logger

	// Feature services, one line per family (filled by attachStores in cmd/linli).
	Polls      linli.PollService
	Reports    linli.ReportService   // 随手拍 reports and their images
	Activities linli.ActivityService // activities and sign-up (signup family)
}

// Handlers holds the command handlers and their dependencies.
type Handlers struct {
	Deps
	log        *slog.Logger
	router     linli.Router
	helpPosted helpPosted
}

// times reads Chinese times, with the scheduler checking the specs.
func (h *Handlers) times() zhtime.Reader { return zhtime.Reader{Cal: h.Scheduler} }

// teller reaches people through the outbox.
func (h *Handlers) teller() tell.Teller {
	return tell.Teller{Config: h.Config, Out: h.Out, Residents: h.Residents}
}

// New returns the handlers. Call Register before routing messages and
// RegisterJobs before running the scheduler.
func New(d Deps) *Handlers {
	log := d.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Handlers{Deps: d, log: log.With("component", "handlers")}
}
