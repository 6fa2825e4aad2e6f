package nlu

import (
	"testing"
	"unicode/utf8"

	"linli/textnorm"
)

// FuzzEmergency: the emergency rules never panic and name only known kinds,
// whatever the text (they run on every message, before anything else);
// SelfHarm is only said of a medical emergency, Settled never of one.
func FuzzEmergency(f *testing.F) {
	for _, s := range []string{"3号楼着火了", "有 人 晕 倒 了 5栋", "着🔥了 5栋", "救命", "没有着火，是烧烤", "1.开窗 2.关阀", "@邻里通 煤气味", "", "\x00\xff", "打架子鼓", "有人要跳楼 5栋", "上次反映的事修好了", "去年我被困电梯里，现在还怕"} {
		f.Add(s)
	}
	known := map[string]bool{"": true, EmergencyMedical: true, EmergencyFire: true, EmergencyGas: true, EmergencyTrapped: true,
		EmergencyViolence: true, EmergencyDrowning: true, EmergencyHelp: true}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		kind := emergencyOf(textnorm.Normalize(s))
		if !known[kind] {
			t.Fatalf("emergencyOf(%q) = %q, not a kind", s, kind)
		}
		if Words().SelfHarm(s) && kind != EmergencyMedical {
			t.Fatalf("SelfHarm(%q) without a medical emergency (%q)", s, kind)
		}
		if Words().Settled(s) && kind != "" {
			t.Fatalf("Settled(%q) with an emergency (%q)", s, kind)
		}
		for _, c := range clauseSpans(s) {
			if c.text == "" || s[c.start:c.start+len(c.text)] != c.text {
				t.Fatalf("clauseSpans(%q): clause %q at %d", s, c.text, c.start)
			}
		}
	})
}
