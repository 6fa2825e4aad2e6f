package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"time"

	"linli"
)

// Login and session windows.
const (
	LinkTTL     = 10 * time.Minute // a 后台 link opens a session only this long after it was sent
	IdleTimeout = 30 * time.Minute // a session not used this long is over
	MaxSession  = 12 * time.Hour   // and every session ends this long after it began
	cookieName  = "linli_session"
)

// Access levels a page needs.
const (
	accessWorker = iota // a grid worker: the 随手拍 of their own grids
	accessStaff         // staff and supervisors: everything
)

// access is what a signed-in person may see: everything (staff,
// supervisors) or the reports of some grids (a grid worker).
type access struct {
	Who   string
	Role  linli.Role
	Grids []string // nil: every grid; a worker's own grids otherwise
}

// Staff reports whether a may see every page.
func (a access) Staff() bool { return a.Role.IsStaff() }

// SeesGrid reports whether a may see the reports of grid.
func (a access) SeesGrid(grid string) bool {
	if a.Staff() {
		return true
	}
	for _, g := range a.Grids {
		if g == grid {
			return true
		}
	}
	return false
}

// accessFor decides whether the sender of m may have a workbench link, and
// what it shows. It is the one place that decides: the role is the
// engine's verified role of the sender of a private message (m.Role as the
// router sets it, from a verified contact), never a name typed in a form.
// Staff and supervisors see everything; a grid worker sees their grids'
// reports; residents and units' contacts get no link.
func (s *Server) accessFor(m *linli.Message) (access, bool) {
	if !m.Private() {
		return access{}, false
	}
	switch {
	case m.Role.IsStaff():
		return access{Who: m.Sender, Role: m.Role}, true
	case m.Role == linli.RoleGridWorker:
		var grids []string
		for _, g := range s.Config.Grids {
			if g.Worker == m.Sender {
				grids = append(grids, g.Name)
			}
		}
		if len(grids) == 0 {
			return access{}, false // a unit's contact (转办) works in chat only
		}
		return access{Who: m.Sender, Role: m.Role, Grids: grids}, true
	}
	return access{}, false
}

// loginLink is a one-time login token sent in chat.
type loginLink struct {
	access  access
	expires time.Time
}

// session is a signed-in browser.
type session struct {
	id       string
	access   access
	csrf     string
	started  time.Time
	lastSeen time.Time
	flash    string // the result of the last action, shown once
	flashBad bool
	// regImport is a register upload waiting for confirmation (register.go).
	regImport *registerImport
}

// Register implements linli.Family: 后台 sends a login link privately,
// 退出后台 ends the sender's sessions.
func (s *Server) Register(r linli.Router) {
	// 帮助 lists 后台 for staff and supervisors only (HelpRole): a resident
	// never sees it, and one who types it is told what it is (linkCommand).
	r.Command(linli.Command{Names: []string{"后台"}, Args: linli.ArgsNone, Help: textHelpLink,
		HelpRole: linli.RoleStaff, Handler: s.linkCommand})
	r.Command(linli.Command{Names: []string{"退出后台"}, Args: linli.ArgsNone, Handler: s.logoutCommand})
}

func (s *Server) linkCommand(ctx context.Context, req *linli.Request) error {
	m := req.Msg
	if !m.Private() {
		if !m.Addressed {
			return linli.ErrNotCommand // "后台" said in a group is talk
		}
		if m.Role == linli.RoleResident {
			return linli.Errorf(linli.EForbidden, "%s", textLinkResident)
		}
		return linli.Errorf(linli.EForbidden, "%s", textLinkPrivateOnly) // no link ever goes to a group
	}
	a, ok := s.accessFor(m)
	if !ok {
		s.log.Info("workbench link refused", "sender", m.Sender, "role", m.Role.String())
		return linli.Errorf(linli.EForbidden, "%s", textLinkResident)
	}
	if s.BaseURL == "" {
		return linli.Errorf(linli.EConflict, "%s", textWebOff)
	}
	token, err := randomToken()
	if err != nil {
		return err
	}
	now := s.Clock.Now()
	s.mu.Lock()
	for t, l := range s.links { // forget expired links
		if now.After(l.expires) {
			delete(s.links, t)
		}
	}
	s.links[token] = &loginLink{access: a, expires: now.Add(LinkTTL)}
	s.mu.Unlock()
	s.log.Info("workbench link sent", "who", a.Who, "role", a.Role.String())
	return req.Out.Send(linli.Outgoing{To: linli.Chat{User: m.Sender}, Private: true, Alone: true,
		Text: textLink(a, s.BaseURL+"/login?t="+token)})
}

func (s *Server) logoutCommand(ctx context.Context, req *linli.Request) error {
	if !req.Msg.Private() {
		if !req.Msg.Addressed {
			return linli.ErrNotCommand
		}
	}
	n := s.endSessions(req.Msg.Sender)
	return req.Reply(textLoggedOut(n))
}

// endSessions ends every session and unused link of who; it returns how
// many sessions ended.
func (s *Server) endSessions(who string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for id, ss := range s.sessions {
		if ss.access.Who == who {
			delete(s.sessions, id)
			n++
		}
	}
	for t, l := range s.links {
		if l.access.Who == who {
			delete(s.links, t)
		}
	}
	if n > 0 {
		s.log.Info("workbench sessions ended from chat", "who", who, "sessions", n)
	}
	return n
}

