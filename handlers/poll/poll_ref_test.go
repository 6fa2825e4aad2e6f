package poll

import "testing"

func TestSplitPollRef(t *testing.T) {
	tests := []struct {
		in     string
		ok     bool
		id     uint64
		rest   string
		joined bool
	}{
		{"1 同意", true, 1, "同意", false},
		{"1植物园", true, 1, "植物园", true},
		{"1a", true, 1, "a", true},
		{"12", true, 12, "", false},
		{"3号 A", true, 3, "A", false},
		{"3号A", true, 3, "A", true},
		{"3，同意", true, 3, "同意", false},
		{"一 满意", true, 1, "满意", false},
		{"十二 满意", true, 12, "满意", false},
		{"二十 满意", true, 20, "满意", false},
		{"三号 同意", true, 3, "同意", false},
		{"一", true, 1, "", false},
		{"一下吧", false, 0, "", false},
		{"十分重要", false, 0, "", false},
		{"同意", false, 0, "", false},
		{"0 同意", false, 0, "", false},
		{"1234567 同意", false, 0, "", false},
	}
	for _, tt := range tests {
		n, ok := splitPollRef(tt.in)
		if ok != tt.ok || (ok && (n.id != tt.id || n.rest != tt.rest || n.joined != tt.joined)) {
			t.Errorf("splitPollRef(%q) = %+v, %v; want %d %q joined=%v %v", tt.in, n, ok, tt.id, tt.rest, tt.joined, tt.ok)
		}
	}
}
