package linli

import (
	"strings"
	"testing"
	"time"
)

func validConfig() Config {
	return Config{
		Groups: []string{"一期群", "二期群"},
		Staff:  []StaffEntry{{Name: "李社工"}, {Name: "赵主任", Role: "supervisor"}},
		Grids: []Grid{
			{Name: "第一网格", Buildings: []string{"1栋", "2栋"}, Worker: "王网格", Supervisor: "赵主任"},
			{Name: "第二网格", Buildings: []string{"3号楼"}, Worker: "刘网格", Supervisor: "赵主任"},
		},
		SLA: SLAConfig{"安全隐患": Duration(4 * time.Hour)},
	}
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name    string
		mutate  func(c *Config)
		wantErr string // substring; "" = valid
	}{
		{"valid", func(c *Config) {}, ""},
		{"no groups", func(c *Config) { c.Groups = nil }, "groups"},
		{"empty group name", func(c *Config) { c.Groups = []string{" "} }, "groups[0]"},
		{"duplicate group", func(c *Config) { c.Groups = []string{"一期群", "一期群"} }, "重复"},
		{"staff group is a resident group", func(c *Config) { c.StaffGroup = "一期群" }, "staff_group"},
		{"bad timezone", func(c *Config) { c.Timezone = "Mars/Base" }, "timezone"},
		{"bad role", func(c *Config) { c.Staff[0].Role = "boss" }, `role = "boss"`},
		{"duplicate building", func(c *Config) { c.Grids[1].Buildings = []string{"2栋"} }, `楼栋 "2栋" 同时属于`},
		{"bad building", func(c *Config) { c.Grids[0].Buildings = []string{"东区"} }, `"东区" 无法识别`},
		{"grid without worker", func(c *Config) { c.Grids[0].Worker = "" }, "worker"},
		{"duplicate grid", func(c *Config) { c.Grids[1].Name = "第一网格" }, "重复"},
		{"bad sla category", func(c *Config) { c.SLA["卫生"] = Duration(time.Hour) }, `"卫生"`},
		{"negative outbox", func(c *Config) { c.Outbox.PerMinute = -1 }, "outbox"},
		{"notice for unknown group", func(c *Config) {
			c.Notices = []NoticeConfig{{Name: "邻里节", Cron: "0 9 1 * *", Text: "x", Groups: []string{"三期群"}}}
		}, `"三期群"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := validConfig()
			tt.mutate(&c)
			err := c.Validate()
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.wantErr != "" && err == nil:
				t.Fatalf("no error, want one mentioning %q", tt.wantErr)
			case tt.wantErr != "" && !strings.Contains(err.Error(), tt.wantErr):
				t.Fatalf("error %q does not mention %q", err, tt.wantErr)
			}
		})
	}
}

func TestConfigLookups(t *testing.T) {
	c := validConfig()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if g, ok := c.GridOf(3); !ok || g.Name != "第二网格" {
		t.Errorf("GridOf(3) = %v %v", g.Name, ok)
	}
	if _, ok := c.GridOf(9); ok {
		t.Error("GridOf(9) found a grid")
	}
	roles := map[string]Role{"李社工": RoleStaff, "赵主任": RoleSupervisor, "王网格": RoleGridWorker, "张阿姨": RoleResident}
	for name, want := range roles {
		if got := c.RoleOf(name); got != want {
			t.Errorf("RoleOf(%s) = %v, want %v", name, got, want)
		}
	}
	if got := c.SLAFor("安全隐患"); got != 4*time.Hour {
		t.Errorf("SLAFor(安全隐患) = %v", got)
	}
	if got := c.SLAFor("环境卫生"); got != 72*time.Hour {
		t.Errorf("SLAFor default = %v", got)
	}
	if c.Outbox.PerMinute != 20 || c.Outbox.CoalesceWindow != Duration(2*time.Second) {
		t.Errorf("outbox defaults not filled: %+v", c.Outbox)
	}
}

func TestParseDuration(t *testing.T) {
	for in, want := range map[string]time.Duration{"90m": 90 * time.Minute, "2d": 48 * time.Hour, "1d12h": 36 * time.Hour, "1.5s": 1500 * time.Millisecond} {
		got, err := ParseDuration(in)
		if err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "abc", "xd"} {
		if _, err := ParseDuration(bad); err == nil {
			t.Errorf("ParseDuration(%q) gave no error", bad)
		}
	}
}

// TestUnknownTimezoneSaidInChinese: the red team read "unknown time zone
// Mars/Olympus".
func TestUnknownTimezoneSaidInChinese(t *testing.T) {
	c := validConfig()
	c.Timezone = "Mars/Olympus"
	err := c.Validate()
	if err == nil || strings.Contains(err.Error(), "unknown time zone") || !strings.Contains(err.Error(), "例如 \"Asia/Shanghai\"") {
		t.Errorf("Validate: %v", err)
	}
}
