package bot

import (
	"slices"

	"linli"
)

// userIndex finds resident records by the platform user last bound to
// them (Resident.User) and by their nickname hint (Resident.Who) without a
// pass over every resident: it is read from the store once per process and
// kept up to date by identify, the only writer of those fields. An entry
// is a lead, checked against the record it names before it is trusted.
type userIndex struct {
	built  bool
	byUser map[string]string   // Resident.User → key
	byWho  map[string][]string // Resident.Who → keys
}

// ensureIndexLocked reads the index from the store if it is not read yet.
// Call with e.idMu held.
func (e *Engine) ensureIndexLocked() error {
	if e.index.built {
		return nil
	}
	byUser, byWho := map[string]string{}, map[string][]string{}
	err := e.opt.Residents.EachResident(func(r *linli.Resident) error {
		if r.User != "" {
			byUser[r.User] = r.Name
		}
		if r.Who != "" {
			byWho[r.Who] = append(byWho[r.Who], r.Name)
		}
		return nil
	})
	if err != nil {
		return err
	}
	e.index = userIndex{built: true, byUser: byUser, byWho: byWho}
	return nil
}

// indexed records that key is now bound to user with the hint who.
func (e *Engine) indexed(key, user, who string) {
	e.idMu.Lock()
	defer e.idMu.Unlock()
	if !e.index.built {
		return
	}
	if user != "" {
		e.index.byUser[user] = key
	}
	if who != "" && !slices.Contains(e.index.byWho[who], key) {
		e.index.byWho[who] = append(e.index.byWho[who], key)
	}
}

// leads returns the index's candidate keys for user and for who.
func (e *Engine) leads(user, who string) (string, []string, error) {
	e.idMu.Lock()
	defer e.idMu.Unlock()
	if err := e.ensureIndexLocked(); err != nil {
		return "", nil, err
	}
	return e.index.byUser[user], slices.Clone(e.index.byWho[who]), nil
}
