package linli

import "testing"

// A resident's 户号 never goes into a group: the building stays, the room
// does not; other numbers and text stay as they are.
func TestMaskHousehold(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"我家是3栋502室，漏水了", "我家是3栋***，漏水了"},
		{"住3-502的楼上", "住3栋***的楼上"},
		{"3-502室门口", "3栋***门口"},
		{"3号楼1单元502门口灯坏了", "3号楼***门口灯坏了"},
		{"三栋 2单元 301", "三栋***"},
		{"3栋502和4-601都漏水", "3栋***和4栋***都漏水"},
		{"3栋门口垃圾堆了", "3栋门口垃圾堆了"},
		{"11-23 09:00 登记", "11-23 09:00 登记"},
		{"下午3点半", "下午3点半"},
	} {
		if got := MaskHousehold(c.in); got != c.want {
			t.Errorf("MaskHousehold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	in := "我家是3栋502室，电话13912345678"
	if got, want := MaskForGroup(in), "我家是3栋***，电话139****5678"; got != want {
		t.Errorf("MaskForGroup(%q) = %q, want %q", in, got, want)
	}
}
