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

// TestRuleEmergencyFirst: an emergency the lexicon finds goes to the report
// intent before any hook and whatever the model said (here: chatter at
// confidence 0), even overheard in a group; other text still goes to the
// hooks first, and to an intent only when the model is sure.
func TestRuleEmergencyFirst(t *testing.T) {
	const g = "幸福里1期居民群"
	for _, tt := range []struct {
		text             string
		report, hooked   bool
		wantEmergencyArg string
	}{
		{"3号楼着火了", true, false, linli.EmergencyFire},
		{"没着火，是烧烤", false, true, ""},
		{"今天天气不错", false, true, ""},
	} {
		h := newHarness(t, fakeNLU{linli.Understanding{Intent: linli.IntentOther, Confidence: 0}})
		var got *linli.Understanding
		reported, hooked := false, false
		h.engine.Router().Intent(linli.IntentReport, func(ctx context.Context, req *linli.Request) error {
			reported, got = true, req.Understanding
			return nil
		})
		h.engine.Router().Hook(func(ctx context.Context, req *linli.Request) (bool, error) {
			hooked = true
			return true, nil
		})
		h.say(g, "张阿姨", tt.text)
		if reported != tt.report || hooked != tt.hooked {
			t.Errorf("%q: report intent %v, hook %v; want %v, %v", tt.text, reported, hooked, tt.report, tt.hooked)
		}
		if tt.report && (got == nil || got.Emergency != tt.wantEmergencyArg || got.Intent != linli.IntentReport) {
			t.Errorf("%q: understanding %+v, want a report with emergency %q", tt.text, got, tt.wantEmergencyArg)
		}
	}
}
