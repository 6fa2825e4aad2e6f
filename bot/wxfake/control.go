package wxfake

import (
	"io"
	"net/http"
	"strconv"
)

// The /_fake/ endpoints let a person or a script drive a standalone fake:
//
//	/_fake/inject?group=G&member=M&text=T   group text (POST a body with kind=image for an image)
//	/_fake/inject?from=F&text=T             private text
//	/_fake/sent                              JSON list of what the bot sent (bytes as size)
//	/_fake/kick?code=1101                    end the session
//	/_fake/relogin                           end the session, new UserNames
//	/_fake/rename?from=OLD&to=NEW            rename a group (seen after the next login)
//	/_fake/fail?n=1&ret=1205 | ?drop=1       fault injection on sends
//	/_fake/confirm                           scan and confirm the QR code
//	/_fake/stats                             counters

func (s *Server) ctlInject(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var data []byte
	if q.Get("kind") == "image" {
		b, err := io.ReadAll(io.LimitReader(r.Body, 20<<20))
		if err != nil || len(b) == 0 {
			http.Error(w, "POST the image bytes as the body", http.StatusBadRequest)
			return
		}
		data = b
	}
	var m Inbound
	switch group, member, from := q.Get("group"), q.Get("member"), q.Get("from"); {
	case group != "" && member != "" && data != nil:
		m = GroupImage{Group: group, Member: member, Data: data}
	case group != "" && member != "":
		m = GroupText{Group: group, Member: member, Text: q.Get("text")}
	case from != "" && data != nil:
		m = PrivateImage{From: from, Data: data}
	case from != "":
		m = PrivateText{From: from, Text: q.Get("text")}
	default:
		http.Error(w, "need group+member or from", http.StatusBadRequest)
		return
	}
	writeJSON(w, map[string]any{"ids": s.Inject(m)})
}

func (s *Server) ctlSent(w http.ResponseWriter, r *http.Request) {
	type item struct {
		Kind  string `json:"kind"`
		To    string `json:"to"`
		Group bool   `json:"group"`
		Text  string `json:"text,omitempty"`
		Name  string `json:"name,omitempty"`
		Size  int    `json:"size,omitempty"`
	}
	out := []item{}
	for _, m := range s.Sent() {
		out = append(out, item{m.Kind, m.To, m.Group, m.Text, m.Name, len(m.Data)})
	}
	writeJSON(w, out)
}

func (s *Server) ctlKick(w http.ResponseWriter, r *http.Request) {
	code, _ := strconv.Atoi(r.URL.Query().Get("code"))
	s.Kick(code)
	writeJSON(w, map[string]bool{"ok": true})
}

func (s *Server) ctlRelogin(w http.ResponseWriter, r *http.Request) {
	s.Relogin()
	writeJSON(w, map[string]bool{"ok": true})
}

func (s *Server) ctlRename(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("to") == "" || !s.Rename(q.Get("from"), q.Get("to")) {
		http.Error(w, "need from=an existing group and to=its new name", http.StatusBadRequest)
		return
	}
	writeJSON(w, map[string]bool{"ok": true})
}

func (s *Server) ctlFail(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("drop") != "" {
		s.DropNextSend()
	} else {
		n, _ := strconv.Atoi(q.Get("n"))
		ret, _ := strconv.Atoi(q.Get("ret"))
		s.FailSends(max(n, 1), ret)
	}
	writeJSON(w, map[string]bool{"ok": true})
}

func (s *Server) ctlConfirm(w http.ResponseWriter, r *http.Request) {
	s.Confirm()
	writeJSON(w, map[string]bool{"ok": true})
}

func (s *Server) ctlStats(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, s.Stats())
}
