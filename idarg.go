package linli

import "regexp"

// malformedNumber is a number-like word that is no plain item number: a
// minus sign, a decimal point or an exponent ("-1", "-99999999999999999999",
// "1.5", "1e3"), standing alone (a space or the end follows).
var malformedNumber = regexp.MustCompile(`^\s*(#?(?:[-－−—][0-9]+(?:[.．][0-9]+)?(?:[eE][0-9]+)?|[0-9]+[.．][0-9]+(?:[eE][0-9]+)?|[0-9]+[eE][0-9]+))(?:\s|$)`)

// MalformedNumber returns the word command arguments begin with when it
// looks like a number but is not a plain item number ("-1", "1.5", "1e3"),
// "" otherwise. Such an argument gets the command's format or not-found
// message, in a group as privately: it is never read as another number
// ("1.5" as poll 1 with option 5) nor left to the understanding, which
// would offer some other item.
func MalformedNumber(args string) string {
	if m := malformedNumber.FindStringSubmatch(args); m != nil {
		return m[1]
	}
	return ""
}
