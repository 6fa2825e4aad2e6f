package nlu

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"

	"linli"
)

func TestUnderstandExamples(t *testing.T) {
	n := testNLU(t)
	tests := []struct {
		text, intent, category string
	}{
		{"我和老伴都想去听防诈骗讲座", "signup", ""},
		{"东门路灯坏了晚上很黑", "report", "设施维修"},
		{"我选2", "vote", ""},
		{"報名參加週六的講座", "signup", ""},
		{"不想去了", "cancel", ""},
		{"周六的讲座我不去了", "cancel", ""},
		{"讲座什么时候开始", "query", ""},
		{"活动在哪", "query", ""},
		{"几点集合", "query", ""},
		{"怎么报名", "help", ""},
		{"帮助", "help", ""},
		{"楼道里堆满了杂物", "report", "安全隐患"},
		{"消防通道被占用了", "report", "安全隐患"},
		{"地下车库漏水", "report", "设施维修"},
		{"下水道堵了", "report", "设施维修"},
		{"垃圾房太臭了", "report", "环境卫生"},
		{"楼上装修吵死了", "report", "噪音扰民"},
		{"电动车乱停", "report", "停车交通"},
		{"树枝断了", "report", "绿化养护"},
		{"同意", "vote", ""},
		{"选A和C", "vote", ""},
		{"取消报名1", "cancel", ""},
	}
	for _, tt := range tests {
		u := n.Understand(tt.text)
		if u.Intent != tt.intent || u.Category != tt.category {
			t.Errorf("Understand(%q) = %s/%q, want %s/%q (%s)", tt.text, u.Intent, u.Category, tt.intent, tt.category, n.analyse(tt.text).debug())
		}
		if u.Text != tt.text {
			t.Errorf("Understand(%q).Text = %q", tt.text, u.Text)
		}
		if tt.intent != "other" && u.Confidence < 0.4 {
			t.Errorf("Understand(%q).Confidence = %.2f, want ≥0.4", tt.text, u.Confidence)
		}
	}
}

func TestChatterIsSilent(t *testing.T) {
	n := testNLU(t)
	for _, text := range []string{
		"收到", "好的", "哈哈", "哈哈哈", "谢谢", "👍", "+1", "蹲", "已阅", "谁家的快递放错了",
		"今天天气真好", "[强][强]", "🌹🌹", "好的👌", "", "   ", "？？？", "。", "1", "ok",
		"我去接孩子了", "上周参加了义诊，医生很耐心", "报名的人好多啊", "路灯修好了，谢谢物业",
	} {
		u := n.Understand(text)
		if u.Intent != linli.IntentOther || u.Confidence >= 0.3 {
			t.Errorf("Understand(%q) = %s (%.2f), want other below 0.3 (%s)", text, u.Intent, u.Confidence, n.analyse(text).debug())
		}
		if u.Category != "" || u.Keywords == nil {
			t.Errorf("Understand(%q): category %q, keywords %v; want \"\" and non-nil", text, u.Category, u.Keywords)
		}
	}
}

func TestTraditionalAndFullWidth(t *testing.T) {
	n := testNLU(t)
	pairs := [][2]string{
		{"報名參加週六的講座", "报名参加周六的讲座"},
		{"東門路燈壞了", "东门路灯坏了"},
		{"取消報名２", "取消报名2"},
		{"我選Ａ和Ｃ", "我选A和C"},
		{"４棟２單元的樓道燈壞了", "4栋2单元的楼道灯坏了"},
	}
	for _, p := range pairs {
		a, b := n.Understand(p[0]), n.Understand(p[1])
		a.Text, b.Text = "", ""
		if !reflect.DeepEqual(a, b) {
			t.Errorf("Understand(%q) = %+v\nUnderstand(%q) = %+v", p[0], a, p[1], b)
		}
	}
}

func TestSlots(t *testing.T) {
	n := testNLU(t)
	tests := []struct {
		text string
		want linli.Slots
	}{
		{"我和老伴都想去听防诈骗讲座", linli.Slots{Activity: "防诈骗讲座", PartySize: 2}},
		{"带孩子参加亲子活动", linli.Slots{Activity: "亲子活动", PartySize: 2}},
		{"我带孩子去", linli.Slots{PartySize: 2}},
		{"一家三口报名亲子运动会", linli.Slots{Activity: "亲子运动会", PartySize: 3}},
		{"我们两个人报名", linli.Slots{PartySize: 2}},
		{"老两口都去", linli.Slots{PartySize: 2}},
		{"我和邻居王阿姨一起报名", linli.Slots{PartySize: 2}},
		{"我和老伴和孙子都去", linli.Slots{PartySize: 3}},
		{"报名1号活动", linli.Slots{Activity: "1"}},
		{"报名活动2", linli.Slots{Activity: "2"}},
		{"取消报名 3", linli.Slots{Activity: "3"}},
		{"报名１", linli.Slots{Activity: "1"}},
		{"我选2", linli.Slots{Choices: []string{"2"}}},
		{"选A和C", linli.Slots{Choices: []string{"A", "C"}}},
		{"选b、c", linli.Slots{Choices: []string{"B", "C"}}},
		{"我选ＡＢ", linli.Slots{Choices: []string{"A", "B"}}},
		{"我选第二个", linli.Slots{Choices: []string{"2"}}},
		{"支持1号方案", linli.Slots{Choices: []string{"1"}}},
		{"同意", linli.Slots{Choices: []string{"同意"}}},
		{"赞成", linli.Slots{Choices: []string{"同意"}}},
		{"不同意", linli.Slots{Choices: []string{"反对"}}},
		{"我投赞成票", linli.Slots{Choices: []string{"同意"}}},
		{"3号楼的路灯坏了", linli.Slots{Place: "3栋", Building: 3}},
		{"3栋2单元楼道灯坏了", linli.Slots{Place: "3栋2单元", Building: 3}},
		{"三号楼电梯坏了", linli.Slots{Place: "3栋", Building: 3}},
		{"東門路燈壞了", linli.Slots{Place: "东门"}},
		{"地下车库漏水", linli.Slots{Place: "地下车库"}},
		{"小广场上全是垃圾", linli.Slots{Place: "小广场"}},
	}
	for _, tt := range tests {
		got := n.Understand(tt.text).Slots
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("slots of %q = %+v, want %+v (%s)", tt.text, got, tt.want, n.analyse(tt.text).debug())
		}
	}
}

