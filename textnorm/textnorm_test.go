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
