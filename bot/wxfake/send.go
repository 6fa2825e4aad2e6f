package wxfake

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// Sent is one message the bot sent, as the fake recorded it.
type Sent struct {
	Kind        string // "text", "image" or "file"
	To          string // group topic or person's nickname ("" if unknown)
	Group       bool   // To is a group
	ToUserName  string
	Text        string // the text (Kind "text")
	Name        string // file name (Kind "image" or "file")
	Data        []byte // file bytes (Kind "image" or "file")
	ClientMsgID string
}

type media struct {
	name string
	data []byte
}

type upload struct {
	chunks map[int][]byte
	total  int
}

// FailSends makes the next n send calls (text, image or file) answer Ret
// ret (1205 "operate too often" if 0) without recording them.
func (s *Server) FailSends(n, ret int) { s.FailSendsAfter(0, n, ret) }

// FailSendsAfter lets skip send calls through, then fails n as FailSends.
func (s *Server) FailSendsAfter(skip, n, ret int) {
	if ret == 0 {
		ret = 1205
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failSkip, s.failN, s.failRet = skip, n, ret
}

// DropNextSend makes the next send call be recorded but its response lost:
// the connection is closed without an answer, as when a network fails after
// the server acted. openwechat retries such a POST, so the message is
// normally recorded twice.
func (s *Server) DropNextSend() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dropN++
}

// Sent returns a copy of everything the bot sent, in order.
func (s *Server) Sent() []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Sent(nil), s.sent...)
}

// WaitSent blocks until at least n messages were recorded and returns them.
func (s *Server) WaitSent(ctx context.Context, n int) ([]Sent, error) {
	err := s.Wait(ctx, func(Stats) bool { return len(s.sent) >= n })
	return s.Sent(), err
}

type sendRequest struct {
	BaseRequest struct{ Sid string }
	Msg         struct {
		Type                              int
		Content, FromUserName, ToUserName string
		LocalID, ClientMsgId, MediaId     string
	}
}

func (s *Server) sendMsg(w http.ResponseWriter, r *http.Request) {
	s.accept(w, r, func(req *sendRequest, out *Sent) int {
		out.Kind, out.Text = "text", req.Msg.Content
		return 0
	})
}

func (s *Server) sendMsgImg(w http.ResponseWriter, r *http.Request) {
	s.accept(w, r, func(req *sendRequest, out *Sent) int {
		m, ok := s.media[req.Msg.MediaId]
		if !ok {
			return 1
		}
		out.Kind, out.Name, out.Data = "image", m.name, m.data
		return 0
	})
}

// sendAppMsg records a file: the appmsg XML names the upload by attachid.
func (s *Server) sendAppMsg(w http.ResponseWriter, r *http.Request) {
	s.accept(w, r, func(req *sendRequest, out *Sent) int {
		var app struct {
			Title  string `xml:"title"`
			Attach struct {
				ID string `xml:"attachid"`
			} `xml:"appattach"`
		}
		if err := xml.Unmarshal([]byte(req.Msg.Content), &app); err != nil {
			return 1
		}
		m, ok := s.media[app.Attach.ID]
		if !ok {
			return 1
		}
		out.Kind, out.Name, out.Data = "file", app.Title, m.data
		return 0
	})
}

// accept runs the checks every send shares: session, recipient, injected
// faults; then records the message and answers (or drops the answer).
func (s *Server) accept(w http.ResponseWriter, r *http.Request, fill func(*sendRequest, *Sent) int) {
	var req sendRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	s.stats.SendCalls++
	s.notify()
	ret := s.record(&req, fill)
	drop := false
	var out Sent
	msgID := strconv.Itoa(9000 + len(s.sent))
	if ret == 0 {
		out = s.sent[len(s.sent)-1]
		if s.dropN > 0 {
			s.dropN--
			drop = true
		}
	}
	s.mu.Unlock()
	if ret == 0 && s.opts.OnSent != nil {
		s.opts.OnSent(out)
	}
	if drop {
		s.log.Info("dropping response", "to", out.To)
		panic(http.ErrAbortHandler) // closes the connection without a response
	}
	if ret != 0 {
		writeJSON(w, map[string]any{"BaseResponse": baseResponse{Ret: ret}, "MsgID": "", "LocalID": ""})
		return
	}
	writeJSON(w, map[string]any{"BaseResponse": baseResponse{}, "MsgID": msgID,
		"LocalID": req.Msg.LocalID})
}

