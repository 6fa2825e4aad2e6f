package wxfake

import (
	"strings"
	"testing"
)

// FuzzSyncCheckSeq: any synckey parameter reads as a sequence or -1, never
// a panic; a well-formed one reads back.
func FuzzSyncCheckSeq(f *testing.F) {
	for _, s := range []string{"1_1005|2_2005", "", "1_", "_|_", "2_2005|1_999", "1_99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, key string) {
		n := syncCheckSeq(key)
		if !strings.Contains(key, "1_") && n != -1 {
			t.Fatalf("syncCheckSeq(%q) = %d without a key 1", key, n)
		}
	})
}
