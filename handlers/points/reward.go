package points

import (
	"context"
	"regexp"
	"strconv"
	"strings"

	"linli"
	"linli/textnorm"
)

// Limits of a reward.
const (
	maxRewardName = 20
	maxRewardNote = 60
	maxRewardCost = 100000
	maxStock      = 10000
)

var (
	shelfLabel = regexp.MustCompile(`(积分|数量|库存|说明|备注)\s*:\s*`)
	numberRe   = regexp.MustCompile(`^([0-9]{1,7})\s*(?:分|积分|件|个|份|张|套)?$`)
	idRe       = regexp.MustCompile(`^#?([0-9]{1,9})(?:\s+(.*))?$`)
	// redeemNumberRe is a signed or otherwise odd number after 兑换; redeemCountRe a count after the number.
	redeemNumberRe = regexp.MustCompile(`^[-－−+＋]\s*[0-9]+$`)
	redeemCountRe  = regexp.MustCompile(`^[-－−+＋]?\s*[0-9一二两三四五六七八九十]+\s*(?:件|个|份|张|袋)?$`)
)

// parseShelve reads 上架 <名称> 积分:<N> [数量:<N>] [说明:…].
func parseShelve(args string) (linli.Reward, error) {
	bad := func(why string) error {
		return linli.Errorf(linli.EInvalid, "%s\n%s", why, textShelveUsage)
	}
	var r linli.Reward
	locs := shelfLabel.FindAllStringSubmatchIndex(args, -1)
	if len(locs) == 0 {
		return r, bad("请写上要多少积分，如「积分:20」。")
	}
	r.Name = strings.TrimSpace(args[:locs[0][0]])
	fields := map[string]string{}
	for i, l := range locs {
		end := len(args)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		label := args[l[2]:l[3]]
		switch label {
		case "库存":
			label = "数量"
		case "备注":
			label = "说明"
		}
		if _, dup := fields[label]; dup {
			return r, bad("「" + label + ":」写了两次。")
		}
		fields[label] = strings.TrimSpace(args[l[1]:end])
	}
	switch n := len([]rune(r.Name)); {
	case n == 0:
		return r, bad("请写上兑换品的名称。")
	case n > maxRewardName:
		return r, bad("名称最多" + strconv.Itoa(maxRewardName) + "个字。")
	}
	cost, ok := fields["积分"]
	if !ok {
		return r, bad("请写上要多少积分，如「积分:20」。")
	}
	m := numberRe.FindStringSubmatch(cost)
	if m == nil {
		return r, bad("积分「" + cost + "」看不懂，请写数字，如「积分:20」。")
	}
	if r.Cost, _ = strconv.Atoi(m[1]); r.Cost < 1 || r.Cost > maxRewardCost {
		return r, bad("积分应在 1 到 " + strconv.Itoa(maxRewardCost) + " 之间。")
	}
	if q, ok := fields["数量"]; ok && !noLimit(q) {
		m := numberRe.FindStringSubmatch(q)
		if m == nil {
			return r, bad("数量「" + q + "」看不懂，请写数字，如「数量:10」；不限数量就不写。")
		}
		r.Stock, _ = strconv.Atoi(m[1])
		if r.Stock < 1 || r.Stock > maxStock {
			return r, bad("数量应在 1 到 " + strconv.Itoa(maxStock) + " 之间。")
		}
		r.Limited = true
	}
	r.Note = textnorm.ChinesePunctBrackets(fields["说明"])
	if len([]rune(r.Note)) > maxRewardNote {
		return r, bad("说明最多" + strconv.Itoa(maxRewardNote) + "个字。")
	}
	return r, nil
}

func noLimit(s string) bool {
	switch s {
	case "不限", "无限", "不限量", "不限制":
		return true
	}
	return false
}

// shelve handles 上架.
func (h *Family) shelve(ctx context.Context, req *linli.Request) error {
	r, err := parseShelve(req.Args)
	if err != nil {
		return err
	}
	r.OnShelf, r.CreatedBy, r.CreatedAt = true, req.Msg.Sender, req.Now
	if err := h.Rewards.CreateReward(&r); err != nil {
		return err
	}
	return req.Reply(textShelved(r))
}

// rewardID reads the number of a reward or redemption, and what follows.
func rewardID(args string) (uint64, string, bool) {
	m := idRe.FindStringSubmatch(strings.TrimSpace(args))
	if m == nil {
		return 0, "", false
	}
	id, err := strconv.ParseUint(m[1], 10, 64)
	return id, strings.TrimSpace(m[2]), err == nil && id > 0
}

