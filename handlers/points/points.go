// Package points is the command family of participation that lasts: the
// 积分 ledger (积分, 积分明细, staff's 加积分 / 扣积分), 兑换 (rewards staff put
// on the shelf, redemptions held until staff confirm the hand-over), the
// points the [points] rules give for what residents do (activities checked
// in at, volunteer hours, 随手拍 resolved, surveys answered), 志愿时长,
// 活动评价 after an activity and the monthly 邻里之星. Texts are in texts.go.
//
// Every change of points is an entry of the ledger (linli.PointsService);
// a balance is read from the balance kept on write, never summed here.
package points

import (
	"log/slog"
	"sync/atomic"

	"linli"
	"linli/handlers/tell"
)

// Limits of what staff and residents type.
const (
	maxGrant      = 1000 // points one 加积分 / 扣积分 may move
	maxReason     = 50   // runes of a reason
	historyPage   = 10   // entries per page of 积分明细
	recentEntries = 3    // entries 积分 shows under the balance
)

// Deps are what the family uses. cmd/linli fills them.
type Deps struct {
	Config     *linli.Config
	Clock      linli.Clock
	Out        linli.Sender
	Residents  linli.ResidentStore     // names staff type, households, reachability
	Points     linli.PointsService     // the ledger
	Rewards    linli.RedemptionService // 兑换
	Activities linli.ActivityService   // activities to settle (attendance, hours, ratings)
	Feedback   linli.FeedbackStore     // check-outs and ratings
	Scheduler  linli.Scheduler         // settlement at an activity's end, 邻里之星; nil for `linli export`
	Logger     *slog.Logger
}

// Family is the points family. Its methods' receiver h is the family's
// handlers.
type Family struct {
	Deps
	starsArmed atomic.Bool // the 邻里之星 job is scheduled (ensureStars)
}

var _ linli.Participation = (*Family)(nil)

// New returns the family.
func New(d Deps) *Family {
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	return &Family{Deps: d}
}

// teller reaches people through the outbox.
func (h *Family) teller() tell.Teller {
	return tell.Teller{Config: h.Config, Out: h.Out, Residents: h.Residents}
}

// Points are a person's own business: balances, reasons and staff
// confirmations go privately. Whoever the bot cannot write to privately is
// told in the group only that there is something to read privately.

// answerPrivately answers req with text privately: in a private chat as
// usual, from a group privately to a friend (and staff), and to anyone
// else with public, an @mention in the group that names no balance.
func (h *Family) answerPrivately(req *linli.Request, text, public string) error {
	if req.Msg.Private() {
		return req.Reply(text)
	}
	if h.teller().Reachable(req.Msg.Sender) {
		return h.Out.Send(linli.Outgoing{To: linli.Chat{User: req.Msg.Sender}, Text: text, Private: true})
	}
	return req.Reply(public)
}

// tellPrivately tells resident text privately when the bot can write to
// them, else public with an @mention in their group (empty: only that
// their points changed).
func (h *Family) tellPrivately(resident, text, public string) error {
	if h.teller().Reachable(resident) {
		return h.Out.Send(linli.Outgoing{To: linli.Chat{User: resident}, Text: text, Private: true})
	}
	if public == "" {
		public = textPointsChangedPublic(h.Config.BotName)
	}
	return h.teller().Person(resident, public, nil, "")
}

// Register registers the family's commands, in the order of 帮助.
func (h *Family) Register(r linli.Router) {
	staff := linli.RoleStaff
	for _, c := range []linli.Command{
		{Names: []string{"积分", "我的积分"}, Args: linli.ArgsNone,
			Help: "积分 — 我的积分和最近记录（积分明细 看全部）", Handler: h.balance},
		{Names: []string{"积分明细", "积分记录"}, Args: linli.ArgsOptional, Usage: textHistoryUsage, Handler: h.history},
		{Names: []string{"兑换"}, Args: linli.ArgsOptional, Usage: textRedeemUsage,
			Help: "兑换 — 积分能换的东西（兑换 1 换一件）", Handler: h.redeem},
		{Names: []string{"志愿时长", "我的志愿时长"}, Args: linli.ArgsNone,
			Help: "志愿时长 — 我的志愿服务时长（志愿活动离开时发 签退 1）", Handler: h.volunteerHours},
		{Names: []string{"签退"}, Args: linli.ArgsOptional, Usage: textCheckoutUsage, Handler: h.checkOut},
		{Names: []string{"评价活动"}, Args: linli.ArgsRequired, Usage: textRateUsage,
			Help: "评价活动 1 5 很好 — 给参加过的活动打分（1-5分）", Handler: h.rate},
		{Names: []string{"不参与排名"}, Args: linli.ArgsNone, Handler: h.optOut}, // told in every 邻里之星 post
		{Names: []string{"参与排名"}, Args: linli.ArgsNone, Handler: h.optIn},
		{Names: []string{"加积分"}, Role: staff, Args: linli.ArgsRequired, Usage: textGrantUsage,
			Help: "加积分 张阿姨 10 帮忙布置会场 — 给居民加积分（扣积分 同样写法），本人会收到通知", Handler: h.staffPrivately(h.grant)},
		{Names: []string{"扣积分", "减积分"}, Role: staff, Args: linli.ArgsRequired, Usage: textDeductUsage, Handler: h.staffPrivately(h.deduct)},
		{Names: []string{"上架"}, Role: staff, Args: linli.ArgsRequired, Usage: textShelveUsage,
			Help: "上架 环保袋 积分:20 数量:10 — 上架兑换品（可加 说明:；下架 1 撤下）", Handler: h.shelve},
		{Names: []string{"下架"}, Role: staff, Args: linli.ArgsRequired, Usage: textUnshelveUsage, Handler: h.unshelve},
		{Names: []string{"确认兑换"}, Role: staff, Args: linli.ArgsRequired, Usage: textConfirmUsage,
			Help: "确认兑换 3 — 兑换品已交给居民（取消兑换 3 退回积分）", Handler: h.confirm},
		{Names: []string{"取消兑换"}, Args: linli.ArgsRequired, Usage: textCancelRedeemUsage, Handler: h.cancelRedemption},
		{Names: []string{"导出 积分", "导出积分"}, Role: staff, Args: linli.ArgsNone,
			Help: "导出 积分 — 积分明细（Excel，私聊发送；导出 兑换 同理）", Handler: h.exportCommand("points", "积分明细")},
		{Names: []string{"导出 兑换", "导出兑换"}, Role: staff, Args: linli.ArgsNone, Handler: h.exportCommand("redemptions", "兑换记录")},
	} {
		r.Command(c)
	}
}

// award gives resident the points of a rule for source, once, within the
// monthly cap; amount 0 (a rule turned off) stores nothing.
func (h *Family) award(e linli.PointsEntry) (linli.PointsEntry, bool, error) {
	if e.Amount <= 0 || h.Points == nil {
		return e, false, nil
	}
	if e.Household == "" && h.Residents != nil {
		if r, err := h.Residents.Resident(e.Resident); err == nil {
			e.Household = r.Household
		}
	}
	e.CreatedAt = e.CreatedAt.In(h.Config.Location)
	if err := h.ensureStars(); err != nil {
		return e, false, err
	}
	return h.Points.AddPoints(e, h.Config.Points.MonthlyCap)
}
