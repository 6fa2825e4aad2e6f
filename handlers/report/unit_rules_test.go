package report

import (
	"strings"
	"testing"
	"time"

	"linli"
)

// unitWorld is a reportWorld with units 物业 (contact 张经理, 24h) and 市政
// (no contact), and report 1 (设施维修, 48h) open with 王网格.
func unitWorld(t *testing.T, friend bool) *reportWorld {
	t.Helper()
	w := newReportWorld(t)
	w.cfg.Units = []linli.Unit{{Name: "物业", Contact: "张经理", SLA: linli.Duration(24 * time.Hour)}, {Name: "市政"}}
	if err := w.cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	if friend {
		if _, err := w.fam.Residents.UpdateResident("张经理", func(r *linli.Resident) error { r.Friend = true; return nil }); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.command(w.msg(rulesGroup, "张阿姨", "随手拍 3号楼门口路灯不亮", true), "随手拍", "3号楼门口路灯不亮"); err != nil {
		t.Fatal(err)
	}
	w.sent = nil
	return w
}

// TestRuleUnitSLA: 转办 restarts the SLA clock on the unit's own time to
// resolve, and the ladder's assignee step then goes to the unit's contact.
func TestRuleUnitSLA(t *testing.T) {
	w := unitWorld(t, true)
	w.now = rulesT0.Add(time.Hour)
	req := w.msg("", "王网格", "转办 1 物业", true)
	req.Now = w.now
	if err := w.command(req, "转办", "1 物业"); err != nil {
		t.Fatal(err)
	}
	r := w.reports[1]
	if r.Unit != "物业" || !r.Deadline.Equal(w.now.Add(24*time.Hour)) {
		t.Fatalf("unit %q deadline %v; want 物业's 24h from the 转办", r.Unit, r.Deadline.Sub(w.now))
	}
	j := w.jobs[slaKey(1, 1)]
	if got := j.At.Sub(w.now); got != 24*time.Hour*80/100 {
		t.Errorf("reminder %v after the 转办, want 80%% of 24h", got)
	}
	w.sent, w.now = nil, j.At
	w.fire(slaKey(1, 1))
	if len(w.sent) != 1 || w.sent[0].To.User != "张经理" || !w.sent[0].Private {
		t.Errorf("reminder sent %+v; want the unit's contact, privately", w.sent)
	}
}

// TestRuleUnitBadInput: an unknown unit, a contact not yet a friend, a
// unit acting on a report not given to it, 转办 of a closed report: a clear
// reply and nothing changed.
func TestRuleUnitBadInput(t *testing.T) {
	for _, tt := range []struct {
		name, who, cmd, args string
		friend               bool
		code, says           string
	}{
		{"unknown unit", "王网格", "转办", "1 城管", true, linli.EInvalid, "没有名为「城管」的单位"},
		{"contact not a friend", "王网格", "转办", "1 物业", false, linli.EConflict, "还不是邻里通的微信好友"},
		{"unit on a report not given to it", "张经理", "办结", "1 修好了", true, linli.EForbidden, "没有转办给物业"},
		{"unit may not 转派", "张经理", "转派", "1 第一网格", true, linli.EForbidden, "不能转派"},
		{"回复 on a report not 转办", "王网格", "回复", "1 市政说明天修", true, linli.EConflict, "没有转办给单位"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := unitWorld(t, tt.friend)
			before := *clone(w.reports[1])
			err := w.command(w.msg("", tt.who, tt.cmd+" "+tt.args, true), tt.cmd, tt.args)
			if !wantCode(err, tt.code) || !strings.Contains(linli.ErrorMessage(err), tt.says) {
				t.Errorf("%s %s by %s: %v; want %s saying %q", tt.cmd, tt.args, tt.who, err, tt.code, tt.says)
			}
			if after := w.reports[1]; after.Unit != before.Unit || after.Status != before.Status || len(after.History) != len(before.History) {
				t.Errorf("report changed: %+v", after)
			}
		})
	}
}
