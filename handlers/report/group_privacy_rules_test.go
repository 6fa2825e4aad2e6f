package report

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"linli"
)

// digitRun7 is seven digits in a row: more of a phone or ID number than a
// masked one (139****5678) shows.
var digitRun7 = regexp.MustCompile(`[0-9]{7}`)

// groupLeak reports what of a resident's private data s still shows: a
// long digit run, or the room of 3栋502.
func groupLeak(s string) string {
	if m := digitRun7.FindString(s); m != "" {
		return m
	}
	if strings.Contains(s, "502") {
		return "502"
	}
	return ""
}

func (w *reportWorld) openReport(id uint64, desc string, created time.Time, deadline time.Time) {
	w.reports[id] = &linli.Report{ID: id, Reporter: "张阿姨", Group: rulesGroup, Category: "设施维修",
		Description: desc, Place: "3栋", Building: 3, Status: linli.ReportSubmitted, Grid: "第一网格", Assignee: "王网格",
		CreatedAt: created, SLAStart: created, Deadline: deadline, Round: 1}
}

// TestRuleDigestMasksBeforeCutting: the digest (the staff group's) cuts a
// description to 20 characters only after masking it, so a number cut in
// the middle ("电话139123456…") never shows; a 户号 keeps its building only.
// Red-team round 7.
func TestRuleDigestMasksBeforeCutting(t *testing.T) {
	w := newReportWorld(t)
	w.openReport(1, "3栋门口路灯坏了 电话13912345678", rulesT0.Add(-time.Hour), rulesT0.Add(47*time.Hour))
	w.openReport(2, "我家是3栋502室，楼上漏水", rulesT0.Add(-72*time.Hour), rulesT0.Add(-time.Hour))
	_, lines, err := w.fam.DigestSection(rulesT0)
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(lines, "\n")
	if leak := groupLeak(all); leak != "" || !strings.Contains(all, "电话139****") || !strings.Contains(all, "3栋***") {
		t.Fatalf("digest shows %q of a phone or 户号:\n%s\nwant 电话139**** and 3栋***", leak, all)
	}
}

// TestRuleGroupTextMasksHousehold: what of a resident's description goes
// to a group — 进度 answered in the group, the 【督办】 to the staff group,
// the question about overheard text, 待办 and 没修好's list in a group —
// shows neither a phone number nor the 户号 (only its building); privately
// the worker reads it whole.
func TestRuleGroupTextMasksHousehold(t *testing.T) {
	const desc = "3栋门口路灯坏了好几天了，我家是3栋502室，电话13912345678"
	w := newReportWorld(t)
	w.openReport(1, desc, rulesT0.Add(-time.Hour), rulesT0.Add(47*time.Hour))
	w.reports[1].History = []linli.ReportEvent{{At: rulesT0.Add(-time.Hour), Actor: "张阿姨", Action: "place", Note: "就在4栋502室门口"}}

	if err := w.command(w.msg(rulesGroup, "张阿姨", "进度 1", false), "进度", "1"); err != nil {
		t.Fatal(err)
	}
	texts := strings.Join(w.texts(), "\n")
	if leak := groupLeak(texts); leak != "" || !strings.Contains(texts, "我家是3栋***") || !strings.Contains(texts, "4栋***") {
		t.Errorf("进度 in the group shows %q:\n%s", leak, texts)
	}

	r := w.reports[1]
	if s := textReportEscalation2(r, rulesT0.Add(72*time.Hour), time.UTC); groupLeak(s) != "" || !strings.Contains(s, "3栋***") {
		t.Errorf("【督办】 to the staff group shows %q:\n%s", groupLeak(s), s)
	}
	if s := textReportHigher("幸福里社区", r, rulesT0.Add(72*time.Hour), time.UTC); groupLeak(s) != "" {
		t.Errorf("the higher step shows %q:\n%s", groupLeak(s), s)
	}
	if s := textReportEscalation1(r, rulesT0.Add(72*time.Hour), time.UTC); !strings.Contains(s, desc) {
		t.Errorf("the supervisor's private 【超时】 lost the description: %s", s)
	}

	r.Description = "我家是3栋502室漏水了" // 待办's 12 characters
	if s := w.fam.todoLine(r, rulesT0, false, 0, true); groupLeak(s) != "" {
		t.Errorf("待办 in a group shows %q: %s", groupLeak(s), s)
	}
	if s := w.fam.todoLine(r, rulesT0, false, 0, false); !strings.Contains(s, "3栋502室") {
		t.Errorf("待办 privately lost the 户号: %s", s)
	}
	if s := textReportReopenWhich([]*linli.Report{r, r}, true); groupLeak(s) != "" {
		t.Errorf("没修好's list in a group shows %q: %s", groupLeak(s), s)
	}

	// The question about overheard text quotes 40 characters: masked first.
	w = newReportWorld(t)
	quote := "3号楼门口的路灯坏了好几天了晚上走路很不方便希望尽快修一下我家是3栋502室电话13912345678"
	req := w.msg(rulesGroup, "张阿姨", quote, false)
	req.Understanding = &linli.Understanding{Intent: linli.IntentReport, Confidence: 0.9, Category: "设施维修"}
	if err := w.intents[linli.IntentReport](context.Background(), req); err != nil && !errors.Is(err, linli.ErrNotCommand) {
		t.Fatal(err)
	}
	texts = strings.Join(w.texts(), "\n")
	if !strings.HasPrefix(texts, "需要我把这条登记为随手拍吗") || groupLeak(texts) != "" || !strings.Contains(texts, "3栋***") {
		t.Errorf("the question in the group shows %q:\n%s", groupLeak(texts), texts)
	}
}

// TestRuleCutKeepsNoPartNumber: a cut (a description longer than
// reportMaxRunes stored, the digest's 20 characters) never ends inside a
// number, where the masking would no longer find it; a masked number may
// keep its visible head.
func TestRuleCutKeepsNoPartNumber(t *testing.T) {
	long := strings.Repeat("路", reportMaxRunes-5) + "电话13912345678"
	if got := cutRunes(long, reportMaxRunes); digitRun7.MatchString(linli.MaskPrivate(got)) || !strings.HasSuffix(got, "电话…") {
		t.Errorf("cut at %d keeps %q", reportMaxRunes, got[len(got)-30:])
	}
	if got := cutRunes("有事打我电话139 1234 5678", 12); got != "有事打我电话…" {
		t.Errorf("cut of a spaced number = %q", got)
	}
	if got := cutRunes("电话139****5678", 9); got != "电话139****…" {
		t.Errorf("cut of a masked number = %q", got)
	}
	if got := cutRunes("13912345678", 5); got != "13912…" {
		t.Errorf("cut of nothing but a number = %q", got)
	}
}
