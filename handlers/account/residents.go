package account

import "linli"

// exportResidents lists residents (DESIGN.md `linli export residents`).
func (h *Family) exportResidents() (*linli.Table, error) {
	rs, err := h.Residents.Residents()
	if err != nil {
		return nil, err
	}
	t := &linli.Table{Kind: "residents",
		Columns: []string{"name", "nickname", "household", "bound", "last_group", "phone", "first_seen", "last_seen"},
		Private: []string{"phone"}}
	for _, r := range rs {
		t.Rows = append(t.Rows, []any{r.Name, r.Nickname, r.Household, r.Bound, r.LastGroup, r.Phone, r.FirstSeen, r.LastSeen})
	}
	return t, nil
}
