package bot

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"linli"
)

// SessionMonitor holds the outbox while the platform session is lost and
// tells staff once it is back. The platform adapter calls Lost when its
// session drops (logged out, network gone, kicked by another login) and
// Restored when it can send again.
//
// While the session is lost, messages keep queuing in the outbox (and on
// disk) and nothing is delivered. On restoration the outbox is released and
// one notice is queued for the staff group — or, without a staff group, for
// each staff member privately — saying when the connection dropped, why, when
// it came back and how many held messages are being sent. The notice is
// queued behind the held messages, so by the time staff read it they have
// gone out. The loss itself is logged at once, at Error level.
//
// All methods are safe for concurrent use.
type SessionMonitor struct {
	out   *Outbox
	cfg   *linli.Config
	clock linli.Clock
	log   *slog.Logger

	mu     sync.Mutex
	lost   bool
	since  time.Time
	reason string
}

// NewSessionMonitor returns a monitor for out. cfg (validated) says where the
// notice goes and in which zone times are shown; log may be nil.
func NewSessionMonitor(out *Outbox, cfg *linli.Config, clock linli.Clock, log *slog.Logger) *SessionMonitor {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	m := &SessionMonitor{out: out, cfg: cfg, clock: clock, log: log.With("component", "session")}
	out.OnStorageDown(m.storageAlert)
	return m
}

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

// Lost records that the session dropped for reason and holds delivery. A
// second call before Restored keeps the first time and reason.
func (m *SessionMonitor) Lost(reason string) {
	now := m.clock.Now()
	m.mu.Lock()
	first := !m.lost
	if first {
		m.lost, m.since, m.reason = true, now, reason
	}
	m.mu.Unlock()
	m.out.SetOnline(false)
	if first {
		m.log.Error("platform session lost; holding outgoing messages", "reason", reason, "pending", m.out.Pending())
	}
}

// Restored releases delivery and queues the notice to staff. It does nothing
// when the session was not lost. The error is the outbox's failure to queue
// the notice; delivery is released regardless.
func (m *SessionMonitor) Restored() error {
	now := m.clock.Now()
	m.mu.Lock()
	if !m.lost {
		m.mu.Unlock()
		return nil
	}
	since, reason := m.since, m.reason
	m.lost = false
	m.mu.Unlock()

	held := m.out.Pending()
	m.log.Warn("platform session restored", "lost_at", since, "down", now.Sub(since), "reason", reason, "held", held)
	text := sessionNotice(since.In(m.cfg.Location), now.In(m.cfg.Location), reason, held)
	var err error
	if g := m.cfg.StaffGroup; g != "" {
		err = m.out.Send(linli.Outgoing{To: linli.Chat{Group: g}, Text: text})
	} else {
		for _, name := range m.cfg.StaffNames() {
			if e := m.out.Send(linli.Outgoing{To: linli.Chat{User: name}, Text: text}); e != nil && err == nil {
				err = e
			}
		}
	}
	m.out.SetOnline(true)
	if err != nil {
		return fmt.Errorf("session: notify staff: %w", err)
	}
	return nil
}

// Down reports whether the session is lost, since when and why.
func (m *SessionMonitor) Down() (since time.Time, reason string, down bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.since, m.reason, m.lost
}

// sessionNotice is the staff notice after a restored session.
func sessionNotice(since, now time.Time, reason string, held int) string {
	back := now.Format("15:04")
	if now.YearDay() != since.YearDay() || now.Year() != since.Year() {
		back = now.Format("01-02 15:04")
	}
	why := ""
	if reason != "" {
		why = "（" + reason + "）"
	}
	tail := TextSessionNothingHeld
	if held > 0 {
		tail = fmt.Sprintf(TextSessionHeld, held)
	}
	return fmt.Sprintf(TextSessionRestored, since.Format("01-02 15:04"), why, back, tail)
}

// Dropped tells staff that a message could not be delivered and was given
// up (Outbox.OnDrop). A notice about a dropped notice is only logged, so a
// broken staff chat cannot loop.
func (m *SessionMonitor) Dropped(out linli.Outgoing, err error) {
	if strings.HasPrefix(out.Key, dropKeyPrefix) {
		m.log.Error("drop notice itself undeliverable", "to", out.To.String(), "err", err)
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
			m.log.Error("queue drop notice", "err", err)
		}
		return
	}
	for _, name := range m.cfg.StaffNames() {
		if out.To.User == name {
			continue
		}
		if err := m.out.Send(linli.Outgoing{Key: key + ":" + name, To: linli.Chat{User: name}, Text: text, Private: true}); err != nil {
			m.log.Error("queue drop notice", "err", err)
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
