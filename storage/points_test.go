package storage

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"linli"
)

var pointsT0 = time.Date(2026, 11, 23, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))

func openPoints(t *testing.T) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "p.db"), WithNoSync())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func grant(t *testing.T, db *DB, who string, n int, source string, at time.Time) linli.PointsEntry {
	t.Helper()
	e, _, err := db.AddPoints(linli.PointsEntry{Resident: who, Amount: n, Kind: linli.PointsAttend, Reason: "x",
		Source: source, CreatedAt: at}, 0)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestPointsLedger: every entry moves the kept balance, a source counts
// once, a balance never goes below zero, history pages newest first.
func TestPointsLedger(t *testing.T) {
	db := openPoints(t)
	for i := 1; i <= 7; i++ {
		grant(t, db, "张阿姨", i, fmt.Sprintf("attend:%d:张阿姨", i), pointsT0.Add(time.Duration(i)*time.Hour))
	}
	grant(t, db, "王叔", 4, "", pointsT0)
	grant(t, db, "王叔叔", 9, "", pointsT0) // a name another begins with: its own history
	grant(t, db, "张", 1, "", pointsT0)
	again, added, err := db.AddPoints(linli.PointsEntry{Resident: "张阿姨", Amount: 99, Kind: linli.PointsAttend,
		Source: "attend:3:张阿姨", CreatedAt: pointsT0}, 0)
	if err != nil || added || again.Amount != 3 {
		t.Fatalf("same source again: %+v added=%v err=%v, want the stored entry of 3 and not added", again, added, err)
	}
	bal, err := db.PointsBalance("张阿姨")
	if err != nil || bal.Balance != 28 || bal.Entries != 7 {
		t.Fatalf("balance %+v, %v; want 28 points in 7 entries", bal, err)
	}
	if _, _, err := db.AddPoints(linli.PointsEntry{Resident: "张阿姨", Amount: -29, Kind: linli.PointsGrant, CreatedAt: pointsT0}, 0); linli.ErrorCode(err) != linli.EConflict {
		t.Fatalf("deducting 29 of 28: err %v, want EConflict", err)
	}
	e, _, err := db.AddPoints(linli.PointsEntry{Resident: "张阿姨", Amount: -28, Kind: linli.PointsGrant, CreatedAt: pointsT0}, 0)
	if err != nil || e.Balance != 0 {
		t.Fatalf("deducting all 28: %+v %v", e, err)
	}
	page, total, err := db.PointsHistory("张阿姨", 1, 3)
	if err != nil || total != 8 || len(page) != 3 {
		t.Fatalf("history page: %d entries of %d, %v", len(page), total, err)
	}
	for i, want := range []int{7, 6, 5} {
		if page[i].Amount != want {
			t.Errorf("history[%d] = %d points, want %d (newest first, the deduction skipped)", i, page[i].Amount, want)
		}
	}
	if h, total, _ := db.PointsHistory("王叔", 0, 10); len(h) != 1 || total != 1 || h[0].Amount != 4 {
		t.Errorf("王叔's history %+v (total %d), want his one entry only", h, total)
	}
	if h, total, _ := db.PointsHistory("无名", 0, 10); len(h) != 0 || total != 0 {
		t.Errorf("a resident without entries has history %+v", h)
	}
}

// TestPointsMonthlyCap: rule entries are cut to what remains of the month's
// cap, grants are not, and a new month starts again.
func TestPointsMonthlyCap(t *testing.T) {
	db := openPoints(t)
	add := func(kind string, n int, at time.Time) linli.PointsEntry {
		e, _, err := db.AddPoints(linli.PointsEntry{Resident: "张阿姨", Amount: n, Kind: kind, CreatedAt: at}, 10)
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	if e := add(linli.PointsAttend, 6, pointsT0); e.Amount != 6 || e.Asked != 0 {
		t.Fatalf("6 of a cap of 10: %+v", e)
	}
	if e := add(linli.PointsVolunteer, 6, pointsT0); e.Amount != 4 || e.Asked != 6 {
		t.Fatalf("6 more: %+v, want cut to 4 (asked 6)", e)
	}
	if e := add(linli.PointsReport, 2, pointsT0); e.Amount != 0 || e.Asked != 2 {
		t.Fatalf("past the cap: %+v, want 0 (asked 2)", e)
	}
	if e := add(linli.PointsGrant, 5, pointsT0); e.Amount != 5 {
		t.Fatalf("a staff grant is not capped: %+v", e)
	}
	if e := add(linli.PointsSurvey, 3, pointsT0.AddDate(0, 1, 0)); e.Amount != 3 {
		t.Fatalf("next month: %+v, want 3", e)
	}
	mp, err := db.MonthPoints("2026-11")
	if err != nil || len(mp) != 1 || mp[0].Rules != 10 || mp[0].Ranked != 15 {
		t.Fatalf("November: %+v %v, want rules 10, ranked 15", mp, err)
	}
}

// TestRedeemConcurrent: 100 residents redeeming a reward with stock 10 at
// once get exactly 10 redemptions; nobody's balance goes below zero; one
// resident redeeming 20 times at once with points for 3 gets 3.
func TestRedeemConcurrent(t *testing.T) {
	db := openPoints(t)
	r := &linli.Reward{Name: "环保袋", Cost: 5, Limited: true, Stock: 10, OnShelf: true}
	if err := db.CreateReward(r); err != nil {
		t.Fatal(err)
	}
	for i := range 100 {
		grant(t, db, fmt.Sprintf("居民%d", i), 5, "", pointsT0)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok, conflicts := 0, 0
	for i := range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _, err := db.Redeem(r.ID, fmt.Sprintf("居民%d", i), "", pointsT0)
			mu.Lock()
			defer mu.Unlock()
			switch linli.ErrorCode(err) {
			case linli.EConflict:
				conflicts++
			case linli.EInternal:
				if err != nil {
					t.Error(err)
				} else {
					ok++
				}
			}
		}()
	}
	wg.Wait()
	if ok != 10 || conflicts != 90 {
		t.Fatalf("%d redemptions, %d refused; want 10 and 90", ok, conflicts)
	}
	got, _ := db.Reward(r.ID)
	reds, _ := db.Redemptions()
	if got.Stock != 0 || got.Redeemed != 10 || len(reds) != 10 {
		t.Fatalf("stock %d, redeemed %d, %d redemptions; want 0, 10, 10", got.Stock, got.Redeemed, len(reds))
	}
	bals, _ := db.Balances()
	spent := 0
	for _, b := range bals {
		if b.Balance < 0 {
			t.Errorf("%s has %d points", b.Resident, b.Balance)
		}
		if b.Balance == 0 {
			spent++
		}
	}
	if spent != 10 {
		t.Errorf("%d residents spent their points, want 10", spent)
	}

	// One resident, points for 3, redeeming an unlimited reward 20 times at once.
	u := &linli.Reward{Name: "理发券", Cost: 4, OnShelf: true}
	if err := db.CreateReward(u); err != nil {
		t.Fatal(err)
	}
	grant(t, db, "张阿姨", 12, "", pointsT0)
	ok = 0
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, _, err := db.Redeem(u.ID, "张阿姨", "", pointsT0); err == nil {
				mu.Lock()
				ok++
				mu.Unlock()
			} else if linli.ErrorCode(err) != linli.EConflict {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if bal, _ := db.PointsBalance("张阿姨"); ok != 3 || bal.Balance != 0 {
		t.Fatalf("%d redemptions, balance %d; want 3 and 0", ok, bal.Balance)
	}
}

// TestRedemptionClose: a cancelled redemption gives the points and the
// item back, once; a confirmed one cannot be cancelled.
func TestRedemptionClose(t *testing.T) {
	db := openPoints(t)
	r := &linli.Reward{Name: "毛巾", Cost: 8, Limited: true, Stock: 1, OnShelf: true}
	if err := db.CreateReward(r); err != nil {
		t.Fatal(err)
	}
	grant(t, db, "张阿姨", 20, "", pointsT0)
	red, entry, err := db.Redeem(r.ID, "张阿姨", "3栋502", pointsT0)
	if err != nil || entry.Amount != -8 || entry.Balance != 12 || red.Status != linli.RedemptionHeld {
		t.Fatalf("redeem: %+v %+v %v", red, entry, err)
	}
	if _, _, err := db.Redeem(r.ID, "张阿姨", "", pointsT0); linli.ErrorCode(err) != linli.EConflict {
		t.Fatalf("out of stock: %v", err)
	}
	if _, err := db.CloseRedemption(red.ID, false, "李社工", pointsT0); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CloseRedemption(red.ID, false, "李社工", pointsT0); linli.ErrorCode(err) != linli.EConflict {
		t.Fatalf("cancel twice: %v", err)
	}
	bal, _ := db.PointsBalance("张阿姨")
	got, _ := db.Reward(r.ID)
	if bal.Balance != 20 || got.Stock != 1 || got.Redeemed != 0 {
		t.Fatalf("after cancelling: balance %d, stock %d, redeemed %d; want 20, 1, 0", bal.Balance, got.Stock, got.Redeemed)
	}
	red, _, err = db.Redeem(r.ID, "张阿姨", "", pointsT0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CloseRedemption(red.ID, true, "李社工", pointsT0); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CloseRedemption(red.ID, false, "李社工", pointsT0); linli.ErrorCode(err) != linli.EConflict {
		t.Fatalf("cancelling a confirmed redemption: %v", err)
	}
	if _, err := db.RemoveReward(r.ID, pointsT0); err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.Redeem(r.ID, "张阿姨", "", pointsT0); linli.ErrorCode(err) != linli.EConflict {
		t.Fatalf("off the shelf: %v", err)
	}
}

// TestMigratePoints: a database of the schema before the ledger gets the
// points it used to derive as entries, once: 5 per checked-in sign-up of
// an activity not cancelled, 2 per resolved report not a duplicate.
func TestMigratePoints(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := Open(path, WithNoSync(), withMigrations(migrations[:2]))
	if err != nil {
		t.Fatal(err)
	}
	for _, title := range []string{"健康讲座", "包饺子"} {
		a := &linli.Activity{Title: title, StartsAt: pointsT0.Add(time.Hour), Deadline: pointsT0.Add(time.Hour), Capacity: 10, Status: linli.ActivityOpen}
		if err := old.CreateActivity(a); err != nil {
			t.Fatal(err)
		}
		for _, who := range []string{"张阿姨", "王叔"} {
			if _, err := old.SignUp(linli.SignupRequest{ActivityID: a.ID, Resident: who, PartySize: 1, Now: pointsT0}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := old.CheckIn(1, []string{"张阿姨", "王叔"}, pointsT0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := old.CheckIn(2, []string{"张阿姨"}, pointsT0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := old.UpdateActivity(2, pointsT0, func(a *linli.Activity) error { a.Status = linli.ActivityCancelled; return nil }); err != nil {
		t.Fatal(err)
	}
	for _, status := range []string{linli.ReportResolved, linli.ReportSubmitted, linli.ReportResolved} {
		r := &linli.Report{Reporter: "张阿姨", Status: linli.ReportSubmitted, Category: "其他", CreatedAt: pointsT0}
		if err := old.CreateReport(r, nil); err != nil {
			t.Fatal(err)
		}
		if _, _, err := old.UpdateReport(r.ID, func(x *linli.Report, _ []*linli.Report) error {
			x.Status, x.ResolvedAt = status, pointsT0.Add(2*time.Hour)
			if x.ID == 3 {
				x.DuplicateOf = 1
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	old.Close()
	for range 2 { // the second open migrates nothing
		db, err := Open(path, WithNoSync())
		if err != nil {
			t.Fatal(err)
		}
		zhang, _ := db.PointsBalance("张阿姨")
		wang, _ := db.PointsBalance("王叔")
		if zhang.Balance != 7 || zhang.Entries != 2 || wang.Balance != 5 || wang.Entries != 1 {
			t.Fatalf("migrated: 张阿姨 %+v, 王叔 %+v; want 7 in 2 entries (activity 1, report 1) and 5 in 1", zhang, wang)
		}
		for _, src := range []string{"attend:1:张阿姨", "attend:1:王叔", "report:1"} {
			if has, _ := db.HasPointsSource(src); !has {
				t.Errorf("no migrated entry for %s", src)
			}
		}
		db.Close()
	}
}
