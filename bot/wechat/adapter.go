// Package wechat is the WeChat platform adapter of `linli run`, built on
// openwechat v1.4.10 (the web/desktop protocol; see shared/WECHAT_PROTOCOL.md).
//
// Threading. openwechat is not safe for concurrent use: its contact caches
// (Self.members, groups, a group's MemberList) are read and written by the
// one goroutine that runs the sync loop, message processors and our
// MessageHandler, and Exit/Logout race with that loop. The adapter therefore
//   - touches openwechat caches (Message.Sender, SenderInGroup, GetPicture)
//     only inside the MessageHandler, on the sync goroutine;
//   - keeps its own directory (topic → group UserName, name → friend
//     UserName), guarded by a mutex, built after each login with Caller-level
//     calls (webwxgetcontact, webwxbatchgetcontact) that touch no cache, and
//     completed by the handler as groups and members show up;
//   - sends from Deliver (the engine's outbox goroutine) through Caller
//     methods with a per-session snapshot (self UserName, LoginInfo,
//     BaseRequest, Caller, context) that openwechat writes only during login.
//     The http.Client is safe for concurrent use; the cookie jar is, except
//     for openwechat's host list, which is written only when a host first
//     sets a cookie (at login). Sends are serialised by a mutex;
//   - never calls Exit, Logout or Block: it stops a session by cancelling the
//     context given to openwechat.NewBot, and reads CrashReason only after
//     the bot's context is done.
package wechat

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/eatmoreapple/openwechat"

	"linli"
)

// Options configure an Adapter.
type Options struct {
	ServerURL    string    // "" = the real WeChat hosts; else every host is sent here (wxfake, a proxy)
	Desktop      bool      // desktop (UOS) mode instead of web mode
	HotLoginFile string    // where login credentials are kept between runs; "" = QR code every time
	QRCodePNG    string    // save the login QR code here as PNG; "" = don't
	QRWriter     io.Writer // print the login QR code here (a terminal); nil = don't
	Groups       []string  // topics served (residents' groups and the staff group); empty = all. With Served set, only checked against the contacts at login
	MediaDir     string    // save received images here; "" = keep them in memory only
	Logger       *slog.Logger
	Clock        linli.Clock

	// Roles are the configured names that carry a role (staff, workers,
	// supervisors). After each read of the contact list the adapter logs
	// the friend each matched by 备注, or that none did (contacts.go), and
	// writes that to ContactsFile ("" = don't) for linli doctor.
	Roles        []string
	ContactsFile string

	// Served, if set, is asked at every message whether the group called
	// topic is served, instead of Groups (a renamed group becomes served
	// when staff re-bind it, while running). Text from a group it refuses
	// is still handed to the inbox: the engine ignores it, except a staff
	// member's 绑定群 re-binding a renamed group. Images from such a group
	// are not downloaded, and only served groups' members are fetched at
	// login.
	Served func(topic string) bool

	// RetryDelay is the first pause after a failed login or a lost session;
	// it doubles (with jitter) up to MaxRetryDelay while sessions keep
	// failing, and starts again after a session that lasted StableAfter.
	// Defaults: 1 s, 5 min, 2 min.
	RetryDelay    time.Duration
	MaxRetryDelay time.Duration
	StableAfter   time.Duration
	// SyncHeld is how long a synccheck long poll must stay open for the
	// session to count as accepted (default 3 s; an answered poll confirms
	// it at once). A session kicked at once is never reported up.
	SyncHeld time.Duration
	// Sleep waits d or until ctx ends and reports whether d passed. Default:
	// a timer on the real clock. Tests pass one that advances Clock, so a
	// five-second outage takes no real time.
	Sleep func(ctx context.Context, d time.Duration) bool
	// Jitter returns a number in [0, 1) that spreads pauses (default:
	// math/rand); tests fix it.
	Jitter func() float64
	// Transport is the base HTTP transport; default http.DefaultTransport.
	Transport http.RoundTripper
}

// admits says what of a group's messages are handed to receive: pass (its
// text at least) and all (images too; the group is served).
func (a *Adapter) admits(topic string) (pass, all bool) {
	switch {
	case a.opts.Served != nil:
		return true, a.opts.Served(topic)
	case len(a.served) > 0:
		return a.served[topic], a.served[topic]
	}
	return true, true
}

// Adapter connects linli to one WeChat account. It implements
// linli.Adapter; Serve drives the session.
type Adapter struct {
	opts   Options
	log    *slog.Logger
	server *url.URL
	served map[string]bool

	sendMu  sync.Mutex      // serialises Deliver
	partial map[uint64]bool // Outgoing IDs whose text went out but whose media did not

	mu      sync.Mutex
	sess    *session        // the live session, nil while logged out
	friends map[string]bool // friends' names as of the last directory (kept while down)
	running bool
	up      int // last reported state: 0 unknown, 1 up, -1 down
	inbox   linli.Inbox
}

var _ linli.Adapter = (*Adapter)(nil)

