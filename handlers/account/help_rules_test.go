package account

import (
	"context"
	"strings"
	"testing"
	"time"

	"linli"
)

// TestRuleHelpRepeatWindow: a second 帮助 in a group within 10 minutes of
// the menu (helpRepeatWindow) gets a pointer to it; from 10 minutes on the
// menu is posted again.
func TestRuleHelpRepeatWindow(t *testing.T) {
	const g = "幸福里1期居民群"
	for _, tt := range []struct {
		name    string
		after   time.Duration
		pointer bool
	}{
		{"10 minutes minus a second", 10*time.Minute - time.Second, true},
		{"exactly 10 minutes", 10 * time.Minute, false},
		{"10 minutes plus a second", 10*time.Minute + time.Second, false},
	} {
		_, r, _ := setup(t)
		var out sent
		first := request(g, "王叔", "", linli.RoleResident, &out)
		second := request(g, "赵阿姨", "", linli.RoleResident, &out)
		second.Now = first.Now.Add(tt.after)
		if err := r.run("帮助", first); err != nil {
			t.Fatal(err)
		}
		if err := r.run("帮助", second); err != nil {
			t.Fatal(err)
		}
		if pointer := out[1].Text == textHelpAbove; pointer != tt.pointer || out[0].Text == textHelpAbove {
			t.Errorf("help repeat window (10 min, helpRepeatWindow): 帮助 again %s later: %q; want pointer %v",
				tt.name, out[1].Text, tt.pointer)
		}
	}
}

// TestRuleHelpRole: a command that answers everyone but is meant for staff
// (HelpRole, as the workbench's 后台) is in the menu of staff and
// supervisors only.
func TestRuleHelpRole(t *testing.T) {
	f, r, _ := setup(t)
	r.Command(linli.Command{Names: []string{"后台"}, Help: "后台 — 登录链接", HelpRole: linli.RoleStaff,
		Handler: func(context.Context, *linli.Request) error { return nil }})
	for role, want := range map[linli.Role]bool{linli.RoleResident: false, linli.RoleGridWorker: false, linli.RoleStaff: true, linli.RoleSupervisor: true} {
		if got := strings.Contains(f.menu(role), "后台 — 登录链接"); got != want {
			t.Errorf("帮助 for %s lists 后台: %v, want %v", role, got, want)
		}
	}
}
