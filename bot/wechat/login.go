package wechat

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/eatmoreapple/openwechat"
	qrcode "github.com/skip2/go-qrcode"

	"linli"
)

// session is one login: the bot and the snapshot Deliver sends with. The
// directory maps are guarded by Adapter.mu; the other fields are written
// before ready is closed and never again.
type session struct {
	bot      *openwechat.Bot
	ctx      context.Context // the bot's context: done when the session ends
	stop     context.CancelFunc
	selfName string // the bot's UserName in this session
	selfNick string
	login    *openwechat.LoginInfo
	req      *openwechat.BaseRequest
	ready    chan struct{} // closed once the fields above are read

	confirmed chan struct{} // closed at the first successful synccheck: WeChat accepted the session
	confirm   sync.Once
	dirOK     bool // the contact list has been read once (guarded by Adapter.mu)

	groups    map[string]string            // topic → group UserName
	members   map[string]map[string]string // topic → display name or nickname → UserName
	friends   map[string]string            // remark, nickname or resident key → UserName (a remark wins over a nickname)
	contacts  map[string]string            // friend's UserName → the 备注 the bot's account gave them ("" if none); see contacts.go
	refreshed time.Time                    // last directory fetch

	syncErrs int  // consecutive sync errors; only touched on the sync goroutine
	netDown  bool // WeChat's servers cannot be reached (reported down); sync goroutine only
}

// login makes a bot, logs it in and returns its session; how says whether
// a hot login or a QR code did it.
func (a *Adapter) login(ctx context.Context, inbox linli.Inbox) (_ *session, _ string, err error) {
	bctx, cancel := context.WithCancel(ctx)
	defer func() {
		if err != nil {
			cancel() // ends the bot's sync loop, should one have started
		}
	}()
	bot := openwechat.NewBot(bctx)
	hc := bot.Caller.Client.HTTPClient()
	base := a.opts.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	if a.server != nil {
		base = rewriter{target: a.server, base: base}
	}
	s := &session{ready: make(chan struct{}), confirmed: make(chan struct{})}
	confirm := func() { s.confirm.Do(func() { close(s.confirmed) }) }
	hc.Transport = heldPoll{base: base, after: a.opts.SyncHeld, held: confirm}
	if a.opts.Desktop {
		openwechat.Desktop.Prepare(bot)
	} else {
		openwechat.Normal.Prepare(bot)
	}
	s.bot, s.ctx, s.stop = bot, bot.Context(), cancel
	qr := false
	bot.UUIDCallback = func(uuid string) { qr = true; a.showQR(uuid, inbox) }
	bot.ScanCallBack = func(openwechat.CheckLoginResponse) { a.log.Info("二维码已扫描，请在手机上确认登录") }
	bot.MessageHandler = a.handler(s, inbox)
	bot.MessageErrorHandler = a.syncErrorHandler(s)
	bot.SyncCheckCallback = func(r openwechat.SyncCheckResponse) {
		if r.Success() {
			confirm()
			if s.netDown { // reachable again, the session still good
				s.netDown = false
				a.report(true, "网络已恢复")
			}
		}
		if r.NorMal() { // an idle round: the previous sync went through
			s.syncErrs = 0
		}
	}

	if a.opts.HotLoginFile != "" {
		err = bot.HotLogin(&hotStore{path: a.opts.HotLoginFile}, openwechat.NewRetryLoginOption())
	} else {
		err = bot.Login()
	}
	if err != nil {
		return nil, "", err
	}
	self, err := bot.GetCurrentUser()
	if err != nil {
		return nil, "", err
	}
	s.selfName, s.selfNick = self.UserName, openwechat.FormatEmoji(self.NickName)
	s.login, s.req = bot.Storage.LoginInfo, bot.Storage.Request
	close(s.ready)
	how := "微信已登录（热登录）"
	if qr {
		how = "微信已扫码登录"
	}
	return s, how, nil
}

