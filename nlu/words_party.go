package nlu

import (
	"regexp"
	"strconv"

	"linli"
)

// Party sizes as residents write them, after 报名 <编号> or in a 接龙 line:
// "+1", "加一", "2人", "两位", "+老公", "我和老伴", "和老伴", "带孙子",
// "带两个孩子", "我们一家五口". A total ("2人") wins over additions; additions add up.

const lexNumWord = `[0-9]+|[一二两俩三四五六七八九十]`

// lexKinWord lists the family members people bring, longer words first.
const lexKinWord = `外孙女|外孙子|外孙|孙女|孙子|老伴|老公|老婆|爱人|媳妇|丈夫|妻子|先生|太太|孩子|小孩|儿子|女儿|闺女|宝宝|娃娃|娃|家人|家属|朋友|邻居|老妈|老爸|妈妈|爸爸|母亲|父亲|婆婆|公公|姐姐|妹妹|哥哥|弟弟|奶奶|爷爷|姥姥|姥爷|外婆|外公`

var (
	// lexPartyPlus: +1, + 2人, 加1, 加一, 加两位.
	lexPartyPlus = regexp.MustCompile(`(?:\+|加)\s*(` + lexNumWord + `)\s*(?:个人|人|位)?`)
	// lexPartyKin: +老公, 加老伴, 和老伴, 我和老伴, 带孙子, 带上两个孩子.
	lexPartyKin = regexp.MustCompile(`(?:我?(?:和|跟|与|同|及|\+|加)|带(?:上|着)?)\s*(?:(` + lexNumWord + `)\s*个?)?(?:` + lexKinWord + `)儿?`)
	// lexPartyTotal: 2人, 两个人, 共3位, 一共三口人.
	lexPartyTotal = regexp.MustCompile(`(?:一共|总共|共)?\s*(` + lexNumWord + `)\s*(?:个人|口人|人|位)`)
	// lexPartyFamily: 一家五口, 我们一家三口, 我们家三口人, 全家4口: a total.
	lexPartyFamily = regexp.MustCompile(`(?:我们|咱们|俺们|我|咱|俺)?(?:一家|全家|家)\s*(` + lexNumWord + `)\s*口人?`)
	// lexPartyNeg: -1, +-1: a count below zero.
	lexPartyNeg = regexp.MustCompile(`(?:^|[\s+])-\s*[0-9]`)
)

// Party finds the party-size words in s. It returns s with them blanked
// out (replaced by a space), the number of family members (extra, -1 when s
// says nothing about it), and ok false for a count that makes no sense
// (below zero, zero people, more than MaxExtraPeople family members).
func (WordLists) Party(s string) (rest string, extra int, ok bool) {
	if lexPartyNeg.MatchString(s) {
		return s, -1, false
	}
	plus, total, found := 0, -1, false
	for _, re := range []*regexp.Regexp{lexPartyPlus, lexPartyKin, lexPartyFamily, lexPartyTotal} {
		s = re.ReplaceAllStringFunc(s, func(m string) string {
			n := 1
			if sub := re.FindStringSubmatch(m); sub[1] != "" {
				n = lexCountWord(sub[1])
			}
			found = true
			if re == lexPartyTotal || re == lexPartyFamily {
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

// PartyCut splits s where its party words begin ("健康讲座我和老伴" →
// "健康讲座", "我和老伴"); party is "" when there are none. Party words at
// the very start do not count: they would leave no title.
func (WordLists) PartyCut(s string) (title, party string) {
	head := s
	for _, re := range []*regexp.Regexp{lexPartyPlus, lexPartyKin, lexPartyFamily, lexPartyTotal, lexPartyNeg} {
		if m := re.FindStringIndex(head); m != nil && m[0] > 0 {
			head = head[:m[0]]
		}
	}
	return head, s[len(head):]
}

// PartyLess reads how many people a cancellation takes off a party: +1,
// 1人, 1个, 一位, 减1, -1 (spaces already removed).
func (WordLists) PartyLess(s string) (int, bool) {
	m := lexPartyLess.FindStringSubmatch(s)
	if m == nil || lexCountWord(m[1]) < 1 {
		return 0, false
	}
	return lexCountWord(m[1]), true
}

// lexCountWord reads 2, 两, 十: a count in digits or one Chinese numeral.
func lexCountWord(w string) int {
	if n, err := strconv.Atoi(w); err == nil {
		return n
	}
	return lexCount[w]
}

var lexCount = map[string]int{"一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

// lexPartyLess reads how many people 取消报名 <编号> takes off a party:
// +1, 1人, 1个, 一位, 减1, -1.
var lexPartyLess = regexp.MustCompile(`^(?:[+＋加减\-]\s*)?(` + lexNumWord + `)\s*(?:个人|个|人|位|名)?$`)