func TestKeywords(t *testing.T) {
	n := testNLU(t)
	tests := []struct {
		text string
		want []string
	}{
		{"东门路灯坏了晚上很黑", []string{"东门", "路灯", "坏"}},
		{"随手拍：3号楼的路灯坏了，麻烦尽快处理，谢谢", []string{"3栋", "路灯", "坏"}},
		{"收到", []string{}},
	}
	for _, tt := range tests {
		cat, kw := n.Classify(tt.text)
		if !reflect.DeepEqual(kw, tt.want) {
			t.Errorf("keywords of %q = %q, want %q", tt.text, kw, tt.want)
		}
		if cat == "" {
			t.Errorf("Classify(%q) category is empty", tt.text)
		}
	}
	if cat, _ := n.Classify("有点问题"); cat != "其他" {
		t.Errorf("Classify(vague) = %q, want 其他", cat)
	}
}

func TestOddInputDoesNotCrash(t *testing.T) {
	n := testNLU(t)
	for _, text := range []string{
		"\xff\xfe", "🙋‍♀️🙋‍♀️", "@邻里通 报名", "@张三 你家车挪一下", "#报名 1", "/帮助",
		strings.Repeat("路灯坏了", 500), "a/b/c", "///", "[]", "[", "]]]", "\u200b", "\n\n",
		"報名 +2", "１２３４５６", "ＡＢＣ", "😀" + strings.Repeat("哈", 100),
	} {
		u := n.Understand(text)
		if u.Keywords == nil {
			t.Errorf("Understand(%q).Keywords is nil", text)
		}
	}
	if u := n.Understand("@邻里通 我要报名"); u.Intent != "signup" {
		t.Errorf("mention of the bot: intent %s, want signup", u.Intent)
	}
}

// TestConcurrentUnderstand runs Understand from 20 goroutines (use -race).
func TestConcurrentUnderstand(t *testing.T) {
	n := testNLU(t)
	texts := []string{"我和老伴都想去听防诈骗讲座", "东门路灯坏了晚上很黑", "我选2", "收到", "報名參加週六的講座"}
	want := make([]linli.Understanding, len(texts))
	for i, s := range texts {
		want[i] = n.Understand(s)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 20)
	for g := 0; g < 20; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := 0; k < 50; k++ {
				i := (g + k) % len(texts)
				if got := n.Understand(texts[i]); !reflect.DeepEqual(got, want[i]) {
					errs <- fmt.Sprintf("goroutine %d: %q → %+v, want %+v", g, texts[i], got, want[i])
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestPlace(t *testing.T) {
	n := testNLU(t)
	tests := []struct {
		text, place string
		building    int
	}{
		{"3号楼的路灯坏了", "3栋", 3},
		{"3栋2单元楼道灯坏了", "3栋2单元", 3},
		{"十二幢楼下有狗屎", "12栋", 12},
		{"東門路燈壞了", "东门", 0},
		{"地下车库漏水", "地下车库", 0},
		{"小区门口的垃圾站满了", "小区门口", 0},
		{"垃圾站满了", "垃圾站", 0},
		{"篮球场的篮板裂开了", "篮球场", 0},
		{"路灯坏了", "", 0},
		{"", "", 0},
	}
	for _, tt := range tests {
		place, b := n.Place(tt.text)
		if place != tt.place || b != tt.building {
			t.Errorf("Place(%q) = %q, %d; want %q, %d", tt.text, place, b, tt.place, tt.building)
		}
	}
}

// TestComposition checks combinations the corpus never shows: a thing of
// the taxonomy and a problem state (issue 14).
func TestComposition(t *testing.T) {
	n := testNLU(t)
	for _, tt := range []struct{ text, category string }{
		{"篮球架的篮板裂开了", "设施维修"},
		{"暖气片不热", "设施维修"},
		{"公告栏玻璃碎了", "设施维修"},
		{"信报箱的门歪了", "设施维修"},
		{"果皮箱满了没人倒", "环境卫生"},
		{"雨水箅子不见了", "安全隐患"},
		{"行道树的树枝折断了", "绿化养护"},
	} {
		u := n.Understand(tt.text)
		if u.Intent != linli.IntentReport || u.Category != tt.category {
			t.Errorf("Understand(%q) = %s/%s, want report/%s (%s)", tt.text, u.Intent, u.Category, tt.category, n.analyse(tt.text).debug())
		}
	}
}
