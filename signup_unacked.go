package linli

// Unacked reports whether s, made in group, waits for the group to be told
// of its latest change (what ActivityService.UnackedSignups lists): not
// marked acknowledged, made in group, and active or cancelled with the
// cancellation to tell.
func (s *Signup) Unacked(group string) bool {
	return !s.Acked && s.Group == group && (s.Active() || s.Change == ChangeCancelled)
}
