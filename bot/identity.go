package bot

import (
	"errors"
	"strconv"

	"linli"
)

// Who a sender is (DESIGN.md "Identity").
//
// A role comes from Message.Contact only: the name the bot's own account
// gave the sender (the 备注 on WeChat), never from a display name or a
// nickname, which anyone can set.
//
// A resident is a platform user (Message.User), not a display name. Every
// user gets a resident key — the name their records (sign-ups, ballots,
// reports) are kept under and the name replies @-mention — that no other
// user holds:
//   - a verified role holder is keyed by the configured name (李社工);
//   - anyone else starts from the display name; when that name is a
//     configured role name it becomes "李社工(居民)" (an impostor never
//     shares staff's records, and the group sees whom a reply addresses);
//     when another user already holds it, "张阿姨(2)", "张阿姨(3)" ….
//
// The binding user → key is remembered in memory for the process and on
// the resident record (Resident.User, and the nickname seen with it,
// Resident.Who). After a restart it is found again by User; after a new
// login (WeChat gives everyone a new UserName) a record is rebound to the
// new user only when its nickname hint matches, no other user of this
// session holds it and no other record matches as well (then they are
// kept apart and it is logged: asking the person is not implemented): two
// people are never merged because their display names match. Someone who
// changed their 群昵称, or writes privately first, is found by the hint
// under their old name.

// residentKey returns the key of m's sender (see above); nick is the
// sender's nickname (Message.Nickname, or Sender when that is empty).
func (e *Engine) residentKey(m *linli.Message, nick string) (string, error) {
	cfg := e.opt.Config
	user := m.User
	if user == "" { // a platform that cannot tell people apart: the name is all there is (as the console's nickname)
		user = m.Sender
	}
	e.idMu.Lock()
	key, ok := e.users[user]
	e.idMu.Unlock()
	if ok {
		return key, nil
	}
	base, reserved, verified := m.Sender, false, false
	if m.Contact != "" && cfg.RoleOf(m.Contact) != linli.RoleResident {
		base, verified = m.Contact, true // a verified role holder: known by the configured name everywhere
	} else {
		reserved = cfg.RoleOf(m.Sender) != linli.RoleResident
	}
	if verified && e.claim(base, user) {
		return base, nil
	}
	if m.User != "" {
		// The record this user was bound to before (a restart within one
		// login, or the console, whose users are stable).
		if k, err := e.boundTo(m.User); err != nil {
			return "", err
		} else if k != "" && (!reserved || k != base) && e.claim(k, user) {
			return k, nil
		}
	}
	for i := 1; i < 1000; i++ {
		cand := candidateKey(base, i, reserved)
		r, err := e.opt.Residents.Resident(cand)
		if err != nil && linli.ErrorCode(err) != linli.ENotFound {
			return "", err
		}
		switch {
		case err != nil: // nobody holds it yet: unless this is someone known by another name
			if m.User != "" {
				if k, err := e.byHint(m, nick); err != nil {
					return "", err
				} else if k != "" && e.claim(k, user) {
					return k, nil
				}
			}
		case m.User == "": // a platform that cannot tell people apart: the name is all there is
		case r.User == m.User:
		case r.User == "" && (r.Who == "" || r.Who == nick):
			// a record from before users were told apart (or from a platform
			// that cannot tell them apart): it is this name's
		case r.Who == nick && hintsAgree(r, m):
			// bound to a user of an earlier login with the same nickname:
			// rebind unless someone of this session holds it (claim) — and
			// unless another such record matches as well: then which is
			// whose cannot be told, and nobody is merged.
			if n, err := e.hintMatches(base, reserved, nick, m); err != nil {
				return "", err
			} else if n > 1 {
				e.log.Warn("重新登录后无法确定这是哪位居民，不合并，作为新居民记录",
					"name", base, "nickname", nick, "records", n)
				continue
			}
		default:
			continue // another person's
		}
		if e.claim(cand, user) {
			return cand, nil
		}
	}
	return "", errors.New("bot: no free resident key for " + base)
}