// unshelve handles 下架 <编号>.
func (h *Family) unshelve(ctx context.Context, req *linli.Request) error {
	id, _, ok := rewardID(req.Args)
	if !ok {
		return linli.Errorf(linli.EInvalid, "%s", textUnshelveUsage)
	}
	r, err := h.Rewards.RemoveReward(id, req.Now)
	if err != nil {
		return err
	}
	held, err := h.heldOf(r.ID)
	if err != nil {
		return err
	}
	return req.Reply(textUnshelved(*r, held))
}

// heldOf counts the redemptions of reward id still held.
func (h *Family) heldOf(id uint64) (int, error) {
	reds, err := h.Rewards.Redemptions()
	if err != nil {
		return 0, err
	}
	n := 0
	for _, x := range reds {
		if x.RewardID == id && x.Status == linli.RedemptionHeld {
			n++
		}
	}
	return n, nil
}

// redeem handles 兑换 (the rewards on the shelf) and 兑换 <编号>.
func (h *Family) redeem(ctx context.Context, req *linli.Request) error {
	if strings.TrimSpace(req.Args) == "" {
		rewards, err := h.Rewards.Rewards()
		if err != nil {
			return err
		}
		var on []linli.Reward
		for _, r := range rewards {
			if r.OnShelf {
				on = append(on, r)
			}
		}
		bal, err := h.Points.PointsBalance(req.Msg.Sender)
		if err != nil {
			return err
		}
		return h.answerPrivately(req, textRewards(on, bal.Balance), textRewards(on, -1))
	}
	id, rest, ok := rewardID(req.Args)
	if !ok {
		if redeemNumberRe.MatchString(strings.TrimSpace(req.Args)) { // "兑换 -1": meant as a command
			return linli.Errorf(linli.EInvalid, "%s", textRedeemBadNumber)
		}
		if !req.Msg.Addressed {
			return linli.ErrNotCommand // "兑换什么好呢"
		}
		return linli.Errorf(linli.EInvalid, "%s", textRedeemUsage)
	}
	if redeemCountRe.MatchString(rest) { // "兑换 2 2": one at a time, nothing reserved
		return linli.Errorf(linli.EInvalid, textRedeemOneAtATime, id, id)
	}
	household := ""
	if req.Msg.Resident != nil {
		household = req.Msg.Resident.Household
	}
	red, entry, err := h.Rewards.Redeem(id, req.Msg.Sender, household, req.Now.In(h.Config.Location))
	if err != nil {
		return err
	}
	h.Logger.Info("reward redeemed", "redemption", red.ID, "reward", red.RewardID, "resident", red.Resident)
	if err := h.teller().Staff(textRedeemedStaff(red), ""); err != nil {
		return err
	}
	return h.answerPrivately(req, textRedeemed(red, entry.Balance), textRedeemed(red, -1))
}

// confirm handles 确认兑换 <兑换单>: staff handed the reward over.
func (h *Family) confirm(ctx context.Context, req *linli.Request) error {
	id, _, ok := rewardID(req.Args)
	if !ok {
		return linli.Errorf(linli.EInvalid, "%s", textConfirmUsage)
	}
	red, err := h.Rewards.CloseRedemption(id, true, req.Msg.Sender, req.Now)
	if err != nil {
		return err
	}
	if err := h.teller().Person(red.Resident, textConfirmedResident(red), nil, ""); err != nil {
		return err
	}
	return req.Reply(textConfirmed(red))
}

// cancelRedemption handles 取消兑换 <兑换单> [原因]: staff cancel any held
// redemption, a resident their own; the points and the item go back.
func (h *Family) cancelRedemption(ctx context.Context, req *linli.Request) error {
	id, reason, ok := rewardID(req.Args)
	if !ok {
		if !req.Msg.Addressed {
			return linli.ErrNotCommand
		}
		return linli.Errorf(linli.EInvalid, "%s", textCancelRedeemUsage)
	}
	staff := req.Msg.Role.IsStaff()
	if !staff {
		own, err := h.Rewards.Redemption(id)
		if err != nil {
			return err
		}
		if own.Resident != req.Msg.Sender {
			return linli.Errorf(linli.EForbidden, "%s", textNotYourRedemption(id))
		}
	}
	red, err := h.Rewards.CloseRedemption(id, false, req.Msg.Sender, req.Now.In(h.Config.Location))
	if err != nil {
		return err
	}
	bal, err := h.Points.PointsBalance(red.Resident)
	if err != nil {
		return err
	}
	if !staff {
		if err := h.teller().Staff(textCancelledByResidentStaff(red), ""); err != nil {
			return err
		}
		return h.answerPrivately(req, textCancelledResident(red, bal.Balance, ""), textCancelledResident(red, -1, ""))
	}
	reason = textnorm.ChinesePunctBrackets(cutRunes(reason, maxReason))
	if err := h.tellPrivately(red.Resident, textCancelledResident(red, bal.Balance, reason), textCancelledResident(red, -1, "")); err != nil {
		return err
	}
	return req.Reply(textCancelled(red))
}

func cutRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}
