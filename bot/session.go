package bot

import (
	"fmt"
	"log/slog"
	"sync"
	"time"

	"linli"
)

// SessionMonitor holds the outbox while the platform session is lost and
// tells staff once it is back. The platform adapter reports its session
// through Session (an Inbox passes it on): SessionDown when it drops
// (logged out, network gone, kicked by another login), SessionScan when a
// person must scan a QR code, SessionUp when it can send again.
//
// While the session is lost, messages keep queuing in the outbox (and on
// disk) and nothing is delivered. An outage is one stretch from the first
// loss to the next SessionUp, however often the adapter retries meanwhile.
// On restoration the outbox is released and one notice is queued for the
// staff group — or, without a staff group, for each staff member privately
// — saying when the connection dropped, why, when it came back, how long
// it was down and how many held messages are being sent. The notice is
// queued behind the held messages, so by the time staff read it they have
// gone out. The loss itself is logged at once, at Error level. When a scan
// is needed, that is logged with the QR code's file and, once per outage,
// sent out of band (SetAlert: the bot cannot tell staff itself).
//
// All methods are safe for concurrent use.
type SessionMonitor struct {
	out   *Outbox
	cfg   *linli.Config
	clock linli.Clock
	log   *slog.Logger

	mu          sync.Mutex
	lost        bool
	since       time.Time
	reason      string
	scanAlerted bool // the out-of-band alert for this outage went out
	everUp      bool // a session came up once: before that, nothing is an outage
	alert       func(text string)
}

// NewSessionMonitor returns a monitor for out. cfg (validated) says where the
// notice goes and in which zone times are shown; log may be nil. It also
// writes the notice the outbox delivers when the database cannot be written
// (Outbox.OnStorageDown).
func NewSessionMonitor(out *Outbox, cfg *linli.Config, clock linli.Clock, log *slog.Logger) *SessionMonitor {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	m := &SessionMonitor{out: out, cfg: cfg, clock: clock, log: log.With("component", "session")}
	out.OnStorageDown(m.storageAlert)
	out.OnBacklog(m.backlogAlert)
	return m
}

// SetAlert sets where out-of-band alerts go (a Webhook's Post). It must not
// block.
func (m *SessionMonitor) SetAlert(fn func(text string)) {
	m.mu.Lock()
	m.alert = fn
	m.mu.Unlock()
}

// Session handles an adapter's session event: SessionUp restores (see
// Restored) and releases the outbox, also after the first login when
// nothing was lost; SessionDown is Lost; SessionScan is Lost too, and the
// scan is logged with the QR code's file and alerted out of band once per
// outage.
//
// Before the first SessionUp (linli starting, the first login) nothing is
// an outage: the outbox is held, failures are logged, a scan is alerted,
// and no notice follows.
func (m *SessionMonitor) Session(ev linli.SessionEvent) {
	m.mu.Lock()
	started := m.everUp
	if ev.State == linli.SessionUp {
		m.everUp, m.scanAlerted = true, false
	}
	m.mu.Unlock()
	switch {
	case ev.State == linli.SessionUp:
		m.log.Info("已连接", "how", ev.Reason)
		if err := m.Restored(); err != nil {
			m.log.Error("无法排队发送连接状态通知", "err", err)
		}
		m.out.SetOnline(true)
	case !started:
		m.out.SetOnline(false)
		if ev.State != linli.SessionScan { // a scan before the first login is no failure
			m.log.Warn("尚未连接", "reason", ev.Reason)
		}
	default:
		m.Lost(ev.Reason)
	}
	if ev.State == linli.SessionScan {
		m.scanNeeded(ev, started)
	}
}

// scanNeeded logs that a QR code must be scanned and alerts once per outage
// (or once while starting).
func (m *SessionMonitor) scanNeeded(ev linli.SessionEvent, started bool) {
	if started {
		m.log.Error("需要重新扫码登录", "png", ev.QRCode, "url", ev.LoginURL)
	} else { // the first login of this process: expected, not an error
		m.log.Info("首次登录，请扫码", "png", ev.QRCode, "url", ev.LoginURL)
	}
	m.mu.Lock()
	send := m.alert != nil && !m.scanAlerted
	if send {
		m.scanAlerted = true
	}
	alert, since := m.alert, m.since
	m.mu.Unlock()
	if !send {
		return
	}
	where := TextScanNoPNG
	if ev.QRCode != "" {
		where = fmt.Sprintf(TextScanPNG, ev.QRCode)
	}
	if since.IsZero() { // starting: no outage yet
		since = m.clock.Now()
	}
	alert(fmt.Sprintf(TextScanAlert, m.cfg.Community, since.In(m.cfg.Location).Format("01-02 15:04"), where))
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
		m.log.Error("连接已断开，待发消息暂存", "reason", reason, "pending", m.out.Pending())
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
	m.lost, m.scanAlerted = false, false
	m.mu.Unlock()

	held := m.out.Pending()
	m.log.Warn("连接已恢复", "lost_at", since, "down", now.Sub(since), "reason", reason, "held", held)
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
	return fmt.Sprintf(TextSessionRestored, since.Format("01-02 15:04"), why, back, spoken(now.Sub(since)), tail)
}

// spoken says a duration the way staff would: 40秒, 35分钟, 2小时5分钟, 3天2小时.
func spoken(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%d秒", max(int(d.Seconds()), 1))
	case d < time.Hour:
		return fmt.Sprintf("%d分钟", int(d.Minutes()))
	case d < 24*time.Hour:
		h, m := int(d.Hours()), int(d.Minutes())%60
		if m == 0 {
			return fmt.Sprintf("%d小时", h)
		}
		return fmt.Sprintf("%d小时%d分钟", h, m)
	}
	days, h := int(d.Hours())/24, int(d.Hours())%24
	if h == 0 {
		return fmt.Sprintf("%d天", days)
	}
	return fmt.Sprintf("%d天%d小时", days, h)
}
