package points

import "linli"

// staffPrivately wraps a staff command: typed in a residents' group, what
// it answers (a confirmation naming a resident, their balance, the reason)
// goes to the sender privately, errors too (tell.Teller.Privately, the same
// rule as 随手拍's worker commands).
func (h *Family) staffPrivately(next linli.HandlerFunc) linli.HandlerFunc {
	return h.teller().Privately(next, "")
}
