// Package nlu understands residents' free Chinese text: emergencies,
// intent, report category, keywords and slots (activity, party size, poll
// choices, place).
//
// It is the only package that imports gojieba. Text is normalised with
// textnorm and first checked for an emergency by explicit rules
// (emergency.go): an emergency is a report of 安全隐患 whatever else the
// text says. Otherwise it is segmented and tagged by gojieba with a
// community dictionary, matched against word classes (cues.go) and the
// urban-management taxonomy of things, events, problem states and places
// (taxonomy/), and turned into features (features.go): words, characters,
// classes, taxonomy classes and their combinations within a clause (a
// thing and a problem state, a negated or resolved problem, the writer and
// a go verb). Two softmax linear models whose weights are learned from the
// labelled corpus (model.go, `go generate`) give the intent and the
// category.
//
// The hand rules that remain, and why:
//   - emergency detection (emergency.go): safety first; a rule can be read
//     and tested on its own and does not depend on how many emergencies
//     the corpus holds; its guards (negation, over, past, figurative,
//     hypothetical, hearsay) are listed there;
//   - chatter's confidence stays below 0.3 (model.go): the contract with
//     the router, which acts on confident intents only;
//   - a report that names no thing, event or problem state of the taxonomy
//     (随手拍一下, 意见很大) is capped at confidence 0.4, so it is never acted
//     on unaddressed, and is 其他 unless the category head is sure (model.go):
//     without a named problem the head would answer with its bias;
//   - the slots (slots.go, place.go): building numbers, party sizes and poll
//     choices are read by patterns, not learned.
//
// Everything else — which words, classes and combinations point to which
// intent and category, and how much — is learned.
package nlu

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/yanyiwu/gojieba"

	"linli"
)

// Compile-time checks.
var (
	_ linli.Understander = (*NLU)(nil)
	_ linli.Classifier   = (*NLU)(nil)
)

// Options configure New. The zero value uses the embedded dictionaries.
type Options struct {
	// DictDir is a directory holding DictFiles (laid out like gojieba's
	// deps/cppjieba/dict). Empty: $LINLI_DICT_DIR, else the embedded
	// dictionaries unpacked once to CacheDir.
	DictDir string
	// UserDict is an extra user dictionary file ("word [freq] [tag]" a
	// line) whose words are added to the community dictionary. Words tagged
	// ns are taken as landmarks for the Place slot.
	UserDict string
	// CacheDir is where the embedded dictionaries are unpacked; empty means
	// os.UserCacheDir()/linli.
	CacheDir string
	// Background makes New return once the dictionaries are found and
	// checked, loading the segmenter in a goroutine; Understand and Classify
	// block until it is ready. Use Wait to learn when (and whether) it is.
	Background bool
}

// NLU is the understanding of residents' text. It is safe for concurrent
// use. Close frees the segmenter's C++ memory.
type NLU struct {
	dicts     Dicts
	lex       *lexicon
	models    *models
	ready     chan struct{}
	loadErr   error
	loadTime  time.Duration
	mu        sync.RWMutex // guards jieba against Close
	jieba     *gojieba.Jieba
	closeOnce sync.Once
}

// New finds and checks the dictionaries and loads the segmenter (or starts
// loading it, with Options.Background). Its errors name the files involved.
func New(opts Options) (*NLU, error) {
	dicts, err := FindDicts(opts.DictDir, opts.CacheDir)
	if err != nil {
		return nil, err
	}
	words, err := readUserDicts(opts.UserDict)
	if err != nil {
		return nil, err
	}
	dicts.UserDict = opts.UserDict
	stop, err := os.ReadFile(dicts.Paths[4])
	if err != nil {
		return nil, fmt.Errorf("读取停用词失败: %w", err)
	}
	ms, err := loadModels()
	if err != nil {
		return nil, err
	}
	n := &NLU{dicts: dicts, lex: newLexicon(words, parseStopWords(stop)), models: ms, ready: make(chan struct{})}
	if opts.Background {
		go n.load(words)
		return n, nil
	}
	n.load(words)
	if n.loadErr != nil {
		return nil, n.loadErr
	}
	return n, nil
}

