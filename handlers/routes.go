package handlers

import "linli"

var _ linli.Family = (*Handlers)(nil)

// Register registers every command family on r.
func (h *Handlers) Register(r linli.Router) {
	h.router = r
	h.registerHelp(r)
	h.registerBind(r)
}

// Jobs registers the scheduler job kinds of every family.
func (h *Handlers) Jobs(s linli.Scheduler) error {
	return nil
}

// Exports lists every family's export kinds.
func (h *Handlers) Exports() []linli.Export { return h.exports() }

// registerExports adds every family's export kinds.
func (h *Handlers) registerExports(m map[string]exporter) {
	m["residents"] = h.exportResidents
}
