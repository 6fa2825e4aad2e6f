// Package wxfake is a fake WeChat web-protocol server, shaped after what
// openwechat v1.4.10 sends and expects (see shared/WECHAT_PROTOCOL.md).
//
// One loopback listener serves every WeChat host (login.wx.qq.com,
// wx.qq.com, webpush.wx.qq.com, file.wx.qq.com); requests keep their
// original Host header and the server tells hosts apart by it. Point a real
// openwechat client at it with Transport, or give URL to the linli adapter.
//
// The fake knows one bot account, its friends and its groups. Tests drive it:
// Scan/Confirm a QR login, Inject messages, read what the bot Sent, Kick the
// session, Relogin (new UserNames), and inject faults (Ret 1205, dropped
// responses, duplicate and malformed batches). All methods are safe for
// concurrent use.
package wxfake

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"linli"
)

// Options configure a Server. The zero value is a server with no contacts.
type Options struct {
	Addr        string        // listen address; default "127.0.0.1:0"
	Self        string        // the bot account's nickname; default "邻里通"
	Groups      []Group       // groups the bot is in
	Friends     []Friend      // the bot's friends
	AutoConfirm bool          // QR logins are scanned and confirmed at once
	SyncHold    time.Duration // how long an idle synccheck is held; default 25s
	LoginHold   time.Duration // how long a QR login poll is held; default 25s
	Clock       linli.Clock   // message CreateTime; default the real clock
	Logger      *slog.Logger  // default: discard
	OnSent      func(Sent)    // called, outside any lock, for every recorded send
}

// Group is a group chat. Members are identified by NickName (unique within
// the fake); DisplayName is their 群昵称, if any.
type Group struct {
	Topic   string
	Members []Member
	Unsaved bool // not saved to contacts: absent from webwxgetcontact
}

// Member is a person in a group.
type Member struct {
	NickName    string
	DisplayName string
}

// Friend is a contact the bot can message privately.
type Friend struct {
	NickName   string
	RemarkName string
}

// Stats counts what the server has seen.
type Stats struct {
	QRLogins   int // sessions created by a confirmed QR code
	Inits      int // successful webwxinit calls
	HotLogins  int // successful webwxinit calls that reused a session
	Logouts    int
	SyncChecks int
	Syncs      int // webwxsync calls answered with Ret 0
	Delivered  int // messages handed out by webwxsync
	Uploads    int // completed uploads
	Chunks     int // upload requests (one per chunk)
	SendCalls  int // send requests received (text, image, app), faults included
	Contacts   int // webwxgetcontact + webwxbatchgetcontact calls

	Acked       int // delivered messages the client acknowledged (its next SyncKey)
	Redelivered int // messages delivered again after a login, never acknowledged before
}

// Server is a running fake. Create it with New or Listen; stop it with Close.
type Server struct {
	opts Options
	log  *slog.Logger
	ln   net.Listener
	hs   *http.Server
	url  string
	quit chan struct{}
	once sync.Once

	mu      sync.Mutex
	changed chan struct{} // closed and replaced on every state change
	state
}

// New starts a fake on opts.Addr and panics if it cannot listen, like
// httptest.NewServer.
func New(opts Options) *Server {
	s, err := Listen(opts)
	if err != nil {
		panic(fmt.Sprintf("wxfake: %v", err))
	}
	return s
}

// Listen starts a fake on opts.Addr.
func Listen(opts Options) (*Server, error) {
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:0"
	}
	if opts.Self == "" {
		opts.Self = "邻里通"
	}
	if opts.SyncHold <= 0 {
		opts.SyncHold = 25 * time.Second
	}
	if opts.LoginHold <= 0 {
		opts.LoginHold = 25 * time.Second
	}
	if opts.Clock == nil {
		opts.Clock = linli.ClockFunc(time.Now)
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return nil, err
	}
	s := &Server{
		opts:    opts,
		log:     log.With("component", "wxfake"),
		ln:      ln,
		url:     "http://" + ln.Addr().String(),
		quit:    make(chan struct{}),
		changed: make(chan struct{}),
	}
	s.initState()
	s.hs = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.hs.Serve(ln) }()
	return s, nil
}

