package report

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"linli"
	"linli/handlers/zhtime"
)

// Windows and sizes of 待办.
const (
	reportTodoPage  = 10 // lines per page of 待办
	reportTodoWords = 12 // runes of the description shown on a line
)

// reportTodo handles "待办 [页码]": the open reports of the sender's grids
// (a worker's own, a supervisor's supervised, all for staff; a unit's
// contact: those 转办 to the unit), overdue first (the most overdue
// first), then by deadline, one line each with the description's first
// words, place, age, deadline and state; paged. Supervisors and staff
// also get the stats line.
func (h *Family) reportTodo(ctx context.Context, req *linli.Request) error {
	page := 1
	if a := strings.TrimSpace(strings.TrimPrefix(req.Args, "第")); a != "" {
		n, err := strconv.Atoi(strings.TrimSuffix(a, "页"))
		if err != nil || n < 1 {
			return linli.Errorf(linli.EInvalid, "%s", textReportTodoUsage)
		}
		page = n
	}
	who, all := req.Msg.Sender, req.Msg.Role.IsStaff()
	unit, isUnit := h.Config.UnitOfContact(who)
	grids := map[string]bool{}
	for _, g := range h.Config.Grids {
		if g.Worker == who || g.Supervisor == who {
			grids[g.Name] = true
		}
	}
	open, dups, err := h.Reports.OpenReports()
	if err != nil {
		return err
	}
	var list []*linli.Report
	for _, r := range open {
		if all || grids[r.Grid] || r.Assignee == who || (isUnit && r.Unit == unit.Name) {
			list = append(list, r)
		}
	}
	now := req.Now
	slices.SortStableFunc(list, func(a, b *linli.Report) int {
		ao, bo := now.After(a.Deadline), now.After(b.Deadline)
		if ao != bo {
			if ao {
				return -1
			}
			return 1
		}
		return cmp.Or(a.Deadline.Compare(b.Deadline), cmp.Compare(a.ID, b.ID))
	})
	pages := max(1, (len(list)+reportTodoPage-1)/reportTodoPage)
	if page > pages {
		return linli.Errorf(linli.EInvalid, textReportTodoNoPage, page, pages)
	}
	var b strings.Builder
	if len(list) == 0 {
		b.WriteString(textReportNoTodo)
	} else {
		b.WriteString(textReportTodoTitle(len(list), overdueCount(list, now), page, pages))
	}
	shown := list[(page-1)*reportTodoPage : min(len(list), page*reportTodoPage)]
	people, err := h.otherReporters(shown, dups)
	if err != nil {
		return err
	}
	for _, r := range shown {
		b.WriteString("\n" + h.todoLine(r, now, all || len(grids) > 1, people[r.ID], req.Msg.Group != ""))
	}
	if page < pages {
		fmt.Fprintf(&b, textReportTodoMore, page+1)
	}
	if all || req.Msg.Role == linli.RoleSupervisor {
		// From the running counts and the open reports read above, not a
		// second OpenReports (the summary line does not use the time).
		c, err := h.Reports.ReportCounts("")
		if err != nil {
			return err
		}
		b.WriteString("\n" + statsOf(c, open, now).Summary())
	}
	return req.Reply(b.String())
}

func overdueCount(list []*linli.Report, now time.Time) int {
	n := 0
	for _, r := range list {
		if now.After(r.Deadline) {
			n++
		}
	}
	return n
}

// todoLine is one report of 待办: "#3 【超时2小时】环境卫生 · 3栋：楼道堆满杂物…
// — 待受理，2天前报，11月25日(周三) 09:00到期".
// In a group (inGroup) the words are masked before they are cut.
func (h *Family) todoLine(r *linli.Report, now time.Time, grid bool, dups int, inGroup bool) string {
	words := cutRunes(oneLine(r.Description), reportTodoWords)
	if inGroup {
		words = groupCut(oneLine(r.Description), reportTodoWords)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "#%d ", r.ID)
	if d := now.Sub(r.Deadline); d > 0 {
		fmt.Fprintf(&b, "【超时%s】", lateBy(d))
	}
	fmt.Fprintf(&b, "%s：%s — %s，%s前报，%s到期", what(r), words,
		reportStatusText[r.Status], lateBy(now.Sub(r.CreatedAt)), zhtime.Format(r.Deadline.In(h.Config.Location)))
	if r.Unit != "" {
		fmt.Fprintf(&b, "（已转办%s）", r.Unit)
	}
	if grid {
		fmt.Fprintf(&b, "，%s", r.Grid)
	}
	if dups > 0 {
		fmt.Fprintf(&b, "（另有%d人反映）", dups)
	}
	return b.String()
}

// otherReporters counts, for each of reports with open duplicates (dups,
// from OpenReports), the other people who reported the same problem: one
// person reporting it three times is one person, and the original's
// reporter is not "another". It reads only those reports' duplicates.
func (h *Family) otherReporters(reports []*linli.Report, dups map[uint64]int) (map[uint64]int, error) {
	out := map[uint64]int{}
	for _, r := range reports {
		if dups[r.ID] == 0 {
			continue
		}
		list, err := h.Reports.Duplicates(r.ID)
		if err != nil {
			return nil, err
		}
		seen := map[string]bool{r.Reporter: true}
		for _, d := range list {
			if d.Open() && !seen[d.Reporter] {
				seen[d.Reporter] = true
				out[r.ID]++
			}
		}
	}
	return out, nil
}

// oneLine joins the lines of s.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// privately wraps a command for workers, supervisors, staff and units
// (tell.Teller.Privately): typed in a residents' group, what it answers
// goes to the sender privately, errors too; someone the bot cannot reach
// privately gets one short line in the group instead.
func (h *Family) privately(next linli.HandlerFunc) linli.HandlerFunc {
	return h.teller().Privately(next, textReportStaffInGroup)
}
