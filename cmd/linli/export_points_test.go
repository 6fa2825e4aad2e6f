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
