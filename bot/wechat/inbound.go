package wechat

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/eatmoreapple/openwechat"

	"linli"
)

// maxImage bounds a downloaded image (WeChat's own limit is 20 MB).
const maxImage = 20 << 20

// handler returns the MessageHandler of session s. It runs on openwechat's
// sync goroutine, the only place where openwechat's caches may be used: it
// resolves the group and sender there, copies plain data into a
// linli.Message and hands it to the inbox. It returns only once the inbox
// has recorded the message (or the session ends): openwechat tells WeChat
// the batch arrived with its next synccheck, after the handler returns. A
// panic is logged, never fatal.
func (a *Adapter) handler(s *session, inbox linli.Inbox) openwechat.MessageHandler {
	return func(msg *openwechat.Message) {
		defer func() {
			if r := recover(); r != nil {
				a.log.Error("处理消息时程序出错（已恢复）", "msg_id", msg.MsgId, "panic", fmt.Sprint(r),
					"stack", string(debug.Stack()))
			}
		}()
		s.syncErrs = 0 // a sync delivered messages
		if msg.IsSendBySelf() || s.ctx.Err() != nil {
			return
		}
		m, ok := a.convert(s, msg)
		if !ok {
			return
		}
		a.hand(s, inbox, m)
	}
}

// hand gives m to the inbox, trying again with a growing pause while the
// inbox cannot record it (a full disk). It gives up only when the session
// ends: then nothing after m is acknowledged, and WeChat delivers it again
// after the next login.
func (a *Adapter) hand(s *session, inbox linli.Inbox, m linli.Message) {
	pause := backoff{min: a.opts.RetryDelay, max: time.Minute, jitter: a.opts.Jitter}
	for tries := 0; ; tries++ {
		err := inbox.Receive(m)
		if err == nil {
			if tries > 0 {
				a.log.Warn("收到的消息经重试后已记录", "msg_id", m.ID, "tries", tries+1)
			}
			return
		}
		if tries == 0 {
			a.log.Error("无法记录收到的消息，暂停同步直到记录成功", "msg_id", m.ID, "err", err)
		}
		if !a.opts.Sleep(s.ctx, pause.next()) {
			return
		}
	}
}

// convert turns a text or image message from a served group or a private
// chat into a linli.Message; ok is false for anything to ignore.
func (a *Adapter) convert(s *session, msg *openwechat.Message) (m linli.Message, ok bool) {
	if !msg.IsText() && !msg.IsPicture() {
		a.log.Debug("ignoring message", "type", msg.MsgType, "msg_id", msg.MsgId)
		return m, false
	}
	m = linli.Message{ID: msg.MsgId, Text: msg.Content, At: a.opts.Clock.Now()}
	if msg.CreateTime > 0 {
		m.At = time.Unix(msg.CreateTime, 0)
	}
	if msg.IsComeFromGroup() {
		if !a.fromGroup(s, msg, &m) {
			return m, false
		}
	} else {
		u, err := msg.Sender()
		if err != nil || u.IsMP() || u.IsGroup() {
			a.log.Debug("ignoring private message", "msg_id", msg.MsgId, "err", err)
			return m, false
		}
		m.Sender = openwechat.FormatEmoji(u.NickName)
		if m.Sender == "" {
			m.Sender = openwechat.FormatEmoji(u.RemarkName)
		}
		a.learnFriend(s, u)
		m.User, m.Contact, m.Hint = u.UserName, a.contact(s, u.UserName, u.RemarkName), attrHint(u.AttrStatus)
	}
	if msg.IsPicture() {
		img, err := a.picture(msg)
		if err != nil {
			a.log.Warn("下载图片失败", "msg_id", msg.MsgId, "err", err)
			return m, false
		}
		m.Text, m.Image = "", img
	}
	return m, true
}

// fromGroup fills in the group and sender of a group message and reports
// whether to hand it on (see Options.Served).
func (a *Adapter) fromGroup(s *session, msg *openwechat.Message, m *linli.Message) bool {
	g, err := msg.Sender()
	if err != nil {
		a.log.Warn("无法确定消息来自哪个群", "msg_id", msg.MsgId, "err", err)
		return false
	}
	topic := openwechat.FormatEmoji(g.NickName)
	if pass, all := a.admits(topic); !pass || (!all && msg.IsPicture()) {
		return false
	}
	member, err := msg.SenderInGroup()
	if err != nil {
		a.log.Warn("无法确定发消息的群成员", "group", topic, "msg_id", msg.MsgId, "err", err)
		return false
	}
	nick := openwechat.FormatEmoji(member.NickName)
	// The member is the friend with the same UserName, if any (contacts.go).
	m.User, m.Contact, m.Hint = member.UserName, a.contact(s, member.UserName, ""), attrHint(member.AttrStatus)
	m.Group, m.Sender = topic, openwechat.FormatEmoji(member.DisplayName)
	if m.Sender == "" {
		m.Sender = nick
	}
	if nick != m.Sender {
		m.Nickname = nick
	}
	m.Mentioned = msg.IsAt() || mentions(m.Text, msg.Owner(), g)
	a.learnGroup(s, g)
	return true
}

