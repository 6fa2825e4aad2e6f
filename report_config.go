package linli

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// LadderConfig is the [ladder] section: who is told, and when, about a
// report that is not resolved in time. Keys:
//
//	[ladder]
//	steps = ["80% 网格员", "100% 主任", "200% 工作群"]   # the default
//	daily = "09:00"       # after the last step, the supervisor every day at this time until resolved; "off" = never
//	higher = "街道刘科长"   # who a "上级" step tells (a friend by 备注); with [alert] webhook also set, the webhook too
//	quiet = "22:00-07:00" # no reminder or escalation in these hours except for 安全隐患: a step due then waits for the end; "" = none (the default)
//
//	[ladder.categories]   # steps per category, replacing steps
//	安全隐患 = ["50% 网格员", "100% 主任", "150% 工作群", "300% 上级"]
//
// A step is "<percent of the time to resolve>% <who>", who being 网格员
// (the assignee), 主任 (the grid's supervisor), 工作群 (the staff group, or
// the staff privately without one) or 上级 (Higher).
type LadderConfig struct {
	Steps      []string            `toml:"steps"`
	Daily      string              `toml:"daily"`
	Higher     string              `toml:"higher"`
	Quiet      string              `toml:"quiet"`
	Categories map[string][]string `toml:"categories"`

	steps    []LadderStep            // parsed Steps (or the default)
	byCat    map[string][]LadderStep // parsed Categories
	dailyMin int                     // 1 + minutes after midnight of Daily; -1 when off, 0 before Validate (the default)
	quiet    [2]int                  // Quiet as minutes after midnight (from, to); from == to: none
}

// LadderStep is one step of the ladder: at Percent of a report's time to
// resolve, To is told.
type LadderStep struct {
	Percent int
	To      string // LadderAssignee, LadderSupervisor, LadderStaff or LadderHigher
}

// Who a ladder step tells.
const (
	LadderAssignee   = "网格员"
	LadderSupervisor = "主任"
	LadderStaff      = "工作群"
	LadderHigher     = "上级"
)

// DefaultLadder is the ladder without a [ladder] section: the assignee at
// 80 %, the supervisor at the deadline, the staff one more period later.
var DefaultLadder = []string{"80% 网格员", "100% 主任", "200% 工作群"}

// DefaultLadderDaily is when, by default, the supervisor is reminded every
// day of a report that went through the whole ladder.
const DefaultLadderDaily = "09:00"

// Unit is one [[units]] entry: an organisation outside the community office
// that fixes problems (物业, 供电, 市政, 城管, 12345). A report 转办 to it is
// followed on the unit's own SLA.
type Unit struct {
	Name       string   `toml:"name"`
	Contact    string   `toml:"contact"`    // a friend by 备注 who answers like a worker; "" = reached by phone
	Phone      string   `toml:"phone"`      // shown to staff only
	Categories []string `toml:"categories"` // what it usually takes (suggested in 转办's usage)
	SLA        Duration `toml:"sla"`        // its time to resolve; default: the category's
}

// LadderFor returns the ladder of category, in order of Percent.
func (c *Config) LadderFor(category string) []LadderStep {
	if s, ok := c.Ladder.byCat[category]; ok {
		return s
	}
	if c.Ladder.steps == nil {
		c.Ladder.steps, _ = parseLadder(DefaultLadder)
	}
	return c.Ladder.steps
}

// LadderDaily returns the daily reminder's time of day (hour, minute) and
// whether there is one.
func (c *Config) LadderDaily() (hour, minute int, ok bool) {
	switch m := c.Ladder.dailyMin; {
	case m < 0:
		return 0, 0, false
	case m == 0:
		t, _ := time.Parse("15:04", DefaultLadderDaily)
		return t.Hour(), t.Minute(), true
	default:
		return (m - 1) / 60, (m - 1) % 60, true
	}
}

// QuietEnd reports whether t falls in the ladder's quiet hours (in the
// community's time zone) and, if so, when they end. A window may run over
// midnight ("22:00-07:00").
func (c *Config) QuietEnd(t time.Time) (time.Time, bool) {
	from, to := c.Ladder.quiet[0], c.Ladder.quiet[1]
	if from == to {
		return time.Time{}, false
	}
	loc := c.Location
	if loc == nil {
		loc = time.Local
	}
	l := t.In(loc)
	m := l.Hour()*60 + l.Minute()
	in := (from < to && m >= from && m < to) || (from > to && (m >= from || m < to))
	if !in {
		return time.Time{}, false
	}
	end := time.Date(l.Year(), l.Month(), l.Day(), to/60, to%60, 0, 0, loc)
	if !end.After(l) {
		end = end.AddDate(0, 0, 1)
	}
	return end, true
}

// UnitNamed returns the unit called name (also by its contact).
func (c *Config) UnitNamed(name string) (Unit, bool) {
	for _, u := range c.Units {
		if u.Name == name || (u.Contact != "" && u.Contact == name) {
			return u, true
		}
	}
	return Unit{}, false
}

