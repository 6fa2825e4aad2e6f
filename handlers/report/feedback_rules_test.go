package report

import (
	"testing"
	"time"

	"linli"
)

// TestRuleStillBrokenAnswer: once asked "还没修好吗？", a still-broken text of
// at most reportBareStillBroken (6) characters is the answer and reopens
// the report; a longer one is talk about it and changes nothing.
func TestRuleStillBrokenAnswer(t *testing.T) {
	for _, tt := range []struct {
		text     string
		reopened bool
	}{
		{"还是坏的啊啊", true},   // 6
		{"灯还是坏的啊啊", false}, // 7
	} {
		w := newReportWorld(t)
		w.resolved(24 * time.Hour)
		first := w.msg(rulesGroup, "张阿姨", "还是不亮", false)
		if handled, err := w.hook(first); !handled || err != nil {
			t.Fatalf("first still-broken text: %v %v", handled, err)
		}
		w.sent = nil
		if _, err := w.hook(w.msg(rulesGroup, "张阿姨", tt.text, false)); err != nil {
			t.Fatal(err)
		}
		if got := w.reports[1].Status == linli.ReportReopened; got != tt.reopened {
			t.Errorf("%q (%d characters) after the question: reopened %v, want %v (reportBareStillBroken = %d)",
				tt.text, len([]rune(tt.text)), got, tt.reopened, reportBareStillBroken)
		}
	}
}
