package nlu

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"

	"linli"
	"linli/nlu/internal/linear"
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

// debug renders the probabilities, the class words and the taxonomy terms
// found, for test failures.
func (a *analysis) debug() string {
	var b strings.Builder
	if a.emergency != "" {
		fmt.Fprintf(&b, "emergency=%s ", a.emergency)
	}
	if ms, err := loadModels(); err == nil {
		f := &featureSet{}
		a.features(f)
		for i, p := range probabilities(ms.intent, f) {
			if p >= 0.05 {
				fmt.Fprintf(&b, "%s=%.2f ", intentNames[i], p)
			}
		}
		b.WriteString("| ")
		for i, p := range probabilities(ms.category, f) {
			if p >= 0.05 {
				fmt.Fprintf(&b, "%s=%.2f ", linli.Categories[i], p)
			}
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
	var ts []string
	for _, t := range a.terms {
		ts = append(ts, t.t.text+"/"+t.t.kind)
	}
	return b.String() + "| " + strings.Join(ms, " ") + " | " + strings.Join(ts, " ")
}

// TestExplain prints the features of $NLU_EXPLAIN with their intent
// weights, largest first (a debugging aid; skipped without the variable).
func TestExplain(t *testing.T) {
	text := os.Getenv("NLU_EXPLAIN")
	if text == "" {
		t.Skip("set NLU_EXPLAIN to a message")
	}
	n := testNLU(t)
	ms, _ := loadModels()
	a := n.analyse(text)
	t.Log(a.debug())
	for _, m := range []*linear.Model{ms.intent, ms.category} {
		type fw struct {
			name string
			w    []float32
		}
		var fs []fw
		for _, name := range n.Features(text) {
			if row := m.Row([]byte(name)); row != nil {
				fs = append(fs, fw{name, row})
			}
		}
		sort.Slice(fs, func(i, j int) bool { return maxAbs(fs[i].w) > maxAbs(fs[j].w) })
		var b strings.Builder
		fmt.Fprintf(&b, "%-16s", "")
		for _, c := range m.Classes {
			fmt.Fprintf(&b, " %7s", abbrev(c))
		}
		for _, f := range fs {
			fmt.Fprintf(&b, "\n%-16s", f.name)
			for _, v := range f.w {
				fmt.Fprintf(&b, " %7.2f", v)
			}
		}
		t.Log(b.String())
	}
}

func maxAbs(w []float32) float32 {
	var m float32
	for _, v := range w {
		m = max(m, v, -v)
	}
	return m
}
