package points

import (
	"context"
	"fmt"

	"linli"
	"linli/handlers/export"
)

// Words people read in exports for the codes json keeps.
var (
	kindWords = map[string]string{
		linli.PointsAttend:    "参加活动",
		linli.PointsVolunteer: "志愿服务",
		linli.PointsReport:    "随手拍办结",
		linli.PointsSurvey:    "填写问卷",
		linli.PointsGrant:     "社工加减",
		linli.PointsRedeem:    "兑换",
		linli.PointsRefund:    "兑换退回",
	}
	redemptionWords = map[string]string{
		linli.RedemptionHeld:      "待领取",
		linli.RedemptionConfirmed: "已领取",
		linli.RedemptionCancelled: "已取消",
	}
)

// Exports are the points and redemptions exports (README: their fields).
func (h *Family) Exports() []linli.Export {
	return []linli.Export{{Kind: "points", Table: h.exportPoints}, {Kind: "redemptions", Table: h.exportRedemptions}}
}

// exportPoints lists the ledger (DESIGN.md `linli export points`):
// resident, household, amount, reason, created_at, then kind, source, by,
// balance and id; streamed from one read transaction.
func (h *Family) exportPoints() (*linli.Table, error) {
	t := &linli.Table{Kind: "points", Title: "积分明细",
		Columns: []linli.Column{
			{Key: "resident", Title: "居民"},
			{Key: "household", Title: "户号"},
			{Key: "amount", Title: "积分"},
			{Key: "reason", Title: "原因"},
			{Key: "created_at", Title: "时间"},
			{Key: "kind", Title: "类别", Words: kindWords},
			{Key: "source", Title: "来源记录"},
			{Key: "by", Title: "经办社工"},
			{Key: "balance", Title: "变动后余额"},
			{Key: "id", Title: "流水号"},
		}}
	t.Each = func(yield func([]any) error) error {
		row := make([]any, len(t.Columns))
		return h.Points.EachPointsEntry(func(e *linli.PointsEntry) error {
			row[0], row[1], row[2], row[3], row[4] = e.Resident, e.Household, e.Amount, e.Reason, e.CreatedAt
			row[5], row[6], row[7], row[8], row[9] = e.Kind, e.Source, e.By, e.Balance, int(e.ID)
			return yield(row)
		})
	}
	return t, nil
}

// exportRedemptions lists redemptions: id, reward_id, reward, resident,
// household, cost, status (held|confirmed|cancelled), created_at,
// closed_at, closed_by.
func (h *Family) exportRedemptions() (*linli.Table, error) {
	reds, err := h.Rewards.Redemptions()
	if err != nil {
		return nil, err
	}
	t := &linli.Table{Kind: "redemptions", Title: "兑换记录",
		Columns: []linli.Column{
			{Key: "id", Title: "兑换单"},
			{Key: "reward_id", Title: "兑换品编号"},
			{Key: "reward", Title: "兑换品"},
			{Key: "resident", Title: "居民"},
			{Key: "household", Title: "户号"},
			{Key: "cost", Title: "积分"},
			{Key: "status", Title: "状态", Words: redemptionWords},
			{Key: "created_at", Title: "兑换时间"},
			{Key: "closed_at", Title: "办结时间"},
			{Key: "closed_by", Title: "经办社工"},
		}}
	for _, r := range reds {
		var closed any
		if !r.ClosedAt.IsZero() {
			closed = r.ClosedAt
		}
		t.Rows = append(t.Rows, []any{int(r.ID), int(r.RewardID), r.Reward, r.Resident, r.Household, r.Cost, r.Status,
			r.CreatedAt, closed, r.ClosedBy})
	}
	return t, nil
}

// exportCommand handles 导出 积分 / 导出 兑换: the table as .xlsx, privately.
func (h *Family) exportCommand(kind, name string) linli.HandlerFunc {
	return func(ctx context.Context, req *linli.Request) error {
		t, err := export.Build(h.Exports(), kind)
		if err != nil {
			return err
		}
		data, err := export.XLSX(t, export.Options{Location: h.Config.Location, Community: h.Config.Community, At: req.Now})
		if err != nil {
			return err
		}
		file := fmt.Sprintf("%s-%s.xlsx", name, req.Now.In(h.Config.Location).Format("20060102"))
		return req.ReplyPrivate(fmt.Sprintf("%s见附件。", name), &linli.Media{Name: file, Kind: linli.MediaFile, Data: data})
	}
}
