package report

import (
	"slices"

	"linli"
)

// classify uses the configured Classifier, else the lexicon's keyword table.
func (h *Family) classify(text string) (string, []string) {
	var c linli.Classifier = h.Lexicon // the keyword table
	if h.Classifier != nil {
		c = h.Classifier
	}
	cat, kw := c.Classify(text)
	if !slices.Contains(linli.Categories, cat) {
		cat = "其他"
	}
	return cat, kw
}
