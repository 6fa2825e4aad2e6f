package wxfake

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// state is everything the server knows; guarded by Server.mu.
type state struct {
	gen      int // login generation: UserNames are derived from it
	self     *person
	people   map[string]*person // by nickname
	order    []*person
	groups   []*group
	qr       map[string]*qrLogin // by uuid
	tickets  map[string]bool
	scanned  bool // sticky: the next QR login is scanned
	confirm  bool // sticky: the next QR login is confirmed
	seq      int  // counter for uuids, tickets, sessions, media
	sess     *session
	batches  []batch
	msgSeq   int64
	images   map[string][]byte // MsgId → image bytes
	media    map[string]media  // MediaId → uploaded file
	uploads  map[string]*upload
	sent     []Sent
	failN    int
	failSkip int
	failRet  int
	dropN    int
	stats    Stats

	unacked     []sentBatch // delivered by webwxsync, not yet acknowledged (outage.go)
	outageUntil time.Time   // Outage: every session is kicked until then
	outageCode  int
	contactFail int // FailContacts: answer this many contact reads with contactRet
	contactRet  int
}

type person struct {
	nick, remark string
	friend       bool
	userName     string
}

type group struct {
	topic    string
	saved    bool
	members  []gmember
	userName string
}

type gmember struct {
	p       *person
	display string
}

type session struct {
	sid, skey, pass, dataTicket string
	uin                         int64
	kick                        int // non-zero: kicked with this retcode
	inits                       int
	syncSeq                     int64
}

func (s *Server) initState() {
	s.people = map[string]*person{}
	s.qr = map[string]*qrLogin{}
	s.tickets = map[string]bool{}
	s.images = map[string][]byte{}
	s.media = map[string]media{}
	s.uploads = map[string]*upload{}
	s.self = &person{nick: s.opts.Self}
	for _, f := range s.opts.Friends {
		p := s.personLocked(f.NickName)
		p.friend, p.remark = true, f.RemarkName
	}
	for _, g := range s.opts.Groups {
		gr := s.groupLocked(g.Topic)
		gr.saved = !g.Unsaved
		for _, m := range g.Members {
			s.memberLocked(gr, m.NickName).display = m.DisplayName
		}
	}
	s.renameLocked()
}

// personLocked returns the person with this nickname, creating a stranger.
func (s *Server) personLocked(nick string) *person {
	if p, ok := s.people[nick]; ok {
		return p
	}
	p := &person{nick: nick}
	s.people[nick] = p
	s.order = append(s.order, p)
	if s.self.userName != "" {
		p.userName = s.userName("u", nick)
	}
	return p
}

func (s *Server) groupLocked(topic string) *group {
	for _, g := range s.groups {
		if g.topic == topic {
			return g
		}
	}
	g := &group{topic: topic, saved: true}
	s.groups = append(s.groups, g)
	if s.self.userName != "" {
		g.userName = s.userName("g", topic)
	}
	return g
}

// memberLocked finds a member of g by nickname or display name, adding a
// new person when nobody matches.
func (s *Server) memberLocked(g *group, name string) *gmember {
	for i := range g.members {
		if g.members[i].p.nick == name || g.members[i].display == name {
			return &g.members[i]
		}
	}
	g.members = append(g.members, gmember{p: s.personLocked(name)})
	return &g.members[len(g.members)-1]
}

// userName derives a WeChat-looking UserName that changes with every
// login generation: "@" + 32 hex digits for people, "@@" + 64 for groups.
func (s *Server) userName(kind, name string) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("%d/%s/%s", s.gen, kind, name)))
	if kind == "g" {
		sum2 := sha256.Sum256(sum[:])
		return "@@" + hex.EncodeToString(sum[:16]) + hex.EncodeToString(sum2[:16])
	}
	return "@" + hex.EncodeToString(sum[:16])
}

// renameLocked gives everyone a new UserName, as every real login does.
func (s *Server) renameLocked() {
	s.gen++
	s.self.userName = s.userName("self", s.self.nick)
	for _, p := range s.order {
		p.userName = s.userName("u", p.nick)
	}
	for _, g := range s.groups {
		g.userName = s.userName("g", g.topic)
	}
}

// Relogin ends the current session, as if the account had logged in again
// elsewhere (synccheck and every call answer 1101), and gives the bot, every
// contact and every group a new UserName: the next login sees the new ones.
func (s *Server) Relogin() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sess != nil && s.sess.kick == 0 {
		s.sess.kick = 1101
	}
	s.renameLocked()
	s.notify()
}

