package nlu

import (
	"testing"
)

func TestTaxonomyTable(t *testing.T) {
	kinds := map[string]int{}
	cats := map[string]int{}
	for _, tm := range theTaxonomy.terms {
		kinds[tm.kind]++
		if tm.kind == kindThing || tm.kind == kindEvent {
			cats[tm.category]++
		}
	}
	if kinds[kindThing] < 500 || kinds[kindEvent] < 250 || kinds[kindState] < 300 {
		t.Errorf("taxonomy holds %v; want hundreds of 部件, 事件 and 状态", kinds)
	}
	for _, c := range []string{"环境卫生", "设施维修", "停车交通", "安全隐患", "绿化养护", "噪音扰民", "其他"} {
		if cats[c] < 20 {
			t.Errorf("%d 部件 and 事件 of %s, want ≥20", cats[c], c)
		}
	}
}

func TestParseTaxonomyErrors(t *testing.T) {
	for _, in := range []string{
		"路灯\t部件\t公用设施/照明\t设施维修\n",             // 4 fields
		"路灯\t东西\t公用设施/照明\t设施维修\t\n",           // unknown kind
		"路灯\t部件\t公用设施/照明\t修理\t\n",             // unknown category
		"路灯\t部件\ta\t设施维修\t\n路灯\t状态\tb\t-\t\n", // twice
	} {
		if _, err := parseTaxonomy(in); err == nil {
			t.Errorf("parseTaxonomy(%q): no error", in)
		}
	}
	tx, err := parseTaxonomy("# comment\n东门\t场所\t出入口\t-\t地标\n")
	if err != nil {
		t.Fatal(err)
	}
	if tm := tx.terms["东门"]; tm == nil || !tm.landmark || tm.category != "" || tm.top != "出入口" {
		t.Errorf("东门 = %+v", tm)
	}
}

// TestHeadMatching checks that nouns the table does not list are matched
// by their head and verbs by their result (感应灯 → 灯, 撞弯 → 弯).
func TestHeadMatching(t *testing.T) {
	n := testNLU(t)
	for _, tt := range []struct{ text, want string }{
		{"车库的卷闸门坏了", "门"},
		{"楼道的节能灯不亮", "灯"},
		{"井盖被砸烂", "烂"},
	} {
		a := n.analyse(tt.text)
		var got []string
		found := false
		for _, tm := range a.terms {
			got = append(got, tm.t.text)
			found = found || tm.head && tm.t.text == tt.want
		}
		if !found {
			t.Errorf("terms of %q = %v, want %s matched as a head", tt.text, got, tt.want)
		}
	}
}