// readUserDicts returns the community dictionary's words followed by those
// of the file at path, if any.
func readUserDicts(path string) ([]dictWord, error) {
	data, err := embedded.ReadFile("dict/" + communityDict)
	if err != nil {
		return nil, err
	}
	words, err := parseUserDict(communityDict, data)
	if err != nil {
		return nil, err
	}
	if path == "" {
		return words, nil
	}
	data, err = os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("读取用户词典失败: %w", err)
	}
	more, err := parseUserDict(path, data)
	if err != nil {
		return nil, err
	}
	return append(words, more...), nil
}

func (n *NLU) load(words []dictWord) {
	defer close(n.ready)
	start := time.Now()
	defer func() {
		if r := recover(); r != nil {
			n.loadErr = fmt.Errorf("加载词典失败: %v", r)
		}
	}()
	j := gojieba.NewJieba(n.dicts.Paths...)
	for _, w := range words {
		j.AddWordEx(w.word, w.freq, w.tag)
	}
	n.jieba = j
	n.loadTime = time.Since(start)
}

// Wait blocks until the segmenter is loaded or ctx is done. It returns the
// load error, if any, or ctx's error. After a failed background load,
// Understand answers "other" to everything, so callers using Background
// should Wait (or check it) before relying on the bot's understanding.
func (n *NLU) Wait(ctx context.Context) error {
	select {
	case <-n.ready:
		return n.loadErr
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Dicts reports where the dictionaries were found.
func (n *NLU) Dicts() Dicts { return n.dicts }

// LoadTime is how long loading the segmenter took; 0 until it is ready.
func (n *NLU) LoadTime() time.Duration {
	<-n.ready
	return n.loadTime
}

// Close waits for a background load to finish and frees the segmenter.
// Understand and Classify called after Close return "other" and no
// keywords. Close is idempotent.
func (n *NLU) Close() error {
	<-n.ready
	n.closeOnce.Do(func() {
		n.mu.Lock()
		defer n.mu.Unlock()
		if n.jieba != nil {
			n.jieba.Free()
			n.jieba = nil
		}
	})
	return nil
}

// Understand classifies a resident's message. text is taken as addressed
// to the bot; it is normalised here (full-width, Traditional, emoji and
// control characters are all fine). An emergency comes out as a report of
// 安全隐患 with Emergency set and Confidence 1. Chatter comes out as
// IntentOther with a Confidence below 0.3.
func (n *NLU) Understand(text string) linli.Understanding {
	a := n.analyse(text)
	return a.understanding(text, n.models)
}

// Classify returns the report category (one of linli.Categories, "其他"
// when nothing points elsewhere) and the keywords of a report description.
func (n *NLU) Classify(text string) (string, []string) {
	a := n.analyse(text)
	if a.emergency != "" && a.emergency != EmergencyHelp {
		return emergencyCategory, a.keywords
	}
	f := getFeatures()
	defer putFeatures(f)
	a.features(f)
	return a.category(n.models, f), a.keywords
}

// Features returns the names of the model's features of text, for the
// training step (internal/train) and for debugging.
func (n *NLU) Features(text string) []string {
	a := n.analyse(text)
	f := &featureSet{}
	a.features(f)
	return f.names()
}

// analyse normalises and segments text and finds its cue words.
func (n *NLU) analyse(text string) *analysis {
	<-n.ready
	p := prepare(text)
	n.mu.RLock()
	var tagged []string
	if n.jieba != nil && p.text != "" {
		tagged = n.jieba.Tag(p.text)
	}
	n.mu.RUnlock()
	return n.lex.analyse(p, tagged)
}
