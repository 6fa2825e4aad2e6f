package nlu

import (
	"bufio"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"linli"
)

// The labelled sets and what they must reach. Training (go generate) uses
// labelled.tsv and corpus_*.tsv only; dev.tsv (one in five lines written
// with the corpus, split off before training), labelled_heldout.tsv (written
// before any model) and valid_c.tsv (written blind, from the labelling
// guide alone, by someone who never saw the lexicon or the corpus) are never
// trained on. Thresholds are set a little below the measured figures (see
// testdata/README.md); the training set's are near 1 by construction.
//
// valid_c is also measured in two halves split by a hash of the text: the
// errors of the "analysis" half may be read to find what the model lacks
// (NLU_ERRORS lists them); those of the "blind" half are never listed, so
// its figures stay those of unseen text.
var labelledSets = []struct {
	name, file string
	half       int // 0: all; 1: analysis half of valid_c; 2: blind half
	th         thresholds
}{
	{"train", "", 0, thresholds{acting: 0.98, recall: 0.95, acc: 0.98, cat: 0.98, chatterActed: 0.01}},
	{"dev", "testdata/dev.tsv", 0, thresholds{acting: 0.96, recall: 0.85, acc: 0.95, cat: 0.90, chatterActed: 0.04}},
	{"held-out", "testdata/labelled_heldout.tsv", 0, thresholds{acting: 0.97, recall: 0.90, acc: 0.97, cat: 0.95, chatterActed: 0.02}},
	{"valid_c", "testdata/valid_c.tsv", 0, thresholds{acting: 0.92, recall: 0.82, acc: 0.93, cat: 0.92, chatterActed: 0.04}},
	{"valid_c-analysis", "testdata/valid_c.tsv", 1, thresholds{acting: 0.97, recall: 0.88, acc: 0.96, cat: 0.96, chatterActed: 0.02}},
	{"valid_c-blind", "testdata/valid_c.tsv", 2, thresholds{acting: 0.90, recall: 0.75, acc: 0.92, cat: 0.89, chatterActed: 0.05}},
	// The frozen test sets (README): floors a little under the figures of
	// the model they were first measured on, so that a change that loses
	// understanding of unseen text fails; their misses are never listed.
	{"test_c", "testdata/test_c.tsv", 0, thresholds{acting: 0.95, recall: 0.85, acc: 0.95, cat: 0.94, chatterActed: 0.04}},
	{"test_d", "testdata/test_d.tsv", 0, thresholds{acting: 0.96, recall: 0.70, acc: 0.93, cat: 0.94, chatterActed: 0.03}},
	// test_e, written blind and frozen before the third round's tuning, and
	// test_f, written blind after it (README): floors a little under the
	// figures of the model they were first measured on after that tuning.
	{"test_e", "testdata/test_e.tsv", 0, thresholds{acting: 0.96, recall: 0.85, acc: 0.96, cat: 0.94, chatterActed: 0.04}},
	{"test_f", "testdata/test_f.tsv", 0, thresholds{acting: 0.95, recall: 0.85, acc: 0.94, cat: 0.91, chatterActed: 0.03}},
}

// inHalf reports whether text belongs to half h of a split set.
func inHalf(text string, h int) bool {
	return h == 0 || int(crc32.ChecksumIEEE([]byte(text))%2)+1 == h
}

// thresholds are the figures a set must reach: precision of the acting
// intents (signup cancel report vote, each and together), recall of every
// intent, intent accuracy, category accuracy of reports recognised as
// reports, and the most chatter taken for an acting intent.
type thresholds struct{ acting, recall, acc, cat, chatterActed float64 }

type labelled struct{ text, intent, category string }

func readLabelled(t *testing.T, path string) []labelled {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			t.Fatalf("%s:%d: want 3 tab-separated fields, got %d", path, n, len(f))
		}
		out = append(out, labelled{f[0], f[1], f[2]})
	}
	return out
}

// prf is precision and recall of one label.
type prf struct{ tp, fp, fn int }

