package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// exportOf runs `linli export kind --db db --format format` and returns its
// output.
func exportOf(t *testing.T, db, kind, format string) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"export", kind, "--db", db, "--format", format}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("export %s --format %s exited %d: %s", kind, format, code, stderr.String())
	}
	return stdout.Bytes()
}

// TestExportPointsFields: the points export (DESIGN.md: resident,
// household, amount, reason, created_at) holds every entry of the ledger
// with its fields, the amounts sum to the balance, and people read Chinese
// headers and kinds.
func TestExportPointsFields(t *testing.T) {
	db := exportFixture(t)
	var rows []map[string]any
	if err := json.Unmarshal(exportOf(t, db, "points", "json"), &rows); err != nil {
		t.Fatal(err)
	}
	want := []struct {
		amount       float64
		reason, kind string
		by, source   string
		at           string
	}{
		{2, "随手拍#1已办结", "report", "", "report:1", "2026-11-23T10:32:00+08:00"},
		{10, "帮忙布置会场", "grant", "李社工", "", "2026-11-25T09:20:00+08:00"},
		{-5, "兑换「环保袋」（兑换单1）", "redeem", "", "redeem:1", "2026-11-25T09:20:00+08:00"},
		{5, "取消兑换「环保袋」，退回积分（兑换单1）", "refund", "李社工", "refund:1", "2026-11-25T09:20:00+08:00"},
		{-5, "兑换「环保袋」（兑换单2）", "redeem", "", "redeem:2", "2026-11-25T09:20:00+08:00"},
		{1, "填写问卷1「社区需求调研」", "survey", "", "survey:1:3-502 张阿姨", "2026-11-25T09:20:00+08:00"},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d entries, want %d: %v", len(rows), len(want), rows)
	}
	sum := 0.0
	for i, w := range want {
		r := rows[i]
		sum += w.amount
		for field, v := range map[string]any{"resident": "3-502 张阿姨", "household": "3栋502", "amount": w.amount,
			"reason": w.reason, "created_at": w.at, "kind": w.kind, "by": w.by, "source": w.source, "balance": sum, "id": float64(i + 1)} {
			if r[field] != v {
				t.Errorf("entry %d: %s = %v, want %v", i+1, field, r[field], v)
			}
		}
	}
	csv := string(exportOf(t, db, "points", "csv"))
	if !strings.HasPrefix(csv, "\ufeff居民,户号,积分,原因,时间,类别,来源记录,经办社工,变动后余额,流水号\n") {
		t.Errorf("csv header: %q", strings.SplitN(csv, "\n", 2)[0])
	}
	if !strings.Contains(csv, "3-502 张阿姨,3栋502,10,帮忙布置会场,2026-11-25 09:20,社工加减,,李社工,12,2\n") {
		t.Errorf("csv lacks the grant as people read it:\n%s", csv)
	}
}

// TestExportRedemptionsFields: the redemptions export (README) with its
// statuses in English for programs and in Chinese for people.
func TestExportRedemptionsFields(t *testing.T) {
	db := exportFixture(t)
	var rows []map[string]any
	if err := json.Unmarshal(exportOf(t, db, "redemptions", "json"), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("%d redemptions, want 2: %v", len(rows), rows)
	}
	for i, status := range []string{"cancelled", "confirmed"} {
		r := rows[i]
		for field, v := range map[string]any{"id": float64(i + 1), "reward_id": 1.0, "reward": "环保袋", "resident": "3-502 张阿姨",
			"household": "3栋502", "cost": 5.0, "status": status, "created_at": "2026-11-25T09:20:00+08:00",
			"closed_at": "2026-11-25T09:20:00+08:00", "closed_by": "李社工"} {
			if r[field] != v {
				t.Errorf("redemption %d: %s = %v, want %v", i+1, field, r[field], v)
			}
		}
	}
	csv := string(exportOf(t, db, "redemptions", "csv"))
	for _, want := range []string{"兑换单,兑换品编号,兑换品,居民,户号,积分,状态,兑换时间,办结时间,经办社工", ",已取消,", ",已领取,"} {
		if !strings.Contains(csv, want) {
			t.Errorf("csv lacks %q:\n%s", want, csv)
		}
	}
}

// TestExportSurveyFields: the surveys export (README) counts each option,
// and the answers export holds one answer set per resident with one list
// per question; people read a column per question.
func TestExportSurveyFields(t *testing.T) {
	db := exportFixture(t)
	var surveys []struct {
		ID          int    `json:"id"`
		Title       string `json:"title"`
		Status      string `json:"status"`
		Deadline    string `json:"deadline"`
		Respondents int    `json:"respondents"`
		Complete    int    `json:"complete"`
		Questions   []struct {
			Text    string `json:"text"`
			Kind    string `json:"kind"`
			Options []struct {
				Text  string `json:"text"`
				Count int    `json:"count"`
			} `json:"options"`
			Texts int `json:"texts"`
		} `json:"questions"`
	}
	if err := json.Unmarshal(exportOf(t, db, "surveys", "json"), &surveys); err != nil {
		t.Fatal(err)
	}
	if len(surveys) != 1 {
		t.Fatalf("%d surveys, want 1", len(surveys))
	}
	s := surveys[0]
	if s.ID != 1 || s.Title != "社区需求调研" || s.Status != "open" || s.Deadline != "2026-11-30T18:00:00+08:00" ||
		s.Respondents != 1 || s.Complete != 1 || len(s.Questions) != 3 {
		t.Fatalf("survey %+v", s)
	}
	q1, q3 := s.Questions[0], s.Questions[2]
	if q1.Kind != "multiple" || len(q1.Options) != 3 || q1.Options[0].Count != 1 || q1.Options[1].Count != 0 || q1.Options[2].Count != 1 {
		t.Errorf("question 1 (AC answered): %+v", q1)
	}
	if q3.Kind != "text" || q3.Texts != 1 {
		t.Errorf("question 3 (free text): %+v", q3)
	}
	var answers []map[string]any
	if err := json.Unmarshal(exportOf(t, db, "answers", "json"), &answers); err != nil {
		t.Fatal(err)
	}
	if len(answers) != 1 {
		t.Fatalf("%d answer sets, want 1", len(answers))
	}
	a := answers[0]
	got, _ := json.Marshal(a["answers"])
	if a["survey_id"] != 1.0 || a["resident"] != "3-502 张阿姨" || a["household"] != "3栋502" ||
		string(got) != `[["健康讲座","亲子活动"],["满意"],["希望多办讲座"]]` || a["created_at"] != "2026-11-25T09:20:00+08:00" {
		t.Errorf("answer set %v (answers %s)", a, got)
	}
	csv := string(exportOf(t, db, "answers", "csv"))
	if !strings.Contains(csv, "问卷编号,问卷,居民,户号,第1题,第2题,第3题,答卷时间,最后修改\n1,社区需求调研,3-502 张阿姨,3栋502,健康讲座、亲子活动,满意,希望多办讲座,") {
		t.Errorf("answers csv:\n%s", csv)
	}
}
