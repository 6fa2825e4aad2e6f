// Command train fits the weights of package nlu's model on the labelled
// corpus and writes them where nlu embeds them. From the module root:
//
//	go generate ./nlu          # runs: go run ./internal/train -testdata testdata -out model
//
// It trains on testdata/labelled.tsv and testdata/corpus_*.tsv only. The
// other sets (dev.tsv, labelled_heldout.tsv, valid_*.tsv) are never trained
// on; it prints their figures for information, so that a change to the
// features or the corpus can be judged at once. The same figures, with the
// confusion matrices, come from `go test ./nlu -run Labelled -v`.
//
// Features come from nlu itself (NLU.Features), so the model always sees
// what Understand sees; retrain after changing features.go, cues.go or the
// taxonomy.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"hash/crc32"
	"log"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"linli"
	"linli/nlu"
	"linli/nlu/internal/linear"
)

var intents = []string{"signup", "cancel", "report", "vote", "query", "help", "other"}

// trainSet is what fit trains on: the whole training set, or a fold of it
// (crossValidate).
var trainSet []line

var cvErrors *bool

type line struct{ text, intent, category, file string }

func main() {
	testdata := flag.String("testdata", "testdata", "directory of the labelled sets")
	out := flag.String("out", "model", "directory to write intent.tsv and category.tsv to")
	l2 := flag.Float64("l2", 3e-4, "L2 penalty")
	iterations := flag.Int("iterations", 400, "AdaGrad iterations")
	rate := flag.Float64("rate", 0.5, "AdaGrad learning rate")
	minCount := flag.Int("min-count", 2, "drop features seen in fewer training messages")
	otherWeight := flag.Float64("other-weight", 1.5, "loss weight of chatter (other) examples")
	lexical := flag.Float64("lexical", 1, "L2 penalty of word and character features, relative to the others")
	sweep := flag.String("sweep", "", "comma-separated L2 values: report dev figures for each and write nothing")
	cv := flag.Bool("cv", false, "leave one blind corpus out: train on the rest, measure on it (unseen writers), for each -odds; write nothing")
	cvErrors = flag.Bool("cv-errors", false, "with -cv: list the misses of each fold (training data, never a test set)")
	cvGrid := flag.Bool("cv-grid", false, "with -cv: also print the pooled figures of per-class odds (guarded report × unguarded report × sign-up/cancel/vote, each over -odds)")
	odds := flag.String("odds", fmt.Sprint(nlu.ActingOdds), "comma-separated odds an acting intent must beat chatter by (with -cv; nlu uses nlu.ActingOdds); with -cv-grid, those of each class")
	flag.Parse()

	train, err := readSets(*testdata, func(name string) bool {
		return name == "labelled.tsv" || strings.HasPrefix(name, "corpus_")
	})
	if err != nil {
		log.Fatal(err)
	}
	held, err := readHeld(*testdata)
	if err != nil {
		log.Fatal(err)
	}
	cache, err := os.MkdirTemp("", "linli-train-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(cache)
	n, err := nlu.New(nlu.Options{CacheDir: cache})
	if err != nil {
		log.Fatal(err)
	}
	defer n.Close()

	trainSet = train
	feats := map[string][]string{}
	featurise := func(ls []line) {
		for _, l := range ls {
			if feats[l.text] == nil {
				feats[l.text] = n.Features(l.text)
			}
		}
	}
	featurise(train)
	for _, ls := range held {
		featurise(ls)
	}
	classWeight := make([]float64, len(intents))
	for i := range classWeight {
		classWeight[i] = 1
	}
	classWeight[len(intents)-1] = *otherWeight
	fit := func(l2 float64) (*linear.Model, *linear.Model) {
		opt := linear.Options{L2: l2, Iterations: *iterations, Rate: *rate, MinCount: *minCount, ClassWeight: classWeight,
			L2Scale: func(name string) float64 {
				if isLexical(name) {
					return *lexical
				}
				return 1
			}}
		var ie, ce []linear.Example
		for _, l := range trainSet {
			ie = append(ie, linear.Example{Features: feats[l.text], Class: slices.Index(intents, l.intent)})
			if l.intent == "report" && l.category != "" {
				ce = append(ce, linear.Example{Features: feats[l.text], Class: slices.Index(linli.Categories, l.category)})
			}
		}
		copt := opt
		copt.ClassWeight = nil
		return linear.Train(intents, ie, opt), linear.Train(linli.Categories, ce, copt)
	}
	if *cv {
		var os_ []float64
		for _, s := range strings.Split(*odds, ",") {
			var v float64
			if _, err := fmt.Sscan(s, &v); err != nil {
				log.Fatal(err)
			}
			os_ = append(os_, v)
		}
		recs := crossValidate(train, feats, fit, *l2, os_)
		if *cvGrid {
			grid(recs, os_)
		}
		return
	}
	if *sweep != "" {
		for _, s := range strings.Split(*sweep, ",") {
			var v float64
			if _, err := fmt.Sscan(s, &v); err != nil {
				log.Fatal(err)
			}
			im, cm := fit(v)
			fmt.Printf("l2=%g\n", v)
			report("train", train, feats, im, cm)
			for _, name := range sortedKeys(held) {
				report(name, held[name], feats, im, cm)
			}
		}
		return
	}
	im, cm := fit(*l2)
	header := fmt.Sprintf("Weights of the nlu %%s model, written by `go generate ./nlu` (internal/train):\n"+
		"%d training messages, l2=%g (x%g for words and characters), %d iterations, rate %g, min-count %d, other-weight %g.\nDo not edit.",
		len(train), *l2, *lexical, *iterations, *rate, *minCount, *otherWeight)
	for _, m := range []struct {
		name  string
		model *linear.Model
	}{{"intent", im}, {"category", cm}} {
		f, err := os.Create(filepath.Join(*out, m.name+".tsv"))
		if err != nil {
			log.Fatal(err)
		}
		if err := m.model.Write(f, fmt.Sprintf(header, m.name), 1e-3); err != nil {
			log.Fatal(err)
		}
		if err := f.Close(); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: %d features\n", m.name, m.model.NumFeatures())
	}
	report("train", train, feats, im, cm)
	for _, name := range sortedKeys(held) {
		report(name, held[name], feats, im, cm)
	}
}

// report prints intent and category accuracy and the share of chatter
// taken for an acting intent. It ignores nlu's hand rules (emergencies,
// vague reports), so it is a little off the test's figures.
func report(name string, set []line, feats map[string][]string, im, cm *linear.Model) {
	var ok, catOK, catN, chat, chatActed int
	for _, l := range set {
		p := im.Scores(feats[l.text])
		linear.Softmax(p)
		got := decide(p, nluOdds(nlu.ActingOdds), guarded(feats[l.text]))
		if got == l.intent {
			ok++
		}
		if l.intent == "other" {
			chat++
			if got == "signup" || got == "cancel" || got == "report" || got == "vote" {
				chatActed++
			}
		}
		if l.intent == "report" && got == "report" {
			catN++
			if linli.Categories[argmax(cm.Scores(feats[l.text]))] == l.category {
				catOK++
			}
		}
	}
	fmt.Printf("  %-22s n=%4d intent %.3f category %.3f chatter acted on %.3f\n", name, len(set),
		ratio(ok, len(set)), ratio(catOK, catN), ratio(chatActed, chat))
}

// isLexical reports whether a feature is a word or characters of the text
// (as opposed to a class, a taxonomy class or a combination): those are
// the features that memorise sentences, so they are penalised more.
func isLexical(name string) bool {
	for _, p := range []string{"w:", "c:", "c2:", "f:", "l:", "tt:"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

func argmax(p []float64) int {
	best := 0
	for i, v := range p {
		if v > p[best] {
			best = i
		}
	}
	return best
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// readSets reads the labelled files of dir whose names pass keep.
func readSets(dir string, keep func(string) bool) ([]line, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.tsv"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []line
	for _, p := range names {
		if !keep(filepath.Base(p)) {
			continue
		}
		ls, err := readFile(p)
		if err != nil {
			return nil, err
		}
		out = append(out, ls...)
	}
	return out, nil
}

// readHeld reads the sets never trained on, by file name.
func readHeld(dir string) (map[string][]line, error) {
	out := map[string][]line{}
	for _, name := range []string{"dev.tsv", "labelled_heldout.tsv", "valid_c.tsv"} {
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); err != nil {
			continue
		}
		ls, err := readFile(p)
		if err != nil {
			return nil, err
		}
		if name == "valid_c.tsv" {
			// Only the analysis half: the blind half's figures come from
			// the test alone, never from a training run (see labelled_test.go).
			var half []line
			for _, l := range ls {
				if crc32.ChecksumIEEE([]byte(l.text))%2 == 0 {
					half = append(half, l)
				}
			}
			name, ls = "valid_c (analysis half)", half
		}
		out[name] = ls
	}
	return out, nil
}

func readFile(path string) ([]line, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []line
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		s := sc.Text()
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		fs := strings.Split(s, "\t")
		if len(fs) != 3 || !slices.Contains(intents, fs[1]) {
			return nil, fmt.Errorf("%s:%d: want text<TAB>intent<TAB>category", path, n)
		}
		if fs[1] == "report" && !slices.Contains(linli.Categories, fs[2]) {
			return nil, fmt.Errorf("%s:%d: report without a valid category", path, n)
		}
		out = append(out, line{fs[0], fs[1], fs[2], filepath.Base(path)})
	}
	return out, sc.Err()
}

func sortedKeys(m map[string][]line) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// crossValidate trains without one blind corpus (corpus_blind_*.tsv, each
// by a writer who never saw the code) at a time and measures the model on
// it: the figures of a writer the model has not read, for choosing
// hyper-parameters and the chatter odds (nlu's actingOdds) on training data
// alone, never on a test set. Pooled over the folds.
func crossValidate(train []line, feats map[string][]string, fit func(float64) (*linear.Model, *linear.Model), l2 float64, odds []float64) []cvRecord {
	var recs []cvRecord
	var folds []string
	for _, l := range train {
		if strings.HasPrefix(l.file, "corpus_blind_") && !slices.Contains(folds, l.file) {
			folds = append(folds, l.file)
		}
	}
	type tally struct{ n, ok, rep, repOK, catN, catOK, chat, chatActed int }
	pooled := make([]tally, len(odds))
	for _, fold := range folds {
		var rest, held []line
		for _, l := range train {
			if l.file == fold {
				held = append(held, l)
			} else {
				rest = append(rest, l)
			}
		}
		im, cm := fitOn(rest, feats, fit, l2)
		for k, o := range odds {
			var t tally
			for _, l := range held {
				p := im.Scores(feats[l.text])
				linear.Softmax(p)
				got := decide(p, nluOdds(o), guarded(feats[l.text]))
				if k == 0 {
					recs = append(recs, cvRecord{p: p, guarded: guarded(feats[l.text]), intent: l.intent,
						catOK: l.intent == "report" && linli.Categories[argmax(cm.Scores(feats[l.text]))] == l.category})
				}
				if k == 0 && *cvErrors && got != l.intent {
					fmt.Printf("    miss %s→%s %.2f  %s\n", l.intent, got, p[slices.Index(intents, got)], l.text)
				}
				t.n++
				if got == l.intent {
					t.ok++
				}
				if l.intent == "report" {
					t.rep++
					if got == "report" {
						t.repOK++
						t.catN++
						if got := linli.Categories[argmax(cm.Scores(feats[l.text]))]; got == l.category {
							t.catOK++
						} else if k == 0 && *cvErrors {
							fmt.Printf("    miss %s→%s  %s\n", l.category, got, l.text)
						}
					}
				}
				if l.intent == "other" {
					t.chat++
					if got == "signup" || got == "cancel" || got == "report" || got == "vote" {
						t.chatActed++
					}
				}
			}
			fmt.Printf("  %-22s odds %.2f n=%4d intent %.3f report recall %.3f category %.3f chatter acted on %.3f\n", fold, o, t.n,
				ratio(t.ok, t.n), ratio(t.repOK, t.rep), ratio(t.catOK, t.catN), ratio(t.chatActed, t.chat))
			q := &pooled[k]
			q.n, q.ok, q.rep, q.repOK, q.catN, q.catOK, q.chat, q.chatActed = q.n+t.n, q.ok+t.ok, q.rep+t.rep, q.repOK+t.repOK, q.catN+t.catN, q.catOK+t.catOK, q.chat+t.chat, q.chatActed+t.chatActed
		}
	}
	for k, o := range odds {
		t := pooled[k]
		fmt.Printf("pooled odds %.2f n=%d intent %.3f report recall %.3f category %.3f chatter acted on %.3f\n", o, t.n,
			ratio(t.ok, t.n), ratio(t.repOK, t.rep), ratio(t.catOK, t.catN), ratio(t.chatActed, t.chat))
	}
	return recs
}

// cvRecord is one held-out line of a fold: its intent probabilities and
// whether its category was right (reports only).
type cvRecord struct {
	p       []float64
	guarded bool
	intent  string
	catOK   bool
}

// grid prints the pooled cross-validated figures of per-class odds: a
// guarded report, an unguarded one, and a sign-up, cancellation or vote
// each with their own odds over chatter.
func grid(recs []cvRecord, odds []float64) {
	for _, g := range odds {
		for _, u := range append([]float64{0}, odds...) {
			for _, a := range odds {
				o := classOdds{guarded: g, plain: u, other: a}
				var n, ok, rep, repOK, chat, acted int
				for _, r := range recs {
					got := decide(r.p, o, r.guarded)
					n++
					if got == r.intent {
						ok++
					}
					if r.intent == "report" {
						rep++
						if got == "report" {
							repOK++
						}
					}
					if r.intent == "other" {
						chat++
						if got == "signup" || got == "cancel" || got == "report" || got == "vote" {
							acted++
						}
					}
				}
				fmt.Printf("grid guarded-report %.2f plain-report %.2f signup/cancel/vote %.2f intent %.3f report recall %.3f chatter acted on %.3f\n",
					g, u, a, ratio(ok, n), ratio(repOK, rep), ratio(acted, chat))
			}
		}
	}
}

// classOdds are the odds over chatter each acting intent must beat (0 or 1:
// only be the most probable).
type classOdds struct{ guarded, plain, other float64 }

// nluOdds are nlu's odds (see nlu's model.go): o on sign-ups,
// cancellations, votes and guarded reports, none on a plain report.
func nluOdds(o float64) classOdds { return classOdds{guarded: o, plain: 0, other: o} }

// decide is nlu's choice of intent from the intent probabilities p
// (see nlu's model.go): the most probable intent, but an acting one only
// when it beats chatter by its class's odds (guarded or plain report, or
// sign-up, cancellation and vote).
func decide(p []float64, o classOdds, guarded bool) string {
	other := len(p) - 1
	best := 0
	for i := 1; i < other; i++ {
		if p[i] > p[best] {
			best = i
		}
	}
	if p[other] >= p[best] {
		return "other"
	}
	need := 0.0
	switch intents[best] {
	case "report":
		need = o.plain
		if guarded {
			need = o.guarded
		}
	case "signup", "cancel", "vote":
		need = o.other
	}
	if p[best] < need*p[other] {
		return "other"
	}
	return intents[best]
}

// fitOn trains on ls only (fit closes over the whole training set, so the
// fold's lines are swapped in through trainSet).
func fitOn(ls []line, feats map[string][]string, fit func(float64) (*linear.Model, *linear.Model), l2 float64) (*linear.Model, *linear.Model) {
	saved := trainSet
	trainSet = ls
	defer func() { trainSet = saved }()
	return fit(l2)
}

// guarded reports whether a message's features hold a guard (nlu.IsGuard).
func guarded(fs []string) bool {
	for _, f := range fs {
		if nlu.IsGuard(f) {
			return true
		}
	}
	return false
}