// hintsAgree reports whether record r may be m's sender by the platform's
// hint: it must be equal when both have one.
func hintsAgree(r *linli.Resident, m *linli.Message) bool {
	return r.Hint == "" || m.Hint == "" || r.Hint == m.Hint
}

// byHint finds the one record, under any name, bound to an earlier login's
// user with the nickname hint nick, held by nobody in this session and not
// a role holder's: someone who changed their 群昵称, or writes privately
// first, after a new login. Several such records: "" (kept apart).
func (e *Engine) byHint(m *linli.Message, nick string) (string, error) {
	_, keys, err := e.leads("", nick)
	if err != nil {
		return "", err
	}
	var found []string
	for _, k := range keys {
		r, err := e.opt.Residents.Resident(k)
		if linli.ErrorCode(err) == linli.ENotFound {
			continue
		}
		if err != nil {
			return "", err
		}
		if r.User == "" || r.User == m.User || r.Who != nick || !hintsAgree(r, m) || e.opt.Config.RoleOf(r.Name) != linli.RoleResident {
			continue
		}
		e.idMu.Lock()
		_, held := e.holders[r.Name]
		e.idMu.Unlock()
		if !held {
			found = append(found, r.Name)
		}
	}
	if len(found) != 1 {
		if len(found) > 1 {
			e.log.Warn("重新登录后无法确定这是哪位居民，不合并，作为新居民记录", "nickname", nick, "records", found)
		}
		return "", nil
	}
	return found[0], nil
}

// hintMatches counts the records under base's keys bound to an earlier
// login's user with the nickname hint nick and held by nobody in this
// session: more than one, and a rebinding by the hint would be a guess.
func (e *Engine) hintMatches(base string, reserved bool, nick string, m *linli.Message) (int, error) {
	n := 0
	for j := 1; j < 1000; j++ {
		cand := candidateKey(base, j, reserved)
		r, err := e.opt.Residents.Resident(cand)
		if linli.ErrorCode(err) == linli.ENotFound {
			break
		}
		if err != nil {
			return 0, err
		}
		e.idMu.Lock()
		_, held := e.holders[cand]
		e.idMu.Unlock()
		if r.User != "" && r.Who == nick && hintsAgree(r, m) && !held {
			n++
		}
	}
	return n, nil
}

// candidateKey is the i-th key tried for base: base, base(2), base(3) …; for
// a configured role name claimed by someone unverified: base(居民),
// base(居民2) ….
func candidateKey(base string, i int, reserved bool) string {
	switch {
	case reserved && i == 1:
		return base + "(居民)"
	case reserved:
		return base + "(居民" + strconv.Itoa(i) + ")"
	case i == 1:
		return base
	}
	return base + "(" + strconv.Itoa(i) + ")"
}

// claim binds key to user for this process, unless another user holds it.
func (e *Engine) claim(key, user string) bool {
	e.idMu.Lock()
	defer e.idMu.Unlock()
	if e.users == nil {
		e.users, e.holders = map[string]string{}, map[string]string{}
	}
	if h, ok := e.holders[key]; ok && h != user {
		return false
	}
	e.users[user], e.holders[key] = key, user
	return true
}

// boundTo finds the resident record last bound to user, "" if none.
func (e *Engine) boundTo(user string) (string, error) {
	key, _, err := e.leads(user, "")
	if err != nil || key == "" {
		return "", err
	}
	r, err := e.opt.Residents.Resident(key)
	if linli.ErrorCode(err) == linli.ENotFound {
		return "", nil
	}
	if err != nil || r.User != user {
		return "", err
	}
	return key, nil
}

// NewSession forgets which platform user holds which resident key: after a
// new login the platform's users have new ids, and the records are rebound
// from their hints as people speak (residentKey). bot.Inbox calls it when a
// session comes up.
func (e *Engine) NewSession() {
	e.idMu.Lock()
	defer e.idMu.Unlock()
	e.users, e.holders = nil, nil
}

// bindUser tells the platform, when it addresses people by its own ids,
// that key is user (linli.UserBinder).
func (e *Engine) bindUser(key, user string) {
	if user == "" {
		return
	}
	e.opt.Outbox.bindUser(key, user)
}
