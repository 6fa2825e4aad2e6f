package report

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

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

// leadingIDs reads the report numbers that start arguments: "1 2 3",
// "1,2、3", "#1 #2". It stops at the first word that is not a number.
func leadingIDs(args string) []uint64 {
	var ids []uint64
	for _, w := range strings.FieldsFunc(args, func(r rune) bool { return strings.ContainsRune(" ,，、;；", r) }) {
		id, rest, ok := parseID(w)
		if !ok || rest != "" {
			break
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids
}

// onlyIDs reports whether s is nothing but report numbers ("2 3").
func onlyIDs(s string) bool {
	return strings.Trim(s, " ,，、;；#号0123456789") == "" && len(leadingIDs(s)) > 0
}

// idGlued matches a number run into a note ("办结1已修好"); words that make
// the number part of the note ("1号楼", "2点") are excluded by the caller.
var idGlued = regexp.MustCompile(`^#?([0-9]{1,9})(\p{Han}.*)$`)

// noteIDOrUsage is idOrUsage for commands whose number is followed by a
// note, which may run straight on: "办结1已修好" is 办结 1 已修好.
func noteIDOrUsage(req *linli.Request, usage string) (uint64, string, error) {
	if m := idGlued.FindStringSubmatch(req.Args); m != nil {
		id, err := strconv.ParseUint(m[1], 10, 64)
		glued := false
		for _, w := range []string{"号", "栋", "楼", "单元", "点", "个", "天", "分", "元", "层", "次"} {
			glued = glued || strings.HasPrefix(m[2], w)
		}
		if err == nil && id > 0 && !glued {
			return id, strings.TrimSpace(m[2]), nil
		}
	}
	return idOrUsage(req, usage)
}

// idOrUsage reads the report number of a command. A resident's unaddressed
// group message whose words after the command word are not a number was
// chatter ("评价一下"): ErrNotCommand. Otherwise a missing number gets usage.
// A malformed number ("进度 -1", "进度 1.5") is a command all the same: the
// usage, never chatter left to the understanding (which would offer some
// other item, red-team round 7).
func idOrUsage(req *linli.Request, usage string) (uint64, string, error) {
	id, rest, ok := parseID(req.Args)
	if ok {
		return id, rest, nil
	}
	if linli.MalformedNumber(req.Args) != "" {
		return 0, "", linli.Errorf(linli.EInvalid, "%s", usage)
	}
	if !req.Msg.Addressed && req.Msg.Role == linli.RoleResident {
		return 0, "", linli.ErrNotCommand
	}
	return 0, "", linli.Errorf(linli.EInvalid, "%s", usage)
}

// residentNotFound words an unknown report number for a resident.
func (h *Family) residentNotFound(err error, id uint64) error {
	if linli.ErrorCode(err) == linli.ENotFound {
		return linli.Errorf(linli.ENotFound, textReportNoSuch, id)
	}
	return err
}

// workerNotFound words an unknown report number for a worker (who finds
// numbers under 待办, not 我的上报).
func (h *Family) workerNotFound(err error, id uint64) error {
	if linli.ErrorCode(err) == linli.ENotFound {
		return linli.Errorf(linli.ENotFound, textReportNoSuchWorker, id)
	}
	return err
}

// cutRunes shortens s to n runes, marking the cut with "…". A cut never
// ends inside a number: the digits before it go too, so that no part of a
// phone number ("1391234…", which the masking no longer recognises) is kept
// of a long description stored or shown.
func cutRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	end := n
	if isDigit(r[n]) {
		for end > 0 && (isDigit(r[end-1]) || r[end-1] == '-' || r[end-1] == ' ') {
			end--
		}
		if end == 0 {
			end = n // nothing but a number: cut it as it is
		}
	}
	return string(r[:end]) + "…"
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }
