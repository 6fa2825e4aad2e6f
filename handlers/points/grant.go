package points

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"linli"
	"linli/textnorm"
)

// grantRe reads "<名字> <分数> <原因>": the name may hold spaces ("3-502
// 张阿姨"), so it is everything before the first number standing alone. A
// sign (ASCII, full-width, the minus sign) is read so that it can be
// refused: 加积分 adds, 扣积分 deducts, a sign never flips them.
var grantRe = regexp.MustCompile(`^(.+?)\s+([+\-－−﹣＋]?)\s*([0-9]+)\s*(?:分|积分)?(?:\s+(.*))?$`)

// grant handles 加积分 <名字> <N> <原因>.
func (h *Family) grant(ctx context.Context, req *linli.Request) error {
	return h.move(req, 1, textGrantUsage)
}

// deduct handles 扣积分 <名字> <N> <原因>.
func (h *Family) deduct(ctx context.Context, req *linli.Request) error {
	return h.move(req, -1, textDeductUsage)
}

// move changes a resident's points by sign × N, with a reason, logged as
// an entry by the staff member, and tells the resident.
func (h *Family) move(req *linli.Request, sign int, usage string) error {
	m := grantRe.FindStringSubmatch(strings.TrimSpace(req.Args))
	if m == nil {
		return linli.Errorf(linli.EInvalid, "%s", usage)
	}
	if m[2] != "" && m[2] != "+" && m[2] != "＋" {
		return linli.Errorf(linli.EInvalid, "%s", textGrantNoSign(sign, usage))
	}
	n, err := strconv.Atoi(m[3])
	if err != nil || n == 0 || n > maxGrant {
		return linli.Errorf(linli.EInvalid, "分数应是 1 到 %d 之间的整数（每条命令最多%d分）。\n%s", maxGrant, maxGrant, usage)
	}
	reason := textnorm.ChinesePunctBrackets(strings.TrimSpace(m[4]))
	switch {
	case reason == "":
		return linli.Errorf(linli.EInvalid, "请写上原因，居民会看到。\n%s", usage)
	case len([]rune(reason)) > maxReason:
		return linli.Errorf(linli.EInvalid, "原因最多%d个字。", maxReason)
	}
	name := strings.TrimSpace(m[1])
	who, same, err := h.findResident(name)
	if err != nil {
		return err
	}
	if same != nil {
		// Which one? The 户号 that tell them apart are told privately only.
		if req.Msg.Private() {
			return linli.Errorf(linli.EInvalid, "%s", textSameName(name, same, true))
		}
		if h.teller().Reachable(req.Msg.Sender) {
			if err := h.Out.Send(linli.Outgoing{To: linli.Chat{User: req.Msg.Sender}, Text: textSameName(name, same, true), Private: true}); err != nil {
				return err
			}
			return linli.Errorf(linli.EInvalid, "有%d位居民叫「%s」，已私聊您每一位的户号，请照私聊里的写法重发。", len(same), name)
		}
		return linli.Errorf(linli.EInvalid, "%s", textSameName(name, same, false))
	}
	amount := sign * n
	kindWord := "加"
	if amount < 0 {
		kindWord = "扣"
	}
	if err := h.ensureStars(); err != nil {
		return err
	}
	e, _, err := h.Points.AddPoints(linli.PointsEntry{Resident: who.Name, Household: who.Household, Amount: amount,
		Kind: linli.PointsGrant, Reason: reason, By: req.Msg.Sender, CreatedAt: req.Now.In(h.Config.Location)}, 0)
	if linli.ErrorCode(err) == linli.EConflict {
		bal, _ := h.Points.PointsBalance(who.Name)
		return linli.Errorf(linli.EConflict, "%s现有%d分，不能扣%d分（积分不能为负）。", who.Name, bal.Balance, -amount)
	}
	if err != nil {
		return err
	}
	h.Logger.Info("points granted", "resident", who.Name, "amount", amount, "by", req.Msg.Sender, "reason", reason)
	if err := h.tellPrivately(who.Name, textGranted(kindWord, e), ""); err != nil {
		return err
	}
	return h.answerPrivately(req, textGrantDone(who.Name, kindWord, e), textGrantDonePublic)
}

