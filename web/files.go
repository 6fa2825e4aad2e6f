package web

import (
	"net/http"
	"net/url"
	"os"
	"strings"

	"linli"
)

// exportFile runs a family's 导出 command (导出 报名 3, 导出 投票 2) as
// sess's person and sends the file it answers with as a download, so the
// xlsx is the one chat sends (written by handlers/export). Without a file
// the bot's answer is shown on back, the page the form was on.
func (s *Server) exportFile(w http.ResponseWriter, r *http.Request, sess *session, command, back string) {
	out, err := s.actOut(r, sess, command, nil)
	var texts []string
	for _, o := range out {
		if o.Media != nil && o.Media.Kind == linli.MediaFile && err == nil {
			s.sendFile(w, r, o.Media)
			return
		}
		if t := strings.TrimSpace(o.Text); t != "" {
			texts = append(texts, t)
		}
	}
	if err != nil {
		s.setFlash(sess, linli.ErrorMessage(err), true)
	} else {
		s.setFlash(sess, strings.Join(texts, "\n"), len(texts) == 0)
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// sendFile writes m as an attachment.
func (s *Server) sendFile(w http.ResponseWriter, r *http.Request, m *linli.Media) {
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(m.Name))
	w.Header().Set("Cache-Control", "no-store")
	if strings.HasSuffix(m.Name, ".xlsx") {
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	}
	data := m.Data
	if data == nil && m.Path != "" {
		var err error
		if data, err = os.ReadFile(m.Path); err != nil {
			s.fail(w, r, nil, err)
			return
		}
	}
	w.Write(data)
}
