package signup

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"linli"
)

// Parsing and comparing the lines of a native 接龙 (see jielong.go).

// jielongEntry is one numbered line of a 接龙.
type jielongEntry struct {
	Text string // as typed, without its number
	Key  string // Text without spaces, for comparing
}

// jielongPost is a parsed 接龙.
type jielongPost struct {
	Desc    string
	Entries []jielongEntry
}

var (
	entryRe     = regexp.MustCompile(`^([0-9]{1,4})\s*[.、:)]\s*(.*)$`)
	exampleRe   = regexp.MustCompile(`^例(?:如)?(?:\s|:|$)`)
	separatorRe = regexp.MustCompile(`^(?:[-—–_]\s*){3,}$`)
)

// parseJielong reads a 接龙 after its 接龙 header word. A quoted-reply
// separator (- - - - -) ends it. Lines numbered before any entry count as
// entries only from number 3 down, so "11.28 健康讲座" stays description.
func parseJielong(args string) jielongPost {
	var p jielongPost
	var desc []string
	for _, line := range strings.Split(args, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case separatorRe.MatchString(line):
			p.Desc = strings.Join(desc, " ")
			return p
		case line == "" || exampleRe.MatchString(line):
			continue
		}
		if m := entryRe.FindStringSubmatch(line); m != nil {
			if n, _ := strconv.Atoi(m[1]); len(p.Entries) > 0 || n <= 3 {
				if text := strings.TrimSpace(m[2]); text != "" {
					p.Entries = append(p.Entries, jielongEntry{Text: text, Key: entryKey(text)})
				}
				continue
			}
		}
		if len(p.Entries) == 0 {
			desc = append(desc, line)
		}
	}
	p.Desc = strings.Join(desc, " ")
	return p
}

func entryKey(s string) string { return strings.Join(strings.Fields(s), "") }

// namePart is an entry key without its party words (+1, 2人, 和老伴,
// （带孙子）): who the line is about.
func (h *Family) namePart(key string) string {
	rest, extra, _ := h.Lexicon.Party(key)
	if extra < 0 {
		return key
	}
	rest = strings.NewReplacer("()", "", "（）", "", "[]", "", "【】", "").Replace(entryKey(rest))
	return strings.Trim(rest, "-_,，、:：()（）")
}

// entryParty reads the party size of a 接龙 line ("王叔 2人", "刘姐+老公",
// "李奶奶（带孙子）"), or ok false when it makes no sense (see Lexicon.Party).
func (h *Family) entryParty(text string) (party int, ok bool) {
	_, extra, ok := h.Lexicon.Party(entryKey(text))
	return max(extra, 0) + 1, ok
}

// displayText is how a sign-up appears in a 接龙.
func displayText(s *linli.Signup) string {
	if s.Entry != "" {
		return s.Entry
	}
	if s.PartySize > 1 {
		return fmt.Sprintf("%s +%d", s.Resident, s.PartySize-1)
	}
	return s.Resident
}

// householdRe finds a 户号 written in a name: 3-502, 3-1-502, 3栋502.
var householdRe = regexp.MustCompile(`[0-9]+(?:\s*[-_/栋幢号#单元]+\s*[0-9]+)+(?:室|号)?`)

// aliases lists the keys a person may be written as in a 接龙: each name
// given, and each without its 户号 ("3-502 张阿姨" → "张阿姨").
func (h *Family) aliases(names ...string) []string {
	var out []string
	for _, n := range names {
		k := h.namePart(entryKey(n))
		out = append(out, k)
		if bare := strings.Trim(householdRe.ReplaceAllString(k, ""), "-_/()（）"); bare != "" && bare != k {
			out = append(out, bare)
		}
	}
	return out
}

// namesAny reports whether a line (its key) names one of the aliases: the
// same name, or one containing the other (at least two characters).
func (h *Family) namesAny(lineKey string, names []string) bool {
	line := h.namePart(lineKey)
	for _, n := range names {
		if n == line || (len([]rune(n)) >= 2 && len([]rune(line)) >= 2 && (strings.Contains(line, n) || strings.Contains(n, line))) {
			return true
		}
	}
	return false
}

func (h *Family) ownedByOther(lineKey string, others [][]string) bool {
	for _, names := range others {
		if h.namesAny(lineKey, names) {
			return true
		}
	}
	return false
}
