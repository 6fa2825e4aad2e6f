package wxfake

import (
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"strconv"
	"strings"
)

// Inbound is a message the fake delivers to the bot: GroupText, GroupImage,
// PrivateText, PrivateImage, SelfText or GroupSystem.
type Inbound interface {
	wire(s *Server, id string) map[string]any // called with s.mu held
}

// GroupText is Member saying Text in Group. Unknown groups and members are
// created on the fly; Member matches a nickname or a 群昵称.
type GroupText struct{ Group, Member, Text string }

// GroupImage is Member posting an image (Data) in Group.
type GroupImage struct {
	Group, Member string
	Data          []byte
}

// PrivateText is From (a nickname; made a friend if unknown) writing to the bot.
type PrivateText struct{ From, Text string }

// PrivateImage is From sending an image to the bot.
type PrivateImage struct {
	From string
	Data []byte
}

// SelfText is the bot's own account writing Text to group To from another
// device (the phone): From is the bot, as real WeChat echoes it.
type SelfText struct{ To, Text string }

// GroupSystem is a system notice in Group (MsgType 10000), e.g. "x加入了群聊".
type GroupSystem struct{ Group, Text string }

type batch struct {
	entries   []entry
	malformed bool
}

type entry struct {
	id string
	in Inbound
}

// escape renders text as WeChat puts it in Content: HTML-escaped, with
// <br/> for line breaks.
func escape(text string) string {
	return strings.ReplaceAll(html.EscapeString(text), "\n", "<br/>")
}

func (s *Server) msg(id string, typ int, from, to, content string) map[string]any {
	n, _ := strconv.ParseInt(id, 10, 64)
	return map[string]any{"MsgId": id, "NewMsgId": n, "FromUserName": from, "ToUserName": to,
		"MsgType": typ, "Content": content, "CreateTime": s.opts.Clock.Now().Unix(),
		"Status": 3, "ImgStatus": 1, "AppMsgType": 0, "Url": "", "FileName": "", "FileSize": "",
		"MediaId": "", "RecommendInfo": map[string]any{}, "AppInfo": map[string]any{"Type": 0, "AppID": ""}}
}

func imgXML(data []byte) string {
	sum := md5.Sum(data)
	return escape(fmt.Sprintf(`<?xml version="1.0"?>`+"\n"+`<msg><img aeskey="" encryver="1" length="%d" md5="%s" hdlength="0" /></msg>`,
		len(data), hex.EncodeToString(sum[:])))
}

func (m GroupText) wire(s *Server, id string) map[string]any {
	g := s.groupLocked(m.Group)
	mb := s.memberLocked(g, m.Member)
	return s.msg(id, 1, g.userName, s.self.userName, mb.p.userName+":<br/>"+escape(m.Text))
}

func (m GroupImage) wire(s *Server, id string) map[string]any {
	g := s.groupLocked(m.Group)
	mb := s.memberLocked(g, m.Member)
	s.images[id] = m.Data
	return s.msg(id, 3, g.userName, s.self.userName, mb.p.userName+":<br/>"+imgXML(m.Data))
}

func (m PrivateText) wire(s *Server, id string) map[string]any {
	p := s.friendLocked(m.From)
	return s.msg(id, 1, p.userName, s.self.userName, escape(m.Text))
}

func (m PrivateImage) wire(s *Server, id string) map[string]any {
	p := s.friendLocked(m.From)
	s.images[id] = m.Data
	return s.msg(id, 3, p.userName, s.self.userName, imgXML(m.Data))
}

func (m SelfText) wire(s *Server, id string) map[string]any {
	to := s.groupLocked(m.To).userName
	return s.msg(id, 1, s.self.userName, to, escape(m.Text))
}

func (m GroupSystem) wire(s *Server, id string) map[string]any {
	g := s.groupLocked(m.Group)
	return s.msg(id, 10000, g.userName, s.self.userName, escape(m.Text))
}

func (s *Server) friendLocked(nick string) *person {
	p := s.personLocked(nick)
	p.friend = true
	return p
}

// Inject queues msgs as one webwxsync batch and returns their MsgIds.
// Messages queued while no session is live are delivered after the next
// login, rendered with the UserNames of that login.
func (s *Server) Inject(msgs ...Inbound) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b batch
	var ids []string
	for _, m := range msgs {
		s.msgSeq++
		id := strconv.FormatInt(7_100_000_000_000_000_000+s.msgSeq, 10)
		b.entries = append(b.entries, entry{id: id, in: m})
		ids = append(ids, id)
	}
	s.batches = append(s.batches, b)
	s.notify()
	return ids
}

