package signup

import (
	"context"
	"fmt"
	"time"

	"linli"
	"linli/handlers/export"
)

// Words people read in exports for the codes json keeps.
var (
	activityStatusWords = map[string]string{
		linli.ActivityOpen:      "报名中",
		linli.ActivityClosed:    "报名已截止",
		linli.ActivityCancelled: "已取消",
		linli.ActivityOver:      "已结束",
		linli.ActivityDraft:     "草稿",
	}
	signupStatusWords = map[string]string{
		linli.SignupConfirmed:  "已报名",
		linli.SignupWaitlisted: "候补",
		linli.SignupCancelled:  "已取消",
	}
	sourceWords = map[string]string{
		linli.SourceCommand: "报名命令",
		linli.SourceJielong: "接龙",
	}
)

// Exports are the activities and signups exports.
func (h *Family) Exports() []linli.Export {
	return []linli.Export{{Kind: "activities", Table: h.exportActivities}, {Kind: "signups", Table: h.exportSignups}}
}

// xlsx renders t as an .xlsx file for a 导出 command at now.
func (h *Family) xlsx(t *linli.Table, now time.Time) ([]byte, error) {
	return export.XLSX(t, export.Options{Location: h.Config.Location, Community: h.Config.Community, At: now})
}

// exportActivitiesCommand handles 导出 活动 [全部]: every activity as .xlsx,
// privately. 导出 活动 <编号> is taken for 导出 报名 <编号>.
func (h *Family) exportActivitiesCommand(ctx context.Context, req *linli.Request) error {
	switch _, isID := parseActivityID(req.Args); {
	case isID:
		return h.exportRoster(ctx, req)
	case req.Args != "" && req.Args != "全部":
		return linli.Errorf(linli.EInvalid, "%s", textExportActivitiesUsage)
	}
	t, err := h.exportActivities()
	if err != nil {
		return err
	}
	data, err := h.xlsx(t, req.Now)
	if err != nil {
		return err
	}
	name := "活动-" + req.Now.In(h.Config.Location).Format("20060102") + ".xlsx"
	return req.ReplyPrivate(textActivitiesExportCaption(len(t.Rows)), &linli.Media{Name: name, Kind: linli.MediaFile, Data: data})
}

// exportActivities lists activities (DESIGN.md `linli export
// activities`): status is the activity's state now (over once it ended).
func (h *Family) exportActivities() (*linli.Table, error) {
	list, err := h.Activities.Activities()
	if err != nil {
		return nil, err
	}
	now := h.now()
	t := &linli.Table{Kind: "activities", Title: "活动",
		Columns: []linli.Column{
			{Key: "id", Title: "编号"},
			{Key: "title", Title: "活动"},
			{Key: "starts_at", Title: "开始时间"},
			{Key: "place", Title: "地点"},
			{Key: "capacity", Title: "名额"},
			{Key: "deadline", Title: "报名截止"},
			{Key: "status", Title: "状态", Words: activityStatusWords},
			{Key: "groups", Title: "发布的群"},
			{Key: "repeat", Title: "重复"},
			{Key: "taken", Title: "已报名人数"},
			{Key: "waitlisted", Title: "候补数"},
			{Key: "created_by", Title: "发布人"},
			{Key: "created_at", Title: "发布时间"},
			{Key: "prev_id"},
			{Title: "上一期编号"},
			{Key: "ends_at", Title: "结束时间"},
			{Key: "note", Title: "备注"},
		}}
	for _, a := range list {
		var ends any
		if !a.EndsAt.IsZero() {
			ends = a.EndsAt
		}
		t.Rows = append(t.Rows, []any{a.ID, a.Title, a.StartsAt, a.Place, a.Capacity, a.Deadline, a.State(now),
			a.Groups, a.RepeatText, a.Taken, a.Waiting, a.CreatedBy, a.CreatedAt, a.PrevID, blankZero(a.PrevID), ends, a.Note})
	}
	return t, nil
}

