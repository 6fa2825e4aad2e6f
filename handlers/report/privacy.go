package report

import "regexp"

// What may never reach a group as typed: an 11-digit mainland mobile number
// and an 18-character ID number (also written with spaces or dashes between
// the digit groups of a mobile number).
var (
	reportMobileRe = regexp.MustCompile(`(^|[^0-9])(1[3-9][0-9])[- ]?([0-9]{4})[- ]?([0-9]{4})($|[^0-9])`)
	reportIDRe     = regexp.MustCompile(`(^|[^0-9])([1-9][0-9]{5})([0-9]{8})([0-9]{3})([0-9Xx])($|[^0-9])`)
)

// maskPrivate masks the mobile and ID numbers in s: 138****5678 and
// 110101********123X. Text bound for a group goes through it.
func maskPrivate(s string) string {
	for range 2 { // twice: numbers one character apart share that character
		s = reportIDRe.ReplaceAllString(s, "${1}${2}********${4}${5}${6}")
		s = reportMobileRe.ReplaceAllString(s, "${1}${2}****${4}${5}")
	}
	return s
}
