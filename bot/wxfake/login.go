package wxfake

import (
	"encoding/json"
	"fmt"
	"net/http"
)

type qrLogin struct {
	scanReported bool
	done         bool
}

// Scan marks the pending (or next) QR code as scanned: the client's login
// poll answers 201 once.
func (s *Server) Scan() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.scanned = true
	s.notify()
}

// Confirm marks the pending (or next) QR code as scanned and confirmed: the
// client's login poll answers 201, then 200 with the redirect. It is sticky:
// calling it before the client asks for a QR code confirms that code.
func (s *Server) Confirm() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.scanned, s.confirm = true, true
	s.notify()
}

// Kick ends the current session with retcode code (1100, 1101 or 1102; 0
// means 1101): synccheck answers it, every other call answers Ret code, and
// hot login with the stored credentials fails.
func (s *Server) Kick(code int) {
	if code == 0 {
		code = 1101
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sess != nil && s.sess.kick == 0 {
		s.sess.kick = code
	}
	s.notify()
}

// LoggedIn reports whether a session is active (not kicked or logged out).
func (s *Server) LoggedIn() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sess != nil && s.sess.kick == 0
}

// sessionLocked finds the live session by sid or skey (whichever is set)
// and returns it, or the Ret code the real server would answer. During an
// Outage every call answers the outage's code.
func (s *Server) sessionLocked(sid, skey string) (*session, int) {
	ss, ret := s.findSessionLocked(sid, skey)
	if ret == 0 {
		if code := s.outageLocked(); code != 0 {
			return nil, code
		}
	}
	return ss, ret
}

// findSessionLocked is sessionLocked without the outage: webwxinit still
// succeeds during an outage (the login goes through, then the session is
// kicked at once), as the measurements saw.
func (s *Server) findSessionLocked(sid, skey string) (*session, int) {
	ss := s.sess
	if ss == nil || (sid != "" && sid != ss.sid) || (sid == "" && skey != ss.skey) {
		return nil, 1101
	}
	if ss.kick != 0 {
		return nil, ss.kick
	}
	return ss, 0
}

func (s *Server) jslogin(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	uuid := s.nextID("QRfake")
	s.qr[uuid] = &qrLogin{}
	s.notify()
	writeJS(w, fmt.Sprintf(`window.QRLogin.code = 200; window.QRLogin.uuid = "%s";`, uuid))
}

// checkLogin is the QR long poll: 408 while waiting, 201 once scanned, then
// 200 with the redirect once confirmed; 400 for an unknown code.
func (s *Server) checkLogin(w http.ResponseWriter, r *http.Request) {
	uuid := r.URL.Query().Get("uuid")
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		q, ok := s.qr[uuid]
		if !ok || q.done {
			writeJS(w, "window.code=400;")
			return
		}
		auto := s.opts.AutoConfirm
		if (s.scanned || auto) && !q.scanReported {
			q.scanReported = true
			writeJS(w, "window.code=201;window.userAvatar = '';")
			return
		}
		if s.confirm || auto {
			s.scanned, s.confirm, q.done = false, false, true
			ticket := s.nextID("ticket")
			s.tickets[ticket] = true
			s.notify()
			writeJS(w, fmt.Sprintf("window.code=200;\nwindow.redirect_uri=\"https://wx.qq.com%swebwxnewloginpage?ticket=%s&uuid=%s&lang=zh_CN&scan=1\";", cgi, ticket, uuid))
			return
		}
		if !s.wait(r.Context(), s.opts.LoginHold) {
			if r.Context().Err() == nil {
				writeJS(w, "window.code=408;")
			}
			return
		}
	}
}

// newLoginPage trades a ticket for credentials and starts a new session,
// ending the previous one; it sets the webwx_data_ticket cookie uploads need.
func (s *Server) newLoginPage(w http.ResponseWriter, r *http.Request) {
	ticket := r.URL.Query().Get("ticket")
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.tickets[ticket] {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write([]byte("<error><ret>1</ret><message>ticket invalid</message></error>"))
		return
	}
	delete(s.tickets, ticket)
	if s.sess != nil && s.sess.kick == 0 {
		s.sess.kick = 1101
	}
	n := s.nextID("")
	s.sess = &session{sid: "sid" + n, skey: "@crypt_skey" + n, pass: "pass" + n,
		dataTicket: "dt" + n, uin: 1001}
	s.stats.QRLogins++
	s.notify()
	for name, v := range map[string]string{"webwx_data_ticket": s.sess.dataTicket,
		"wxsid": s.sess.sid, "wxuin": "1001"} {
		http.SetCookie(w, &http.Cookie{Name: name, Value: v, Domain: "wx.qq.com", Path: "/"})
	}
	w.Header().Set("Content-Type", "text/plain")
	fmt.Fprintf(w, "<error><ret>0</ret><message></message><skey>%s</skey><wxsid>%s</wxsid><wxuin>%d</wxuin><pass_ticket>%s</pass_ticket><isgrayscale>1</isgrayscale></error>",
		s.sess.skey, s.sess.sid, s.sess.uin, s.sess.pass)
}

type baseRequest struct {
	BaseRequest struct {
		Uin       int64
		Sid, Skey string
	}
}

// webInit answers webwxinit: the bot's own user and a SyncKey, or Ret 1101
// for credentials of an ended session (a stale hot login).
func (s *Server) webInit(w http.ResponseWriter, r *http.Request) {
	var req baseRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ss, ret := s.findSessionLocked(req.BaseRequest.Sid, "")
	if ret != 0 {
		writeJSON(w, retResponse(ret))
		return
	}
	s.redeliverLocked()
	if ss.inits > 0 {
		s.stats.HotLogins++
	}
	ss.inits++
	s.stats.Inits++
	s.notify()
	writeJSON(w, map[string]any{
		"BaseResponse": baseResponse{}, "Count": 0, "ContactList": []any{},
		"User": s.selfJSON(), "SyncKey": syncKey(ss.syncSeq), "SKey": ss.skey,
		"ChatSet": "", "ClientVersion": 1, "SystemTime": s.opts.Clock.Now().Unix(),
	})
}

func syncKey(seq int64) map[string]any {
	return map[string]any{"Count": 2, "List": []map[string]int64{{"Key": 1, "Val": 1000 + seq}, {"Key": 2, "Val": 2000 + seq}}}
}

func (s *Server) statusNotify(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, map[string]any{"BaseResponse": baseResponse{}, "MsgID": ""})
}

// logout ends the session (synccheck then answers 1101).
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ss, ret := s.sessionLocked("", r.URL.Query().Get("skey")); ret == 0 {
		ss.kick = 1101
		s.stats.Logouts++
		s.notify()
	}
	writeJSON(w, retResponse(0))
}

// qrcode serves a placeholder image for /qrcode/UUID and a note for /l/UUID,
// so a person who opens the login link sees something.
func (s *Server) qrcode(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, "wxfake: this QR code is confirmed with /_fake/confirm (or --auto-confirm)\n")
}