// InjectTwice queues m in two consecutive batches with the same MsgId, as
// WeChat does when a sync is replayed (e.g. after a hot re-login).
func (s *Server) InjectTwice(m Inbound) string {
	id := s.Inject(m)[0]
	s.mu.Lock()
	defer s.mu.Unlock()
	s.batches = append(s.batches, batch{entries: []entry{{id: id, in: m}}})
	s.notify()
	return id
}

// InjectMalformed queues a batch whose message has a numeric MsgId, which
// makes openwechat fail to decode the whole webwxsync response.
func (s *Server) InjectMalformed() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.batches = append(s.batches, batch{malformed: true})
	s.notify()
}

// Pending returns the number of batches not yet delivered.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.batches)
}

// syncCheck is the long poll: selector 2 when a batch is waiting, held
// open up to SyncHold otherwise; the retcode of a kicked session.
func (s *Server) syncCheck(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats.SyncChecks++
	for {
		_, ret := s.sessionLocked(q.Get("sid"), "")
		if ret != 0 {
			writeJS(w, fmt.Sprintf(`window.synccheck={retcode:"%d",selector:"0"}`, ret))
			return
		}
		s.ackLocked(syncCheckSeq(q.Get("synckey")))
		if len(s.batches) > 0 {
			writeJS(w, `window.synccheck={retcode:"0",selector:"2"}`)
			return
		}
		if !s.wait(r.Context(), s.opts.SyncHold) {
			if r.Context().Err() == nil {
				writeJS(w, `window.synccheck={retcode:"0",selector:"0"}`)
			}
			return
		}
	}
}

// webSync answers webwxsync with the oldest waiting batch. SyncKey is always
// present: openwechat dereferences it.
func (s *Server) webSync(w http.ResponseWriter, r *http.Request) {
	var req struct {
		baseRequest
		SyncKey struct {
			List []struct{ Key, Val int64 }
		}
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ss, ret := s.sessionLocked(req.BaseRequest.Sid, "")
	if ret != 0 {
		writeJSON(w, map[string]any{"BaseResponse": baseResponse{Ret: ret}, "AddMsgCount": 0,
			"AddMsgList": []any{}, "SyncKey": syncKey(0), "SyncCheckKey": syncKey(0)})
		return
	}
	for _, k := range req.SyncKey.List {
		if k.Key == 1 {
			s.ackLocked(k.Val - 1000)
		}
	}
	ss.syncSeq++
	s.stats.Syncs++
	list := []map[string]any{}
	if len(s.batches) > 0 {
		b := s.batches[0]
		s.batches = s.batches[1:]
		if !b.malformed {
			s.unacked = append(s.unacked, sentBatch{seq: ss.syncSeq, b: b})
		}
		if b.malformed {
			s.notify()
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"BaseResponse":{"Ret":0,"ErrMsg":""},"AddMsgCount":1,"AddMsgList":[{"MsgId":%d,"MsgType":1,"Content":"bad"}],"SyncKey":{"Count":1,"List":[{"Key":1,"Val":%d}]}}`,
				7_000_000_000_000_000_000+ss.syncSeq, 1000+ss.syncSeq)
			return
		}
		for _, e := range b.entries {
			list = append(list, e.in.wire(s, e.id))
		}
		s.stats.Delivered += len(list)
	}
	s.notify()
	writeJSON(w, map[string]any{"BaseResponse": baseResponse{}, "AddMsgCount": len(list),
		"AddMsgList": list, "ModContactCount": 0, "ModContactList": []any{},
		"SyncKey": syncKey(ss.syncSeq), "SyncCheckKey": syncKey(ss.syncSeq), "ContinueFlag": 0})
}

// getMsgImg serves the bytes of an injected image by MsgID.
func (s *Server) getMsgImg(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	s.mu.Lock()
	_, ret := s.sessionLocked("", q.Get("skey"))
	data, ok := s.images[q.Get("MsgID")]
	s.mu.Unlock()
	if ret != 0 || !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", http.DetectContentType(data))
	_, _ = w.Write(data)
}
