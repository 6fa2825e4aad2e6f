package handlers

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"linli"
)

// Party sizes as residents write them, after 报名 <编号> or in a 接龙 line:
// "+1", "加一", "2人", "两位", "+老公", "我和老伴", "和老伴", "带孙子",
// "带两个孩子". A total ("2人") wins over additions; additions add up.

const numWord = `[0-9]+|[一二两俩三四五六七八九十]`

// kinWord lists the family members people bring, longer words first.
const kinWord = `外孙女|外孙子|外孙|孙女|孙子|老伴|老公|老婆|爱人|媳妇|丈夫|妻子|先生|太太|孩子|小孩|儿子|女儿|闺女|宝宝|娃娃|娃|家人|家属|朋友|邻居|老妈|老爸|妈妈|爸爸|母亲|父亲|婆婆|公公|姐姐|妹妹|哥哥|弟弟|奶奶|爷爷|姥姥|姥爷|外婆|外公`

var (
	// partyPlusRe: +1, + 2人, 加1, 加一, 加两位.
	partyPlusRe = regexp.MustCompile(`(?:\+|加)\s*(` + numWord + `)\s*(?:个人|人|位)?`)
	// partyKinRe: +老公, 加老伴, 和老伴, 我和老伴, 带孙子, 带上两个孩子.
	partyKinRe = regexp.MustCompile(`(?:我?(?:和|跟|与|同|及|\+|加)|带(?:上|着)?)\s*(?:(` + numWord + `)\s*个?)?(?:` + kinWord + `)儿?`)
	// partyTotalRe: 2人, 两个人, 共3位, 一共三口人.
	partyTotalRe = regexp.MustCompile(`(?:一共|总共|共)?\s*(` + numWord + `)\s*(?:个人|口人|人|位)`)
	// partyNegRe: -1, +-1: a count below zero.
	partyNegRe = regexp.MustCompile(`(?:^|[\s+])-\s*[0-9]`)
)

// partyWords finds the party-size words in s. It returns s with them blanked
// out (replaced by a space), the number of family members (extra, -1 when s
// says nothing about it), and ok false for a count that makes no sense
// (below zero, zero people, more than MaxExtraPeople family members).
func partyWords(s string) (rest string, extra int, ok bool) {
	if partyNegRe.MatchString(s) {
		return s, -1, false
	}
	plus, total, found := 0, -1, false
	for _, re := range []*regexp.Regexp{partyPlusRe, partyKinRe, partyTotalRe} {
		s = re.ReplaceAllStringFunc(s, func(m string) string {
			n := 1
			if sub := re.FindStringSubmatch(m); sub[1] != "" {
				n = countWord(sub[1])
			}
			found = true
			if re == partyTotalRe {
				total = n
			} else {
				plus += n
			}
			return " "
		})
	}
	switch {
	case !found:
		return s, -1, true
	case total >= 0:
		plus = total - 1
	}
	return s, plus, plus >= 0 && plus <= linli.MaxExtraPeople
}

// countWord reads 2, 两, 十: a count in digits or one Chinese numeral.
func countWord(w string) int {
	if n, err := strconv.Atoi(w); err == nil {
		return n
	}
	return chineseCount[w]
}

var chineseCount = map[string]int{"一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

// cancelLessRe reads how many people 取消报名 <编号> takes off a party:
// +1, 1人, 1个, 一位, 减1, -1.
var cancelLessRe = regexp.MustCompile(`^(?:[+＋加减\-]\s*)?(` + numWord + `)\s*(?:个人|个|人|位|名)?$`)

// parseCancelArgs reads the arguments of 取消报名: an activity number and,
// optionally, how many people to take off the party (less; 0: cancel the
// sign-up).
func parseCancelArgs(args string) (id uint64, less int, ok bool) {
	idText, rest, _ := strings.Cut(strings.Replace(strings.TrimSpace(args), "+", " +", 1), " ")
	if id, ok = parseActivityID(idText); !ok {
		return 0, 0, false
	}
	rest = strings.TrimSpace(signupPunctRe.ReplaceAllString(rest, " "))
	if rest == "" {
		return id, 0, true
	}
	m := cancelLessRe.FindStringSubmatch(strings.ReplaceAll(rest, " ", ""))
	if m == nil || countWord(m[1]) < 1 {
		return 0, 0, false
	}
	return id, countWord(m[1]), true
}

// reduceParty handles 取消报名 <编号> +N: the resident's party shrinks by
// less people. Taking off everyone is asked about: it cancels the sign-up.
func (h *Handlers) reduceParty(req *linli.Request, a *linli.Activity, less int, now time.Time) error {
	s, err := h.Activities.Signup(a.ID, req.Msg.Sender)
	if err != nil && linli.ErrorCode(err) != linli.ENotFound {
		return err
	}
	switch {
	case s == nil || !s.Active():
		return linli.Errorf(linli.EConflict, "%s", textNotSignedUp(a))
	case less >= s.PartySize: // no one would be left: ask rather than guess
		req.Offer("取消报名 " + strconv.FormatUint(a.ID, 10))
		return req.Reply(textReduceAll(a, s.PartySize))
	}
	res, err := h.Activities.SignUp(linli.SignupRequest{
		ActivityID: a.ID, Resident: req.Msg.Sender, Household: s.Household,
		PartySize: s.PartySize - less, Group: s.Group, Source: s.Source, Acked: true, Now: now,
	})
	if err != nil {
		return err
	}
	a = h.local(&res.Activity)
	switch res.Outcome {
	case linli.SignupUpdated:
		err := req.Reply(textPartyReduced(a, &res.Signup))
		h.notifyPromoted(a, res.Promoted)
		return err
	case linli.SignupClosed:
		return linli.Errorf(linli.EConflict, "%s", textTooLateToCancel(a))
	}
	return linli.Errorf(linli.EConflict, "%s", textAlreadySignedUp(a, &res.Signup))
}
