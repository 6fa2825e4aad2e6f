package poll

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pollNumber is the poll number that starts the arguments of 投票: digits,
// or a Chinese numeral (一 … 九十九) followed by a space, 号, a comma or
// nothing ("投票 一 满意"; "投票一下" is not poll 1).
type pollNumber struct {
	id     uint64
	rest   string // what follows, trimmed
	joined bool   // rest follows the number without a space ("投票1植物园")
}

// splitPollRef reads a poll number at the start of args.
func splitPollRef(args string) (pollNumber, bool) {
	var n pollNumber
	i := 0
	for i < len(args) && i < 6 && args[i] >= '0' && args[i] <= '9' {
		i++
	}
	if i > 0 {
		if i < len(args) && args[i] >= '0' && args[i] <= '9' {
			return n, false // more than six digits: not a poll number
		}
		n.id, _ = strconv.ParseUint(args[:i], 10, 64)
	} else {
		for _, r := range args {
			if !strings.ContainsRune(zhDigits, r) || i >= 3*3 {
				break
			}
			i += utf8.RuneLen(r)
		}
		id, ok := zhNumber(args[:i])
		if !ok {
			return n, false
		}
		next, _ := utf8.DecodeRuneInString(args[i:])
		if i < len(args) && !unicode.IsSpace(next) && !strings.ContainsRune("号,，:：", next) {
			return n, false
		}
		n.id = id
	}
	rest := strings.TrimPrefix(args[i:], "号")
	trimmed := strings.TrimLeft(rest, " \t,，:：")
	n.rest = strings.TrimSpace(trimmed)
	n.joined = n.rest != "" && len(trimmed) == len(rest)
	return n, n.id > 0
}

const zhDigits = "零一二两三四五六七八九十"

// zhNumber reads a Chinese numeral from 一 to 九十九.
func zhNumber(s string) (uint64, bool) {
	digit := func(r rune) (uint64, bool) {
		i := strings.IndexRune("零一二三四五六七八九", r)
		if r == '两' {
			return 2, true
		}
		if i < 0 {
			return 0, false
		}
		return uint64(utf8.RuneCountInString("零一二三四五六七八九"[:i])), true
	}
	rs := []rune(s)
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10, true
	case len(rs) == 1:
		return digit(rs[0])
	case len(rs) == 2 && rs[0] == '十':
		d, ok := digit(rs[1])
		return 10 + d, ok && d > 0
	case len(rs) == 2 && rs[1] == '十':
		d, ok := digit(rs[0])
		return 10 * d, ok && d > 1
	case len(rs) == 3 && rs[1] == '十':
		a, ok1 := digit(rs[0])
		b, ok2 := digit(rs[2])
		return 10*a + b, ok1 && ok2 && a > 1 && b > 0
	}
	return 0, false
}
