package wechat

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/eatmoreapple/openwechat"
)

// Who is staff, on WeChat.
//
// A role belongs to the bot's friend whose 备注 (RemarkName) equals the
// configured name: RemarkName is set by the bot's own account and cannot be
// chosen by the contact, unlike NickName (their own) and DisplayName (their
// 群昵称). Message.Contact carries that 备注, and only it.
//
// In a group, the sender is a group member, not a friend object: the
// member's RemarkName is not filled in by webwxbatchgetcontact. What this
// relies on (openwechat v1.4.10): a member of a group and a contact of the
// account are the same person exactly when their UserName is the same in
// one session. UserName is the session-wide id of a user ("@" + hex; "@@" for
// groups): a group message names its sender by that UserName (the
// "@…:<br/>" prefix message_processor.go strips into
// senderUserNameInGroup, which SenderInGroup looks up in the group's
// MemberList), and openwechat itself compares member.UserName with
// friend.UserName to tell whether a friend is already in a group
// (Self.AddFriendsIntoGroup, user.go). Note that openwechat's
// User.IsFriend() is only a prefix test ("@", not "@@", VerifyFlag 0): it is
// true for any group member, so it is never used to decide friendship here;
// the contact list (webwxgetcontact, the account's friends) is.
//
// So a group sender's Contact is the 备注 of the friend in the session's
// contact list with the member's UserName; a member with no such friend, or
// a friend without 备注, has no Contact and is a resident, whatever their
// nickname or 群昵称.

// RoleMatch says which contact a configured role name matched at login.
type RoleMatch struct {
	Name     string `json:"name"`               // the configured name
	Found    bool   `json:"found"`              // a friend has this 备注
	Nickname string `json:"nickname,omitempty"` // that friend's own nickname
	// NickOnly: no friend has the 备注, but one calls themself by the
	// name; they are NOT given the role (set the 备注 on the phone).
	NickOnly bool `json:"nick_only,omitempty"`
}

// String renders m for the log and linli doctor.
func (m RoleMatch) String() string {
	switch {
	case m.Found && m.Nickname != "" && m.Nickname != m.Name:
		return fmt.Sprintf("%s → 好友（备注 %s，昵称 %s）", m.Name, m.Name, m.Nickname)
	case m.Found:
		return fmt.Sprintf("%s → 好友（备注 %s）", m.Name, m.Name)
	case m.NickOnly:
		return fmt.Sprintf("%s → 未找到 / 无备注（有好友的昵称是 %s，但没有这个备注，不算工作人员；请在手机上给工作人员设置备注）", m.Name, m.Name)
	}
	return fmt.Sprintf("%s → 未找到 / 无备注（请加工作人员为好友，并把备注设为 %s）", m.Name, m.Name)
}

// ContactsSnapshot is what the adapter writes to Options.ContactsFile after
// reading the contact list: linli doctor shows it.
type ContactsSnapshot struct {
	At    time.Time   `json:"at"`
	Roles []RoleMatch `json:"roles"`
}

// matchRoles matches the configured role names against the contact list.
func matchRoles(names []string, contacts openwechat.Members) []RoleMatch {
	byRemark, byNick := map[string]string{}, map[string]bool{}
	for _, u := range contacts {
		if u.IsGroup() || u.IsMP() {
			continue
		}
		if r := openwechat.FormatEmoji(u.RemarkName); r != "" {
			byRemark[r] = openwechat.FormatEmoji(u.NickName)
		}
		byNick[openwechat.FormatEmoji(u.NickName)] = true
	}
	var out []RoleMatch
	for _, n := range names {
		nick, found := byRemark[n]
		out = append(out, RoleMatch{Name: n, Found: found, Nickname: nick, NickOnly: !found && byNick[n]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// reportRoles logs each configured role name with the contact it matched
// and writes the snapshot for linli doctor.
func (a *Adapter) reportRoles(contacts openwechat.Members) {
	if len(a.opts.Roles) == 0 {
		return
	}
	matches := matchRoles(a.opts.Roles, contacts)
	var lines []string
	missing := 0
	for _, m := range matches {
		lines = append(lines, m.String())
		if !m.Found {
			missing++
		}
	}
	if missing > 0 {
		a.log.Warn("工作人员与好友备注核对：有人未找到", "roles", strings.Join(lines, "；"))
	} else {
		a.log.Info("工作人员与好友备注核对", "roles", strings.Join(lines, "；"))
	}
	if a.opts.ContactsFile == "" {
		return
	}
	data, err := json.MarshalIndent(ContactsSnapshot{At: a.opts.Clock.Now(), Roles: matches}, "", "  ")
	if err == nil {
		err = os.WriteFile(a.opts.ContactsFile, data, 0o600)
	}
	if err != nil {
		a.log.Warn("无法写入工作人员核对结果（供 linli doctor 查看）", "file", a.opts.ContactsFile, "err", err)
	}
}

// ReadContactsSnapshot reads what the last login wrote to path.
func ReadContactsSnapshot(path string) (ContactsSnapshot, error) {
	var s ContactsSnapshot
	data, err := os.ReadFile(path)
	if err != nil {
		return s, err
	}
	return s, json.Unmarshal(data, &s)
}

// BindUser records that the resident key is the platform user (a UserName
// of the live session; linli.UserBinder): when that user is a friend, a
// private message to the key reaches them. Safe for concurrent use.
func (a *Adapter) BindUser(key, user string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	s := a.sess
	if s == nil {
		return
	}
	if _, friend := s.contacts[user]; !friend {
		return
	}
	if s.friends == nil {
		s.friends = map[string]string{}
	}
	s.friends[key], a.friends[key] = user, true
}