// Rename gives the group called oldTopic the topic newTopic, as when a
// member renames it, and reports whether there was such a group. Its
// UserName and members stay. A client that cached the group at login (as
// openwechat does: it ignores contact changes in webwxsync) sees the new
// topic only after its next login, e.g. after Relogin.
func (s *Server) Rename(oldTopic, newTopic string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, g := range s.groups {
		if g.topic == oldTopic {
			g.topic = newTopic
			return true
		}
	}
	return false
}

// UserName returns the current UserName of a group (by topic), a person (by
// nickname) or the bot (by its nickname), or "".
func (s *Server) UserName(name string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if name == s.self.nick {
		return s.self.userName
	}
	for _, g := range s.groups {
		if g.topic == name {
			return g.userName
		}
	}
	if p, ok := s.people[name]; ok {
		return p.userName
	}
	return ""
}

// resolveLocked maps a UserName to a group topic or a person's nickname.
func (s *Server) resolveLocked(userName string) (name string, isGroup, ok bool) {
	for _, g := range s.groups {
		if g.userName == userName {
			return g.topic, true, true
		}
	}
	for _, p := range s.order {
		if p.userName == userName {
			return p.nick, false, true
		}
	}
	return "", false, false
}

func (s *Server) selfJSON() map[string]any {
	return map[string]any{"UserName": s.self.userName, "NickName": s.self.nick, "Uin": 1001,
		"HeadImgUrl": "", "ContactFlag": 0, "VerifyFlag": 0}
}

func personJSON(p *person) map[string]any {
	return map[string]any{"UserName": p.userName, "NickName": p.nick, "RemarkName": p.remark,
		"ContactFlag": 3, "VerifyFlag": 0, "Uin": 0, "HeadImgUrl": "", "MemberList": []any{}}
}

func (s *Server) groupJSON(g *group, withMembers bool) map[string]any {
	members := []map[string]any{}
	if withMembers {
		members = append(members, map[string]any{"UserName": s.self.userName, "NickName": s.self.nick,
			"DisplayName": "", "AttrStatus": 0, "Uin": 0})
		for _, m := range g.members {
			members = append(members, map[string]any{"UserName": m.p.userName, "NickName": m.p.nick,
				"DisplayName": m.display, "AttrStatus": 0, "Uin": 0})
		}
	}
	return map[string]any{"UserName": g.userName, "NickName": g.topic, "VerifyFlag": 0,
		"ContactFlag": 3, "MemberCount": len(g.members) + 1, "MemberList": members,
		"EncryChatRoomId": "", "HeadImgUrl": ""}
}

// getContact answers webwxgetcontact: friends and saved groups, no paging.
func (s *Server) getContact(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats.Contacts++
	if _, ret := s.sessionLocked("", r.URL.Query().Get("skey")); ret != 0 {
		writeJSON(w, retResponse(ret))
		return
	}
	if s.contactFail > 0 {
		s.contactFail--
		writeJSON(w, retResponse(s.contactRet))
		return
	}
	list := []map[string]any{}
	for _, p := range s.order {
		if p.friend {
			list = append(list, personJSON(p))
		}
	}
	for _, g := range s.groups {
		if g.saved {
			list = append(list, s.groupJSON(g, false))
		}
	}
	writeJSON(w, map[string]any{"BaseResponse": baseResponse{}, "MemberCount": len(list),
		"MemberList": list, "Seq": 0})
}

// batchGetContact answers webwxbatchgetcontact in request order; groups
// come with their MemberList.
func (s *Server) batchGetContact(w http.ResponseWriter, r *http.Request) {
	var req struct {
		BaseRequest struct{ Sid string }
		List        []struct{ UserName string }
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats.Contacts++
	if _, ret := s.sessionLocked(req.BaseRequest.Sid, ""); ret != 0 {
		writeJSON(w, retResponse(ret))
		return
	}
	list := []map[string]any{}
	for _, item := range req.List {
		list = append(list, s.contactJSONLocked(item.UserName))
	}
	writeJSON(w, map[string]any{"BaseResponse": baseResponse{}, "Count": len(list), "ContactList": list})
}

func (s *Server) contactJSONLocked(userName string) map[string]any {
	if userName == s.self.userName {
		return s.selfJSON()
	}
	for _, g := range s.groups {
		if g.userName == userName {
			return s.groupJSON(g, true)
		}
	}
	for _, p := range s.order {
		if p.userName == userName {
			return personJSON(p)
		}
	}
	return map[string]any{"UserName": userName, "NickName": "", "MemberList": []any{}}
}

func (s *Server) nextID(prefix string) string {
	s.seq++
	return prefix + strconv.Itoa(s.seq)
}
