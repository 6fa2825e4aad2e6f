package linli

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Role is what a sender may do, taken from configuration by name.
type Role int

// Roles, from least to most privileged. Supervisors can do everything staff can.
const (
	RoleResident Role = iota
	RoleGridWorker
	RoleStaff
	RoleSupervisor
)

// String returns the Chinese name of the role.
func (r Role) String() string {
	switch r {
	case RoleGridWorker:
		return "网格员"
	case RoleStaff:
		return "社工"
	case RoleSupervisor:
		return "主任"
	}
	return "居民"
}

// IsStaff reports whether r may use staff commands (staff and supervisors).
func (r Role) IsStaff() bool { return r == RoleStaff || r == RoleSupervisor }

// Resident is a person the bot has seen. Name is the key: the 群昵称 or
// nickname they first spoke under, made distinct when another person
// already holds it ("张阿姨(2)"), or, for a verified staff contact, the
// configured name (see DESIGN.md "Identity" and bot/identity.go).
type Resident struct {
	Name      string    `json:"name"`                // the key: display name, made distinct
	Nickname  string    `json:"nickname,omitempty"`  // WeChat nickname hint
	User      string    `json:"user,omitempty"`      // platform user (Message.User) last bound to this record
	Who       string    `json:"who,omitempty"`       // the nickname seen with User: the hint to rebind after a new login
	Hint      string    `json:"hint,omitempty"`      // the platform's hint seen with User (Message.Hint)
	Household string    `json:"household,omitempty"` // canonical 户号, e.g. "3栋502"
	Bound     bool      `json:"bound,omitempty"`     // household set with 绑定 (wins over the name)
	Verified  bool      `json:"verified,omitempty"`  // Household checked against the owners' register (by its owner name or by staff)
	LastGroup string    `json:"last_group,omitempty"`
	Friend    bool      `json:"friend,omitempty"` // has talked to the bot privately
	Phone     string    `json:"phone,omitempty"`
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
}

// Household is a parsed 户号: building, optional unit, room.
type Household struct {
	Building int
	Unit     int // 0 when not given
	Room     int
}

// String renders the canonical form: "3栋502" or "3栋1单元502".
func (h Household) String() string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(h.Building))
	b.WriteString("栋")
	if h.Unit > 0 {
		b.WriteString(strconv.Itoa(h.Unit))
		b.WriteString("单元")
	}
	b.WriteString(strconv.Itoa(h.Room))
	return b.String()
}

// BuildingName returns "3栋", the form grids list buildings in.
func (h Household) BuildingName() string { return strconv.Itoa(h.Building) + "栋" }

var (
	// 3号楼1单元502室, 3栋502, 三幢2单元301, 3#502, 3座-1201
	householdNamed = regexp.MustCompile(`([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*(?:号楼|号|栋|幢|座|#)\s*[-_—/]?\s*(?:([0-9]{1,2})\s*(?:单元|-|—|_)\s*)?([0-9]{3,4})(?:室|号)?`)
	// 3-502, 3-1-502, 03-0502, 3/502
	householdDashed = regexp.MustCompile(`(?:^|[^0-9])([0-9]{1,2})\s*[-_—/]\s*(?:([0-9]{1,2})\s*[-_—/]\s*)?([0-9]{3,4})(?:[^0-9]|$)`)
)

// ParseHousehold finds a 户号 in s, a 群昵称 ("3-502 张阿姨", "3号楼502室-张",
// "3栋1单元502王") or an argument to 绑定. s should be normalised (half-width
// digits). It reports false when s carries no recognisable 户号.
func ParseHousehold(s string) (Household, bool) {
	for _, re := range []*regexp.Regexp{householdNamed, householdDashed} {
		m := re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		b := chineseOrArabic(m[1])
		room, _ := strconv.Atoi(m[3])
		unit, _ := strconv.Atoi(m[2])
		if b <= 0 || room <= 0 {
			continue
		}
		return Household{Building: b, Unit: unit, Room: room}, true
	}
	return Household{}, false
}

// chineseOrArabic converts "3", "03", "三", "十二" to an int; 0 if invalid.
func chineseOrArabic(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	digits := map[rune]int{'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	r := []rune(s)
	switch {
	case len(r) == 1 && r[0] == '十':
		return 10
	case len(r) == 1:
		return digits[r[0]]
	case len(r) == 2 && r[0] == '十':
		return 10 + digits[r[1]]
	case len(r) == 2 && r[1] == '十':
		return digits[r[0]] * 10
	case len(r) == 3 && r[1] == '十':
		return digits[r[0]]*10 + digits[r[2]]
	}
	return 0
}

// ParseBuilding reads a building name such as "3栋", "3号楼", "三栋" or "3"
// and returns its number, or 0.
func ParseBuilding(s string) int {
	s = strings.TrimSpace(s)
	for _, suf := range []string{"号楼", "栋", "幢", "座", "号", "楼"} {
		s = strings.TrimSuffix(s, suf)
	}
	return chineseOrArabic(s)
}
