package report

import "linli"

// maskPrivate masks the mobile, landline and ID numbers in s
// (linli.MaskPrivate): 138****5678, 0571-****6666, 110101********123X.
// Text bound for a group goes through it.
func maskPrivate(s string) string { return linli.MaskPrivate(s) }
