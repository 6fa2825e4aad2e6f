package report

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"linli"
)

// TestRuleTodoPage: 待办 shows reportTodoPage (10) reports a page, overdue
// first, each description cut to reportTodoWords (12) runes.
func TestRuleTodoPage(t *testing.T) {
	w := newReportWorld(t)
	for i := range reportTodoPage + 1 {
		w.reports[uint64(i+1)] = &linli.Report{ID: uint64(i + 1), Reporter: "张阿姨", Category: "设施维修",
			Description: fmt.Sprintf("%02d号问题一二三四五六七八九十", i), Status: linli.ReportSubmitted, Grid: "第一网格",
			Assignee: "王网格", CreatedAt: rulesT0, SLAStart: rulesT0, Deadline: rulesT0.Add(time.Duration(i+1) * time.Hour)}
	}
	w.reports[11].Deadline = rulesT0.Add(-time.Hour) // the last report is the one overdue
	lines := func(args string) []string {
		w.sent = nil
		if err := w.command(w.msg("", "王网格", "待办 "+args, true), "待办", args); err != nil {
			t.Fatal(err)
		}
		if len(w.sent) != 1 {
			t.Fatalf("待办 %s sent %d messages", args, len(w.sent))
		}
		return strings.Split(w.sent[0].Text, "\n")
	}
	p1 := lines("")
	if got := len(p1) - 2; got != reportTodoPage { // a title and a "next page" line around them
		t.Errorf("page 1 has %d reports, want %d:\n%s", got, reportTodoPage, strings.Join(p1, "\n"))
	}
	if !strings.HasPrefix(p1[1], "#11 【超时1小时】") || !strings.Contains(p1[1], "：10号问题一二三四五六七…") {
		t.Errorf("first line %q; want the overdue #11, its description cut to %d runes", p1[1], reportTodoWords)
	}
	if p2 := lines("2"); len(p2) != 2 || !strings.HasPrefix(p2[1], "#10 ") {
		t.Errorf("page 2: %q; want one report, #10", p2)
	}
}

// TestRuleWorkerCommandInGroup: a worker's command in a residents' group is
// answered privately, its errors too; nothing goes to the group.
func TestRuleWorkerCommandInGroup(t *testing.T) {
	w := newReportWorld(t)
	w.reports[1] = &linli.Report{ID: 1, Reporter: "张阿姨", Category: "设施维修", Description: "路灯不亮",
		Status: linli.ReportSubmitted, Grid: "第一网格", Assignee: "王网格", CreatedAt: rulesT0, Deadline: rulesT0.Add(time.Hour)}
	for _, tc := range [][2]string{{"待办", ""}, {"受理", "7"}} {
		w.sent = nil
		req := w.msg(rulesGroup, "王网格", tc[0]+" "+tc[1], false)
		req.Command = tc[0]
		if err := w.command(req, tc[0], tc[1]); err != nil {
			t.Fatalf("%s: %v", tc[0], err)
		}
		if len(w.sent) != 1 || w.sent[0].To != (linli.Chat{User: "王网格"}) || !w.sent[0].Private {
			t.Errorf("%s in a residents' group sent %+v; want one private message to 王网格", tc[0], w.sent)
		}
	}
}
