package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"linli/bot/wechat"
)

// linli doctor lists each configured staff name with the friend the last
// login matched by 备注, or 未找到 / 无备注 (a failure: that person has no
// powers); before any login it says so without failing.
func TestDoctorListsStaffContacts(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "linli.db")
	conf := filepath.Join(dir, "linli.toml")
	text := strings.Replace(demoConfig, `db = "linli.db"`, fmt.Sprintf("db = %q", db), 1)
	if err := os.WriteFile(conf, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	doctor := func() (string, int) {
		var out, errb bytes.Buffer
		code := runDoctor([]string{"--config", conf}, &out, &errb)
		return out.String(), code
	}
	out, _ := doctor()
	if !strings.Contains(out, "✓ 工作人员: ") || !strings.Contains(out, "尚未登录过微信") {
		t.Fatalf("before any login:\n%s", out)
	}
	snap := wechat.ContactsSnapshot{At: time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC), Roles: []wechat.RoleMatch{
		{Name: "李社工", Found: true, Nickname: "Lily"}, {Name: "赵主任", Found: true, Nickname: "赵主任"},
		{Name: "王网格", NickOnly: true}}}
	data, _ := json.Marshal(snap)
	if err := os.WriteFile(db+".contacts.json", data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, code := doctor()
	for _, want := range []string{"✗ 工作人员: ", "李社工 → 好友（备注 李社工，昵称 Lily）", "赵主任 → 好友（备注 赵主任）",
		"王网格 → 未找到 / 无备注（有好友的昵称是 王网格", "刘网格 → 未找到 / 无备注（请加工作人员为好友"} {
		if !strings.Contains(out, want) {
			t.Errorf("doctor output lacks %q:\n%s", want, out)
		}
	}
	if code != 1 {
		t.Errorf("exit %d with staff unmatched, want 1", code)
	}
}

// TestDoctorDBFlagAndBackupPlace: `linli doctor --db FILE` checks that
// database (the red team's was refused as an unknown flag), and with no
// nightly backup doctor says where it looked and that manual backups are
// elsewhere.
func TestDoctorDBFlagAndBackupPlace(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "linli.toml")
	if err := os.WriteFile(conf, []byte(demoConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "other", "x.db")
	var out, errb bytes.Buffer
	runDoctor([]string{"--config", conf, "--db", other}, &out, &errb)
	if errb.Len() > 0 || !strings.Contains(out.String(), "✓ 数据库: "+other+" 尚不存在") {
		t.Errorf("doctor --db:\n%s%s", out.String(), errb.String())
	}
	if !strings.Contains(out.String(), "不在此查找") || !strings.Contains(out.String(), filepath.Join(dir, "other")) {
		t.Errorf("backup line does not say where it looked:\n%s", out.String())
	}
}
