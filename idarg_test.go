package linli

import "testing"

func TestMalformedNumber(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"-1", "-1"}, {"-1 同意", "-1"}, {"-99999999999999999999", "-99999999999999999999"},
		{"1.5", "1.5"}, {"1e3", "1e3"}, {" 1.5 同意", "1.5"}, {"－3", "－3"},
		{"1", ""}, {"1 同意", ""}, {"1 +1", ""}, {"+1", ""}, {"99999999999999999999", ""},
		{"1.同意", ""}, {"1A", ""}, {"包饺子", ""}, {"1号", ""}, {"3栋-502", ""}, {"", ""},
	} {
		if got := MalformedNumber(c.in); got != c.want {
			t.Errorf("MalformedNumber(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
