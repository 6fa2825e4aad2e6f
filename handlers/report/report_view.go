package report

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"linli"
	"linli/handlers/zhtime"
)

// reportMine handles "我的上报": the sender's reports, newest first, sent
// privately when possible (a group need not see who reported what).
func (h *Family) reportMine(ctx context.Context, req *linli.Request) error {
	list, err := h.Reports.ReporterReports(req.Msg.Sender)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		return req.Reply(textReportNoReports)
	}
	slices.Reverse(list)
	var b strings.Builder
	fmt.Fprintf(&b, "您的随手拍（共%d条）：", len(list))
	for _, r := range list[:min(len(list), reportListMax)] {
		fmt.Fprintf(&b, "\n#%d %s — %s（%s）", r.ID, what(r), reportStatusText[r.Status],
			zhtime.FormatDate(r.CreatedAt.In(h.Config.Location)))
	}
	b.WriteString("\n发送「进度 编号」查看详情。")
	return req.ReplyPrivate(b.String(), nil)
}

// reportPublicSteps are the steps of a report a resident is told of anyway;
// only they are listed by 进度 when the answer would go into a group.
var reportPublicSteps = map[string]bool{linli.ReportSubmitted: true, linli.ReportAccepted: true,
	linli.ReportResolved: true, linli.ReportRejected: true, linli.ReportReopened: true, "place": true}

// reportProgress handles "进度 <编号>" for the reporter and for those who
// may work on the report. The whole history (reminders, escalations, 退回
// reasons) goes privately only: to a reporter who is not the bot's friend
// the answer is an @mention in a group, so it lists only the steps they
// were told of, without a 退回 reason.
func (h *Family) reportProgress(ctx context.Context, req *linli.Request) error {
	id, _, err := idOrUsage(req, textReportProgressUsage)
	if err != nil {
		return err
	}
	r, err := h.Reports.Report(id)
	if err != nil {
		if req.Msg.Role >= linli.RoleGridWorker {
			return h.workerNotFound(err, id)
		}
		return h.residentNotFound(err, id)
	}
	var linked *linli.Report // the sender's own report linked to r
	if r.Reporter != req.Msg.Sender && !h.mayAct(req, r) {
		if own, err := h.ownReport(req, id); err == nil && own.Reporter == req.Msg.Sender && own.DuplicateOf == r.ID {
			linked = own // 进度 of the report theirs was merged into
		} else if req.Msg.Role >= linli.RoleGridWorker {
			return linli.Errorf(linli.EForbidden, textReportNotYourGrid, r.ID, r.Grid)
		} else {
			return linli.Errorf(linli.EForbidden, textReportNotYours, "查看")
		}
	}
	loc := h.Config.Location
	var b strings.Builder
	full := h.teller().Reachable(req.Msg.Sender)
	desc, images := r.Description, len(r.Images)
	if linked != nil {
		// Another resident's report: its status and steps, but the
		// sender's own words, never the other reporter's.
		desc, images = linked.Description, len(linked.Images)
	}
	if !full {
		desc = linli.MaskForGroup(desc) // the answer goes into a group: no phone, no 户号
	}
	fmt.Fprintf(&b, "随手拍#%d %s — %s\n描述：%s", r.ID, what(r), reportStatusText[r.Status], desc)
	if images > 0 {
		fmt.Fprintf(&b, "（附图%d张）", images)
	}
	if linked != nil {
		fmt.Fprintf(&b, "\n"+textReportLinkedProgress, linked.ID, r.ID)
	}
	if r.DuplicateOf != 0 {
		fmt.Fprintf(&b, "\n与#%d是同一问题，随#%d一起处理。", r.DuplicateOf, r.DuplicateOf)
	} else if r.Open() {
		fmt.Fprintf(&b, "\n处理：%s %s，时限 %s", r.Grid, r.Assignee, zhtime.Format(r.Deadline.In(loc)))
		if req.Now.After(r.Deadline) {
			b.WriteString("（已超时）")
		}
	}
	for _, e := range r.History {
		if (!full || linked != nil) && !reportPublicSteps[e.Action] {
			continue
		}
		if linked != nil && e.Action != linli.ReportResolved && e.Action != linli.ReportRejected {
			e.Note = "" // the other reporter's 补充 and the like are theirs
		}
		if !full {
			e.Note = linli.MaskForGroup(e.Note) // a 补充 in the group: no phone, no 户号
		}
		fmt.Fprintf(&b, "\n%s %s", e.At.In(loc).Format("01-02 15:04"), reportActionText[e.Action])
		switch {
		case !full && e.Action == linli.ReportRejected:
			b.WriteString(textReportReasonWithheld(h.Config.BotName, r.ID))
		case !full && e.Action == linli.ReportResolved && e.Note != "":
			b.WriteString(textReportNoteWithheld(h.Config.BotName, r.ID))
		case strings.HasPrefix(e.Note, "（"): // an aside, such as textReportStepMerged
			b.WriteString(e.Note)
		case e.Note != "":
			b.WriteString("：" + e.Note)
		}
	}
	if full {
		return h.Out.Send(linli.Outgoing{To: linli.Chat{User: req.Msg.Sender}, Text: b.String(), Private: true})
	}
	return req.ReplyPrivate(b.String(), nil)
}

