package textnorm

import (
	"strings"
	"testing"
)

func TestPrintable(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"张\x07阿姨\x1b[31m", "张阿姨"},
		{"垃圾\x1b[2J堆了", "垃圾堆了"},
		{"\x1b]0;标题\x07张三", "张三"},
		{"\x1b]8;;http://x\x1b\\点我\x1b]8;;\x1b\\", "点我"},
		{"李\u202e工社\u202c", "李工社"},
		{"a\u2066b\u2069c\u200fd", "abcd"},
		{"第一行\n\t第二行", "第一行\n\t第二行"}, // newline and tab are kept
		{"x\x00y\x7fz\u0085w\u009bq", "xyzwq"},
		{"着火了！！ alert(1)", "着火了！！ alert(1)"}, // nothing else changes
		{"bad\xffutf8", "badutf8"},
		{"\x1b", ""},
	} {
		if got := Printable(tt.in); got != tt.want {
			t.Errorf("Printable(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMentionName(t *testing.T) {
	long := strings.Repeat("张", 300)
	for _, tt := range []struct{ in, want string }{
		{"3-502\t张\x07阿姨\x1b[31m", "3-502 张阿姨"},
		{long, strings.Repeat("张", 20) + "…"},              // MentionRunes, the rule
		{strings.Repeat("张", 20), strings.Repeat("张", 20)}, // exactly the limit: whole
		{"3-502 张阿姨", "3-502 张阿姨"},
		{"\x07\x1b[0m", "?"},
		{"  李\n姐  ", "李 姐"},
	} {
		if got := MentionName(tt.in); got != tt.want {
			t.Errorf("MentionName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTyped: the typed text behind the end of a normalised message is
// found and kept as typed (full-width punctuation, ASCII brackets), or ""
// when it cannot be lined up.
func TestTyped(t *testing.T) {
	for _, tt := range []struct{ raw, norm, want string }{
		{"5栋着火了！！", "5栋着火了!!", "5栋着火了！！"},
		{"随手拍 <img src=x onerror=alert(1)> 3号楼门口 垃圾\x1b[2J堆了", "<img src=x onerror=alert(1)> 3号楼门口 垃圾[2J堆了",
			"<img src=x onerror=alert(1)> 3号楼门口 垃圾堆了"},
		{"随手拍3号楼门口路灯不亮，晚上很黑！", "3号楼门口路灯不亮,晚上很黑!", "3号楼门口路灯不亮，晚上很黑！"},
		{"＃随手拍　３号楼　路灯（东侧）坏了", "3号楼 路灯(东侧)坏了", "３号楼　路灯（东侧）坏了"},
		{"隨手拍 東門路燈壞了！", "东门路灯坏了!", "東門路燈壞了！"},
		{"@邻里通 电梯坏了", "电梯坏了", "电梯坏了"},
		{"随手拍 电梯坏了", "别的话", ""},
		{"", "电梯坏了", ""},
	} {
		if got := Typed(tt.raw, tt.norm); got != tt.want {
			t.Errorf("Typed(%q, %q) = %q, want %q", tt.raw, tt.norm, got, tt.want)
		}
	}
}
