package nlu

import (
	"slices"
	"strings"
	"testing"

	"linli"
)

// The word lists of words*.go (linli.Lexicon), through Words().

var lex = Words()

// predicate checks f on each case, reporting it under name.
func predicate(t *testing.T, name string, f func(string) bool, cases map[string]bool) {
	t.Helper()
	for in, want := range cases {
		if got := f(in); got != want {
			t.Errorf("%s(%q) = %v, want %v", name, in, got, want)
		}
	}
}

func TestKeywordClassifier(t *testing.T) {
	tests := []struct {
		text     string
		category string
		keywords []string
	}{
		{"3号楼门口垃圾堆了好几天", "环境卫生", []string{"垃圾"}},
		{"3号楼门口路灯不亮", "设施维修", []string{"路灯"}},
		{"消防通道被车堵了", "安全隐患", []string{"消防通道", "车"}},
		{"6号楼楼道私拉电线给电动车充电", "安全隐患", []string{"电线", "电动车", "充电"}},
		{"楼下有车乱停挡路", "停车交通", []string{"车"}},
		{"楼上装修太吵了", "噪音扰民", []string{"装修"}},
		{"花坛里的树枝断了要修剪", "绿化养护", []string{"花坛", "树枝"}},
		{"有人在群里卖东西", "其他", nil},
	}
	for _, tt := range tests {
		cat, kw := lex.Classify(tt.text)
		if cat != tt.category || !slices.Equal(kw, tt.keywords) {
			t.Errorf("Classify(%q) = %s %v, want %s %v", tt.text, cat, kw, tt.category, tt.keywords)
		}
	}
}

func TestPlaceOf(t *testing.T) {
	tests := []struct {
		text     string
		place    string
		building int
	}{
		{"3号楼门口垃圾堆了好几天", "3栋", 3},
		{"门口垃圾堆了好几天", "", 0}, // 门口 alone is no place: the resident's own building is
		{"小区门口的垃圾站满了", "小区门口", 0},
		{"三栋2单元楼道灯坏了", "3栋2单元", 3},
		{"12幢后面", "12栋", 12},
		{"东门的栏杆松动了", "东门", 0},
		{"地下车库漏水", "地下车库", 0},
		{"3楼有人装修", "", 0}, // a floor, not a building
		{"路灯不亮", "", 0},
	}
	for _, tt := range tests {
		place, b := lex.Place(tt.text)
		if place != tt.place || b != tt.building {
			t.Errorf("Place(%q) = %q %d, want %q %d", tt.text, place, b, tt.place, tt.building)
		}
	}
}

func TestSameProblem(t *testing.T) {
	tests := []struct {
		a, b []string
		want bool
	}{
		{[]string{"垃圾"}, []string{"垃圾"}, true},
		{[]string{"灯"}, []string{"路灯"}, true},
		{[]string{"门口", "垃圾"}, []string{"门口", "路灯"}, false},
		{[]string{"3号楼"}, []string{"3号楼"}, false},
		{nil, []string{"垃圾"}, false},
	}
	for _, tt := range tests {
		if got := lex.SameProblem(tt.a, tt.b); got != tt.want {
			t.Errorf("SameProblem(%v, %v) = %v", tt.a, tt.b, got)
		}
	}
}

func TestAboutCommand(t *testing.T) {
	predicate(t, "AboutCommand", func(norm string) bool { return lex.AboutCommand(strings.TrimPrefix(norm, "随手拍")) }, map[string]bool{
		"随手拍真方便":        true,
		"随手拍是什么":        true,
		"随手拍好用吗":        true,
		"随手拍 真的很臭":      false,
		"随手拍好多垃圾没人收":    false,
		"随手拍3号楼门口路灯不亮":  false,
		"随手拍:3号楼门口路灯不亮": false,
	})
}

