package linli

import (
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
