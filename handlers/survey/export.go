package survey

import (
	"context"
	"fmt"
	"strings"

	"linli"
	"linli/handlers/export"
)

var (
	surveyStatusWords = map[string]string{linli.SurveyOpen: "进行中", linli.SurveyClosed: "已结束"}
)

// Exports are the surveys and answers exports (README: their fields).
func (h *Family) Exports() []linli.Export {
	return []linli.Export{{Kind: "surveys", Table: h.exportSurveys}, {Kind: "answers", Table: h.exportAnswers}}
}

// questionCount is one question of the surveys export, with its counts.
type questionCount struct {
	Text    string        `json:"text"`
	Kind    string        `json:"kind"`
	Options []optionCount `json:"options"`
	Texts   int           `json:"texts,omitempty"` // free-text answers
}

type optionCount struct {
	Text  string `json:"text"`
	Count int    `json:"count"`
}

// exportSurveys lists surveys: id, title, status (open|closed), deadline,
// groups, questions ([{text, kind, options: [{text, count}], texts}]),
// respondents, complete, created_by, created_at, closed_at.
func (h *Family) exportSurveys() (*linli.Table, error) {
	surveys, err := h.Surveys.Surveys()
	if err != nil {
		return nil, err
	}
	t := &linli.Table{Kind: "surveys", Title: "问卷汇总", Columns: []linli.Column{
		{Key: "id", Title: "编号"}, {Key: "title", Title: "问卷"}, {Key: "status", Title: "状态", Words: surveyStatusWords},
		{Key: "deadline", Title: "截止时间"}, {Key: "groups", Title: "发到的群"}, {Key: "questions"}, {Title: "题目与结果"},
		{Key: "respondents", Title: "答卷人数"}, {Key: "complete", Title: "答完人数"},
		{Key: "created_by", Title: "发起人"}, {Key: "created_at", Title: "发起时间"}, {Key: "closed_at", Title: "结束时间"},
	}}
	for _, s := range surveys {
		answers, err := h.Surveys.SurveyAnswers(s.ID)
		if err != nil {
			return nil, err
		}
		r := tally(&s, answers)
		qs := make([]questionCount, len(s.Questions))
		var human []string
		for i, q := range s.Questions {
			qs[i] = questionCount{Text: q.Text, Kind: q.Kind, Options: []optionCount{}, Texts: len(r.texts[i])}
			line := fmt.Sprintf("%d. %s", i+1, q.Text)
			for j, o := range q.Options {
				qs[i].Options = append(qs[i].Options, optionCount{Text: o, Count: r.counts[i][j]})
				line += fmt.Sprintf(" %s:%d", o, r.counts[i][j])
			}
			if q.Kind == linli.QuestionText {
				line += fmt.Sprintf("（填空%d条）", len(r.texts[i]))
			}
			human = append(human, line)
		}
		var closed any
		if !s.ClosedAt.IsZero() {
			closed = s.ClosedAt
		}
		t.Rows = append(t.Rows, []any{int(s.ID), s.Title, s.Status, s.Deadline, s.Groups, qs, strings.Join(human, "\n"),
			r.respondents, r.complete, s.CreatedBy, s.CreatedAt, closed})
	}
	return t, nil
}

// exportAnswers lists answer sets: survey_id, resident, household,
// answers (one list of strings per question, [] when unanswered),
// created_at, updated_at; people see one column per question (of the
// survey with most questions).
func (h *Family) exportAnswers() (*linli.Table, error) {
	surveys, err := h.Surveys.Surveys()
	if err != nil {
		return nil, err
	}
	most := 0
	for _, s := range surveys {
		most = max(most, len(s.Questions))
	}
	t := &linli.Table{Kind: "answers", Title: "问卷答卷", Columns: []linli.Column{
		{Key: "survey_id", Title: "问卷编号"}, {Title: "问卷"}, {Key: "resident", Title: "居民"}, {Key: "household", Title: "户号"},
		{Key: "answers"},
	}}
	for i := range most {
		t.Columns = append(t.Columns, linli.Column{Title: fmt.Sprintf("第%d题", i+1)})
	}
	t.Columns = append(t.Columns, linli.Column{Key: "created_at", Title: "答卷时间"}, linli.Column{Key: "updated_at", Title: "最后修改"})
	for _, s := range surveys {
		answers, err := h.Surveys.SurveyAnswers(s.ID)
		if err != nil {
			return nil, err
		}
		for _, a := range answers {
			all := make([][]string, len(s.Questions))
			row := []any{int(s.ID), s.Title, a.Resident, a.Household, all}
			for i := range most {
				cell := ""
				if i < len(s.Questions) {
					all[i] = []string{}
					if i < len(a.Answers) && a.Answers[i] != nil {
						all[i] = a.Answers[i]
					}
					cell = strings.Join(all[i], "、")
				}
				row = append(row, cell)
			}
			t.Rows = append(t.Rows, append(row, a.CreatedAt, a.UpdatedAt))
		}
	}
	return t, nil
}

// exportCommand handles 导出 问卷: surveys and answers as .xlsx, privately.
func (h *Family) exportCommand(ctx context.Context, req *linli.Request) error {
	for _, e := range []struct{ kind, name string }{{"surveys", "问卷汇总"}, {"answers", "问卷答卷"}} {
		t, err := export.Build(h.Exports(), e.kind)
		if err != nil {
			return err
		}
		data, err := export.XLSX(t, export.Options{Location: h.Config.Location, Community: h.Config.Community, At: req.Now})
		if err != nil {
			return err
		}
		file := fmt.Sprintf("%s-%s.xlsx", e.name, req.Now.In(h.Config.Location).Format("20060102"))
		if err := req.ReplyPrivate(e.name+"见附件。", &linli.Media{Name: file, Kind: linli.MediaFile, Data: data}); err != nil {
			return err
		}
	}
	return nil
}
