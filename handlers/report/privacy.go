package report

import "linli"

// maskPrivate masks the mobile, landline and ID numbers in s
// (linli.MaskPrivate): 138****5678, 0571-****6666, 110101********123X.
// Text bound for a group goes through it.
func maskPrivate(s string) string { return linli.MaskPrivate(s) }

// groupCut is a resident's text as a group may see it, shortened to n
// runes: masked first (linli.MaskForGroup: phone, ID and 户号), then cut, so
// that no cut number ("139123456…") escapes the masking.
func groupCut(s string, n int) string { return cutRunes(linli.MaskForGroup(s), n) }
