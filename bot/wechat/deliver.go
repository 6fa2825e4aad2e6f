package wechat

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/eatmoreapple/openwechat"

	"linli"
)

// refreshEvery limits how often Deliver re-reads the contact list looking
// for an unknown chat: contact look-ups also draw Ret 1205. Until the list
// has been read once in a session, it is tried every refreshUnread.
const (
	refreshEvery  = 5 * time.Minute
	refreshUnread = 10 * time.Second
)

// Deliver sends out now: its text (final: the outbox has already written
// the @mentions into it), then its image or file. It returns an error wrapping
// linli.ErrRetryLater when WeChat asks to slow down (Ret 1205), the session
// is down or lost, or the network fails; a plain error for an unknown chat
// or an unreadable file. If the text went out but the media did not, a
// retry of the same Outgoing (same ID) sends only the media. Deliver is
// safe for concurrent use; sends are serialised.
func (a *Adapter) Deliver(out linli.Outgoing) error {
	a.sendMu.Lock()
	defer a.sendMu.Unlock()
	a.mu.Lock()
	s := a.sess
	a.mu.Unlock()
	if s == nil {
		return fmt.Errorf("wechat: deliver to %s: not logged in: %w", out.To, linli.ErrRetryLater)
	}
	to, err := a.lookup(s, out.To)
	if err != nil {
		return err
	}
	text := out.Text
	if text != "" && !(out.ID != 0 && a.partial[out.ID]) {
		msg := openwechat.NewTextSendMessage(text, s.selfName, to)
		_, err := s.bot.Caller.WebWxSendMsg(s.ctx, &openwechat.CallerWebWxSendMsgOptions{
			LoginInfo: s.login, BaseRequest: s.req, Message: msg})
		if err != nil {
			return classify(out.To, "text", err)
		}
		if out.Media != nil && out.ID != 0 {
			if len(a.partial) > 1000 {
				clear(a.partial)
			}
			a.partial[out.ID] = true
		}
	}
	if out.Media != nil {
		if err := a.sendMedia(s, to, out.Media); err != nil {
			return classify(out.To, out.Media.Kind, err)
		}
		delete(a.partial, out.ID)
	}
	a.log.Debug("delivered", "to", out.To.String(), "id", out.ID)
	return nil
}

// CanPrivate reports whether user (a nickname or remark) is a friend of
// the bot. While the session is down it answers from the last contact list.
func (a *Adapter) CanPrivate(user string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.sess != nil {
		if _, ok := a.sess.friends[user]; ok {
			return true
		}
	}
	return a.friends[user]
}

// lookup finds the UserName of chat in this session, re-reading the
// contact list (at most every refreshEvery) when it is not known yet. While
// the contact list has not been read in this session (WeChat refused it,
// the session is still settling), an unknown chat is not an error but a
// reason to wait: the error wraps linli.ErrRetryLater, so the outbox keeps
// the message without spending a try.
func (a *Adapter) lookup(s *session, chat linli.Chat) (string, error) {
	find := func() (string, bool, time.Time, bool) {
		a.mu.Lock()
		defer a.mu.Unlock()
		var un string
		if chat.Group != "" {
			un = s.groups[chat.Group]
		} else {
			un = s.friends[chat.User]
		}
		return un, un != "", s.refreshed, s.dirOK
	}
	un, ok, refreshed, read := find()
	gap := refreshEvery
	if !read {
		gap = refreshUnread
	}
	if !ok && a.opts.Clock.Now().Sub(refreshed) >= gap {
		a.buildDirectory(s)
		un, ok, _, read = find()
	}
	if ok {
		return un, nil
	}
	if !read {
		return "", fmt.Errorf("wechat: %s not known yet: the contact list could not be read in this session: %w", chat, linli.ErrRetryLater)
	}
	if chat.Group != "" {
		return "", fmt.Errorf("wechat: unknown group %q: not in the bot's contacts and silent since login (save it to contacts)", chat.Group)
	}
	return "", fmt.Errorf("wechat: %q is not a friend of the bot", chat.User)
}