// URL is the server's base URL, e.g. "http://127.0.0.1:41234".
func (s *Server) URL() string { return s.url }

// Close stops the server, waking every held long poll.
func (s *Server) Close() {
	s.once.Do(func() {
		close(s.quit)
		_ = s.hs.Close()
	})
}

const cgi = "/cgi-bin/mmwebwx-bin/"

type route struct {
	host string // "login", "wx", "webpush", "file"
	fn   func(*Server, http.ResponseWriter, *http.Request)
}

var routes = map[string]route{
	"/jslogin":                   {"login", (*Server).jslogin},
	cgi + "login":                {"login", (*Server).checkLogin},
	cgi + "webwxnewloginpage":    {"wx", (*Server).newLoginPage},
	cgi + "webwxinit":            {"wx", (*Server).webInit},
	cgi + "webwxstatusnotify":    {"wx", (*Server).statusNotify},
	cgi + "webwxlogout":          {"wx", (*Server).logout},
	cgi + "webwxgetcontact":      {"wx", (*Server).getContact},
	cgi + "webwxbatchgetcontact": {"wx", (*Server).batchGetContact},
	cgi + "synccheck":            {"webpush", (*Server).syncCheck},
	cgi + "webwxsync":            {"wx", (*Server).webSync},
	cgi + "webwxgetmsgimg":       {"wx", (*Server).getMsgImg},
	cgi + "webwxsendmsg":         {"wx", (*Server).sendMsg},
	cgi + "webwxsendmsgimg":      {"wx", (*Server).sendMsgImg},
	cgi + "webwxsendappmsg":      {"wx", (*Server).sendAppMsg},
	cgi + "webwxcheckupload":     {"wx", (*Server).checkUpload},
	cgi + "webwxuploadmedia":     {"file", (*Server).uploadMedia},
	"/_fake/inject":              {"", (*Server).ctlInject},
	"/_fake/sent":                {"", (*Server).ctlSent},
	"/_fake/kick":                {"", (*Server).ctlKick},
	"/_fake/relogin":             {"", (*Server).ctlRelogin},
	"/_fake/rename":              {"", (*Server).ctlRename},
	"/_fake/fail":                {"", (*Server).ctlFail},
	"/_fake/confirm":             {"", (*Server).ctlConfirm},
	"/_fake/stats":               {"", (*Server).ctlStats},
}

// ServeHTTP routes by path and checks that the request was meant for the
// right WeChat host (Host header "login.wx.qq.com", "wx.qq.com", …).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	if strings.HasPrefix(path, "/qrcode/") || strings.HasPrefix(path, "/l/") {
		s.qrcode(w, r)
		return
	}
	rt, ok := routes[path]
	if !ok {
		s.log.Debug("unknown path", "host", r.Host, "path", path)
		http.NotFound(w, r)
		return
	}
	if rt.host != "" && hostKind(r.Host) != rt.host {
		s.log.Warn("wrong host", "host", r.Host, "path", path, "want", rt.host)
		http.Error(w, "wrong host for "+path, http.StatusNotFound)
		return
	}
	rt.fn(s, w, r)
}

// hostKind maps a Host header to "login", "wx", "webpush" or "file". A
// host that is not a WeChat name (a bare address) matches anything.
func hostKind(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	switch {
	case strings.HasPrefix(host, "login."):
		return "login"
	case strings.HasPrefix(host, "webpush."):
		return "webpush"
	case strings.HasPrefix(host, "file."):
		return "file"
	case strings.HasSuffix(host, "qq.com"):
		return "wx"
	}
	return ""
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

func writeJS(w http.ResponseWriter, body string) {
	w.Header().Set("Content-Type", "text/javascript")
	_, _ = w.Write([]byte(body))
}

type baseResponse struct {
	Ret    int
	ErrMsg string
}

func retResponse(ret int) map[string]any {
	return map[string]any{"BaseResponse": baseResponse{Ret: ret}}
}
