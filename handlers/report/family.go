// Package report is the command family of 随手拍: residents report
// problems (with photos, a place, an emergency), grid workers and
// supervisors close the loop (受理, 办结, 退回, 转派, 改类) or hand a report
// to a unit outside the office (转办, 回复; report_unit.go), the SLA ladder
// reminds and escalates until it is resolved ([ladder]; report_sla.go),
// residents rate and reopen (评价, 没修好), staff get the figures (统计 上报
// [月份], 导出 上报). Windows and limits are the constants of report.go and
// report_todo.go; texts are in texts.go, texts_ladder.go (ladder, 待办) and
// texts_unit.go (转办, 统计).
package report

import (
	"log/slog"
	"sync"
	"time"

	"linli"
	"linli/handlers/tell"
)

// Deps are what the family uses. cmd/linli fills them.
type Deps struct {
	Config     *linli.Config
	Clock      linli.Clock
	Out        linli.Sender
	Residents  linli.ResidentStore // who is the bot's friend (told privately)
	Scheduler  linli.Scheduler
	Reports    linli.ReportService // reports and their images
	Classifier linli.Classifier    // optional; the lexicon's keyword table is used without it
	Lexicon    linli.Lexicon       // emergencies, places, fillers, "still broken"
	Alert      func(text string)   // optional, must not block: the [alert] webhook, for a ladder's 上级 step
	Logger     *slog.Logger        // required: cmd/linli's, as component "handlers" (scenario outputs show it)

	Participation linli.Participation // optional: told of resolved reports (积分)
}

// Family is the 随手拍 family. Its methods' receiver h is the family's
// handlers.
type Family struct {
	Deps

	emergencyMu       sync.Mutex
	emergencyAnswered map[string]time.Time // group and kind → when the numbers were sent
}

// New returns the family.
func New(d Deps) *Family { return &Family{Deps: d} }

// teller reaches people through the outbox.
func (h *Family) teller() tell.Teller {
	return tell.Teller{Config: h.Config, Out: h.Out, Residents: h.Residents}
}
