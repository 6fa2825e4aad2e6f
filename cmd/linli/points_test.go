package main

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"linli"
	"linli/storage"
)

// TestRedeemStormThroughEngine: 100 residents of a group send 兑换 1 at
// once, through the engine, for a reward with stock 10 and points for it
// each: exactly 10 get it, the other 90 are told it is gone, no balance
// is negative, and the ledger sums to every balance.
func TestRedeemStormThroughEngine(t *testing.T) {
	h := newHarness(t, "2026-11-23 09:00", nil)
	for i := range 100 {
		h.say(fmt.Sprintf("幸福里1期居民群/居民%03d: 积分", i))
	}
	h.flush()
	for i := range 100 {
		h.say(fmt.Sprintf("李社工: 加积分 居民%03d 10 社区义务劳动", i))
	}
	h.say("李社工: 上架 环保袋 积分:10 数量:10")
	h.flush()

	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for i := range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := linli.Message{ID: fmt.Sprintf("redeem-%d", i), Group: "幸福里1期居民群", Sender: fmt.Sprintf("居民%03d", i), Text: "兑换 1"}
			errs <- h.app.engine.Handle(context.Background(), m)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	held, gone := 0, 0
	for _, line := range texts(h.flush()) {
		held += strings.Count(line, "已为您预留「环保袋」")
		gone += strings.Count(line, "兑换品1「环保袋」已经兑完了")
	}
	if held != 10 || gone != 90 {
		t.Fatalf("%d told their 环保袋 is held, %d told it is gone; want 10 and 90", held, gone)
	}
	h.app.Close()
	db, err := storage.Open(h.db)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r, _ := db.Reward(1)
	reds, _ := db.Redemptions()
	if r.Stock != 0 || len(reds) != 10 {
		t.Fatalf("stock %d, %d redemptions; want 0 and 10", r.Stock, len(reds))
	}
	sums := map[string]int{}
	if err := db.EachPointsEntry(func(e *linli.PointsEntry) error { sums[e.Resident] += e.Amount; return nil }); err != nil {
		t.Fatal(err)
	}
	bals, _ := db.Balances()
	spent := 0
	for _, b := range bals {
		if b.Balance < 0 || b.Balance != sums[b.Resident] {
			t.Errorf("%s: balance %d, entries sum to %d", b.Resident, b.Balance, sums[b.Resident])
		}
		if b.Balance == 0 {
			spent++
		}
	}
	if spent != 10 {
		t.Errorf("%d residents spent their points, want 10", spent)
	}
}