// New checks opts and returns an adapter; call Serve to log in.
func New(opts Options) (*Adapter, error) {
	a := &Adapter{opts: opts, served: map[string]bool{}, partial: map[uint64]bool{}, friends: map[string]bool{}}
	if opts.ServerURL != "" {
		u, err := url.Parse(opts.ServerURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("wechat: server URL %q: want http://host:port", opts.ServerURL)
		}
		a.server = u
	}
	for _, g := range opts.Groups {
		a.served[g] = true
	}
	if a.opts.Clock == nil {
		a.opts.Clock = linli.ClockFunc(time.Now)
	}
	if a.opts.RetryDelay <= 0 {
		a.opts.RetryDelay = time.Second
	}
	if a.opts.MaxRetryDelay <= 0 {
		a.opts.MaxRetryDelay = 5 * time.Minute
	}
	if a.opts.StableAfter <= 0 {
		a.opts.StableAfter = 2 * time.Minute
	}
	if a.opts.SyncHeld <= 0 {
		a.opts.SyncHeld = 3 * time.Second
	}
	if a.opts.Sleep == nil {
		a.opts.Sleep = sleep
	}
	if a.opts.Jitter == nil {
		a.opts.Jitter = rand.Float64
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	a.log = log.With("component", "wechat")
	return a, nil
}

// Serve logs in (hot login file first, falling back to a QR code) and
// serves the account until ctx is cancelled, logging in again whenever the
// session is lost, after a pause that grows while sessions keep failing
// (RetryDelay … MaxRetryDelay, with jitter). It reports the session to
// inbox: SessionUp once WeChat has accepted a session (its first good
// synccheck, so a session kicked at once never counts as restored),
// SessionDown when it is lost or a login fails, SessionScan when a QR code
// must be scanned. Every message from a served group or a private chat goes
// to inbox.Receive on openwechat's sync goroutine, before WeChat is told it
// arrived (the next synccheck); while Receive fails, the message is retried
// and nothing after it is acknowledged. Duplicates are possible (same
// Message.ID): the engine deduplicates. Serve returns nil once ctx is
// cancelled.
func (a *Adapter) Serve(ctx context.Context, inbox linli.Inbox) error {
	if inbox == nil {
		return errors.New("wechat: Serve needs an inbox")
	}
	a.mu.Lock()
	if a.running {
		a.mu.Unlock()
		return errors.New("wechat: Serve called twice")
	}
	a.running, a.inbox = true, inbox
	a.mu.Unlock()
	defer func() {
		a.mu.Lock()
		a.sess, a.running = nil, false
		a.mu.Unlock()
	}()
	pause := backoff{min: a.opts.RetryDelay, max: a.opts.MaxRetryDelay, jitter: a.opts.Jitter}
	for ctx.Err() == nil {
		s, how, err := a.login(ctx, inbox)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			d := pause.next()
			if why, ok := networkTrouble(err); ok {
				a.log.Warn(unreachable(why, d), "err", err, "retry_in", d)
				a.report(false, "无法连接微信服务器（"+why+"）")
			} else {
				a.log.Warn("微信登录失败", "err", err, "retry_in", d)
				a.report(false, "微信登录失败："+err.Error())
			}
			if !a.opts.Sleep(ctx, d) {
				break
			}
			continue
		}
		started := a.opts.Clock.Now()
		a.buildDirectory(s)
		a.mu.Lock()
		a.sess = s
		known := len(s.groups)
		a.mu.Unlock()
		a.log.Info("微信已登录", "self", s.selfNick, "how", how, "groups", known)
		confirmed := false
		select {
		case <-s.confirmed:
			confirmed = true
			a.report(true, how)
		case <-s.ctx.Done():
		}
		<-s.ctx.Done()
		s.stop()
		a.mu.Lock()
		a.sess = nil
		a.mu.Unlock()
		if ctx.Err() != nil {
			break
		}
		if confirmed && a.opts.Clock.Now().Sub(started) >= a.opts.StableAfter {
			pause.reset()
		}
		reason := describeLoss(s.bot.CrashReason())
		d := pause.next()
		a.log.Warn("微信连接已断开", "reason", reason, "err", s.bot.CrashReason(), "confirmed", confirmed, "retry_in", d)
		a.report(false, reason)
		if !a.opts.Sleep(ctx, d) {
			break
		}
	}
	a.log.Info("微信连接已停止")
	return nil
}

// report tells the inbox when the state changes.
func (a *Adapter) report(up bool, reason string) {
	state := -1
	if up {
		state = 1
	}
	a.mu.Lock()
	changed := a.up != state
	a.up = state
	inbox := a.inbox
	a.mu.Unlock()
	if !changed || inbox == nil {
		return
	}
	ev := linli.SessionEvent{State: linli.SessionDown, Reason: reason}
	if up {
		ev.State = linli.SessionUp
	}
	inbox.Session(ev)
}

// Up reports whether a session is live.
func (a *Adapter) Up() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.sess != nil
}

func describeLoss(err error) string {
	var ret openwechat.Ret
	switch {
	case errors.As(err, &ret) && ret == 1100:
		return "微信已在手机上退出网页登录（1100），需要重新扫码"
	case errors.As(err, &ret) && ret == 1101:
		return "微信会话失效或已在其他设备登录（1101），正在重新登录"
	case errors.As(err, &ret) && ret == 1102:
		return "微信登录凭证失效（1102），正在重新登录"
	case errors.Is(err, openwechat.ErrUserLogout):
		return "微信已退出登录"
	case err == nil:
		return "微信连接已结束"
	}
	return "微信连接中断：" + err.Error()
}

// sleep waits d on a real timer or until ctx ends; it reports whether d
// passed.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
