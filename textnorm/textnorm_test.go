package textnorm

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"＃報名　１", "#报名 1"},
		{"  活动  ", "活动"},
		{"投票：２　Ａ", "投票:2 A"},
		{"報名參加週六的講座", "报名参加周六的讲座"},
		{"随手拍\u200b 3号楼", "随手拍 3号楼"},
		{"第一行  \n  第二行", "第一行\n第二行"},
		{"bad\xffutf8", "badutf8"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"通知　全部：明天停水！": "通知 全部:明天停水!",
		"０　８ ＊ ＊ １":   "0 8 * * 1",
		"社區  義診":      "社區 義診", // no Traditional conversion
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestChinesePunct(t *testing.T) {
	tests := []struct {
		in, want, brackets string
	}{
		{"3栋加装电梯,费用按楼层分摊", "3栋加装电梯，费用按楼层分摊", "3栋加装电梯，费用按楼层分摊"},
		{"费用3,000元", "费用3,000元", "费用3,000元"},
		{"为什么?", "为什么？", "为什么？"},
		{"ok, fine", "ok, fine", "ok, fine"},
		{"不亮,晚上黑!", "不亮，晚上黑！", "不亮，晚上黑！"},
		{"call 12345, ok", "call 12345, ok", "call 12345, ok"},
		{"(3栋)", "(3栋）", "（3栋）"},
	}
	for _, tt := range tests {
		if got := ChinesePunct(tt.in); got != tt.want {
			t.Errorf("ChinesePunct(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := ChinesePunctBrackets(tt.in); got != tt.brackets {
			t.Errorf("ChinesePunctBrackets(%q) = %q, want %q", tt.in, got, tt.brackets)
		}
	}
}
