package nlu

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

var (
	sharedOnce sync.Once
	shared     *NLU
	sharedErr  error
)

// testNLU returns an NLU shared by the tests of the package, loaded with
// the embedded dictionaries unpacked to a temporary cache.
func testNLU(t testing.TB) *NLU {
	t.Helper()
	sharedOnce.Do(func() {
		dir, err := tempCache()
		if err != nil {
			sharedErr = err
			return
		}
		shared, sharedErr = New(Options{CacheDir: dir})
	})
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return shared
}

// debug renders the scores and the matched cues, for test failures.
func (a *analysis) debug() string {
	var b strings.Builder
	for i, s := range a.scores {
		if s != 0 {
			fmt.Fprintf(&b, "%s=%.1f ", intentNames[i], s)
		}
	}
	var ms []string
	for _, m := range a.matches {
		s := m.text
		if m.e != nil {
			s = "[" + s + "]"
		}
		ms = append(ms, fmt.Sprintf("%s%d%s", s, m.clause, a.units[m.start].tag))
	}
	return b.String() + "| " + strings.Join(ms, " ")
}
