package handlers

import "linli"

// Register registers every command family on r.
func (h *Handlers) Register(r linli.Router) {
	h.router = r
	h.registerHelp(r)
	h.registerBind(r)
	// anchor:register
	h.registerSignup(r)
}

// RegisterJobs registers the scheduler job kinds of every family.
func (h *Handlers) RegisterJobs(s linli.Scheduler) {
	_ = s
	// anchor:jobs
	h.registerSignupJobs(s)
}

// registerExports adds every family's export kinds.
func (h *Handlers) registerExports(m map[string]exporter) {
	m["residents"] = h.exportResidents
	// anchor:exports
	h.registerSignupExports(m)
}
