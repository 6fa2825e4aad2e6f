package account

import "linli"

// exportResidents lists residents (DESIGN.md `linli export residents`),
// streamed from storage one at a time. The phone number is private: only
// an xlsx for staff shows it.
func (h *Family) exportResidents() (*linli.Table, error) {
	t := &linli.Table{Kind: "residents", Title: "居民",
		Columns: []linli.Column{
			{Key: "name", Title: "名字"},
			{Key: "nickname", Title: "微信昵称"},
			{Key: "household", Title: "户号"},
			{Key: "bound", Title: "已绑定户号"},
			{Key: "last_group", Title: "最近所在的群"},
			{Key: "phone", Title: "手机"},
			{Key: "first_seen", Title: "首次出现"},
			{Key: "last_seen", Title: "最近出现"},
		},
		Private: []string{"phone"}}
	row := make([]any, len(t.Columns))
	t.Each = func(yield func([]any) error) error {
		return h.Residents.EachResident(func(r *linli.Resident) error {
			row = append(row[:0], r.Name, r.Nickname, r.Household, r.Bound, r.LastGroup, r.Phone, r.FirstSeen, r.LastSeen)
			return yield(row)
		})
	}
	return t, nil
}
