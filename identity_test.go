package linli

import (
	"testing"
	"time"
)

func TestParseHousehold(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" = no household
	}{
		{"3-502 张阿姨", "3栋502"},
		{"3号楼502室-张", "3栋502"},
		{"3栋1单元502王", "3栋1单元502"},
		{"3栋502", "3栋502"},
		{"3-1-502 李叔", "3栋1单元502"},
		{"张阿姨 3-502", "3栋502"},
		{"3幢502", "3栋502"},
		{"3#502 小王", "3栋502"},
		{"三号楼1201", "3栋1201"},
		{"十二栋2单元301 陈", "12栋2单元301"},
		{"3号楼2单元1201室 王女士", "3栋2单元1201"},
		{"【7-1-602】刘阿姨", "7栋1单元602"},
		{"03-0502", "3栋502"},
		{"5座-1201", "5栋1201"},
		{"9/301 赵", "9栋301"},
		{"8栋-1-602", "8栋1单元602"},
		{"张阿姨", ""},
		{"王叔 138-0013-8000", ""},
		{"1998年生", ""},
		{"", ""},
	}
	for _, tt := range tests {
		h, ok := ParseHousehold(tt.in)
		got := ""
		if ok {
			got = h.String()
		}
		if got != tt.want {
			t.Errorf("ParseHousehold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseBuilding(t *testing.T) {
	for in, want := range map[string]int{"3栋": 3, "3号楼": 3, "三栋": 3, "12": 12, "十二幢": 12, "x": 0} {
		if got := ParseBuilding(in); got != want {
			t.Errorf("ParseBuilding(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestPendingImagesSetAside(t *testing.T) {
	t0 := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	p := PendingImages{Files: []string{"a.png", "b.png"}, Until: t0}
	if p.SetAside(t0) {
		t.Fatal("set aside while the images can still join a 随手拍")
	}
	if !p.SetAside(t0.Add(time.Second)) || len(p.Files) != 0 || len(p.Stale) != 2 || !p.Stale[1].Since.Equal(t0) {
		t.Fatalf("after the window: %+v", p)
	}
}
