package account

import (
	"context"
	"strings"
	"testing"
	"time"

	"linli"
	"linli/mock"
)

// sent records replies.
type sent []linli.Outgoing

func (s *sent) Send(o linli.Outgoing) error { *s = append(*s, o); return nil }

// router records commands, as the engine's router does for 帮助.
type router struct{ cmds []linli.Command }

func (r *router) Command(c linli.Command)          { r.cmds = append(r.cmds, c) }
func (r *router) Intent(string, linli.HandlerFunc) {}
func (r *router) Hook(linli.HookFunc)              {}
func (r *router) Commands() []linli.Command        { return r.cmds }
func (r *router) run(name string, req *linli.Request) error {
	return r.find(name).Handler(context.Background(), req)
}
func (r *router) find(name string) linli.Command {
	for _, c := range r.cmds {
		if c.Names[0] == name {
			return c
		}
	}
	panic(name)
}

func setup(t *testing.T) (*Family, *router, *mock.Store) {
	t.Helper()
	cfg := &linli.Config{Community: "幸福里社区", Groups: []string{"幸福里1期居民群"},
		Grids: []linli.Grid{{Name: "第一网格", Buildings: []string{"1栋", "3栋"}, Worker: "王网格"}}}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	db := mock.NewStore()
	f, r := New(Deps{Config: cfg, Residents: db}), &router{}
	f.Register(r)
	r.Command(linli.Command{Names: []string{"活动"}, Help: "活动 — 查看可报名的活动"})
	r.Command(linli.Command{Names: []string{"通知"}, Role: linli.RoleStaff, Help: "通知 全部 内容 — 发通知"})
	return f, r, db
}

func request(group, sender, args string, role linli.Role, out linli.Sender) *linli.Request {
	return &linli.Request{Msg: &linli.Message{Group: group, Sender: sender, Role: role, Addressed: true,
		Resident: &linli.Resident{Name: sender}}, Args: args, Out: out,
		Now: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
}

func TestBind(t *testing.T) {
	_, r, db := setup(t)
	var out sent
	for _, args := range []string{"3栋502", "3-501", "8栋101", "不知道"} {
		r.run("绑定", request("", "张阿姨", args, linli.RoleResident, &out))
	}
	res, err := db.Resident("张阿姨")
	if err != nil || res.Household != "3栋501" || !res.Bound {
		t.Fatalf("resident = %+v, %v; want bound to 3栋501", res, err)
	}
	if len(out) != 2 || !strings.Contains(out[0].Text, "3栋502") || !strings.Contains(out[1].Text, "从3栋502改为3栋501") {
		t.Errorf("replies = %+v", out)
	}
	err = r.find("绑定").Handler(context.Background(), request("", "张阿姨", "8栋101", linli.RoleResident, &out))
	if linli.ErrorCode(err) != linli.EInvalid || !strings.Contains(linli.ErrorMessage(err), "本社区没有8栋") {
		t.Errorf("绑定 8栋101: %v, want the unknown building named", err)
	}
}

func TestHelpMenu(t *testing.T) {
	_, r, _ := setup(t)
	var out sent
	r.run("帮助", request("", "张阿姨", "", linli.RoleResident, &out))
	r.run("帮助", request("", "李社工", "", linli.RoleStaff, &out))
	resident, staff := out[0].Text, out[1].Text
	if strings.Contains(resident, "通知") || !strings.Contains(resident, "活动 — 查看可报名的活动") {
		t.Errorf("resident menu:\n%s", resident)
	}
	if i, j := strings.Index(staff, "帮助 —"), strings.Index(staff, "【社工】\n· 通知"); i < 0 || j < i {
		t.Errorf("staff menu lists residents' commands, then the staff section:\n%s", staff)
	}
	// The menu posted in a group minutes ago is pointed to.
	r.run("帮助", request("幸福里1期居民群", "王叔", "", linli.RoleResident, &out))
	r.run("帮助", request("幸福里1期居民群", "赵阿姨", "", linli.RoleResident, &out))
	if out[3].Text != textHelpAbove {
		t.Errorf("second 帮助 in the group = %q", out[3].Text)
	}
}
