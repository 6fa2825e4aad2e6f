package account

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"linli"
	"linli/handlers/tell"
)

// With an owners' register (业主名册, `linli import households`), 绑定 is
// verified: approved at once when the register's owner name is in the
// resident's names (群昵称 or nickname, "3-502 张桂芳"), else a request that
// staff approve (同意绑定 N) or refuse (拒绝绑定 N), sent to the staff with
// what the register says. Only verified households count in 一户一票 and
// 双三分之二 polls. A group reply never names the household. The two staff
// commands are not in 帮助: the 【绑定申请】 message says how to answer it.

func (h *Family) registerBindDecisions(r linli.Router) {
	r.Command(linli.Command{Names: []string{"同意绑定"}, Role: linli.RoleStaff, Args: linli.ArgsRequired,
		Usage: textBindDecideUsage, Handler: h.decideBind(true)})
	r.Command(linli.Command{Names: []string{"拒绝绑定"}, Role: linli.RoleStaff, Args: linli.ArgsRequired,
		Usage: textBindDecideUsage, Handler: h.decideBind(false)})
}

// hasRegister reports whether an owners' register is loaded.
func (h *Family) hasRegister() (bool, error) {
	if h.Owners == nil {
		return false, nil
	}
	n, _, err := h.Owners.RegisterTotals()
	return n > 0, err
}

func (h *Family) teller() tell.Teller {
	return tell.Teller{Config: h.Config, Out: h.Out, Residents: h.Residents}
}

// bindRegistered handles 绑定 household with a register loaded.
func (h *Family) bindRegistered(req *linli.Request, household string) error {
	m := req.Msg
	e, err := h.Owners.RegisterEntry(household)
	if linli.ErrorCode(err) == linli.ENotFound {
		return linli.Errorf(linli.EInvalid, "%s", textBindNotInRegister(household, m.Private()))
	}
	if err != nil {
		return err
	}
	if ownerMatches(e.Owner, m.Sender, m.Nickname, m.Resident.Nickname) {
		if _, err := h.Residents.UpdateResident(m.Sender, func(r *linli.Resident) error {
			r.Household, r.Bound, r.Verified = household, true, true
			return nil
		}); err != nil {
			return err
		}
		if m.Private() {
			return req.Reply(textBoundVerified(household))
		}
		return req.Reply(textBoundVerifiedGroup)
	}
	br := &linli.BindRequest{Resident: m.Sender, Household: household, Group: m.Group, Status: linli.BindPending, At: req.Now}
	if err := h.Owners.CreateBindRequest(br); err != nil {
		return err
	}
	if err := h.tellStaff(textBindRequestStaff(br, e)); err != nil {
		return err
	}
	if m.Private() {
		return req.Reply(textBindRequested(household))
	}
	return req.Reply(textBindRequestedGroup)
}

// ownerMatches reports whether the register's owner name appears in one of
// the resident's names.
func ownerMatches(owner string, names ...string) bool {
	owner = strings.TrimSpace(owner)
	if len([]rune(owner)) < 2 {
		return false
	}
	for _, n := range names {
		if n != "" && strings.Contains(n, owner) {
			return true
		}
	}
	return false
}

// tellStaff sends text to the staff group, else to each staff member.
func (h *Family) tellStaff(text string) error {
	if g := h.Config.StaffGroup; g != "" {
		return h.Out.Send(linli.Outgoing{To: linli.Chat{Group: g}, Text: text})
	}
	return h.teller().Staff(text, "")
}

// decideBind handles 同意绑定 N / 拒绝绑定 N.
func (h *Family) decideBind(approve bool) linli.HandlerFunc {
	return func(ctx context.Context, req *linli.Request) error {
		id, err := strconv.ParseUint(strings.TrimSpace(strings.TrimPrefix(req.Args, "#")), 10, 64)
		if err != nil || id == 0 {
			return linli.Errorf(linli.EInvalid, "%s", textBindDecideUsage)
		}
		if h.Owners == nil {
			return linli.Errorf(linli.EInvalid, "%s", textNoRegister)
		}
		var was string
		br, err := h.Owners.UpdateBindRequest(id, func(r *linli.BindRequest) error {
			was = r.Status
			if r.Status != linli.BindPending {
				return nil
			}
			r.Status, r.DecidedBy, r.DecidedAt = linli.BindRejected, req.Msg.Sender, req.Now
			if approve {
				r.Status = linli.BindApproved
			}
			return nil
		})
		if err != nil {
			return err
		}
		if was != linli.BindPending {
			// A conflict, not a plain answer: the workbench shows it as a
			// refusal (the chat reads the same sentence either way).
			return linli.Errorf(linli.EConflict, "%s", textBindAlreadyDecided(br))
		}
		if approve {
			if _, err := h.Residents.UpdateResident(br.Resident, func(r *linli.Resident) error {
				r.Household, r.Bound, r.Verified = br.Household, true, true
				return nil
			}); err != nil {
				return err
			}
		}
		inGroup := !h.teller().Reachable(br.Resident) // then an @mention in their group
		if err := h.teller().Person(br.Resident, textBindDecidedResident(br, inGroup), nil, fmt.Sprintf("bind:%d:told", br.ID)); err != nil {
			return err
		}
		return req.Reply(textBindDecidedStaff(br))
	}
}
