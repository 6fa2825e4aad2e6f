package web

import (
	"net/http"
	"strconv"
	"strings"

	"linli"
)

// The 绑定 requests waiting for staff (a register is loaded and the
// resident's name is not the register's owner's). 同意 / 拒绝 on the 居民与户
// page run 同意绑定 N / 拒绝绑定 N as the staff member through the engine,
// so the resident is told exactly as when staff answer in chat, and a
// request decided in chat (or in another browser) is refused the second
// time with the command's own sentence.

// bindRow is one pending request on the page; the register's owner and
// area are what staff check against (never a phone number).
type bindRow struct {
	ID                             uint64
	Resident, Household, Where, At string
	Owner, Area                    string
	InRegister                     bool
}

// pendingBinds lists the requests waiting, oldest first.
func (s *Server) pendingBinds() ([]bindRow, error) {
	if s.Owners == nil {
		return nil, nil
	}
	list, err := s.Owners.BindRequests(linli.BindPending)
	if err != nil {
		return nil, err
	}
	rows := make([]bindRow, 0, len(list))
	for _, b := range list {
		row := bindRow{ID: b.ID, Resident: b.Resident, Household: b.Household, Where: b.Group, At: s.local(b.At)}
		if row.Where == "" {
			row.Where = "私聊"
		}
		e, err := s.Owners.RegisterEntry(b.Household)
		switch {
		case err == nil:
			row.Owner, row.Area, row.InRegister = e.Owner, formatArea(e.Area), true
		case linli.ErrorCode(err) != linli.ENotFound:
			return nil, err
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// bindDecide answers POST /residents/binds/{id}/{approve|reject}.
func (s *Server) bindDecide(w http.ResponseWriter, r *http.Request, sess *session) {
	id, ok := pathID(r)
	var cmd string
	switch r.PathValue("action") {
	case "approve":
		cmd = "同意绑定 "
	case "reject":
		cmd = "拒绝绑定 "
	}
	if cmd == "" || !ok {
		problem := textBindBadID
		if cmd == "" {
			problem = textBindBadAction
		}
		s.setFlash(sess, problem, true)
		http.Redirect(w, r, "/residents#binds", http.StatusSeeOther)
		return
	}
	replies, err := s.act(r, sess, cmd+strconv.FormatUint(id, 10), nil)
	if err != nil {
		s.setFlash(sess, linli.ErrorMessage(err), true)
	} else {
		s.setFlash(sess, strings.Join(replies, "\n"), false)
	}
	http.Redirect(w, r, "/residents#binds", http.StatusSeeOther)
}
