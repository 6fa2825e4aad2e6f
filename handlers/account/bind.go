package account

import (
	"context"
	"strings"

	"linli"
)

func (h *Family) registerBind(r linli.Router) {
	r.Command(linli.Command{
		Names: []string{"绑定"}, Args: linli.ArgsRequired,
		Usage: textBindUsage, Help: "绑定 3栋502 — 登记您的户号", Handler: h.bind,
	})
}

// bind sets the sender's household from "绑定 3栋502". In a group the
// reply does not repeat the household (DESIGN.md: nothing private in a
// group); privately it does.
func (h *Family) bind(ctx context.Context, req *linli.Request) error {
	hh, ok := linli.ParseHousehold(req.Args)
	if !ok {
		if !req.Msg.Addressed && (len([]rune(req.Args)) > 12 || !strings.ContainsAny(req.Args, "0123456789一二三四五六七八九十")) {
			// "绑定银行卡怎么弄" said in a group: no flat in it, not the command
			return linli.ErrNotCommand
		}
		return linli.Errorf(linli.EInvalid, textBindUsage)
	}
	if _, ok := h.Config.GridOf(hh.Building); !ok && len(h.Config.Grids) > 0 {
		return linli.Errorf(linli.EInvalid, textBindUnknownBuilding, hh.BuildingName())
	}
	if registered, err := h.hasRegister(); err != nil {
		return err
	} else if registered {
		return h.bindRegistered(req, hh.String())
	}
	var before string
	_, err := h.Residents.UpdateResident(req.Msg.Sender, func(r *linli.Resident) error {
		if r.Bound {
			before = r.Household
		}
		r.Household, r.Bound, r.Verified = hh.String(), true, false
		return nil
	})
	if err != nil {
		return err
	}
	switch {
	case !req.Msg.Private() && before != "" && before != hh.String():
		return req.Reply(textReboundGroup) // a group reply never names a household
	case !req.Msg.Private():
		return req.Reply(textBoundGroup)
	case before != "" && before != hh.String():
		return req.Reply(textRebound(before, hh.String()))
	}
	return req.Reply(textBound(hh.String()))
}
