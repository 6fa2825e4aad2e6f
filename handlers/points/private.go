package points

import (
	"context"
	"errors"

	"linli"
)

// staffPrivately wraps a staff command: typed in a residents' group, what
// it answers (a confirmation naming a resident, their balance, the reason)
// goes to the sender privately, errors too, and the group sees nothing.
// (The same rule as 随手拍's worker commands.)
func (h *Family) staffPrivately(next linli.HandlerFunc) linli.HandlerFunc {
	return func(ctx context.Context, req *linli.Request) error {
		m := req.Msg
		if m.Private() || !h.Config.Served(m.Group) || !h.teller().Reachable(m.Sender) {
			return next(ctx, req)
		}
		priv := *req
		priv.Out = privateOut{Sender: h.Out, group: m.Chat(), user: m.Sender}
		err := next(ctx, &priv)
		if err == nil || errors.Is(err, linli.ErrNotCommand) || linli.ErrorCode(err) == linli.EInternal {
			return err
		}
		return h.Out.Send(linli.Outgoing{To: linli.Chat{User: m.Sender}, Text: linli.ErrorMessage(err), Private: true})
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
