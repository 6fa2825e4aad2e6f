package points

import (
	"context"
	"strconv"
	"strings"

	"linli"
)

// balance handles 积分: the balance kept for the sender and their latest
// entries.
func (h *Family) balance(ctx context.Context, req *linli.Request) error {
	bal, err := h.Points.PointsBalance(req.Msg.Sender)
	if err != nil {
		return err
	}
	recent, total, err := h.Points.PointsHistory(req.Msg.Sender, 0, recentEntries)
	if err != nil {
		return err
	}
	return h.answerPrivately(req, textBalance(bal.Balance, recent, total, h.Config), textBalancePublic(h.Config.BotName))
}

// history handles 积分明细 [页]: the sender's entries, newest first, one
// page at a time.
func (h *Family) history(ctx context.Context, req *linli.Request) error {
	page := 1
	if arg := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(req.Args, "第"), "页")); arg != "" {
		n, err := strconv.Atoi(arg)
		if err != nil || n < 1 {
			if !req.Msg.Addressed {
				return linli.ErrNotCommand
			}
			return linli.Errorf(linli.EInvalid, "%s", textHistoryUsage)
		}
		page = n
	}
	entries, total, err := h.Points.PointsHistory(req.Msg.Sender, (page-1)*historyPage, historyPage)
	if err != nil {
		return err
	}
	pages := max(1, (total+historyPage-1)/historyPage)
	if page > pages {
		return linli.Errorf(linli.EInvalid, "%s", textHistoryNoPage(page, pages))
	}
	bal, err := h.Points.PointsBalance(req.Msg.Sender)
	if err != nil {
		return err
	}
	return h.answerPrivately(req, textHistory(bal.Balance, entries, page, pages, total, h.Config), textBalancePublic(h.Config.BotName))
}
