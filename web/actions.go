package web

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"linli"
)

// reportAction runs 受理, 办结 (a note, photos), 退回 (a reason) or 转派 (a
// grid) as the chat command, then shows the report with the bot's answer.
func (s *Server) reportAction(w http.ResponseWriter, r *http.Request, sess *session) {
	rep := s.visibleReport(w, r, sess)
	if rep == nil {
		return
	}
	id := strconv.FormatUint(rep.ID, 10)
	note := strings.Join(strings.Fields(r.PostFormValue("note")), " ")
	var cmd string
	var photos [][]byte
	var problem string
	switch r.PathValue("action") {
	case "accept":
		cmd = "受理 " + id
	case "resolve", "reject":
		switch {
		case note == "":
			problem = textNoteRequired
		case utf8.RuneCountInString(note) > maxNoteRunes:
			problem = textNoteTooLong
		}
		cmd = "办结 " + id + " " + note
		if r.PathValue("action") == "reject" {
			cmd = "退回 " + id + " " + note
		} else if problem == "" {
			var ok bool
			if photos, ok = readPhotos(r); !ok {
				problem = textBadPhoto
			}
		}
	case "transfer":
		grid := r.PostFormValue("grid")
		if _, ok := s.Config.GridByName(grid); !ok {
			problem = textGridRequired
		}
		cmd = "转派 " + id + " " + grid
	default:
		problem = textUnknownAction
	}
	if problem != "" {
		s.setFlash(sess, problem, true)
		http.Redirect(w, r, "/reports/"+id, http.StatusSeeOther)
		return
	}
	replies, err := s.act(r, sess, cmd, nil)
	for i, p := range photos {
		if err != nil {
			break
		}
		var more []string
		img := &linli.Media{Kind: linli.MediaImage, Name: "web-" + id + "-" + strconv.Itoa(i+1) + photoExt(p), Data: p}
		more, err = s.act(r, sess, "", img) // a photo after 办结 goes with it, as in chat
		replies = append(replies, more...)
	}
	if err != nil {
		s.setFlash(sess, linli.ErrorMessage(err), true)
	} else {
		s.setFlash(sess, strings.Join(replies, "\n"), false)
	}
	http.Redirect(w, r, "/reports/"+id, http.StatusSeeOther)
}

// act runs text (or an image) as sess's person, logged, and returns the
// texts the bot answered.
func (s *Server) act(r *http.Request, sess *session, text string, img *linli.Media) ([]string, error) {
	out, err := s.actOut(r, sess, text, img)
	var texts []string
	for _, o := range out {
		if t := strings.TrimSpace(o.Text); t != "" {
			texts = append(texts, t)
		}
	}
	return texts, err
}

// actOut is act returning the answers whole (an 导出's file).
func (s *Server) actOut(r *http.Request, sess *session, text string, img *linli.Media) ([]linli.Outgoing, error) {
	if s.Actor == nil {
		return nil, linli.Errorf(linli.EConflict, "工作台未接入机器人，无法操作。")
	}
	out, err := s.Actor.Act(r.Context(), linli.Message{Sender: sess.access.Who, Text: text, Image: img, Web: true}, sess.access.Role)
	what := text
	if img != nil {
		what = "[图片] " + img.Name
	}
	s.log.Info("workbench action", "who", sess.access.Who, "command", what, "err", err)
	return out, err
}

// readPhotos reads the form's photos; false when one is no image or too big.
func readPhotos(r *http.Request) ([][]byte, bool) {
	if r.MultipartForm == nil {
		return nil, true
	}
	var out [][]byte
	for _, fh := range r.MultipartForm.File["photo"] {
		if fh.Size == 0 {
			continue
		}
		if fh.Size > maxPhoto || len(out) == maxPhotos {
			return nil, false
		}
		f, err := fh.Open()
		if err != nil {
			return nil, false
		}
		b, err := io.ReadAll(io.LimitReader(f, maxPhoto+1))
		f.Close()
		if err != nil || len(b) > maxPhoto || photoExt(b) == "" {
			return nil, false
		}
		out = append(out, b)
	}
	return out, true
}

// photoExt is the extension of an image's bytes, "" for anything else.
func photoExt(b []byte) string {
	switch http.DetectContentType(b) {
	case "image/jpeg":
		return ".jpg"
	case "image/png":
		return ".png"
	case "image/gif":
		return ".gif"
	}
	return ""
}

// setFlash keeps a message for sess's next page.
func (s *Server) setFlash(sess *session, text string, bad bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ss, ok := s.sessions[sess.id]; ok {
		ss.flash, ss.flashBad = text, bad
	}
}

// takeFlash returns and forgets sess's message.
func (s *Server) takeFlash(sess *session) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	ss, ok := s.sessions[sess.id]
	if !ok || ss.flash == "" {
		return nil
	}
	f := map[string]any{"Text": ss.flash, "Bad": ss.flashBad}
	ss.flash, ss.flashBad = "", false
	return f
}
