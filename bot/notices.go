package bot

import (
	"errors"
	"fmt"
	"strings"

	"linli"
)

// storageAlert is the notice to staff when the database cannot be written
// (Outbox.OnStorageDown): to the staff group, or to each staff member.
func (m *SessionMonitor) storageAlert(err error) []linli.Outgoing {
	text := TextStorageDown
	if g := m.cfg.StaffGroup; g != "" {
		return []linli.Outgoing{{To: linli.Chat{Group: g}, Text: text}}
	}
	var out []linli.Outgoing
	for _, name := range m.cfg.StaffNames() {
		out = append(out, linli.Outgoing{To: linli.Chat{User: name}, Text: text, Private: true})
	}
	return out
}

// Dropped tells staff that a message could not be delivered and was given
// up (Outbox.OnDrop). A notice about a dropped notice is only logged, so a
// broken staff chat cannot loop.
func (m *SessionMonitor) Dropped(out linli.Outgoing, err error) {
	if strings.HasPrefix(out.Key, dropKeyPrefix) {
		m.log.Error("发送失败的通知本身也无法送达", "to", out.To.String(), "err", err)
		return
	}
	reason := "未知原因"
	if err != nil {
		reason = err.Error()
	}
	text := fmt.Sprintf(TextDropped, out.To.String(), reason, snippetRunes(out.Text, 40))
	switch g := out.To.Group; {
	case errors.Is(err, ErrMaybeSent):
		text = fmt.Sprintf(TextMaybeSent, out.To.String(), snippetRunes(out.Text, 40))
	case g != "" && (m.cfg.Served(g) || g == m.cfg.StaffGroup):
		text += fmt.Sprintf(TextDroppedRenamed, g)
	}
	key := fmt.Sprintf("%s%d", dropKeyPrefix, out.ID)
	if g := m.cfg.StaffGroup; g != "" && out.To.Group != g {
		if err := m.out.Send(linli.Outgoing{Key: key, To: linli.Chat{Group: g}, Text: text}); err != nil {
			m.log.Error("无法排队发送失败通知", "err", err)
		}
		return
	}
	for _, name := range m.cfg.StaffNames() {
		if out.To.User == name {
			continue
		}
		if err := m.out.Send(linli.Outgoing{Key: key + ":" + name, To: linli.Chat{User: name}, Text: text, Private: true}); err != nil {
			m.log.Error("无法排队发送失败通知", "err", err)
		}
	}
}

// dropKeyPrefix marks drop notices.
const dropKeyPrefix = "drop:"

// snippetRunes returns the first n runes of s on one line.
func snippetRunes(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n]) + "…"
}
