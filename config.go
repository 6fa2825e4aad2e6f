package linli

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Config is the community's configuration (linli.toml). cmd/linli decodes it;
// Validate checks it. Keys documented in linli.example.toml.
type Config struct {
	Community  string       `toml:"community"`
	Timezone   string       `toml:"timezone"`
	DB         string       `toml:"db"`
	Groups     []string     `toml:"groups"`
	StaffGroup string       `toml:"staff_group"`
	BotName    string       `toml:"bot_name"` // how residents @ the bot; default "邻里通"
	Staff      []StaffEntry `toml:"staff"`
	Grids      []Grid       `toml:"grids"`
	SLA        SLAConfig    `toml:"sla"`
	Outbox     OutboxConfig `toml:"outbox"`

	// Feature sections; each feature documents its own keys.
	Activities ActivityConfig `toml:"activities"`
	Digest     DigestConfig   `toml:"digest"`
	Polls      PollConfig     `toml:"polls"`
	Notices    []NoticeConfig `toml:"notices"`
	NLU        NLUConfig      `toml:"nlu"`
	WeChat     WeChatConfig   `toml:"wechat"`
	Alert      AlertConfig    `toml:"alert"`
	Backup     BackupConfig   `toml:"backup"`
	Photos     PhotoConfig    `toml:"photos"`
	Log        LogConfig      `toml:"log"`
	Ladder     LadderConfig   `toml:"ladder"` // report_config.go
	Units      []Unit         `toml:"units"`
	Web        WebConfig      `toml:"web"`
	Points     PointsConfig   `toml:"points"` // config_points.go

	Location *time.Location `toml:"-"` // loaded from Timezone by Validate
}

// StaffEntry is one staff member or supervisor, by WeChat nickname.
type StaffEntry struct {
	Name string `toml:"name"`
	Role string `toml:"role"` // staff | supervisor
}

// Grid is a set of buildings with its worker and supervisor.
type Grid struct {
	Name       string   `toml:"name"`
	Buildings  []string `toml:"buildings"`
	Worker     string   `toml:"worker"`
	Supervisor string   `toml:"supervisor"`
	Default    bool     `toml:"default"` // receives reports whose place is unknown
}

// SLAConfig maps a report category (or "default") to the time to resolve it.
type SLAConfig map[string]Duration

// OutboxConfig paces outgoing messages.
type OutboxConfig struct {
	PerChatInterval Duration `toml:"per_chat_interval"`
	PerMinute       int      `toml:"per_minute"`
	CoalesceWindow  Duration `toml:"coalesce_window"`
	MaxLength       int      `toml:"max_length"` // runes per message before splitting
}

// ActivityConfig holds sign-up settings.
type ActivityConfig struct {
	Reminders []Duration `toml:"reminders"`  // before the start; default 24h and 1h
	AckWindow Duration   `toml:"ack_window"` // replies to a group's sign-ups are gathered this long from the first; default 30s
}

// DigestConfig configures the daily digest to the staff group.
type DigestConfig struct {
	Enabled bool   `toml:"enabled"`
	At      string `toml:"at"` // "17:30"
}

// PollConfig holds data needed by 双三分之二 polls.
type PollConfig struct {
	TotalHouseholds int                `toml:"total_households"`
	TotalArea       float64            `toml:"total_area"`
	Areas           map[string]float64 `toml:"areas"` // 户号 → floor area (m²)
}

// NoticeConfig is a recurring notice configured in linli.toml.
type NoticeConfig struct {
	Name    string   `toml:"name"`
	Enabled bool     `toml:"enabled"`
	Cron    string   `toml:"cron"`
	Groups  []string `toml:"groups"` // empty = all served groups
	Text    string   `toml:"text"`
}

// NLUConfig locates gojieba's dictionaries.
type NLUConfig struct {
	DictDir  string `toml:"dict_dir"`
	UserDict string `toml:"user_dict"`
}

// WeChatConfig configures `linli run`.
type WeChatConfig struct {
	Desktop     bool   `toml:"desktop"`    // use Desktop mode (UOS headers)
	HotLogin    string `toml:"hot_login"`  // hot login file; default next to the db
	QRCodePNG   string `toml:"qrcode_png"` // where to save the QR code
	MediaDir    string `toml:"media_dir"`  // where received images go
	AlertOnLoss bool   `toml:"alert_on_loss"`
}

