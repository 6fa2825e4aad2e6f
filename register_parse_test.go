package linli

import (
	"fmt"
	"strings"
	"testing"
)

// TestParseRegister: the header's other names, each bad row named with its
// row number, the good rows kept, and the whole-file refusals.
func TestParseRegister(t *testing.T) {
	rows := [][]string{
		{"房号", "业主", "面积", "联系电话"},
		{"3-1-502", "张三", "89.5㎡", "13900000001"},
		{"", "", "", ""},
		{"不知道", "李四", "80", ""},
		{"3栋1单元502", "重复", "70", ""},
		{"4栋101", "", "60", ""},
		{"4栋102", "王五", "0", ""},
		{"4栋103", "赵六", "100m2"},
	}
	entries, problems, err := ParseRegister(rows)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 || entries[0] != (RegisterEntry{Household: "3栋1单元502", Owner: "张三", Area: 89.5, Phone: "13900000001"}) || entries[1].Household != "4栋103" || entries[1].Area != 100 {
		t.Errorf("entries = %+v", entries)
	}
	want := []string{"第4行：户号「不知道」看不懂", "第5行：户号 3栋1单元502 与第2行重复", "第6行：4栋101 没有业主姓名", "第7行：4栋102 的建筑面积「0」不是数字"}
	if len(problems) != len(want) {
		t.Fatalf("problems = %+v", problems)
	}
	for i, p := range problems {
		if !strings.HasPrefix(p.Text, want[i]) || p.Row != i+4 {
			t.Errorf("problem %d = %+v, want %q", i, p, want[i])
		}
	}
	if msg := ErrorMessage(RegisterProblemsError(problems)); !strings.HasPrefix(msg, "名册有4处问题，什么都没有导入：\n第4行") {
		t.Errorf("refusal = %q", msg)
	}
	for _, tc := range []struct {
		rows [][]string
		want string
	}{
		{nil, "名册是空的"},
		{[][]string{{"户号", "姓名"}}, "缺少列：建筑面积"},
		{[][]string{{"户号", "业主姓名", "建筑面积㎡"}, {"", "", ""}}, "只有表头"},
	} {
		if _, _, err := ParseRegister(tc.rows); ErrorCode(err) != EInvalid || !strings.Contains(ErrorMessage(err), tc.want) {
			t.Errorf("ParseRegister(%q): %v, want %q", tc.rows, err, tc.want)
		}
	}
}

// TestParseRegisterCells: an empty area is said to be missing (not "not a
// number"), a formula is named as one with how to paste values, and an
// owner's name over MaxOwnerRunes is refused naming the row; at the
// limit it is kept.
func TestParseRegisterCells(t *testing.T) {
	atLimit, over := strings.Repeat("张", MaxOwnerRunes), strings.Repeat("张", MaxOwnerRunes+1)
	rows := [][]string{
		{"户号", "业主姓名", "建筑面积㎡", "手机"},
		{"3栋501", "王建国", "", ""},
		{"3栋502", "=HYPERLINK(\"http://x\",\"张桂芳\")", "102.5", ""},
		{"3栋503", "刘强", "=1+1", ""},
		{"3栋504", over, "66", ""},
		{"3栋505", atLimit, "66", ""},
		{"3栋506", "陈红", " ", ""},
		{"=A1", "赵六", "70", ""},
		{"3栋507", "孙七", "70", "=B2"},
		{"3栋508", "=", "70", ""}, // a lone = is text, not a formula (kept as the owner's "name")
	}
	entries, problems, err := ParseRegister(rows)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"第2行：3栋501 没有填建筑面积",
		"第3行：「业主姓名」一格是公式（=HYPERLINK(\"http://x\",\"张桂芳\")），",
		"第4行：「建筑面积」一格是公式（=1+1），",
		fmt.Sprintf("第5行：3栋504 的业主姓名太长了（%d个字，最多%d个字）", MaxOwnerRunes+1, MaxOwnerRunes),
		"第7行：3栋506 没有填建筑面积",
		"第8行：「户号」一格是公式（=A1）",
		"第9行：「手机」一格是公式（=B2）",
	}
	if len(problems) != len(want) {
		t.Fatalf("problems = %+v", problems)
	}
	for i, p := range problems {
		if !strings.HasPrefix(p.Text, want[i]) {
			t.Errorf("problem %d = %q, want %q…", i, p.Text, want[i])
		}
		if strings.Contains(p.Text, "公式") && !strings.Contains(p.Text, "粘贴→数值") {
			t.Errorf("problem %d = %q does not say how to paste values", i, p.Text)
		}
		if strings.Contains(p.Text, "不是数字") {
			t.Errorf("problem %d = %q calls a missing area not a number", i, p.Text)
		}
	}
	if len(entries) != 2 || entries[0].Household != "3栋505" || entries[0].Owner != atLimit || entries[1].Household != "3栋508" {
		t.Errorf("entries = %+v", entries)
	}
}