// loginPage shows a button that opens the session: a GET only looks, so
// a chat app previewing the link does not use it up.
func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("t")
	if !s.linkValid(token) {
		w.WriteHeader(http.StatusForbidden)
		s.render(w, r, nil, "message", "无法登录", map[string]any{"Text": textLinkInvalid})
		return
	}
	s.render(w, r, nil, "login", "登录工作台", map[string]any{"Token": token})
}

func (s *Server) linkValid(token string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	l, ok := s.links[token]
	return ok && token != "" && !s.Clock.Now().After(l.expires)
}

// loginSubmit uses up a link and opens a session.
func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) {
	token := r.PostFormValue("t")
	now := s.Clock.Now()
	s.mu.Lock()
	l, ok := s.links[token]
	delete(s.links, token) // single use, valid or not
	s.mu.Unlock()
	if !ok || token == "" || now.After(l.expires) {
		s.log.Warn("workbench login refused", "remote", r.RemoteAddr, "known", ok)
		w.WriteHeader(http.StatusForbidden)
		s.render(w, r, nil, "message", "无法登录", map[string]any{"Text": textLinkInvalid})
		return
	}
	id, err1 := randomToken()
	csrf, err2 := randomToken()
	if err1 != nil || err2 != nil {
		http.Error(w, textInternal, http.StatusInternalServerError)
		return
	}
	s.mu.Lock()
	for k, old := range s.sessions { // forget the sessions that are over
		if now.Sub(old.lastSeen) > IdleTimeout || now.Sub(old.started) > MaxSession {
			delete(s.sessions, k)
		}
	}
	s.sessions[id] = &session{id: id, access: l.access, csrf: csrf, started: now, lastSeen: now}
	s.mu.Unlock()
	s.log.Info("workbench login", "who", l.access.Who, "role", l.access.Role.String(), "remote", r.RemoteAddr)
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: id, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, sess *session) {
	s.mu.Lock()
	delete(s.sessions, sess.id)
	s.mu.Unlock()
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	s.render(w, r, nil, "message", "已退出", map[string]any{"Text": textLoggedOutWeb})
}

// handler is a page handler behind guard.
type handler func(w http.ResponseWriter, r *http.Request, sess *session)

// guard is the one middleware of every page: a live session (idle and
// absolute timeouts on the injected clock), the access the page needs,
// the CSRF token on every request that changes something, and a log line
// of who did what.
func (s *Server) guard(need int, h handler) http.Handler {
	return s.guardLimit(need, maxUpload, h)
}

// guardLimit is guard with a request body of at most limit bytes (an
// upload's size limit); a bigger one is refused (413) in Chinese before
// the handler runs.
func (s *Server) guardLimit(need int, limit int64, h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sess := s.session(r)
		if sess == nil {
			w.WriteHeader(http.StatusUnauthorized)
			s.render(w, r, nil, "message", "请先登录", map[string]any{"Text": textNeedLogin})
			return
		}
		if need == accessStaff && !sess.access.Staff() {
			s.log.Warn("workbench page refused", "who", sess.access.Who, "method", r.Method, "path", r.URL.Path)
			w.WriteHeader(http.StatusForbidden)
			s.render(w, r, sess, "message", "无权查看", map[string]any{"Text": textStaffOnly})
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			r.Body = http.MaxBytesReader(w, r.Body, limit)
			if err := r.ParseMultipartForm(limit); err != nil && err != http.ErrNotMultipart {
				var tooBig *http.MaxBytesError
				if errors.As(err, &tooBig) {
					s.log.Warn("workbench upload too big", "who", sess.access.Who, "path", r.URL.Path, "limit", limit)
					w.WriteHeader(http.StatusRequestEntityTooLarge)
					s.render(w, r, sess, "message", "文件太大", map[string]any{"Text": textTooBig(limit)})
					return
				}
				w.WriteHeader(http.StatusBadRequest)
				s.render(w, r, sess, "message", "提交失败", map[string]any{"Text": textBadForm})
				return
			}
			got := r.PostFormValue("csrf")
			if subtle.ConstantTimeCompare([]byte(got), []byte(sess.csrf)) != 1 {
				s.log.Warn("workbench CSRF refused", "who", sess.access.Who, "method", r.Method, "path", r.URL.Path)
				w.WriteHeader(http.StatusForbidden)
				s.render(w, r, sess, "message", "请求被拒绝", map[string]any{"Text": textCSRF})
				return
			}
		}
		s.log.Info("workbench request", "who", sess.access.Who, "method", r.Method, "path", r.URL.Path, "query", r.URL.RawQuery)
		h(w, r, sess)
	})
}

// session returns the live session of r's cookie, touching it, or nil.
func (s *Server) session(r *http.Request) *session {
	c, err := r.Cookie(cookieName)
	if err != nil || c.Value == "" {
		return nil
	}
	now := s.Clock.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	sess, ok := s.sessions[c.Value]
	if !ok {
		return nil
	}
	if now.Sub(sess.lastSeen) > IdleTimeout || now.Sub(sess.started) > MaxSession {
		delete(s.sessions, c.Value)
		s.log.Info("workbench session expired", "who", sess.access.Who)
		return nil
	}
	sess.lastSeen = now
	cp := *sess
	return &cp
}

// randomToken returns 32 random bytes, URL-safe.
func randomToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
