package report

import (
	"context"
	"fmt"

	"linli"
	"linli/handlers/export"
)

// groupWords shows a report made in a private chat as such.
var groupWords = map[string]string{"": "私聊"}

// reportExportCommand handles "导出 上报": an .xlsx sent privately.
func (h *Family) reportExportCommand(ctx context.Context, req *linli.Request) error {
	t, err := h.exportReports()
	if err != nil {
		return err
	}
	rows := 0
	data, err := export.XLSX(t, export.Options{Location: h.Config.Location, Community: h.Config.Community, At: req.Now,
		Progress: func(n int) { rows = n }})
	if err != nil {
		return err
	}
	name := "随手拍-" + req.Now.In(h.Config.Location).Format("20060102") + ".xlsx"
	return req.ReplyPrivate(fmt.Sprintf(textReportExportCaption, rows),
		&linli.Media{Name: name, Kind: linli.MediaFile, Data: data})
}

// Exports is the reports export.
func (h *Family) Exports() []linli.Export {
	return []linli.Export{{Kind: "reports", Table: h.exportReports}}
}

// exportReports lists reports (DESIGN.md `linli export reports`): the
// contract's columns, then place, household (xlsx for staff only) and
// details; streamed from storage one report at a time.
func (h *Family) exportReports() (*linli.Table, error) {
	t := &linli.Table{Kind: "reports", Title: "随手拍记录",
		Columns: []linli.Column{
			{Key: "id", Title: "编号"},
			{Key: "reporter", Title: "上报人"},
			{Key: "group", Title: "上报的群", Words: groupWords},
			{Key: "category", Title: "类别"},
			{Key: "description", Title: "问题描述"},
			{Title: "地点"},
			{Key: "status", Title: "状态", Words: reportStatusText},
			{Key: "grid", Title: "网格"},
			{Key: "assignee", Title: "网格员"},
			{Key: "created_at", Title: "上报时间"},
			{Key: "resolved_at", Title: "办结时间"},
			{Key: "escalations", Title: "超时催办次数"},
			{Key: "rating", Title: "评分"},
			{Key: "duplicate_of"},
			{Title: "并入"},
			{Key: "place"},
			{Key: "household", Title: "户号"},
			{Key: "images", Title: "照片数"},
			{Key: "accepted_at", Title: "受理时间"},
			{Key: "deadline", Title: "办理时限"},
			{Key: "resolution", Title: "办结说明或退回原因"},
			{Key: "resolution_images", Title: "办结照片数"},
			{Key: "comment", Title: "居民评价"},
			{Key: "reopened", Title: "重开次数"},
		},
		Private: []string{"household"}}
	row := make([]any, len(t.Columns))
	t.Each = func(yield func([]any) error) error {
		return h.Reports.EachReport(func(r *linli.Report) error {
			var rating, dup, into any
			if r.Rating > 0 {
				rating = r.Rating
			}
			if r.DuplicateOf != 0 {
				dup, into = r.DuplicateOf, fmt.Sprintf("#%d", r.DuplicateOf)
			}
			row = append(row[:0], r.ID, r.Reporter, r.Group, r.Category, r.Description, r.Place, r.Status, r.Grid, r.Assignee,
				r.CreatedAt, r.ResolvedAt, r.Escalations, rating, dup, into,
				r.Place, r.Household, len(r.Images), r.AcceptedAt, r.Deadline, r.Resolution, len(r.ResolImages), r.Comment, r.Reopened)
			return yield(row)
		})
	}
	return t, nil
}
