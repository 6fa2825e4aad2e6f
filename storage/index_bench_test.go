package storage

import (
	"fmt"
	"testing"
	"time"

	"linli"
)

// BenchmarkResidentReads measures the reads of one resident's message
// (我的报名, 积分, 我的上报, a private chat's nickname, 活动) and of staff's
// statistics on histories of two sizes: with the indexes their cost
// depends on the resident's own records and on what is open, not on the
// size of the history, so both sizes should cost about the same.
func BenchmarkResidentReads(b *testing.B) {
	for _, size := range []struct {
		name                      string
		residents, acts, per, rep int
	}{
		{"history=10k", 1000, 20, 500, 1000},
		{"history=100k", 10000, 200, 500, 10000},
	} {
		db, _ := newTestDB(b)
		now := seedHistory(b, db, size.residents, size.acts, size.per, size.rep)
		who := "居民7"
		b.Run(size.name+"/ResidentSignups", func(b *testing.B) {
			for b.Loop() {
				if _, err := db.ResidentSignups(who); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(size.name+"/ReporterReports", func(b *testing.B) {
			for b.Loop() {
				if _, err := db.ReporterReports(who); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(size.name+"/ResidentByNickname", func(b *testing.B) {
			for b.Loop() {
				if _, err := db.ResidentByNickname("昵称7"); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(size.name+"/CurrentActivities", func(b *testing.B) {
			for b.Loop() {
				if _, err := db.CurrentActivities(now); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(size.name+"/ReportCounts+Participants+KnownPeople", func(b *testing.B) {
			for b.Loop() {
				if _, err := db.ReportCounts(""); err != nil {
					b.Fatal(err)
				}
				if _, err := db.Participants(now.Format("2006-01"), []string{"李社工"}); err != nil {
					b.Fatal(err)
				}
				if _, err := db.KnownPeople([]string{"李社工"}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(size.name+"/ReportsScan (before: 我的上报, 积分, 统计)", func(b *testing.B) {
			for b.Loop() {
				if _, err := db.Reports(func(r *linli.Report) bool { return r.Reporter == who }); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// seedHistory writes residents, acts past activities of per sign-ups each
// (checked in) and one upcoming, and reports, in bulk; it returns "now".
func seedHistory(b *testing.B, db *DB, residents, acts, per, reports int) time.Time {
	b.Helper()
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	err := db.Bulk(func(w *Bulk) error {
		for i := range residents {
			if err := w.PutResident(&linli.Resident{Name: fmt.Sprint("居民", i), Nickname: fmt.Sprint("昵称", i),
				Household: fmt.Sprintf("%d栋%d", i%9+1, 100+i%30)}); err != nil {
				return err
			}
		}
		for i := range acts + 1 {
			start := now.Add(time.Duration(i-acts) * 24 * time.Hour)
			a := &linli.Activity{Title: fmt.Sprint("活动", i), StartsAt: start, Deadline: start.Add(-time.Hour),
				Capacity: per, Status: linli.ActivityOpen, CreatedAt: start.Add(-72 * time.Hour)}
			if err := w.CreateActivity(a); err != nil {
				return err
			}
			for j := range per {
				if i == acts {
					break
				}
				name := fmt.Sprint("居民", (i*7+j)%residents)
				if _, err := w.SignUp(linli.SignupRequest{ActivityID: a.ID, Resident: name, PartySize: 1, Acked: true, Now: a.CreatedAt}); err != nil {
					return err
				}
				if err := w.CheckIn(a.ID, name, start); err != nil {
					return err
				}
			}
		}
		for i := range reports {
			at := now.Add(-time.Duration(reports-i) * time.Hour)
			r := &linli.Report{Reporter: fmt.Sprint("居民", i%residents), Category: "设施维修", Description: "路灯坏了",
				Status: linli.ReportResolved, Grid: "第一网格", CreatedAt: at, ResolvedAt: at.Add(time.Hour), Deadline: at.Add(48 * time.Hour)}
			if err := w.CreateReport(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return now
}
