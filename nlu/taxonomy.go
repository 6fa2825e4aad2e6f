package nlu

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"linli"
)

// The category knowledge of the model: the urban-management taxonomy of
// 部件 (things), 事件 (events), 状态 (problem states) and 场所 (places) in
// taxonomy/taxonomy.tsv, documented in taxonomy/README.md.

//go:embed taxonomy/taxonomy.tsv
var taxonomyTSV string

// Kinds of taxonomy terms.
const (
	kindThing = "部件"
	kindEvent = "事件"
	kindState = "状态"
	kindPlace = "场所"
	// kindPrivate are belongings that are nobody's job but their owner's
	// (手机, 冰箱, 钥匙): the standard's 部件 are public, and a broken phone
	// is not a report.
	kindPrivate = "私物"
)

// term is one row of the taxonomy.
type term struct {
	text     string
	kind     string
	class    string // e.g. 公用设施/井盖 (部件, 事件), 损坏 (状态), 楼宇 (场所)
	top      string // class up to the first "/"
	category string // one of linli.Categories, or ""
	landmark bool   // a place the Place slot reports
	runes    int
}

// taxonomy indexes the terms by their text.
type taxonomy struct {
	terms map[string]*term
}

// maxTermTokens bounds the tokens one term may span.
const maxTermTokens = 6

// theTaxonomy is parsed once from the embedded table.
var theTaxonomy = mustTaxonomy(taxonomyTSV)

func mustTaxonomy(data string) *taxonomy {
	t, err := parseTaxonomy(data)
	if err != nil {
		panic(err)
	}
	return t
}

// parseTaxonomy reads the table: term, kind, class, category, note; "#"
// lines are comments. A term listed twice is an error.
func parseTaxonomy(data string) (*taxonomy, error) {
	t := &taxonomy{terms: map[string]*term{}}
	for n, line := range strings.Split(data, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			return nil, fmt.Errorf("taxonomy.tsv:%d: want 5 tab-separated fields, got %d", n+1, len(f))
		}
		tm := &term{text: f[0], kind: f[1], class: f[2], category: f[3], landmark: f[4] == "地标", runes: utf8.RuneCountInString(f[0])}
		tm.top, _, _ = strings.Cut(tm.class, "/")
		switch tm.kind {
		case kindThing, kindEvent, kindState, kindPlace, kindPrivate:
		default:
			return nil, fmt.Errorf("taxonomy.tsv:%d: unknown kind %q", n+1, tm.kind)
		}
		if tm.category == "-" {
			tm.category = ""
		} else if !slices.Contains(linli.Categories, tm.category) {
			return nil, fmt.Errorf("taxonomy.tsv:%d: unknown category %q", n+1, tm.category)
		}
		if t.terms[tm.text] != nil {
			return nil, fmt.Errorf("taxonomy.tsv:%d: %q listed twice", n+1, tm.text)
		}
		t.terms[tm.text] = tm
	}
	return t, nil
}

// termMatch is a taxonomy term found over units[start:end].
type termMatch struct {
	t          *term
	start, end int
	clause     int
	head       bool // found as the head (last characters) of a longer noun
}

// matchTerms finds the taxonomy terms of a.units, longest first within a
// clause. A term must cover whole tokens, so 路灯 is not found in 马路/灯光.
// A noun the table does not know is matched by its head, the last one or
// two characters of a Chinese compound (感应灯 → 灯, 儿童滑梯 → 滑梯), so
// unseen things still get a class.
func (a *analysis) matchTerms() {
	tx := theTaxonomy
	var buf []byte
	for i := 0; i < len(a.units); {
		best := termMatch{start: i}
		buf = buf[:0]
		for j := i; j < len(a.units) && j-i < maxTermTokens && a.units[j].clause == a.units[i].clause; j++ {
			buf = append(buf, a.units[j].text...)
			if t := tx.terms[string(buf)]; t != nil {
				best = termMatch{t: t, start: i, end: j + 1, clause: a.units[i].clause}
			}
		}
		if best.t == nil {
			if t := headState(a.units[i]); t != nil {
				best = termMatch{t: t, start: i, end: i + 1, clause: a.units[i].clause, head: true}
			} else if t := headTerm(a.units[i]); t != nil {
				best = termMatch{t: t, start: i, end: i + 1, clause: a.units[i].clause, head: true}
			}
		}
		if best.t == nil {
			i++
			continue
		}
		a.terms = append(a.terms, best)
		i = best.end
	}
}

// headTerm returns the 部件 that is the head of a noun token the table does
// not list, or nil.
func headTerm(u unit) *term {
	if !isNounTag(u.tag) && u.tag != "x" {
		return nil
	}
	n := utf8.RuneCountInString(u.text)
	if n < 2 {
		return nil
	}
	for k := min(3, n-1); k >= 1; k-- {
		i := len(u.text)
		for r := 0; r < k; r++ {
			_, size := utf8.DecodeLastRuneInString(u.text[:i])
			i -= size
		}
		if t := theTaxonomy.terms[u.text[i:]]; t != nil && t.kind == kindThing {
			return t
		}
	}
	return nil
}

// resultStates are the problem states that end a verb as its result
// (撞弯, 压坏, 刮倒, 吹翻): a verb the table does not list that ends in one is
// that state.
var resultStates = map[rune]bool{'坏': true, '断': true, '歪': true, '倒': true, '碎': true, '裂': true, '破': true, '弯': true, '翻': true, '塌': true, '烂': true, '爆': true, '秃': true, '枯': true}

// headState returns the state that ends a verb token, or nil.
func headState(u unit) *term {
	if u.tag == "" || (u.tag[0] != 'v' && u.tag != "x" && u.tag[0] != 'a') || utf8.RuneCountInString(u.text) < 2 {
		return nil
	}
	r, size := utf8.DecodeLastRuneInString(u.text)
	if !resultStates[r] {
		return nil
	}
	return theTaxonomy.terms[u.text[len(u.text)-size:]]
}

// isNounTag reports whether a gojieba tag is a noun's (not a person's
// name).
func isNounTag(tag string) bool {
	return tag != "" && tag[0] == 'n' && tag != "nr" && tag != "nrt" || tag == "vn"
}