// exportSignups lists sign-ups (DESIGN.md `linli export signups`),
// streamed from storage one activity at a time. People also see the
// activity's title and status (a cancelled activity's sign-ups say so).
func (h *Family) exportSignups() (*linli.Table, error) {
	t := &linli.Table{Kind: "signups", Title: "活动报名记录",
		Columns: []linli.Column{
			{Key: "activity_id", Title: "活动编号"},
			{Title: "活动"},
			{Title: "活动状态", Words: activityStatusWords},
			{Key: "resident", Title: "居民"},
			{Key: "household", Title: "户号"},
			{Key: "party_size", Title: "人数"},
			{Key: "status", Title: "报名状态", Words: signupStatusWords},
			{Key: "created_at", Title: "报名时间"},
			{Key: "position"},
			{Title: "候补顺位"},
			{Key: "checked_in", Title: "签到时间"},
			{Key: "group", Title: "报名的群"},
			{Key: "source", Title: "报名方式", Words: sourceWords},
			{Key: "entry", Title: "接龙内容"},
			{Key: "updated_at", Title: "更新时间"},
			{Key: "walk_in", Title: "现场加入"},
		},
		Count: h.Activities.CountSignups}
	row := make([]any, len(t.Columns))
	now := h.now()
	t.Each = func(yield func([]any) error) error {
		return h.Activities.EachSignup(func(a *linli.Activity, s *linli.Signup) error {
			var in any
			if !s.CheckedIn.IsZero() {
				in = s.CheckedIn
			}
			row = append(row[:0], s.ActivityID, a.Title, a.State(now), s.Resident, s.Household, s.PartySize, s.Status, s.CreatedAt,
				s.Position, blankZero(s.Position), in, s.Group, s.Source, s.Entry, s.UpdatedAt, s.WalkIn)
			return yield(row)
		})
	}
	return t, nil
}

// blankZero is n for people, or nil (an empty cell) when n is 0.
func blankZero[N int | uint64](n N) any {
	if n == 0 {
		return nil
	}
	return n
}

// exportRoster handles 导出 报名 <编号>: the roster as .xlsx, privately.
func (h *Family) exportRoster(ctx context.Context, req *linli.Request) error {
	id, ok := parseActivityID(req.Args)
	if !ok {
		return linli.Errorf(linli.EInvalid, "%s", textExportUsage)
	}
	a, err := h.activity(id)
	if err != nil {
		return err
	}
	t, counts, err := h.roster(a)
	if err != nil {
		return err
	}
	data, err := h.xlsx(t, req.Now)
	if err != nil {
		return err
	}
	media := &linli.Media{Name: fmt.Sprintf("报名表-%d.xlsx", a.ID), Kind: linli.MediaFile, Data: data}
	return req.ReplyPrivate(textRosterCaption(a, counts), media)
}

// rosterCounts are the people (family included) of a roster.
type rosterCounts struct {
	confirmed, waiting, attended, walkIns int
}

// roster builds the 报名表 of a: confirmed, then waitlisted in order (walk-
// ins marked 现场加入), then cancelled; and counts people.
func (h *Family) roster(a *linli.Activity) (*linli.Table, rosterCounts, error) {
	var n rosterCounts
	signups, err := h.Activities.Signups(a.ID)
	if err != nil {
		return nil, n, err
	}
	t := &linli.Table{Kind: "报名表", Title: textRosterTitle(a, a.State(h.now())),
		Columns: []linli.Column{{Title: "名字"}, {Title: "户号"}, {Title: "人数"}, {Title: "状态"}, {Title: "报名时间"},
			{Title: "签到"}, {Title: "候补顺位"}, {Title: "接龙"}}}
	for _, status := range []string{linli.SignupConfirmed, linli.SignupWaitlisted, linli.SignupCancelled} {
		for _, s := range signups {
			if s.Status != status {
				continue
			}
			switch {
			case s.Status == linli.SignupConfirmed:
				n.confirmed += s.PartySize
			case s.Status == linli.SignupWaitlisted:
				n.waiting += s.PartySize
			}
			in := ""
			if !s.CheckedIn.IsZero() && s.Active() {
				in = s.CheckedIn.In(h.Config.Location).Format("15:04")
				if s.WalkIn {
					n.walkIns += s.PartySize
				} else {
					n.attended += s.PartySize
				}
			}
			t.Rows = append(t.Rows, []any{s.Resident, s.Household, s.PartySize, rosterStatusText(&s),
				s.CreatedAt, in, blankZero(s.Position), s.Entry})
		}
	}
	return t, n, nil
}