// showQR prints and saves the login QR code and tells inbox a scan is
// needed. It runs during login.
func (a *Adapter) showQR(uuid string, inbox linli.Inbox) {
	link := "https://login.weixin.qq.com/l/" + uuid
	ev := linli.SessionEvent{State: linli.SessionScan, LoginURL: link, Reason: "微信需要重新扫码登录"}
	defer func() { inbox.Session(ev) }()
	q, err := qrcode.New(link, qrcode.Medium)
	if err != nil {
		a.log.Warn("无法生成登录二维码", "err", err)
		return
	}
	if w := a.opts.QRWriter; w != nil {
		fmt.Fprintf(w, "%s\n请用机器人的微信扫描上方二维码登录（或打开 %s）\n", q.ToSmallString(false), link)
	}
	if p := a.opts.QRCodePNG; p != "" {
		err := os.MkdirAll(filepath.Dir(p), 0o755)
		if err == nil { // a login credential: the owner's only
			var png []byte
			if png, err = q.PNG(320); err == nil {
				if err = os.WriteFile(p, png, 0o600); err == nil {
					err = os.Chmod(p, 0o600) // a file left by an older version
				}
			}
		}
		if err != nil {
			a.log.Warn("无法保存登录二维码图片", "path", p, "err", err)
			return
		}
		ev.QRCode = p
	}
}

// maxSyncErrors consecutive sync errors (network down, garbled answers) end
// the session, so that Serve logs in again.
const maxSyncErrors = 8

// syncErrorHandler decides, on the sync goroutine, whether a sync error ends
// the session: 1100/1101/1102 do; others are retried with a growing pause.
// It waits for ready so that openwechat's Exit (which writes the bot's self)
// cannot race with login reading it.
func (a *Adapter) syncErrorHandler(s *session) openwechat.MessageErrorHandler {
	return func(err error) error {
		select {
		case <-s.ready:
		case <-s.ctx.Done():
			return nil // stopping: the loop ends by itself, without Exit
		}
		if s.ctx.Err() != nil {
			return nil
		}
		var ret openwechat.Ret
		if errors.As(err, &ret) && ret >= 1100 && ret <= 1102 {
			return err
		}
		s.syncErrs++
		if s.syncErrs > maxSyncErrors {
			return fmt.Errorf("wechat: %d sync errors in a row: %w", s.syncErrs, err)
		}
		d := min(a.opts.RetryDelay<<(s.syncErrs-1), time.Minute)
		if why, ok := networkTrouble(err); ok {
			a.log.Warn(unreachable(why, d), "err", err, "count", s.syncErrs, "retry_in", d)
			if !s.netDown {
				// Offline from the first failure: the outbox holds
				// delivery and the outage is timed from now.
				s.netDown = true
				a.report(false, "无法连接微信服务器（"+why+"）")
			}
		} else {
			a.log.Warn("与微信同步出错", "err", err, "count", s.syncErrs, "retry_in", d)
		}
		a.opts.Sleep(s.ctx, d)
		return nil
	}
}

// heldPoll calls held when a synccheck long poll has been open for after:
// the server holds the poll of a session it accepts (and answers a kicked
// one at once), so a held poll confirms the session without waiting for the
// poll's answer, which comes only after ~25 s when nothing happens.
type heldPoll struct {
	base  http.RoundTripper
	after time.Duration
	held  func()
}

func (t heldPoll) RoundTrip(req *http.Request) (*http.Response, error) {
	if !strings.HasSuffix(req.URL.Path, "/synccheck") {
		return t.base.RoundTrip(req)
	}
	timer := time.AfterFunc(t.after, t.held)
	defer timer.Stop()
	return t.base.RoundTrip(req)
}

// rewriter sends every request to target, keeping the original Host.
type rewriter struct {
	target *url.URL
	base   http.RoundTripper
}

func (t rewriter) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	if r.Host == "" {
		r.Host = req.URL.Host
	}
	r.URL.Scheme, r.URL.Host = t.target.Scheme, t.target.Host
	return t.base.RoundTrip(r)
}