func TestSaysProblem(t *testing.T) {
	predicate(t, "SaysProblem", lex.SaysProblem, map[string]bool{
		"一下":          false,
		",拍了":         false,
		"看看这个":        false,
		"3号楼":         false,
		"东门这里":        false,
		"这里有问题":       false,
		"坏了":          false,
		"。。。":         false,
		"电梯又坏了":       true,
		"3号楼门口路灯不亮":   true,
		"楼下有个大坑":      true,
		"有人在楼道抽烟":     true,
		"垃圾桶满了好几天没人收": true,
		"下水道堵了":       true,
	})
}

func TestYesAndAck(t *testing.T) {
	for text, want := range map[string][2]bool{
		"是": {true, false}, "好的!": {true, true}, "麻烦你了": {true, false}, "收到👍": {false, true},
		"谢谢": {false, true}, "+1": {false, true}, "": {false, true}, "是吗": {false, false}, "不是": {false, false},
		"谢谢你": {false, true}, "谢谢你们!": {false, true}, "收到了": {false, true}, "好的哈": {false, true}, "你": {false, false},
	} {
		if lex.Yes(text) != want[0] || lex.Ack(text) != want[1] {
			t.Errorf("Yes/Ack(%q) = %v/%v, want %v/%v", text, lex.Yes(text), lex.Ack(text), want[0], want[1])
		}
	}
}

func TestChatterAndPolite(t *testing.T) {
	predicate(t, "Chatter", lex.Chatter, map[string]bool{"了吗?": true, "的人好多": true, "1": false, "健康讲座": false,
		"一二三四五六七八九十一二三": true})
	predicate(t, "Polite", lex.Polite, map[string]bool{"谢谢社工": true, "哈哈": true, "[玫瑰]": true, "请问": false,
		"谢谢吗": false, "明天来": false, "准时到": true})
}

func TestEmergencyAndStillBroken(t *testing.T) {
	for text, want := range map[string]string{"3栋电梯困人了": linli.EmergencyTrapped, "楼道里有煤气味": linli.EmergencyGas,
		"张大爷晕倒了": linli.EmergencyMedical, "电梯又坏了": "", "楼下着火了": linli.EmergencyFire,
		"昨天楼下着火了，已经灭了": "", "急得像着火一样": "", "没有煤气味了": "", "有人拿刀追着砍人": linli.EmergencyViolence} {
		if got := lex.Emergency(text); got != want {
			t.Errorf("Emergency(%q) = %q, want %q", text, got, want)
		}
	}
	predicate(t, "StillBroken", lex.StillBroken, map[string]bool{"还是不亮": true, "又坏了": true, "修好了谢谢": false, "还在漏水": true})
}

func TestBarePlace(t *testing.T) {
	predicate(t, "BarePlace", lex.BarePlace, map[string]bool{"大家好\n我住5号楼": false, "谢谢李社工\n我是3号楼的": false, "5号楼\n": true, "5号楼": true, "在5号楼": true, "就是3栋2单元那边": true, "东门": true,
		"3栋门口": true, "5号楼的灯坏了": false, "东门有垃圾": false})
}

func TestParty(t *testing.T) {
	tests := []struct {
		s     string
		extra int
		ok    bool
	}{
		{"", -1, true}, {"+1", 1, true}, {"加一", 1, true}, {"2人", 1, true}, {"两人", 1, true}, {"1人", 0, true},
		{"0人", -1, false}, {"+11", 11, false}, {"+10", 10, true}, {"-1", -1, false}, {"+-1", -1, false},
		{"我和老伴", 1, true}, {"带两个孙子", 2, true}, {"刘姐+老公", 1, true}, {"一共三人", 2, true},
		{"我们一家五口", 4, true}, {"一家三口", 2, true}, {"我们家三口人", 2, true}, {"一家20口", 19, false},
		{"王奶奶和李奶奶", -1, true},
	}
	for _, tt := range tests {
		_, extra, ok := lex.Party(tt.s)
		if extra != tt.extra || ok != tt.ok {
			t.Errorf("Party(%q) = %d %v, want %d %v", tt.s, extra, ok, tt.extra, tt.ok)
		}
	}
	for s, want := range map[string][2]string{
		"健康讲座我和老伴": {"健康讲座", "我和老伴"}, "健康讲座+3人": {"健康讲座", "+3人"}, "健康讲座": {"健康讲座", ""},
		"+1": {"+1", ""}, // party words at the start leave the title alone
	} {
		if title, party := lex.PartyCut(s); title != want[0] || party != want[1] {
			t.Errorf("PartyCut(%q) = %q %q, want %q %q", s, title, party, want[0], want[1])
		}
	}
	for s, want := range map[string]int{"+1": 1, "1人": 1, "一位": 1, "减2": 2, "-1": 1, "两个": 2, "0": 0, "明天": 0} {
		if n, ok := lex.PartyLess(s); n != want || ok != (want > 0) {
			t.Errorf("PartyLess(%q) = %d %v, want %d", s, n, ok, want)
		}
	}
}

