package bot_test

import (
	"context"
	"fmt"
	"testing"

	"linli"
)

// BenchmarkInbound measures the engine's inbound path on in-memory stores:
// normalise → dedupe → identify → route → trivial handler → outbox.
func BenchmarkInbound(b *testing.B) {
	h := newHarness(b, nil)
	h.engine.Router().Command(linli.Command{Names: []string{"报名"}, Args: linli.ArgsRequired,
		Handler: func(ctx context.Context, req *linli.Request) error { return req.Reply("好的") }})
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		m := linli.Message{ID: fmt.Sprint(i), Group: "幸福里1期居民群", Sender: fmt.Sprintf("%d-502 张阿姨", i%9+1), Text: "＃報名　１　＋２"}
		if err := h.engine.Handle(ctx, m); err != nil {
			b.Fatal(err)
		}
	}
}
