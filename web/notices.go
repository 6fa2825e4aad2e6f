package web

import (
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"linli"
)

// Notice limits.
const (
	maxNoticeRunes = 2000 // a notice longer than this is refused (the family splits long ones into parts)
	queueShown     = 100  // queued messages listed
)

type queueRow struct {
	ID          uint64
	To, Queued  string
	Text, Lane  string
	Tries       int
	Retrying    bool
	BeingSent   bool
	Attachments bool
}

var laneWords = map[linli.Priority]string{
	linli.PriorityEmergency: "紧急", linli.PriorityReply: "回复", linli.PriorityBroadcast: "通知",
}

// noticesPage shows the compose form and the outbox queue.
func (s *Server) noticesPage(w http.ResponseWriter, r *http.Request, sess *session) {
	s.renderNotices(w, r, sess, map[string]any{"Flash": s.takeFlash(sess)})
}

func (s *Server) renderNotices(w http.ResponseWriter, r *http.Request, sess *session, data map[string]any) {
	if s.Outbox != nil {
		pending, err := s.Outbox.PendingOutgoing()
		if err != nil {
			s.fail(w, r, sess, err)
			return
		}
		var rows []queueRow
		for _, o := range pending {
			if len(rows) == queueShown {
				break
			}
			rows = append(rows, queueRow{ID: o.ID, To: o.To.String(), Queued: s.local(o.Queued),
				Text: cutRunes(strings.Join(strings.Fields(o.Text), " "), 60), Lane: laneWords[o.Lane()],
				Tries: o.Tries, BeingSent: !o.Sending.IsZero(), Attachments: o.Media != nil})
		}
		data["Queue"], data["QueueTotal"] = rows, len(pending)
	}
	data["Groups"] = s.Config.Groups
	data["Pace"] = s.Config.Outbox
	data["Updated"] = s.local(s.Clock.Now())
	s.render(w, r, sess, "notices", "通知", data)
}

// noticeSubmit previews or sends a notice to the chosen groups; sending is
// the chat command 通知 群名、群名 内容, paced by the outbox, or with a time
// 定时通知 时间 群名 内容 (the notice family reads the time).
func (s *Server) noticeSubmit(w http.ResponseWriter, r *http.Request, sess *session) {
	var groups []string
	for _, g := range r.PostForm["group"] {
		if slices.Contains(s.Config.Groups, g) && !slices.Contains(groups, g) {
			groups = append(groups, g)
		}
	}
	content := strings.TrimSpace(strings.ReplaceAll(r.PostFormValue("content"), "\r\n", "\n"))
	when := strings.Join(strings.Fields(r.PostFormValue("when")), "")
	data := map[string]any{"Chosen": groups, "Content": content, "When": when}
	var problem string
	switch {
	case utf8.RuneCountInString(when) > 30:
		problem = textNoticeBadWhen
	case len(groups) == 0:
		problem = textNoticeNoGroup
	case content == "":
		problem = textNoticeEmpty
	case utf8.RuneCountInString(content) > maxNoticeRunes:
		problem = textNoticeTooLong
	}
	if problem != "" {
		data["Flash"] = map[string]any{"Text": problem, "Bad": true}
		w.WriteHeader(http.StatusUnprocessableEntity)
		s.renderNotices(w, r, sess, data)
		return
	}
	if r.PostFormValue("do") != "send" {
		data["Preview"] = content
		s.renderNotices(w, r, sess, data)
		return
	}
	target := strings.Join(groups, "、")
	if len(groups) == len(s.Config.Groups) {
		target = "全部"
	}
	command := "通知 " + target + " " + content
	if when != "" { // the family reads the time (明天8点, 每周一9点) and refuses what it cannot
		command = "定时通知 " + when + " " + target + " " + content
	}
	replies, err := s.act(r, sess, command, nil)
	if err != nil { // refused (a time the family cannot read): the form again, as entered, with why
		data["Flash"] = map[string]any{"Text": linli.ErrorMessage(err), "Bad": true}
		if linli.ErrorCode(err) == linli.EInternal {
			w.WriteHeader(http.StatusInternalServerError)
		} else {
			w.WriteHeader(http.StatusUnprocessableEntity)
		}
		s.renderNotices(w, r, sess, data)
		return
	}
	s.setFlash(sess, strings.Join(replies, "\n"), false)
	http.Redirect(w, r, "/notices", http.StatusSeeOther)
}
