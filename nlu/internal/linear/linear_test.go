package linear

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

// A toy problem: "坏" says report, "谢谢" says other, and 修好 turns a
// problem into other; the model must learn the interaction it is given.
var toy = []Example{
	{[]string{"bias", "w:坏"}, 0},
	{[]string{"bias", "w:坏", "w:灯"}, 0},
	{[]string{"bias", "w:漏"}, 0},
	{[]string{"bias", "w:谢谢"}, 1},
	{[]string{"bias", "w:谢谢", "w:灯"}, 1},
	{[]string{"bias", "res|w:坏", "w:修好"}, 1},
	{[]string{"bias", "w:好的"}, 1},
}

func TestTrainSeparates(t *testing.T) {
	m := Train([]string{"report", "other"}, toy, Options{L2: 1e-3, Iterations: 300, Rate: 0.5, MinCount: 1})
	for _, e := range toy {
		p := m.Scores(e.Features)
		Softmax(p)
		if p[e.Class] < 0.7 {
			t.Errorf("%v: p(class %d) = %.2f, want ≥0.7", e.Features, e.Class, p[e.Class])
		}
	}
	if m.Row([]byte("w:unknown")) != nil {
		t.Error("an unseen feature has weights")
	}
}

func TestMinCountAndBias(t *testing.T) {
	m := Train([]string{"report", "other"}, toy, Options{L2: 1e-3, Iterations: 10, Rate: 0.5, MinCount: 2})
	if m.Row([]byte("w:漏")) != nil {
		t.Error("a feature seen once kept with MinCount 2")
	}
	if m.Row([]byte("bias")) == nil {
		t.Error("bias dropped")
	}
}

func TestWriteRead(t *testing.T) {
	m := Train([]string{"report", "other"}, toy, Options{L2: 1e-3, Iterations: 100, Rate: 0.5, MinCount: 1})
	var buf bytes.Buffer
	if err := m.Write(&buf, "toy model\nsecond line", 0); err != nil {
		t.Fatal(err)
	}
	got, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got.Classes, ",") != "report,other" || got.NumFeatures() != m.NumFeatures() {
		t.Fatalf("read back %v with %d features, want %v with %d", got.Classes, got.NumFeatures(), m.Classes, m.NumFeatures())
	}
	for _, name := range m.Names() {
		a, b := m.Row([]byte(name)), got.Row([]byte(name))
		for k := range a {
			if math.Abs(float64(a[k]-b[k])) > 1e-3*math.Max(1, math.Abs(float64(a[k]))) {
				t.Errorf("%s[%d] = %g, read back %g", name, k, a[k], b[k])
			}
		}
	}
}

func TestReadErrors(t *testing.T) {
	for _, in := range []string{
		"",
		"w:坏\t1\t2\n",
		"classes\ta\tb\nw:坏\t1\n",
		"classes\ta\tb\nw:坏\t1\tx\n",
		"classes\ta\tb\nw:坏\t1\t2\nw:坏\t1\t2\n",
	} {
		if _, err := Read(strings.NewReader(in)); err == nil {
			t.Errorf("Read(%q): no error", in)
		}
	}
}
