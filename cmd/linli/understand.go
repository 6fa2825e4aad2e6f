package main

import (
	"fmt"
	"sync"

	"linli"
	"linli/nlu"
)

// understanders caches loaded nlu instances by their options, so repeated
// consoles in one process (scripted tests) load gojieba's dictionaries
// once. They are never closed: they live as long as the process.
var understanders struct {
	sync.Mutex
	byOpts map[nlu.Options]*nlu.NLU
}

// loadNLU returns the understanding of free text for cfg, loading it in the
// background on first use: New returns at once and the first message waits
// until the segmenter is ready.
func loadNLU(cfg *linli.Config) (*nlu.NLU, error) {
	opts := nluOptions("", "", cfg.NLU)
	opts.Background = true
	understanders.Lock()
	defer understanders.Unlock()
	if n, ok := understanders.byOpts[opts]; ok {
		return n, nil
	}
	n, err := nlu.New(opts)
	if err != nil {
		return nil, fmt.Errorf("无法加载中文分词词典: %w", err)
	}
	if understanders.byOpts == nil {
		understanders.byOpts = map[nlu.Options]*nlu.NLU{}
	}
	understanders.byOpts[opts] = n
	return n, nil
}