// ReportStats are the 随手拍 figures staff watch. Duplicates count only in
// Merged (a problem is counted once); ratings count from every report.
type ReportStats struct {
	Total    int // reports, duplicates excluded
	Merged   int // duplicates linked to another report
	Resolved int
	Rejected int
	Open     int
	Overdue  int // open and past the deadline
	OnTime   int // resolved before the deadline of their last SLA round
	Rated    int
	RateSum  int
	Pleased  int // ratings of 4 or 5
}

// ResolutionRate is 解决率: resolved among reports not rejected (0..1).
func (s ReportStats) ResolutionRate() float64 { return ratio(s.Resolved, s.Total-s.Rejected) }

// Satisfaction is 满意度: the mean rating (1..5; 0 without ratings).
func (s ReportStats) Satisfaction() float64 { return ratio(s.RateSum, s.Rated) }

func ratio(a, b int) float64 {
	if b <= 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Summary is one line for 待办.
func (s ReportStats) Summary() string {
	sat := "暂无评价"
	if s.Rated > 0 {
		sat = fmt.Sprintf("%.1f分（%d条评价）", s.Satisfaction(), s.Rated)
	}
	return fmt.Sprintf("全社区：解决率 %.0f%%，满意度 %s。", 100*s.ResolutionRate(), sat)
}

// ReportStats gives the figures at the clock's time: the running counts
// kept by the ReportService, and the open reports for what is overdue.
func (h *Family) ReportStats() (ReportStats, error) {
	c, err := h.Reports.ReportCounts("")
	if err != nil {
		return ReportStats{}, err
	}
	open, _, err := h.Reports.OpenReports()
	if err != nil {
		return ReportStats{}, err
	}
	return statsOf(c, open, h.Clock.Now()), nil
}

// statsOf combines the counts with the open originals at now.
func statsOf(c linli.ReportCounts, open []*linli.Report, now time.Time) ReportStats {
	s := ReportStats{Total: c.Total, Merged: c.Merged, Resolved: c.Resolved, Rejected: c.Rejected,
		OnTime: c.OnTime, Rated: c.Rated, RateSum: c.RateSum, Pleased: c.Pleased}
	s.Open = c.Total - c.Resolved - c.Rejected
	for _, r := range open {
		if now.After(r.Deadline) {
			s.Overdue++
		}
	}
	return s
}

// computeReportStats gives the figures of list at now, as ReportStats
// does from the service's counts.
func computeReportStats(list []*linli.Report, now time.Time) ReportStats {
	var open []*linli.Report
	for _, r := range list {
		if r.Open() && r.DuplicateOf == 0 {
			open = append(open, r)
		}
	}
	return statsOf(linli.CountReports(list), open, now)
}

func textReportStats(s ReportStats) string {
	var b strings.Builder
	fmt.Fprintf(&b, "随手拍统计：共%d件", s.Total)
	if s.Merged > 0 {
		fmt.Fprintf(&b, "（另有%d条重复反映已合并）", s.Merged)
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "已办结%d，已退回%d，处理中%d（其中超时%d）\n", s.Resolved, s.Rejected, s.Open, s.Overdue)
	fmt.Fprintf(&b, "解决率 %.0f%%（办结÷未退回的），按时办结 %d件\n", 100*s.ResolutionRate(), s.OnTime)
	if s.Rated == 0 {
		b.WriteString("满意度：暂无评价")
	} else {
		fmt.Fprintf(&b, "满意度 %.1f分（%d条评价，4-5分的%.0f%%）", s.Satisfaction(), s.Rated, 100*ratio(s.Pleased, s.Rated))
	}
	return b.String()
}