// AlertConfig says where out-of-band alerts go: things staff must know when
// the bot cannot tell them itself (WeChat needs a new QR scan).
type AlertConfig struct {
	// Webhook receives an HTTP POST of {"msgtype":"text","text":{"content":…}}
	// (a WeCom group robot's URL works); "" = no out-of-band alert.
	Webhook string `toml:"webhook"`
}

// WebConfig configures the staff workbench of `linli run` (package web).
type WebConfig struct {
	Addr string `toml:"addr"` // listen address, "127.0.0.1:8080"; "" = no workbench
	URL  string `toml:"url"`  // how browsers reach it, for the 后台 link; default "http://" + Addr
}

// BackupConfig configures the nightly backup of `linli run`.
type BackupConfig struct {
	Dir  string `toml:"dir"`  // where backups go; default "<db>.backups" (ideally another disk)
	Keep int    `toml:"keep"` // days of nightly backups kept; default 7
}

// PhotoConfig says how long photos that joined no 随手拍 are kept.
type PhotoConfig struct {
	Keep Duration `toml:"keep"` // default 24h; then the photo sweep deletes them
}

// DefaultPhotoKeep is how long an unattached photo is kept by default.
const DefaultPhotoKeep = 24 * time.Hour

// LogConfig says where `linli run` writes its log. Times are shown in the
// configured timezone.
type LogConfig struct {
	File       string `toml:"file"`        // "" = standard error only; else this file too, rotated
	Level      string `toml:"level"`       // debug | info | warn | error; default info
	MaxSizeMB  int    `toml:"max_size_mb"` // rotate when the file reaches this size; default 20
	MaxBackups int    `toml:"max_backups"` // rotated files kept; default 10
}

// LogLevels are the accepted [log] level values.
var LogLevels = []string{"debug", "info", "warn", "error"}

// DefaultBackupKeep is how many days of nightly backups are kept by default.
const DefaultBackupKeep = 7

// Duration is a time.Duration written as "90m", "4h" or "3d" in TOML.
type Duration time.Duration

// UnmarshalText parses Go durations plus a "d" (day) unit.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := ParseDuration(string(b))
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

// MarshalText writes the duration in Go syntax.
func (d Duration) MarshalText() ([]byte, error) { return []byte(time.Duration(d).String()), nil }

// ParseDuration is time.ParseDuration plus whole days ("2d", "1d12h").
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	var days time.Duration
	if i := strings.Index(s, "d"); i > 0 {
		var n int
		if _, err := fmt.Sscanf(s[:i], "%d", &n); err != nil {
			return 0, fmt.Errorf("无法识别的时长 %q", s)
		}
		days = time.Duration(n) * 24 * time.Hour
		s = s[i+1:]
		if s == "" {
			return days, nil
		}
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("无法识别的时长 %q（例如 90m、4h、2d）", s)
	}
	return days + v, nil
}

// Report categories (DESIGN.md).
var Categories = []string{"环境卫生", "设施维修", "停车交通", "安全隐患", "绿化养护", "噪音扰民", "其他"}

