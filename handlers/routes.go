package handlers

import "linli"

// Register registers every command family on r.
func (h *Handlers) Register(r linli.Router) {
	h.router = r
	h.registerHelp(r)
	h.registerBind(r)
	// Families in the order residents use them most; 帮助 lists them so.
	h.registerSignup(r)
	h.registerReport(r)
	h.registerPoll(r)
	h.registerPoints(r)
	h.registerBroadcast(r)
	h.registerDigestSources()
	// anchor:register
	h.registerBindGroup(r)
}

// RegisterJobs registers the scheduler job kinds of every family.
func (h *Handlers) RegisterJobs(s linli.Scheduler) {
	_ = s
	h.registerBroadcastJobs(s)
	h.registerPollJobs(s)
	h.registerReportJobs(s)
	// anchor:jobs
	h.registerSignupJobs(s)
}

// registerExports adds every family's export kinds.
func (h *Handlers) registerExports(m map[string]exporter) {
	m["residents"] = h.exportResidents
	h.registerPollExports(m)
	m["reports"] = h.exportReports
	// anchor:exports
	h.registerSignupExports(m)
}
