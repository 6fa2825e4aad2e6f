package report

import "linli"

// Who hears what of a 随手拍: the reporter privately when they are the bot's
// friend, else with an @mention in a group (then never a worker's own
// words about them); workers, supervisors and staff only privately.

// acknowledge answers the reporter: privately when they are the bot's friend
// (and the group sees a short note without name or household), else with
// an @mention where they spoke.
func (h *Family) acknowledge(req *linli.Request, r *linli.Report, personal, public string) error {
	m := req.Msg
	if m.Private() || !(m.Resident.Friend || m.Role != linli.RoleResident) {
		return req.Reply(personal)
	}
	if err := h.Out.Send(linli.Outgoing{To: m.Chat(), Text: public}); err != nil {
		return err
	}
	return h.teller().Person(r.Reporter, personal, nil, "")
}
