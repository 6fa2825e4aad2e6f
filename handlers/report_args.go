package handlers

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"linli"
)

// idArg matches a report number at the start of arguments: "3", "#3", "3号".
var idArg = regexp.MustCompile(`^#?\s*([0-9]{1,9})(?:号)?(?:\s+|$)`)

// parseID splits "3 已更换灯泡" into 3 and "已更换灯泡".
func parseID(args string) (uint64, string, bool) {
	m := idArg.FindStringSubmatchIndex(args)
	if m == nil {
		return 0, args, false
	}
	id, err := strconv.ParseUint(args[m[2]:m[3]], 10, 64)
	if err != nil || id == 0 {
		return 0, args, false
	}
	return id, strings.TrimSpace(args[m[1]:]), true
}

// idOrUsage reads the report number of a command. A resident's unaddressed
// group message whose words after the command word are not a number was
// chatter ("评价一下"): ErrNotCommand. Otherwise a missing number gets usage.
func idOrUsage(req *linli.Request, usage string) (uint64, string, error) {
	id, rest, ok := parseID(req.Args)
	if ok {
		return id, rest, nil
	}
	if !req.Msg.Addressed && req.Msg.Role == linli.RoleResident {
		return 0, "", linli.ErrNotCommand
	}
	return 0, "", linli.Errorf(linli.EInvalid, "%s", usage)
}

// meaningful reports whether a description has at least two letters.
func meaningful(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n >= 2
}

// fullWidth maps ASCII punctuation to the Chinese forms that normalisation
// (NFKC) folded them from.
var fullWidth = map[rune]rune{',': '，', '!': '！', '?': '？', ':': '：', ';': '；', '(': '（', ')': '）'}

// chinesePunct restores Chinese punctuation next to Chinese characters in
// text shown back to people ("不亮,晚上" → "不亮，晚上"); brackets become
// full-width in any text with Chinese in it.
func chinesePunct(s string) string {
	rs := []rune(s)
	han := strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
	for i, r := range rs {
		fw, ok := fullWidth[r]
		if !ok {
			continue
		}
		if (han && (r == '(' || r == ')')) ||
			(i > 0 && unicode.Is(unicode.Han, rs[i-1])) || (i+1 < len(rs) && unicode.Is(unicode.Han, rs[i+1])) {
			rs[i] = fw
		}
	}
	return string(rs)
}

// cutRunes shortens s to n runes, marking the cut with "…".
func cutRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
