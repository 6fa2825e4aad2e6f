// Package tell is how the command families reach people: one person,
// privately when the platform lets the bot write to them and else with an
// @mention in the group where they last spoke; the staff; many people at
// once, @mentioned in as few messages as fit. It also finds the served
// group a staff member names in a command.
//
// Families may import it; it imports only the root package and textnorm.
package tell

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"linli"
	"linli/textnorm"
)

// Teller sends to people through the outbox.
type Teller struct {
	Config    *linli.Config
	Out       linli.Sender
	Residents linli.ResidentStore // optional: without it no resident counts as reachable
	Priority  linli.Priority      // the outbox lane of what it sends; zero is the reply lane
}

// Person sends text (and media) to one person: privately when they are the
// bot's friend, else with an @mention in the group where they last spoke
// (the outbox decides). Messages to configured workers, supervisors and
// staff name residents, so they go privately only, never into a group. An
// empty user means the staff (Staff). A job passes key so that a re-run
// sends nothing twice.
func (t Teller) Person(user, text string, media *linli.Media, key string) error {
	if user == "" {
		return t.Staff(text, key)
	}
	private := t.Config.RoleOf(user) != linli.RoleResident
	return t.Out.Send(linli.Outgoing{To: linli.Chat{User: user}, Text: text, Media: media, Key: key, Private: private, Priority: t.Priority})
}

// Staff sends text to every configured staff member privately (for grids
// without a worker or supervisor). Each message's key is key plus the
// staff member's name.
func (t Teller) Staff(text, key string) error {
	for _, name := range t.Config.StaffNames() {
		k := key
		if k != "" {
			k += ":" + name
		}
		if err := t.Out.Send(linli.Outgoing{To: linli.Chat{User: name}, Text: text, Key: k, Private: true, Priority: t.Priority}); err != nil {
			return err
		}
	}
	return nil
}

// Reachable reports whether messages to user go privately: configured
// workers and staff, and residents who have talked to the bot privately
// (its friends). Others are @mentioned in a group.
func (t Teller) Reachable(user string) bool {
	if t.Config.RoleOf(user) != linli.RoleResident {
		return true
	}
	if t.Residents == nil {
		return false
	}
	r, err := t.Residents.Resident(user)
	return err == nil && r.Friend
}

// MentionBudget bounds the runes of @mentions in one message, below the
// outbox's split length so names are never cut.
const MentionBudget = 1000

// Mentions sends out with names @mentioned, split into as many messages as
// MentionBudget needs, each with out's text (and out's key plus ":<part>").
// Without names, out is sent as is.
func (t Teller) Mentions(out linli.Outgoing, names []string) error {
	if len(names) == 0 {
		return t.Out.Send(out)
	}
	var chunk []string
	size, part := 0, 0
	flush := func() error {
		msg := out
		msg.Mention = chunk
		if out.Key != "" {
			msg.Key = fmt.Sprintf("%s:%d", out.Key, part)
		}
		part++
		chunk, size = nil, 0
		return t.Out.Send(msg)
	}
	for _, n := range names {
		if size+len([]rune(n))+2 > MentionBudget && len(chunk) > 0 {
			if err := flush(); err != nil {
				return err
			}
		}
		chunk = append(chunk, n)
		size += len([]rune(n)) + 2
	}
	return flush()
}

// MatchGroup returns the groups a staff member means by name: the group of
// that exact name (width folded, "幸福里１期居民群"), else every group whose
// name contains name ("1期" for 幸福里1期居民群). One match is the group;
// none or several are for the caller to word.
func MatchGroup(name string, groups []string) []string {
	for _, g := range groups {
		if g == name || textnorm.Fold(g) == name {
			return []string{g}
		}
	}
	var matches []string
	for _, g := range groups {
		if strings.Contains(textnorm.Fold(g), name) {
			matches = append(matches, g)
		}
	}
	return matches
}

// Group is MatchGroup for a command's argument: the one group name means,
// else an EInvalid error whose text is unknown (no group matches) or
// ambiguous(matches) (several do).
func Group(name string, groups []string, unknown string, ambiguous func(matches []string) string) (string, error) {
	matches := MatchGroup(name, groups)
	switch len(matches) {
	case 1:
		return matches[0], nil
	case 0:
		return "", linli.Errorf(linli.EInvalid, "%s", unknown)
	}
	return "", linli.Errorf(linli.EInvalid, "%s", ambiguous(matches))
}

// Privately wraps a command for staff, workers and supervisors: typed in a
// served residents' group, what it answers (a list naming residents and
// places, a confirmation, a balance) goes to the sender privately, errors
// too, and the group sees nothing. Someone the bot cannot reach privately
// is refused in the group with unreachable, or, when unreachable is "",
// answered where they typed.
func (t Teller) Privately(next linli.HandlerFunc, unreachable string) linli.HandlerFunc {
	return func(ctx context.Context, req *linli.Request) error {
		m := req.Msg
		if m.Private() || !t.Config.Served(m.Group) {
			return next(ctx, req)
		}
		if !t.Reachable(m.Sender) {
			if unreachable == "" {
				return next(ctx, req)
			}
			return linli.Errorf(linli.EForbidden, "%s", unreachable)
		}
		priv := *req
		priv.Out = privateOut{Sender: t.Out, group: m.Chat(), user: m.Sender}
		err := next(ctx, &priv)
		if err == nil || errors.Is(err, linli.ErrNotCommand) || linli.ErrorCode(err) == linli.EInternal {
			return err
		}
		return t.Out.Send(linli.Outgoing{To: linli.Chat{User: m.Sender}, Text: linli.ErrorMessage(err), Private: true})
	}
}

// privateOut sends what would go to group, to user privately.
type privateOut struct {
	linli.Sender
	group linli.Chat
	user  string
}

func (p privateOut) Send(o linli.Outgoing) error {
	if o.To == p.group {
		o.To, o.Mention, o.Private = linli.Chat{User: p.user}, nil, true
	}
	return p.Sender.Send(o)
}