// Validate fills defaults and checks the configuration. Its error names the
// bad key and value.
func (c *Config) Validate() error {
	if c.Community == "" {
		c.Community = "社区"
	}
	if c.Timezone == "" {
		c.Timezone = "Asia/Shanghai"
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		return fmt.Errorf("配置 timezone = %q 无效：没有这个时区，请写 IANA 时区名，例如 \"Asia/Shanghai\"", c.Timezone)
	}
	c.Location = loc
	if c.BotName == "" {
		c.BotName = "邻里通"
	}
	if len(c.Groups) == 0 {
		return fmt.Errorf("配置 groups 为空: 至少要有一个服务的居民群")
	}
	seen := map[string]bool{}
	for i, g := range c.Groups {
		g = strings.TrimSpace(g)
		if g == "" {
			return fmt.Errorf("配置 groups[%d] 是空的群名", i)
		}
		if seen[g] {
			return fmt.Errorf("配置 groups 中群名 %q 重复", g)
		}
		seen[g] = true
		c.Groups[i] = g
	}
	if c.StaffGroup != "" && seen[c.StaffGroup] {
		return fmt.Errorf("配置 staff_group = %q 不能同时是居民群", c.StaffGroup)
	}
	for i, s := range c.Staff {
		if strings.TrimSpace(s.Name) == "" {
			return fmt.Errorf("配置 [[staff]] 第%d项缺少 name", i+1)
		}
		switch s.Role {
		case "", "staff":
			c.Staff[i].Role = "staff"
		case "supervisor":
		default:
			return fmt.Errorf("配置 [[staff]] name = %q 的 role = %q 无效（应为 staff 或 supervisor）", s.Name, s.Role)
		}
	}
	staffRole := map[string]string{}
	for _, s := range c.Staff {
		if _, dup := staffRole[s.Name]; dup {
			return fmt.Errorf("配置 [[staff]] name = %q 出现了两次（每位工作人员只写一次）", s.Name)
		}
		staffRole[s.Name] = s.Role
	}
	for _, g := range c.Grids {
		if r, ok := staffRole[g.Worker]; ok && g.Worker != "" {
			return fmt.Errorf("配置 [[grids]] name = %q 的网格员 %q 同时是 [[staff]]（role = %s）：同一个人只能有一种身份", g.Name, g.Worker, r)
		}
		if r, ok := staffRole[g.Supervisor]; ok && g.Supervisor != "" && r != "supervisor" {
			return fmt.Errorf("配置 [[grids]] name = %q 的主任 %q 在 [[staff]] 中是 role = %s：同一个人只能有一种身份", g.Name, g.Supervisor, r)
		}
	}
	building := map[int]string{}
	names := map[string]bool{}
	for i, g := range c.Grids {
		if g.Name == "" {
			return fmt.Errorf("配置 [[grids]] 第%d项缺少 name", i+1)
		}
		if names[g.Name] {
			return fmt.Errorf("配置 [[grids]] name = %q 重复", g.Name)
		}
		names[g.Name] = true
		if g.Worker == "" {
			return fmt.Errorf("配置 [[grids]] name = %q 缺少 worker", g.Name)
		}
		for _, b := range g.Buildings {
			n := ParseBuilding(b)
			if n <= 0 {
				return fmt.Errorf("配置 [[grids]] name = %q 的楼栋 %q 无法识别（例如 \"3栋\"）", g.Name, b)
			}
			if other, dup := building[n]; dup {
				return fmt.Errorf("配置 [[grids]] 楼栋 %q 同时属于 %q 和 %q", b, other, g.Name)
			}
			building[n] = g.Name
		}
	}
	if c.SLA == nil {
		c.SLA = SLAConfig{}
	}
	for k, v := range c.SLA {
		if k != "default" && !contains(Categories, k) {
			return fmt.Errorf("配置 [sla] 的类别 %q 无效（可用: %s, default）", k, strings.Join(Categories, " "))
		}
		if v <= 0 {
			return fmt.Errorf("配置 [sla] %s = %q 必须大于 0", k, time.Duration(v))
		}
	}
	if _, ok := c.SLA["default"]; !ok {
		c.SLA["default"] = Duration(72 * time.Hour)
	}
	if err := c.validateReports(); err != nil {
		return err
	}
	o := &c.Outbox
	if o.PerChatInterval < 0 || o.CoalesceWindow < 0 || o.PerMinute < 0 || o.MaxLength < 0 {
		return fmt.Errorf("配置 [outbox] 的数值不能为负")
	}
	if o.PerChatInterval == 0 {
		o.PerChatInterval = Duration(1500 * time.Millisecond)
	}
	if o.PerMinute == 0 {
		o.PerMinute = 20
	}
	if o.CoalesceWindow == 0 {
		o.CoalesceWindow = Duration(2 * time.Second)
	}
	if o.MaxLength == 0 {
		o.MaxLength = 1500
	}
	if err := c.Log.validate(); err != nil {
		return err
	}
	if c.Backup.Keep < 0 {
		return fmt.Errorf("配置 [backup] keep = %d 不能为负", c.Backup.Keep)
	}
	if c.Backup.Keep == 0 {
		c.Backup.Keep = DefaultBackupKeep
	}
	if c.Photos.Keep < 0 {
		return fmt.Errorf("配置 [photos] keep = %v 不能为负", time.Duration(c.Photos.Keep))
	}
	if c.Photos.Keep == 0 {
		c.Photos.Keep = Duration(DefaultPhotoKeep)
	}
	if w := c.Alert.Webhook; w != "" && !strings.HasPrefix(w, "http://") && !strings.HasPrefix(w, "https://") {
		return fmt.Errorf("配置 [alert] webhook = %q 应是 http:// 或 https:// 开头的网址", w)
	}
	if len(c.Activities.Reminders) == 0 {
		c.Activities.Reminders = []Duration{Duration(24 * time.Hour), Duration(time.Hour)}
	}
	switch {
	case c.Activities.AckWindow < 0:
		return fmt.Errorf("配置 [activities] ack_window 不能为负")
	case c.Activities.AckWindow == 0:
		c.Activities.AckWindow = Duration(30 * time.Second)
	}
	if err := c.Points.validate(); err != nil {
		return err
	}
	for i, n := range c.Notices {
		if n.Cron == "" || n.Text == "" {
			return fmt.Errorf("配置 [[notices]] 第%d项（%s）需要 cron 和 text", i+1, n.Name)
		}
		for _, g := range n.Groups {
			if !seen[g] {
				return fmt.Errorf("配置 [[notices]] %q 的群 %q 不在 groups 中", n.Name, g)
			}
		}
	}
	return nil
}

