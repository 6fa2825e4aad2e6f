package report

import (
	"strings"
	"testing"

	"linli/textnorm"
)

// TestDescriptionIsStoredAsTyped pins asTyped: a 随手拍 description is parsed
// on the normalised text but stored (and echoed) as the resident typed it,
// control characters removed; when the typed text cannot be lined up (the
// command was the bot's own offer, answered 是), Chinese punctuation is
// restored on the normalised text as before.
func TestDescriptionIsStoredAsTyped(t *testing.T) {
	for _, tt := range []struct{ name, typed, want string }{
		{"ascii brackets", "随手拍 3号楼门口 <img src=x onerror=alert(1)> 垃圾堆了", "3号楼门口 <img src=x onerror=alert(1)> 垃圾堆了"},
		{"full-width marks", "随手拍 3号楼门口路灯不亮，晚上很黑！！", "3号楼门口路灯不亮，晚上很黑！！"},
		{"no space after the command", "随手拍3号楼门口路灯（东侧）不亮", "3号楼门口路灯（东侧）不亮"},
		{"escape sequence", "随手拍 3号楼门口垃圾\x1b[2J堆了\x07", "3号楼门口垃圾堆了"},
		// The offered command quotes the typed text (offerReport), so it
		// arrives as typed; only ASCII punctuation next to Chinese widens.
		{"offer taken", "是", "3号楼门口路灯（东侧）不亮，晚上很黑！！"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newReportWorld(t)
			norm := textnorm.Normalize(tt.typed)
			if tt.typed == "是" {
				norm = "随手拍 3号楼门口路灯(东侧)不亮，晚上很黑！！"
			}
			req := w.msg(rulesGroup, "3-502 张阿姨", tt.typed, true)
			req.Msg.Norm = norm
			args := strings.TrimSpace(strings.TrimPrefix(norm, "随手拍"))
			if err := w.command(req, "随手拍", args); err != nil {
				t.Fatal(err)
			}
			rs := w.list(nil)
			if len(rs) != 1 {
				t.Fatalf("%d reports, want 1", len(rs))
			}
			if rs[0].Description != tt.want {
				t.Errorf("description = %q, want %q", rs[0].Description, tt.want)
			}
			if rs[0].Building != 3 {
				t.Errorf("building = %d, want 3 (parsed on the normalised text)", rs[0].Building)
			}
		})
	}
}
