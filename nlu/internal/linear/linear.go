// Package linear is a multinomial logistic regression (a softmax linear
// model) over named binary features: the training that package nlu's
// `go generate` step runs on the labelled corpus, and the plain-text weight
// table that nlu embeds and reads at start.
//
// The table is one line per feature, "name<TAB>w1<TAB>w2…", after a
// "classes<TAB>c1<TAB>c2…" line; lines starting with # are comments. A
// feature absent from the table weighs nothing.
package linear

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Model is a trained model. It is safe for concurrent use once built.
type Model struct {
	Classes []string
	index   map[string]int32
	w       []float32 // len(index) rows of len(Classes) weights
}

// Names returns the features with weights, in no particular order.
func (m *Model) Names() []string {
	out := make([]string, 0, len(m.index))
	for f := range m.index {
		out = append(out, f)
	}
	return out
}

// NumFeatures is the number of features with weights.
func (m *Model) NumFeatures() int { return len(m.index) }

// Row returns the weights of a feature, one per class, or nil when the
// model does not know it. It does not allocate.
func (m *Model) Row(name []byte) []float32 {
	i, ok := m.index[string(name)]
	if !ok {
		return nil
	}
	k := len(m.Classes)
	return m.w[int(i)*k : int(i)*k+k]
}

// Scores returns the per-class sums of the weights of features.
func (m *Model) Scores(features []string) []float64 {
	out := make([]float64, len(m.Classes))
	for _, f := range features {
		for k, v := range m.Row([]byte(f)) {
			out[k] += float64(v)
		}
	}
	return out
}

// Softmax turns scores into probabilities in place.
func Softmax(s []float64) {
	mx := math.Inf(-1)
	for _, v := range s {
		mx = math.Max(mx, v)
	}
	var sum float64
	for i, v := range s {
		s[i] = math.Exp(v - mx)
		sum += s[i]
	}
	for i := range s {
		s[i] /= sum
	}
}

// Example is one labelled message: its features and its class index.
type Example struct {
	Features []string
	Class    int
}

// Options configure Train.
type Options struct {
	L2         float64 // weight of the L2 penalty on the mean log loss
	Iterations int     // full passes of AdaGrad
	Rate       float64 // AdaGrad learning rate
	MinCount   int     // features seen in fewer examples are dropped
	// ClassWeight scales the loss of each class's examples (nil: all 1).
	ClassWeight []float64
	// L2Scale, if set, scales the L2 penalty of each feature by name, so
	// that some kinds of features (single words) must earn their weight
	// more than others (general combinations).
	L2Scale func(name string) float64
}

// Train fits a model to examples by full-batch AdaGrad on the mean
// weighted log loss plus L2/2·‖w‖² (the bias, a feature named "bias", is not
// penalised). It is deterministic.
func Train(classes []string, examples []Example, opt Options) *Model {
	k := len(classes)
	count := map[string]int{}
	for _, e := range examples {
		seen := map[string]bool{}
		for _, f := range e.Features {
			if !seen[f] {
				seen[f] = true
				count[f]++
			}
		}
	}
	var names []string
	for f, c := range count {
		if c >= opt.MinCount || f == "bias" {
			names = append(names, f)
		}
	}
	sort.Strings(names)
	index := make(map[string]int32, len(names))
	for i, f := range names {
		index[f] = int32(i)
	}
	type row struct {
		feats  []int32
		counts []float64
		class  int
		weight float64
	}
	rows := make([]row, 0, len(examples))
	var total float64
	for _, e := range examples {
		c := map[int32]float64{}
		for _, f := range e.Features {
			if i, ok := index[f]; ok {
				c[i]++
			}
		}
		r := row{class: e.Class, weight: 1}
		if opt.ClassWeight != nil {
			r.weight = opt.ClassWeight[e.Class]
		}
		for i := range c {
			r.feats = append(r.feats, i)
		}
		sort.Slice(r.feats, func(a, b int) bool { return r.feats[a] < r.feats[b] })
		for _, i := range r.feats {
			r.counts = append(r.counts, c[i])
		}
		rows = append(rows, r)
		total += r.weight
	}
	n := len(names)
	w := make([]float64, n*k)
	grad := make([]float64, n*k)
	hist := make([]float64, n*k)
	bias, hasBias := index["bias"]
	scale := make([]float64, n)
	for i, f := range names {
		scale[i] = 1
		if opt.L2Scale != nil {
			scale[i] = opt.L2Scale(f)
		}
	}
	p := make([]float64, k)
	for it := 0; it < opt.Iterations; it++ {
		clear(grad)
		for _, r := range rows {
			clear(p)
			for j, i := range r.feats {
				for c := 0; c < k; c++ {
					p[c] += w[int(i)*k+c] * r.counts[j]
				}
			}
			Softmax(p)
			p[r.class]--
			for j, i := range r.feats {
				for c := 0; c < k; c++ {
					grad[int(i)*k+c] += p[c] * r.counts[j] * r.weight / total
				}
			}
		}
		for i := 0; i < n; i++ {
			pen := opt.L2 * scale[i]
			if hasBias && int32(i) == bias {
				pen = 0
			}
			for c := 0; c < k; c++ {
				x := i*k + c
				g := grad[x] + pen*w[x]
				hist[x] += g * g
				if hist[x] > 0 {
					w[x] -= opt.Rate * g / math.Sqrt(hist[x])
				}
			}
		}
	}
	m := &Model{Classes: append([]string(nil), classes...), index: index, w: make([]float32, n*k)}
	for i, v := range w {
		m.w[i] = float32(v)
	}
	return m
}

// Write writes the weight table, leaving out features whose weights are
// all below minWeight in absolute value, in the order of their names.
func (m *Model) Write(out io.Writer, header string, minWeight float64) error {
	bw := bufio.NewWriter(out)
	for _, line := range strings.Split(strings.TrimSpace(header), "\n") {
		fmt.Fprintf(bw, "# %s\n", line)
	}
	fmt.Fprintf(bw, "classes\t%s\n", strings.Join(m.Classes, "\t"))
	names := make([]string, 0, len(m.index))
	for f := range m.index {
		names = append(names, f)
	}
	sort.Strings(names)
	k := len(m.Classes)
	for _, f := range names {
		row := m.Row([]byte(f))
		keep := false
		for _, v := range row {
			keep = keep || math.Abs(float64(v)) >= minWeight
		}
		if !keep {
			continue
		}
		bw.WriteString(f)
		for c := 0; c < k; c++ {
			bw.WriteByte('\t')
			bw.WriteString(strconv.FormatFloat(float64(row[c]), 'g', 4, 32))
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// Read reads a weight table written by Write.
func Read(in io.Reader) (*Model, error) {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	m := &Model{index: map[string]int32{}}
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if m.Classes == nil {
			if f[0] != "classes" || len(f) < 3 {
				return nil, fmt.Errorf("line %d: want the classes line first", n)
			}
			m.Classes = f[1:]
			continue
		}
		if len(f) != len(m.Classes)+1 {
			return nil, fmt.Errorf("line %d: want %d weights, got %d", n, len(m.Classes), len(f)-1)
		}
		if _, dup := m.index[f[0]]; dup {
			return nil, fmt.Errorf("line %d: feature %q twice", n, f[0])
		}
		m.index[f[0]] = int32(len(m.index))
		for _, s := range f[1:] {
			v, err := strconv.ParseFloat(s, 32)
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", n, err)
			}
			m.w = append(m.w, float32(v))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if m.Classes == nil {
		return nil, fmt.Errorf("empty weight table")
	}
	return m, nil
}