// Served reports whether group is one the bot serves (residents' groups).
func (c *Config) Served(group string) bool { return contains(c.Groups, group) }

// RoleOf returns the role configured for name. name must be a verified
// contact's name (Message.Contact: the 备注 the bot's account set), never a
// display name or nickname anyone can choose.
func (c *Config) RoleOf(names ...string) Role {
	role := RoleResident
	for _, n := range names {
		if n == "" {
			continue
		}
		for _, s := range c.Staff {
			if s.Name == n {
				if s.Role == "supervisor" {
					return RoleSupervisor
				}
				role = RoleStaff
			}
		}
		for _, g := range c.Grids {
			if g.Supervisor == n {
				return RoleSupervisor
			}
			if g.Worker == n && role < RoleGridWorker {
				role = RoleGridWorker
			}
		}
		for _, u := range c.Units { // a unit's contact answers 转办 like a worker
			if u.Contact == n && role < RoleGridWorker {
				role = RoleGridWorker
			}
		}
	}
	return role
}

// GridOf returns the grid whose buildings include building number b.
func (c *Config) GridOf(b int) (Grid, bool) {
	for _, g := range c.Grids {
		for _, name := range g.Buildings {
			if ParseBuilding(name) == b {
				return g, true
			}
		}
	}
	return Grid{}, false
}

// GridByName returns the named grid.
func (c *Config) GridByName(name string) (Grid, bool) {
	for _, g := range c.Grids {
		if g.Name == name {
			return g, true
		}
	}
	return Grid{}, false
}

// DefaultGrid returns the grid marked default, or the first grid.
func (c *Config) DefaultGrid() (Grid, bool) {
	for _, g := range c.Grids {
		if g.Default {
			return g, true
		}
	}
	if len(c.Grids) > 0 {
		return c.Grids[0], true
	}
	return Grid{}, false
}

// RoleNames returns every name that carries a role (staff, supervisors,
// grid workers, units' contacts), sorted and without duplicates: the names that must match a
// verified contact (linli doctor, the log at login).
func (c *Config) RoleNames() []string {
	seen := map[string]bool{}
	var out []string
	add := func(n string) {
		if n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, s := range c.Staff {
		add(s.Name)
	}
	for _, g := range c.Grids {
		add(g.Worker)
		add(g.Supervisor)
	}
	for _, u := range c.Units {
		add(u.Contact)
	}
	sort.Strings(out)
	return out
}

// StaffNames returns the names of staff and supervisors, sorted.
func (c *Config) StaffNames() []string {
	var out []string
	for _, s := range c.Staff {
		out = append(out, s.Name)
	}
	sort.Strings(out)
	return out
}

// SLAFor returns the time allowed to resolve a report of category.
func (c *Config) SLAFor(category string) time.Duration {
	if d, ok := c.SLA[category]; ok {
		return time.Duration(d)
	}
	return time.Duration(c.SLA["default"])
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (l *LogConfig) validate() error {
	if l.Level == "" {
		l.Level = "info"
	}
	ok := false
	for _, v := range LogLevels {
		ok = ok || v == l.Level
	}
	if !ok {
		return fmt.Errorf("配置 [log] level = %q 无效（可用: %s）", l.Level, strings.Join(LogLevels, " "))
	}
	if l.MaxSizeMB < 0 || l.MaxBackups < 0 {
		return fmt.Errorf("配置 [log] max_size_mb 和 max_backups 不能为负")
	}
	if l.MaxSizeMB == 0 {
		l.MaxSizeMB = 20
	}
	if l.MaxBackups == 0 {
		l.MaxBackups = 10
	}
	return nil
}
