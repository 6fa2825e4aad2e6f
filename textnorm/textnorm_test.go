package textnorm

import "testing"

func TestFunctions(t *testing.T) {
	fns := map[string]func(string) string{"Normalize": Normalize, "Fold": Fold,
		"ChinesePunct": ChinesePunct, "ChinesePunctBrackets": ChinesePunctBrackets}
	tests := []struct{ fn, in, want string }{
		{"Normalize", "＃報名　１", "#报名 1"},
		{"Normalize", "  活动  ", "活动"},
		{"Normalize", "投票：２　Ａ", "投票:2 A"},
		{"Normalize", "報名參加週六的講座", "报名参加周六的讲座"},
		{"Normalize", "随手拍\u200b 3号楼", "随手拍 3号楼"},
		{"Normalize", "第一行  \n  第二行", "第一行\n第二行"},
		{"Normalize", "bad\xffutf8", "badutf8"},
		{"Normalize", "", ""},
		{"Fold", "通知　全部：明天停水！", "通知 全部:明天停水!"},
		{"Fold", "０　８ ＊ ＊ １", "0 8 * * 1"},
		{"Fold", "社區  義診", "社區 義診"}, // no Traditional conversion
		{"ChinesePunct", "3栋加装电梯,费用按楼层分摊", "3栋加装电梯，费用按楼层分摊"},
		{"ChinesePunct", "费用3,000元", "费用3,000元"},
		{"ChinesePunct", "为什么?", "为什么？"},
		{"ChinesePunct", "ok, fine", "ok, fine"},
		{"ChinesePunct", "(3栋)", "(3栋）"},
		{"ChinesePunctBrackets", "不亮,晚上黑!", "不亮，晚上黑！"},
		{"ChinesePunctBrackets", "call 12345, ok", "call 12345, ok"},
		{"ChinesePunctBrackets", "(3栋)", "（3栋）"},
	}
	for _, tt := range tests {
		if got := fns[tt.fn](tt.in); got != tt.want {
			t.Errorf("%s(%q) = %q, want %q", tt.fn, tt.in, got, tt.want)
		}
	}
	if n := Letters("3号楼, ok!"); n != 5 {
		t.Errorf("Letters = %d, want 5", n)
	}
}
