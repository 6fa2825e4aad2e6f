package nlu

import (
	"strings"
	"testing"
)

// benchSentences are the dev set's messages.
func benchSentences(b *testing.B) []string {
	b.Helper()
	var out []string
	for _, l := range readLabelled(&testing.T{}, "testdata/labelled.tsv") {
		out = append(out, l.text)
	}
	if len(out) == 0 {
		b.Fatal("no sentences")
	}
	return out
}

// BenchmarkUnderstand is the cost of one message: normalisation,
// segmentation with tags, cue matching, scoring, slots and keywords.
func BenchmarkUnderstand(b *testing.B) {
	n := testNLU(b)
	texts := benchSentences(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n.Understand(texts[i%len(texts)])
	}
}

// BenchmarkGojiebaCut is gojieba's raw Cut (with HMM) on the same
// messages, the floor Understand is compared with.
func BenchmarkGojiebaCut(b *testing.B) {
	n := testNLU(b)
	texts := benchSentences(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n.jieba.Cut(texts[i%len(texts)], true)
	}
}

// BenchmarkUnderstandLong is one long, rambling message.
func BenchmarkUnderstandLong(b *testing.B) {
	n := testNLU(b)
	text := strings.Repeat("各位邻居好，我们单元门口那个路灯已经坏了快一个星期了，晚上回来黑乎乎的，", 4)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		n.Understand(text)
	}
}