// mentions reports whether text @-mentions the bot by nickname or by its
// display name in group g.
func mentions(text string, self *openwechat.Self, g *openwechat.User) bool {
	if self == nil {
		return false
	}
	names := []string{self.NickName}
	for _, u := range g.MemberList {
		if u.UserName == self.UserName && u.DisplayName != "" {
			names = append(names, u.DisplayName)
		}
	}
	for _, n := range names {
		if n != "" && strings.Contains(text, "@"+openwechat.FormatEmoji(n)) {
			return true
		}
	}
	return false
}

// picture downloads an image message and, with MediaDir set, saves it.
func (a *Adapter) picture(msg *openwechat.Message) (*linli.Media, error) {
	resp, err := msg.GetPicture()
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("webwxgetmsgimg: %s", resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxImage))
	if err != nil {
		return nil, err
	}
	if len(data) == 0 {
		return nil, fmt.Errorf("webwxgetmsgimg: empty image")
	}
	ext := ".jpg"
	switch http.DetectContentType(data) {
	case "image/png":
		ext = ".png"
	case "image/gif":
		ext = ".gif"
	}
	img := &linli.Media{Name: msg.MsgId + ext, Kind: linli.MediaImage, Data: data}
	if dir := a.opts.MediaDir; dir != "" {
		p := filepath.Join(dir, img.Name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, data, 0o600); err != nil {
			return nil, err
		}
		img.Path = p
	}
	return img, nil
}

// learnGroup records a group's UserName and members in the session's
// directory: groups not saved to contacts become known when they talk.
func (a *Adapter) learnGroup(s *session, g *openwechat.User) {
	topic := openwechat.FormatEmoji(g.NickName)
	a.mu.Lock()
	defer a.mu.Unlock()
	if s.groups == nil {
		s.groups, s.members = map[string]string{}, map[string]map[string]string{}
	}
	s.groups[topic] = g.UserName
	names := s.members[topic]
	if names == nil {
		names = map[string]string{}
		s.members[topic] = names
	}
	for _, u := range g.MemberList {
		for _, n := range []string{u.NickName, u.DisplayName} {
			if n != "" {
				names[openwechat.FormatEmoji(n)] = u.UserName
			}
		}
	}
}

// learnFriend records a private correspondent in the directory. A
// nickname never replaces a 备注 another friend holds.
func (a *Adapter) learnFriend(s *session, u *openwechat.User) {
	if !u.IsFriend() {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if s.friends == nil {
		s.friends = map[string]string{}
	}
	if s.contacts == nil {
		s.contacts = map[string]string{}
	}
	remark := openwechat.FormatEmoji(u.RemarkName)
	if _, known := s.contacts[u.UserName]; !known {
		s.contacts[u.UserName] = remark
	}
	if n := openwechat.FormatEmoji(u.NickName); n != "" {
		if other, taken := s.friends[n]; !taken || other == u.UserName || s.contacts[other] != n {
			s.friends[n], a.friends[n] = u.UserName, true
		}
	}
	if remark != "" {
		s.friends[remark], a.friends[remark] = u.UserName, true
	}
}

// attrHint renders AttrStatus as Message.Hint: a number WeChat keeps for a
// contact across logins (itchat and wxpy rely on it to recognise people);
// 0, which says nothing, is no hint.
func attrHint(a int64) string {
	if a == 0 {
		return ""
	}
	return strconv.FormatInt(a, 10)
}

// contact returns the 备注 of the friend who is user in session s: from the
// contact list, or remark (the RemarkName openwechat gave a private sender:
// a field only the bot's own account sets) for a friend added since it was
// read. "" for anyone else.
func (a *Adapter) contact(s *session, user, remark string) string {
	a.mu.Lock()
	defer a.mu.Unlock()
	if r, ok := s.contacts[user]; ok && r != "" {
		return r
	}
	return openwechat.FormatEmoji(remark)
}
