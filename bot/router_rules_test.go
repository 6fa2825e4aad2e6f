package bot_test

import (
	"context"
	"testing"

	"linli"
)

// TestRuleConfidentIntent: free text overheard in a group (not addressed to
// the bot) reaches its intent's handler only at confidence ≥ 0.6
// (bot.ConfidentIntent); addressed text reaches it at any confidence.
func TestRuleConfidentIntent(t *testing.T) {
	const g = "幸福里1期居民群"
	for _, tt := range []struct {
		group      string
		text       string
		confidence float64
		handled    bool
	}{
		{g, "讲座好像不错", 0.59, false},
		{g, "讲座好像不错", 0.6, true},
		{g, "讲座好像不错", 0.61, true},
		{"", "讲座好像不错", 0.59, true}, // private: addressed
		{g, "@邻里通 讲座好像不错", 0.59, true},
	} {
		h := newHarness(t, fakeNLU{linli.Understanding{Intent: linli.IntentSignup, Confidence: tt.confidence}})
		handled := false
		h.engine.Router().Intent(linli.IntentSignup, func(ctx context.Context, req *linli.Request) error {
			handled = true
			return nil
		})
		h.say(tt.group, "张阿姨", tt.text)
		if handled != tt.handled {
			t.Errorf("intent confidence threshold (0.6, bot.ConfidentIntent): %q in %q at confidence %v: handled %v, want %v",
				tt.text, tt.group, tt.confidence, handled, tt.handled)
		}
	}
}
