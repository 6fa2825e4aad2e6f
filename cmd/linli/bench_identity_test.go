package main

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"linli"
)

// BenchmarkIdentifyAfterLogin measures identifying a person the engine has
// not seen in this session, in a community of 5,000 residents on a real
// bbolt file: the cost each resident's first message pays after a new
// login (WeChat gives everyone new ids; the record is found by its hints).
func BenchmarkIdentifyAfterLogin(b *testing.B) {
	cfg, err := loadConfig("")
	if err != nil {
		b.Fatal(err)
	}
	clock := linli.NewSimClock(time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	a, err := newApp(cfg, clock, nil, appOptions{dbPath: filepath.Join(b.TempDir(), "bench.db")})
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	const n = 5000
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("%d-%d 居民%d", i%9+1, 101+i%20, i)
		if _, err := a.db.UpdateResident(name, func(r *linli.Resident) error {
			r.User, r.Who, r.LastSeen = fmt.Sprintf("@old%d", i), fmt.Sprintf("昵称%d", i), clock.Now()
			return nil
		}); err != nil {
			b.Fatal(err)
		}
	}
	a.engine.NewSession()
	ctx := context.Background()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		j := i % n
		m := linli.Message{ID: fmt.Sprint("m", i), Group: "幸福里1期居民群", Sender: fmt.Sprintf("%d-%d 居民%d", j%9+1, 101+j%20, j),
			Nickname: fmt.Sprintf("昵称%d", j), User: fmt.Sprintf("@new%d", i), Text: "收到"}
		if err := a.engine.Handle(ctx, m); err != nil {
			b.Fatal(err)
		}
	}
}
