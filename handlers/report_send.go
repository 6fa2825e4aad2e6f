package handlers

import "linli"

// Who hears what of a 随手拍: the reporter privately when they are the bot's
// friend, else with an @mention in a group (then never a worker's own
// words about them); workers, supervisors and staff only privately.

// acknowledge answers the reporter: privately when they are the bot's friend
// (and the group sees a short note without name or household), else with
// an @mention where they spoke.
func (h *Handlers) acknowledge(req *linli.Request, r *linli.Report, personal, public string) error {
	m := req.Msg
	if m.Private() || !(m.Resident.Friend || m.Role != linli.RoleResident) {
		return req.Reply(personal)
	}
	if err := h.Out.Send(linli.Outgoing{To: m.Chat(), Text: public}); err != nil {
		return err
	}
	return h.tell(r.Reporter, personal, nil, "")
}

// tell sends text (and media) to one person: privately when they are the
// bot's friend, else with an @mention in the group where they last spoke.
// Messages to configured workers, supervisors and staff name residents, so
// they go privately only, never into a group. A job passes key so that a
// re-run sends nothing twice.
func (h *Handlers) tell(user, text string, media *linli.Media, key string) error {
	if user == "" {
		return h.tellStaff(text, key)
	}
	private := h.Config.RoleOf(user) != linli.RoleResident
	return h.Out.Send(linli.Outgoing{To: linli.Chat{User: user}, Text: text, Media: media, Key: key, Private: private})
}

// tellStaff sends text to every configured staff member privately (for
// grids without a worker or supervisor).
func (h *Handlers) tellStaff(text, key string) error {
	for _, name := range h.Config.StaffNames() {
		k := key
		if k != "" {
			k += ":" + name
		}
		if err := h.Out.Send(linli.Outgoing{To: linli.Chat{User: name}, Text: text, Key: k, Private: true}); err != nil {
			return err
		}
	}
	return nil
}

// reachable reports whether messages to user go privately: configured
// workers and staff, and residents who have talked to the bot privately
// (its friends). Others are @mentioned in a group.
func (h *Handlers) reachable(user string) bool {
	if h.Config.RoleOf(user) != linli.RoleResident {
		return true
	}
	if h.Residents == nil {
		return false
	}
	r, err := h.Residents.Resident(user)
	return err == nil && r.Friend
}
