package nlu

import (
	"os"
	"sort"
	"testing"
)

func TestZZFeat(t *testing.T) {
	n := testNLU(t)
	ms, _ := loadModels()
	for _, name := range n.Features(os.Getenv("TXT")) {
		r := ms.intent.Row([]byte(name))
		if r == nil {
			continue
		}
		t.Logf("%-30s report %+.2f other %+.2f", name, r[2], r[6])
	}
	_ = sort.Strings
}
