package signup

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"linli"
)

// jielongView is an activity's active sign-ups as seen from one chat's
// 接龙. A group's list shows only the sign-ups made in that group: names
// and households never cross into another group; the others are counted.
type jielongView struct {
	group  string         // the served group of the chat; "" elsewhere
	here   []linli.Signup // sign-ups the chat's list shows, in queue order
	known  map[string]int // entry keys of here, with their counts
	mine   *linli.Signup  // the poster's sign-up, wherever it was made
	others [][]string     // the names each other sign-up goes by
	away   map[string]int // people with seats signed up elsewhere, by group ("" = private chat)
	wait   map[string]int // people waitlisted elsewhere, by group
}

// newJielongView sorts signups for a 接龙 posted with m. In private chat
// (or an unserved group) the list shows only the poster's own line.
func (h *Family) newJielongView(m *linli.Message, signups []linli.Signup) *jielongView {
	v := &jielongView{group: h.groupOf(m), known: map[string]int{}, away: map[string]int{}, wait: map[string]int{}}
	for _, s := range signups {
		if !s.Active() {
			continue
		}
		names := h.aliases(h.namePart(entryKey(displayText(&s))), s.Resident)
		if s.Resident == m.Sender {
			v.mine = &s
		} else {
			v.others = append(v.others, names)
		}
		if s.Group == v.group && (v.group != "" || s.Resident == m.Sender) {
			v.here = append(v.here, s)
			v.known[entryKey(displayText(&s))]++
		} else if s.Status == linli.SignupConfirmed {
			v.away[s.Group] += s.PartySize
		} else {
			v.wait[s.Group] += s.PartySize
		}
	}
	return v
}

// missing returns the entries that no sign-up of the list stands behind.
func (v *jielongView) missing(entries []jielongEntry) []jielongEntry {
	left := maps.Clone(v.known)
	var out []jielongEntry
	for _, e := range entries {
		if left[e.Key] > 0 {
			left[e.Key]--
			continue
		}
		out = append(out, e)
	}
	return out
}

// elsewhere renders the people signed up outside the list: those with
// seats, part of the activity's count ("幸福里2期居民群3人、私聊1人"), and
// those waitlisted ("幸福里2期居民群候补2人"); "" for none.
func (v *jielongView) elsewhere() (seated, waiting string) {
	return groupCounts(v.away, ""), groupCounts(v.wait, "候补")
}

// groupCounts renders people by group, private chat last, each count
// after what.
func groupCounts(by map[string]int, what string) string {
	var parts []string
	for _, g := range slices.Sorted(maps.Keys(by)) {
		if g != "" && by[g] > 0 {
			parts = append(parts, fmt.Sprintf("%s%s%d人", g, what, by[g]))
		}
	}
	if n := by[""]; n > 0 {
		parts = append(parts, fmt.Sprintf("私聊%s%d人", what, n))
	}
	return strings.Join(parts, "、")
}