// findResident finds the resident staff mean by name: the exact name they
// speak under ("张阿姨", "张阿姨(2)"), their WeChat nickname, the name after
// a 户号 in their name ("张阿姨" for "3-502 张阿姨"), or "户号 名字"
// ("3栋502 张阿姨") for the resident of that household with that name. When
// more than one resident answers to the name — two 张阿姨, one of them
// stored as "张阿姨(2)" — nobody is picked: points go to one person, so
// staff are asked which one: findResident returns them all instead, and
// textSameName says how to write each one. A name in 「」 is exactly that
// stored name.
func (h *Family) findResident(name string) (*linli.Resident, []*linli.Resident, error) {
	if q, ok := quotedName(name); ok { // 「张阿姨」: exactly that stored name
		r, err := h.Residents.Resident(q)
		if linli.ErrorCode(err) == linli.ENotFound {
			return nil, nil, linli.Errorf(linli.ENotFound, "没有找到名字正好是「%s」的居民。", q)
		}
		return r, nil, err
	}
	exact, err := h.Residents.Resident(name)
	if err != nil && linli.ErrorCode(err) != linli.ENotFound {
		return nil, nil, err
	}
	all, err := h.Residents.Residents()
	if err != nil {
		return nil, nil, err
	}
	hh, rest, qualified := householdQualified(name)
	var found []*linli.Resident
	for _, r := range all {
		switch {
		case exact != nil && r.Name == exact.Name:
			found = append(found, r)
		case qualified:
			if r.Household == hh && answersTo(r, rest) {
				found = append(found, r)
			}
		case answersTo(r, name):
			found = append(found, r)
		}
	}
	if exact != nil && len(found) == 0 { // a store whose list lags its lookups
		found = append(found, exact)
	}
	switch len(found) {
	case 0:
		return nil, nil, linli.Errorf(linli.ENotFound, "没有找到居民「%s」。请写对方在群里的名字，如「3-502 张阿姨」。", name)
	case 1:
		return found[0], nil, nil
	}
	return nil, found, nil
}

// textSameName asks staff which of found they mean by name, with a way to
// write each one that names only them: "户号 名字" for a resident with a
// 户号 no other one of them shares, else the stored name in 「」.
// withHouseholds is false for a group: there the question names no 户号.
func textSameName(name string, found []*linli.Resident, withHouseholds bool) string {
	if !withHouseholds {
		return fmt.Sprintf("有%d位居民叫「%s」。请私聊我再发一次，我会列出每一位的户号；或写「户号 名字」，如「3栋502 %s」。", len(found), name, bareName(distinctBase(name)))
	}
	perHousehold := map[string]int{}
	for _, r := range found {
		perHousehold[r.Household]++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "有%d位居民叫「%s」，请指明是哪一位，照下面的写法重发：", len(found), name)
	for _, r := range found {
		way := "「" + r.Name + "」"
		if r.Household != "" && perHousehold[r.Household] == 1 {
			way = r.Household + " " + bareName(distinctBase(r.Name))
		}
		where := "未登记户号"
		if r.Household != "" {
			where = r.Household
		}
		fmt.Fprintf(&b, "\n· %s（%s）：写 %s", r.Name, where, way)
	}
	return b.String()
}

// quotedName is the name inside 「」, “” or "" ("「张阿姨」" → "张阿姨").
func quotedName(s string) (string, bool) {
	for _, q := range [][2]string{{"「", "」"}, {"“", "”"}, {`"`, `"`}, {"『", "』"}} {
		if len(s) > len(q[0])+len(q[1]) && strings.HasPrefix(s, q[0]) && strings.HasSuffix(s, q[1]) {
			return strings.TrimSpace(s[len(q[0]) : len(s)-len(q[1])]), true
		}
	}
	return "", false
}

// answersTo reports whether staff writing name may mean r: r's name, its
// nickname, the name after its 户号, or the name it was made distinct from
// ("张阿姨" for "张阿姨(2)").
func answersTo(r *linli.Resident, name string) bool {
	return r.Name == name || r.Nickname == name || bareName(r.Name) == name || distinctBase(r.Name) == name
}

// distinctBase is the name a stored name was made distinct from
// ("张阿姨(2)" → "张阿姨"), or the name itself.
func distinctBase(stored string) string {
	if i := strings.LastIndex(stored, "("); i > 0 && strings.HasSuffix(stored, ")") {
		if _, err := strconv.Atoi(stored[i+1 : len(stored)-1]); err == nil {
			return stored[:i]
		}
	}
	return stored
}

// householdQualified splits "3栋502 张阿姨" into the canonical 户号 and the
// name; ok is false without a leading 户号 and a name after it.
func householdQualified(s string) (household, name string, ok bool) {
	head, rest, found := strings.Cut(s, " ")
	if !found || strings.TrimSpace(rest) == "" {
		return "", "", false
	}
	hh, ok := linli.ParseHousehold(textnorm.Fold(head))
	if !ok {
		return "", "", false
	}
	return hh.String(), strings.TrimSpace(rest), true
}

// bareName is a display name without a leading 户号 ("3-502 张阿姨" →
// "张阿姨").
func bareName(display string) string {
	if i := strings.LastIndexAny(display, " -_"); i > 0 && i+1 < len(display) && strings.ContainsAny(display[:i], "0123456789") {
		return strings.TrimSpace(display[i+1:])
	}
	return display
}