func (c prf) precision() float64 { return ratio(c.tp, c.tp+c.fp) }
func (c prf) recall() float64    { return ratio(c.tp, c.tp+c.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// evaluation is the result of classifying a labelled set.
type evaluation struct {
	intents, cats        map[string]*prf
	intentConf, catConf  map[[2]string]int // [want, got] → count
	correct, total       int
	catCorrect, catTotal int
	actingTP, actingFP   int
	chatter, chatActed   int
	groupActed           int // chatter acted on even unaddressed in a group
	reports, groupReport int // reports, and those confident enough for a group
	errors               []string
}

// groupConfidence is the confidence the router (bot.ConfidentIntent) and
// the report and poll families want before they act on a message not
// addressed to the bot in a group; addressed text is acted on at any
// confidence. The test takes every text as addressed and also logs what
// would be acted on un-addressed.
const groupConfidence = 0.6

var acting = map[string]bool{"signup": true, "cancel": true, "report": true, "vote": true}

func evaluate(n *NLU, set []labelled) *evaluation {
	ev := &evaluation{intents: map[string]*prf{}, cats: map[string]*prf{}, intentConf: map[[2]string]int{}, catConf: map[[2]string]int{}}
	get := func(m map[string]*prf, k string) *prf {
		if m[k] == nil {
			m[k] = &prf{}
		}
		return m[k]
	}
	for _, l := range set {
		u := n.Understand(l.text)
		ev.total++
		ev.intentConf[[2]string{l.intent, u.Intent}]++
		if u.Intent == l.intent {
			ev.correct++
			get(ev.intents, l.intent).tp++
		} else {
			get(ev.intents, u.Intent).fp++
			get(ev.intents, l.intent).fn++
			ev.errors = append(ev.errors, fmt.Sprintf("%-7s→ %-7s %s  %v", l.intent, u.Intent, l.text, n.analyse(l.text).debug()))
		}
		if acting[u.Intent] {
			if u.Intent == l.intent {
				ev.actingTP++
			} else {
				ev.actingFP++
			}
		}
		if l.intent == linli.IntentOther {
			ev.chatter++
			if acting[u.Intent] {
				ev.chatActed++
				if u.Confidence >= groupConfidence {
					ev.groupActed++
				}
			}
		}
		if l.intent == linli.IntentReport {
			ev.reports++
			if u.Intent == linli.IntentReport && u.Confidence >= groupConfidence {
				ev.groupReport++
			}
		}
		if l.intent == linli.IntentReport && u.Intent == linli.IntentReport {
			ev.catTotal++
			ev.catConf[[2]string{l.category, u.Category}]++
			if u.Category == l.category {
				ev.catCorrect++
				get(ev.cats, l.category).tp++
			} else {
				get(ev.cats, u.Category).fp++
				get(ev.cats, l.category).fn++
				ev.errors = append(ev.errors, fmt.Sprintf("%s → %s  %s  %v", l.category, u.Category, l.text, n.analyse(l.text).debug()))
			}
		}
	}
	return ev
}

func (ev *evaluation) log(t *testing.T, name string) {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d messages, intent accuracy %.3f, acting precision %.3f, category accuracy %.3f (%d reports), chatter acted on %.3f (%d of %d)\n",
		name, ev.total, ratio(ev.correct, ev.total), ratio(ev.actingTP, ev.actingTP+ev.actingFP),
		ratio(ev.catCorrect, ev.catTotal), ev.catTotal, ratio(ev.chatActed, ev.chatter), ev.chatActed, ev.chatter)
	fmt.Fprintf(&b, "  un-addressed in a group (confidence ≥ %.1f): chatter acted on %.3f (%d), reports offered %.3f (%d of %d)\n",
		groupConfidence, ratio(ev.groupActed, ev.chatter), ev.groupActed, ratio(ev.groupReport, ev.reports), ev.groupReport, ev.reports)
	table := func(title string, m map[string]*prf, conf map[[2]string]int, order []string) {
		fmt.Fprintf(&b, "  %-8s %9s %9s %5s   confusion (rows: labelled, columns: understood)\n  %-8s %9s %9s %5s  ", title, "precision", "recall", "n", "", "", "", "")
		for _, k := range order {
			fmt.Fprintf(&b, " %6s", abbrev(k))
		}
		b.WriteString("\n")
		for _, k := range order {
			c := m[k]
			if c == nil {
				c = &prf{}
			}
			fmt.Fprintf(&b, "  %-8s %9.3f %9.3f %5d  ", k, c.precision(), c.recall(), c.tp+c.fn)
			for _, g := range order {
				fmt.Fprintf(&b, " %6d", conf[[2]string{k, g}])
			}
			b.WriteString("\n")
		}
	}
	table("intent", ev.intents, ev.intentConf, intentNames)
	table("category", ev.cats, ev.catConf, linli.Categories)
	t.Log(b.String())
	if os.Getenv("NLU_ERRORS") != "" {
		sort.Strings(ev.errors)
		t.Log("errors:\n" + strings.Join(ev.errors, "\n"))
	}
}

// abbrev shortens a label for the confusion matrix header.
func abbrev(s string) string {
	if r := []rune(s); len(r) > 2 && r[0] > 0x2000 {
		return string(r[:2])
	}
	return s
}

func (ev *evaluation) check(t *testing.T, th thresholds) {
	t.Helper()
	if p := ratio(ev.actingTP, ev.actingTP+ev.actingFP); p < th.acting {
		t.Errorf("acting precision %.3f < %.2f", p, th.acting)
	}
	for k, c := range ev.intents {
		if c.tp+c.fn > 0 && c.recall() < th.recall {
			t.Errorf("recall of %s %.3f < %.2f", k, c.recall(), th.recall)
		}
		if acting[k] && c.precision() < th.acting {
			t.Errorf("precision of %s %.3f < %.2f", k, c.precision(), th.acting)
		}
	}
	if a := ratio(ev.correct, ev.total); a < th.acc {
		t.Errorf("intent accuracy %.3f < %.2f", a, th.acc)
	}
	if a := ratio(ev.catCorrect, ev.catTotal); a < th.cat {
		t.Errorf("category accuracy %.3f < %.2f", a, th.cat)
	}
	if a := ratio(ev.chatActed, ev.chatter); ev.chatter > 0 && a > th.chatterActed {
		t.Errorf("chatter acted on %.3f > %.2f", a, th.chatterActed)
	}
}

// trainingSet is what go generate trains on.
func trainingSet(t *testing.T) []labelled {
	files, err := filepath.Glob("testdata/corpus_*.tsv")
	if err != nil {
		t.Fatal(err)
	}
	set := readLabelled(t, "testdata/labelled.tsv")
	for _, f := range files {
		set = append(set, readLabelled(t, f)...)
	}
	return set
}

// TestLabelled measures every labelled set: per-class precision and
// recall, confusion matrices (go test -v), and the thresholds above. Set
// NLU_ERRORS=1 to list the misses.
func TestLabelled(t *testing.T) {
	n := testNLU(t)
	for _, s := range labelledSets {
		t.Run(s.name, func(t *testing.T) {
			var set []labelled
			if s.file == "" {
				set = trainingSet(t)
			} else {
				if _, err := os.Stat(s.file); err != nil {
					t.Skipf("%s: %v", s.file, err)
				}
				for _, l := range readLabelled(t, s.file) {
					if inHalf(l.text, s.half) {
						set = append(set, l)
					}
				}
			}
			ev := evaluate(n, set)
			if s.half == 2 || s.half == 0 && (strings.HasPrefix(s.name, "valid") || strings.HasPrefix(s.name, "test_")) {
				ev.errors = nil // never listed: see labelledSets
			}
			ev.log(t, s.name)
			ev.check(t, s.th)
		})
	}
}

// TestCorpusShape checks what the corpus must hold (issue 14): at least 50
// reports per category and 300 chatter lines with problem words.
func TestCorpusShape(t *testing.T) {
	all := trainingSet(t)
	all = append(all, readLabelled(t, "testdata/dev.tsv")...)
	cats := map[string]int{}
	for _, l := range all {
		if l.intent == linli.IntentReport {
			cats[l.category]++
		}
	}
	for _, c := range linli.Categories {
		if cats[c] < 50 {
			t.Errorf("%d reports of %s, want ≥50", cats[c], c)
		}
	}
	if len(all) < 2000 {
		t.Errorf("%d labelled messages for training and dev, want ≥2000", len(all))
	}
	var chatter []labelled
	for _, f := range []string{"testdata/corpus_chatter_problem.tsv", "testdata/corpus_chatter_problem2.tsv"} {
		chatter = append(chatter, readLabelled(t, f)...)
	}
	if len(chatter) < 300 {
		t.Errorf("%d chatter lines with problem words (beside the dev split), want ≥300", len(chatter))
	}
}