// buildDirectory reads the contact list and the member lists of served
// groups with Caller calls (no openwechat cache involved) and merges them
// into the session's directory. Failures are logged: groups are also
// learned from their messages.
func (a *Adapter) buildDirectory(s *session) {
	a.mu.Lock()
	s.refreshed = a.opts.Clock.Now()
	a.mu.Unlock()
	contacts, err := s.bot.Caller.WebWxGetContact(s.ctx, s.login)
	if err != nil {
		a.log.Warn("读取通讯录失败", "err", err)
		return
	}
	friends, remarks, remarked := map[string]string{}, map[string]string{}, map[string]string{}
	var groups openwechat.Members
	for _, u := range contacts {
		switch {
		case u.IsGroup():
			if _, all := a.admits(openwechat.FormatEmoji(u.NickName)); all {
				groups = append(groups, u)
			}
		case u.IsFriend() && !u.IsMP(): // in the contact list: a friend (IsFriend alone is only a prefix test)
			remark := openwechat.FormatEmoji(u.RemarkName)
			remarks[u.UserName] = remark
			if n := openwechat.FormatEmoji(u.NickName); n != "" {
				friends[n] = u.UserName
			}
			if remark != "" {
				remarked[remark] = u.UserName
			}
		}
	}
	// A 备注 names one friend; a nickname may be anyone's (a resident who
	// calls himself 李社工): the 备注 wins.
	for n, un := range remarked {
		friends[n] = un
	}
	a.reportRoles(contacts)
	for i := 0; i < len(groups); i += 50 {
		chunk := groups[i:min(i+50, len(groups))]
		detailed, err := s.bot.Caller.WebWxBatchGetContact(s.ctx, chunk, s.req)
		if err != nil {
			a.log.Warn("读取群成员失败", "err", err)
			detailed = chunk
		}
		for _, g := range detailed {
			a.learnGroup(s, g)
		}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	s.dirOK = true
	if s.friends == nil {
		s.friends = map[string]string{}
	}
	clear(a.friends)
	for n, un := range friends {
		s.friends[n], a.friends[n] = un, true
	}
	for n, un := range remarked { // over names learned from messages, too
		s.friends[n] = un
	}
	if s.contacts == nil {
		s.contacts = map[string]string{}
	}
	for un, r := range remarks {
		s.contacts[un] = r
	}
	for n := range s.friends {
		a.friends[n] = true
	}
	if missing := a.missingGroups(s); len(missing) > 0 {
		a.log.Warn("服务的群还不在通讯录里（有人说话后就会出现）", "groups", missing)
	}
}

// missingGroups lists served groups absent from the directory. Call with a.mu held.
func (a *Adapter) missingGroups(s *session) []string {
	var out []string
	for _, g := range a.opts.Groups {
		if _, ok := s.groups[g]; !ok {
			out = append(out, g)
		}
	}
	return out
}

// sendMedia uploads and sends an image or a file. openwechat names the
// upload after the file, so the bytes go to a file named m.Name.
func (a *Adapter) sendMedia(s *session, to string, m *linli.Media) error {
	f, cleanup, err := mediaFile(m)
	if err != nil {
		return err
	}
	defer cleanup()
	if m.Kind == linli.MediaImage {
		_, err = s.bot.Caller.WebWxSendImageMsg(s.ctx, f, &openwechat.CallerWebWxSendImageMsgOptions{
			FromUserName: s.selfName, ToUserName: to, BaseRequest: s.req, LoginInfo: s.login})
		return err
	}
	_, err = s.bot.Caller.WebWxSendFile(s.ctx, f, &openwechat.CallerWebWxSendFileOptions{
		FromUserName: s.selfName, ToUserName: to, BaseRequest: s.req, LoginInfo: s.login})
	return err
}

// mediaFile opens m as a file whose base name is m.Name.
func mediaFile(m *linli.Media) (*os.File, func(), error) {
	name := filepath.Base(strings.ReplaceAll(m.Name, `\`, "/"))
	if name == "." || name == "/" || name == "" {
		name = "file.bin"
		if m.Kind == linli.MediaImage {
			name = "image.png"
		}
	}
	if m.Data == nil && m.Path != "" && filepath.Base(m.Path) == name {
		f, err := os.Open(m.Path)
		return f, func() {
			if f != nil {
				f.Close()
			}
		}, err
	}
	dir, err := os.MkdirTemp("", "linli-media-")
	if err != nil {
		return nil, func() {}, err
	}
	cleanup := func() { os.RemoveAll(dir) }
	p := filepath.Join(dir, name)
	if err := writeMedia(p, m); err != nil {
		cleanup()
		return nil, func() {}, err
	}
	f, err := os.Open(p)
	if err != nil {
		cleanup()
		return nil, func() {}, err
	}
	return f, func() { f.Close(); cleanup() }, nil
}

func writeMedia(p string, m *linli.Media) error {
	if m.Data != nil || m.Path == "" {
		return os.WriteFile(p, m.Data, 0o600)
	}
	src, err := os.Open(m.Path)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}

// classify wraps a send error, adding linli.ErrRetryLater when trying again
// later can help: rate limits, a lost session, the network.
func classify(to linli.Chat, what string, err error) error {
	var ret openwechat.Ret
	retry := errors.Is(err, openwechat.NetworkErr) || errors.Is(err, context.Canceled) ||
		errors.Is(err, context.DeadlineExceeded) ||
		(errors.As(err, &ret) && (ret == 1205 || (ret >= 1100 && ret <= 1102)))
	if retry {
		return fmt.Errorf("wechat: send %s to %s: %w: %w", what, to, err, linli.ErrRetryLater)
	}
	return fmt.Errorf("wechat: send %s to %s: %w", what, to, err)
}