// UnitOfContact returns the unit whose contact is name.
func (c *Config) UnitOfContact(name string) (Unit, bool) {
	for _, u := range c.Units {
		if u.Contact != "" && u.Contact == name {
			return u, true
		}
	}
	return Unit{}, false
}

// validateReports checks and parses [ladder] and [[units]].
func (c *Config) validateReports() error {
	l := &c.Ladder
	steps := l.Steps
	if len(steps) == 0 {
		steps = DefaultLadder
	}
	var err error
	if l.steps, err = parseLadder(steps); err != nil {
		return fmt.Errorf("配置 [ladder] steps: %w", err)
	}
	l.byCat = map[string][]LadderStep{}
	for cat, s := range l.Categories {
		if !contains(Categories, cat) {
			return fmt.Errorf("配置 [ladder.categories] 的类别 %q 无效（可用: %s）", cat, strings.Join(Categories, " "))
		}
		if l.byCat[cat], err = parseLadder(s); err != nil {
			return fmt.Errorf("配置 [ladder.categories] %s: %w", cat, err)
		}
	}
	for _, s := range append(l.steps, flatten(l.byCat)...) {
		if s.To == LadderHigher && l.Higher == "" && c.Alert.Webhook == "" {
			return fmt.Errorf("配置 [ladder] 有「上级」一步，但 higher 和 [alert] webhook 都没有设置")
		}
	}
	switch d := strings.TrimSpace(l.Daily); d {
	case "off", "关", "不提醒":
		l.dailyMin = -1
	default:
		if d == "" {
			d = DefaultLadderDaily
		}
		t, err := time.Parse("15:04", d)
		if err != nil {
			return fmt.Errorf("配置 [ladder] daily = %q 无效（例如 \"09:00\"，或 \"off\" 不提醒）", l.Daily)
		}
		l.dailyMin = 1 + t.Hour()*60 + t.Minute()
	}
	l.quiet = [2]int{}
	switch q := strings.TrimSpace(l.Quiet); q {
	case "", "off", "关", "不设":
	default:
		from, to, ok := strings.Cut(strings.NewReplacer("～", "-", "~", "-", "—", "-", "到", "-", "至", "-").Replace(q), "-")
		f, err1 := time.Parse("15:04", strings.TrimSpace(from))
		t, err2 := time.Parse("15:04", strings.TrimSpace(to))
		if !ok || err1 != nil || err2 != nil || f.Equal(t) {
			return fmt.Errorf("配置 [ladder] quiet = %q 无效（例如 \"22:00-07:00\"：这段时间不发超时提醒，安全隐患除外；留空=不设）", l.Quiet)
		}
		l.quiet = [2]int{f.Hour()*60 + f.Minute(), t.Hour()*60 + t.Minute()}
	}
	seen := map[string]bool{}
	for i, u := range c.Units {
		u.Name = strings.TrimSpace(u.Name)
		if u.Name == "" {
			return fmt.Errorf("配置 [[units]] 第%d项缺少 name", i+1)
		}
		if seen[u.Name] {
			return fmt.Errorf("配置 [[units]] name = %q 重复", u.Name)
		}
		seen[u.Name] = true
		for _, cat := range u.Categories {
			if !contains(Categories, cat) {
				return fmt.Errorf("配置 [[units]] name = %q 的类别 %q 无效（可用: %s）", u.Name, cat, strings.Join(Categories, " "))
			}
		}
		if u.SLA < 0 {
			return fmt.Errorf("配置 [[units]] name = %q 的 sla 不能为负", u.Name)
		}
		c.Units[i] = u
	}
	return nil
}

func flatten(m map[string][]LadderStep) []LadderStep {
	var out []LadderStep
	for _, s := range m {
		out = append(out, s...)
	}
	return out
}

// parseLadder parses steps such as "80% 网格员"; percents must rise.
func parseLadder(steps []string) ([]LadderStep, error) {
	out := make([]LadderStep, 0, len(steps))
	for _, s := range steps {
		f := strings.Fields(strings.NewReplacer("％", "%", "%", "% ").Replace(s))
		if len(f) != 2 || !strings.HasSuffix(f[0], "%") {
			return nil, fmt.Errorf("步骤 %q 应写成「百分比%% 对象」，例如 \"80%% 网格员\"", s)
		}
		p, err := strconv.Atoi(strings.TrimSuffix(f[0], "%"))
		if err != nil || p <= 0 {
			return nil, fmt.Errorf("步骤 %q 的百分比无效", s)
		}
		switch f[1] {
		case LadderAssignee, LadderSupervisor, LadderStaff, LadderHigher:
		default:
			return nil, fmt.Errorf("步骤 %q 的对象应是 网格员、主任、工作群 或 上级", s)
		}
		if n := len(out); n > 0 && p <= out[n-1].Percent {
			return nil, fmt.Errorf("步骤 %q 的百分比应大于前一步", s)
		}
		out = append(out, LadderStep{Percent: p, To: f[1]})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("至少要有一步")
	}
	return out, nil
}
