package linli

import (
	"regexp"
	"strings"
)

// Private data a resident may type: a mainland mobile number (11 digits
// from 13x to 19x, possibly written 139 1234 5678 or 139-1234-5678) and an
// ID-card number (18 characters, the last a digit or X). Neither may ever
// be repeated into a group (DESIGN.md "Identity", issue 12): MaskPrivate
// hides all but a few digits, enough for the person to recognise their own.
var (
	mobileNumber = regexp.MustCompile(`(^|[^0-9])(1[3-9][0-9])[ .·-]?([0-9]{4})[ .·-]?([0-9]{4})($|[^0-9])`)
	// A landline with its area code: 0571-88886666, 010 12345678.
	landlineNumber = regexp.MustCompile(`(^|[^0-9])(0[1-9][0-9]{1,2})[ .·-]?([0-9]{3,4})([0-9]{4})($|[^0-9])`)
	idCardNumber   = regexp.MustCompile(`(^|[^0-9])([1-9][0-9]{5})((?:19|20)[0-9]{2}[01][0-9][0-3][0-9][0-9]{3})([0-9Xx])($|[^0-9A-Za-z])`)
)

// MaskPrivate returns s with every mobile number shown as 139****5678 and
// every ID-card number as 110101********123X. Text without either is
// returned unchanged (the same string).
func MaskPrivate(s string) string {
	s = asciiDigits(s)
	if !hasDigitRun(s, 10) {
		return s
	}
	s = replaceAllOverlapping(idCardNumber, s, func(m []string) string {
		return m[1] + m[2] + strings.Repeat("*", 8) + m[3][len(m[3])-3:] + m[4] + m[5]
	})
	s = replaceAllOverlapping(mobileNumber, s, func(m []string) string {
		return m[1] + m[2] + "****" + m[4] + m[5]
	})
	return replaceAllOverlapping(landlineNumber, s, func(m []string) string {
		return m[1] + m[2] + "-****" + m[4] + m[5]
	})
}

// asciiDigits writes the digits of numbers people type in other forms as
// ASCII, so that MaskPrivate finds them: full-width ones (１３９…) always,
// and Chinese numerals (一三九一二三四…, 零, 〇, 幺) where eleven or more
// stand in a row, which only a phone or ID number does. s is returned
// unchanged (the same string) when it has neither.
func asciiDigits(s string) string {
	if !strings.ContainsAny(s, "０１２３４５６７８９零〇一二三四五六七八九幺") {
		return s
	}
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		if rs[i] >= '０' && rs[i] <= '９' {
			rs[i] = '0' + (rs[i] - '０')
		}
	}
	for i := 0; i < len(rs); {
		j := i
		for j < len(rs) && chineseDigit(rs[j]) >= 0 {
			j++
		}
		if j-i >= 11 {
			for k := i; k < j; k++ {
				rs[k] = '0' + rune(chineseDigit(rs[k]))
			}
		}
		if j == i {
			j++
		}
		i = j
	}
	return string(rs)
}

// chineseDigit is the value of a Chinese numeral digit, -1 for anything
// else.
func chineseDigit(r rune) int {
	switch r {
	case '零', '〇':
		return 0
	case '一', '幺':
		return 1
	}
	if i := strings.IndexRune("二三四五六七八九", r); i >= 0 {
		return i/3 + 2
	}
	return -1
}

// HasPrivate reports whether s carries a mobile or ID-card number that
// MaskPrivate would hide.
func HasPrivate(s string) bool { return MaskPrivate(s) != s }

// replaceAllOverlapping replaces every match of re in s with repl of its
// submatches. The patterns consume one character of context on each side,
// so two numbers separated by one character need a second pass: it loops
// until nothing changes.
func replaceAllOverlapping(re *regexp.Regexp, s string, repl func([]string) string) string {
	for i := 0; i < 4; i++ {
		next := re.ReplaceAllStringFunc(s, func(m string) string { return repl(re.FindStringSubmatch(m)) })
		if next == s {
			break
		}
		s = next
	}
	return s
}

// hasDigitRun reports whether s holds at least n digits (a cheap test
// before the regular expressions).
func hasDigitRun(s string, n int) bool {
	c := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			if c++; c >= n {
				return true
			}
		}
	}
	return false
}

// MaskHousehold returns s with every 户号 written in it (ParseHousehold's
// patterns: 3栋502室, 3号楼1单元502, 3-502) shown as its building and
// "***" (3栋***, 3号楼***): the place stays useful, the door does not go
// into a group. Text without one is returned unchanged.
func MaskHousehold(s string) string {
	for i := 0; i < 4; i++ {
		next := maskNamedHousehold(maskDashedHousehold(s))
		if next == s {
			break
		}
		s = next
	}
	return s
}

// MaskForGroup is what of a resident's text may be shown in a group (the
// residents' groups and the staff group alike): MaskPrivate, then
// MaskHousehold. Shorten text only after masking it: a cut number
// ("139123456…") is no longer found.
func MaskForGroup(s string) string { return MaskHousehold(MaskPrivate(s)) }

func maskNamedHousehold(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range householdNamed.FindAllStringSubmatchIndex(s, -1) {
		// m[2:4] the building, m[4:6] the unit (may be absent), m[6:8] the room.
		next := m[6]
		if m[4] >= 0 {
			next = m[4]
		}
		marker := strings.TrimRight(s[m[3]:next], " \t\n-_—/")
		b.WriteString(s[last:m[3]])
		b.WriteString(strings.TrimLeft(marker, " \t\n"))
		b.WriteString("***")
		last = m[1]
	}
	if last == 0 {
		return s
	}
	return b.String() + s[last:]
}

func maskDashedHousehold(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range householdDashed.FindAllStringSubmatchIndex(s, -1) {
		// m[2:4] the building, m[6:8] the room; the match's first and
		// last characters may be context, which stays.
		b.WriteString(s[last:m[2]])
		b.WriteString(s[m[2]:m[3]] + "栋***")
		last = m[7]
		if strings.HasPrefix(s[last:], "室") {
			last += len("室")
		}
	}
	if last == 0 {
		return s
	}
	return b.String() + s[last:]
}
