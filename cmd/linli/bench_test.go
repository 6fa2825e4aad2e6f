package main

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"linli"
)

// BenchmarkInboundBolt measures the whole inbound path on a real bbolt file:
// normalise → dedupe (persisted) → identify (resident upsert) → route →
// handler (帮助) → outbox (persisted).
func BenchmarkInboundBolt(b *testing.B) {
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
	ctx := context.Background()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		m := linli.Message{ID: fmt.Sprint(i), Group: "幸福里1期居民群", Sender: fmt.Sprintf("%d-502 张阿姨", i%9+1), Text: "＃绑定　３栋５０２"}
		if err := a.engine.Handle(ctx, m); err != nil {
			b.Fatal(err)
		}
	}
}
