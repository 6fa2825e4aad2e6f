package signup

import (
	"slices"
	"testing"

	"linli"
)

// TestJielongPosterLine pins whose a 接龙 line is (red-team round 7): the
// poster's by 我, their 群昵称, their WeChat nickname (message or record),
// their 户号 also in Chinese numerals; a line naming them and neighbours
// is split, the neighbours not theirs.
func TestJielongPosterLine(t *testing.T) {
	m := &linli.Message{Sender: "3-502 张阿姨", Resident: &linli.Resident{Name: "3-502 张阿姨", Nickname: "桂芳", Household: "3栋502"}}
	for _, tc := range []struct {
		line string
		want bool
	}{
		{"我 +50", true}, {"本人", true}, {"桂芳 +2", true}, {"张阿姨 2人", true},
		{"三栋五零二 +1", true}, {"3栋五〇二", true}, {"3-502 张桂芳", true},
		{"三栋五零三 +1", false}, {"王叔", false}, {"李姐 +1", false},
	} {
		if got := words.namesPoster(m, entryKey(tc.line), tc.line); got != tc.want {
			t.Errorf("namesPoster(%q) = %v, want %v", tc.line, got, tc.want)
		}
	}
	nick := &linli.Message{Sender: "张阿姨", Nickname: "芳芳", Resident: &linli.Resident{Name: "张阿姨"}}
	if !words.namesPoster(nick, "芳芳+1", "芳芳 +1") {
		t.Error("the message's WeChat nickname is not the poster's")
	}
	for _, tc := range []struct {
		line, own string
		others    []string
		family    int
	}{
		{"张阿姨和王叔", "张阿姨", []string{"王叔"}, 0},
		{"张阿姨、王叔、李姐", "张阿姨", []string{"王叔", "李姐"}, 0},
		{"张阿姨、老伴", "张阿姨", nil, 1},
		{"张阿姨、老伴、王叔", "张阿姨", []string{"王叔"}, 1},
		{"我和老伴", "", nil, 0},   // 老伴 is family: the party
		{"张阿姨 +1", "", nil, 0}, // one person
		{"王叔和李姐", "", nil, 0},  // not hers at all
	} {
		own, others, family := words.splitPosterLine(m, entryKey(tc.line))
		if own != tc.own || !slices.Equal(others, tc.others) || family != tc.family {
			t.Errorf("splitPosterLine(%q) = %q, %q, %d; want %q, %q, %d", tc.line, own, others, family, tc.own, tc.others, tc.family)
		}
	}
}