// record validates and stores one send; it returns the Ret to answer.
// Call with s.mu held.
func (s *Server) record(req *sendRequest, fill func(*sendRequest, *Sent) int) int {
	if _, ret := s.sessionLocked(req.BaseRequest.Sid, ""); ret != 0 {
		return ret
	}
	if req.Msg.FromUserName != s.self.userName {
		return 1
	}
	name, isGroup, ok := s.resolveLocked(req.Msg.ToUserName)
	if !ok {
		s.log.Warn("send to unknown UserName", "to", req.Msg.ToUserName)
		return 1
	}
	if s.failN > 0 && s.failSkip > 0 {
		s.failSkip--
	} else if s.failN > 0 {
		s.failN--
		return s.failRet
	}
	out := Sent{To: name, Group: isGroup, ToUserName: req.Msg.ToUserName, ClientMsgID: req.Msg.ClientMsgId}
	if ret := fill(req, &out); ret != 0 {
		return ret
	}
	s.sent = append(s.sent, out)
	return 0
}

func (s *Server) checkUpload(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, map[string]any{"BaseResponse": baseResponse{}, "MediaId": "", "AESKey": "", "Signature": ""})
}

// uploadMedia accepts webwxuploadmedia multipart requests, chunked or not,
// and answers the last chunk with a MediaId.
func (s *Server) uploadMedia(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseMultipartForm(64 << 20); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var meta struct {
		BaseRequest   struct{ Sid string }
		ClientMediaId int64
		TotalLen      int64
		FileMd5       string
	}
	if err := json.Unmarshal([]byte(r.FormValue("uploadmediarequest")), &meta); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	f, _, err := r.FormFile("filename")
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	data, err := io.ReadAll(f)
	_ = f.Close()
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	name := baseName(r.FormValue("name"))
	chunks, _ := strconv.Atoi(r.FormValue("chunks"))
	chunk, _ := strconv.Atoi(r.FormValue("chunk"))
	if chunks < 1 {
		chunks = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats.Chunks++
	ss, ret := s.sessionLocked(meta.BaseRequest.Sid, "")
	if ret == 0 && r.FormValue("webwx_data_ticket") != ss.dataTicket {
		ret = 1
	}
	if ret != 0 {
		writeJSON(w, map[string]any{"BaseResponse": baseResponse{Ret: ret}, "MediaId": ""})
		return
	}
	key := fmt.Sprintf("%d/%s/%s", meta.ClientMediaId, meta.FileMd5, name)
	up := s.uploads[key]
	if up == nil {
		up = &upload{chunks: map[int][]byte{}, total: chunks}
		s.uploads[key] = up
	}
	up.chunks[chunk] = data
	if len(up.chunks) < up.total {
		writeJSON(w, map[string]any{"BaseResponse": baseResponse{}, "MediaId": ""})
		return
	}
	delete(s.uploads, key)
	idx := make([]int, 0, len(up.chunks))
	for i := range up.chunks {
		idx = append(idx, i)
	}
	sort.Ints(idx)
	var buf bytes.Buffer
	for _, i := range idx {
		buf.Write(up.chunks[i])
	}
	id := s.nextID("@crypt_media_")
	s.media[id] = media{name: name, data: buf.Bytes()}
	s.stats.Uploads++
	s.notify()
	writeJSON(w, map[string]any{"BaseResponse": baseResponse{}, "MediaId": id, "StartPos": buf.Len(),
		"CDNThumbImgHeight": 0, "CDNThumbImgWidth": 0})
}

// baseName strips any directory, / or \ separated: openwechat uploads with
// the temporary file's full path as the name.
func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}