func TestBallotWords(t *testing.T) {
	for w, want := range map[string]string{"我选2": "2", "同意了": "同意", "第一个": "一", "非常满意": "满意", "A": "A"} {
		if got := lex.BallotBare(w); got != want {
			t.Errorf("BallotBare(%q) = %q, want %q", w, got, want)
		}
	}
	if !lex.BallotReplace("改票") || lex.BallotReplace("同意") {
		t.Error("BallotReplace: 改票 replaces, 同意 does not")
	}
	if !lex.BallotAck("OK") || !lex.BallotAck("辛苦了") || lex.BallotAck("希望早点装") {
		t.Error("BallotAck: OK and 辛苦了 say nothing; a wish is kept")
	}
}

// TestSettled: a problem fixed (修好了, 已处理, 今天好了) or an earlier report
// (上次反映的, 之前报过) is settled; one still broken or back (又坏了, 还没修,
// 到现在都没人管), a fix wished, planned or asked about (希望早点修好, 明天修好,
// 修好了吗), a fix denied (没修好, 不通了) and an emergency are not.
func TestSettled(t *testing.T) {
	w := Words()
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"上次反映的事修好了", true},
		{"已经好了", true},
		{"解决了谢谢", true},
		{"昨天路灯坏了今天好了", true},
		{"楼下垃圾已经清理干净了", true},
		{"之前报的井盖已处理", true},
		{"前几天说的漏水现在好了", true},
		{"上次我反映的事", true},
		{"上回说的那个坑补上了", true},
		{"路灯又坏了", false},
		{"墙皮脱落了", false},
		{"3号楼路灯坏了", false},
		{"昨天路灯坏了", false},
		{"上次反映的路灯到现在还没修", false},
		{"上次反映的井盖 又被人搬走了", false},
		{"路灯修好了吗", false},
		{"2号楼的电梯好了没", false},
		{"希望早点修好", false},
		{"物业说明天修好", false},
		{"路灯还没修好", false},
		{"垃圾没人收走", false},
		{"下水道不通了", false},
		{"路灯灭了", false},
		{"刚才路过看到井盖没了拍了照", false},
		{"昨天楼下有人说垃圾堆满了", false},
		{"上次反映的那家又着火了", false},
		{"井盖坏了 修好了再通知我", false},
		{"等修好了告诉我一声", false},
	} {
		if got := w.Settled(tt.text); got != tt.want {
			t.Errorf("Settled(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestNo(t *testing.T) {
	lex := Words()
	for _, text := range []string{"不用了", "不用了谢谢", "不用了，谢谢", "算了", "算了吧", "不是", "不要", "别登记", "不用登记", "没事了", "不需要！"} {
		if !lex.No(text) {
			t.Errorf("No(%q) = false", text)
		}
	}
	for _, text := range []string{"是", "好的", "不是我家的", "不用谢", "算了一下要50块", "不要乱扔垃圾", "没事吧", "不错", "谢谢"} {
		if lex.No(text) {
			t.Errorf("No(%q) = true", text)
		}
	}
}
