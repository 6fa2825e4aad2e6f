package nlu

import (
	"slices"
	"strings"

	"linli/textnorm"
)

// Settled: text that speaks of a problem already fixed or of an earlier
// report (修好了, 已经好了, 解决了, 上次反映的…, 昨天坏了今天好了), not of one to
// report now. The words are the model's classes (cues.go): resolvedWords
// say a problem is over, pastWords put a clause in the past; the rules
// here say when they count without the segmenter.

// settledNotResolved are the resolvedWords that say nothing is fixed when
// read alone in plain text: praise of speed (很快, 及时, 效率), 终于 and
// 就好 (终于有人管, 关一下就好), 灯灭了 (a light that went out), 新换的
// (a new thing that can break), 原来是 (an explanation).
var settledNotResolved = []string{"很快", "及时", "效率", "终于", "就好", "挪到", "原来是", "新换", "新装", "修得", "灭了"}

// settledResolved are the resolvedWords Settled reads.
var settledResolved = func() []string {
	var out []string
	for _, w := range resolvedWords {
		if !slices.Contains(settledNotResolved, w) {
			out = append(out, w)
		}
	}
	return out
}()

// settledStill say the problem goes on or is back (又坏了, 还没修, 一直,
// 到现在都没人管): the words of StillBroken and the model's still cues, and
// a fix denied (没修, 没人管).
var settledStill = append(slices.Clone(lexStillBroken), "又", "还没", "还是", "还在", "还不", "仍然", "依然", "一直", "到现在", "总是", "老是", "天天", "每天",
	"没修", "没有修", "没人修", "没人管", "没人处理", "没人来", "没处理", "没有处理", "没解决", "没有解决", "没弄好", "没好", "没有好")

// settledBlock make a clause a wish, a plan or a request (希望早点修好,
// 明天就修好了, 麻烦尽快处理好了): conditionalWords, imperativeWords and
// words of urgency.
// A fix still to come is one too (修好了再通知我, 等修好了告诉我).
var settledBlock = append(append(slices.Clone([]string(conditionalWords)), imperativeWords...), "赶紧", "尽快", "快点", "早点", "请", "再", "等", "告诉", "通知", "说一声")

// settledReportVerbs right after a past word refer to an earlier report
// (上次反映的, 之前报的, 前几天说的那个, 上次我投诉的).
var settledReportVerbs = []string{"反映", "报", "投诉", "说", "提", "问"}

// earlierReport reports whether clause c names an earlier report: a word of
// pastWords with a report verb at most two runes after it (上次反映,
// 之前我报的, 上回已经说过). 刚才路过拍了一张 and 昨天楼下有人说 are not.
func earlierReport(c string) bool {
	for _, p := range pastWords {
		for from := 0; ; {
			i := strings.Index(c[from:], p)
			if i < 0 {
				break
			}
			from = i + from + len(p)
			after := []rune(c[from:])
			for skip := 0; skip <= 2 && skip < len(after); skip++ {
				if startsWithAny(string(after[skip:]), settledReportVerbs) {
					return true
				}
			}
		}
	}
	return false
}

// startsWithAny reports whether s starts with one of words.
func startsWithAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// Settled reports whether text speaks of a problem already fixed or in the
// past, or of an earlier report, rather than of one to report now: a word
// of resolvedWords, not denied (没修好), asked (修好了吗), wished or planned
// (希望早点修好, 明天修好), in its completed form (修好了, 已处理, 修过), or a
// word of pastWords followed by a report verb (上次反映的事). Text that says
// the problem goes on or is back (又坏了, 还没修, 到现在都没人管) or tells of
// an emergency is never settled.
func (WordLists) Settled(text string) bool {
	s := strings.ToLower(textnorm.Normalize(text))
	if s == "" || lexContainsAny(s, settledStill) || emergencyOf(s) != "" {
		return false
	}
	for _, c := range clauseSpans(s) {
		if settledClause(c.text) {
			return true
		}
	}
	return false
}

// settledClause reports whether clause c says a problem is over or points
// to an earlier report.
func settledClause(c string) bool {
	if earlierReport(c) {
		return true
	}
	if lexContainsAny(c, settledBlock) {
		return false
	}
	for _, w := range settledResolved {
		for from := 0; ; {
			i := strings.Index(c[from:], w)
			if i < 0 {
				break
			}
			i += from
			from = i + len(w)
			if completedAt(c, i, w) && !negatedAt(c, i, w) && !askedAfter(c[i+len(w):]) {
				return true
			}
		}
	}
	return false
}

// completedAt reports whether the resolved word w at byte i of c is in its
// completed form: it ends in 了 or holds 已 or 过 (已处理, 修过), or 了/啦/
// 过 follows it, or 已/都/早 comes before it (已经修复, 早就弄好).
func completedAt(c string, i int, w string) bool {
	if strings.HasSuffix(w, "了") || strings.ContainsAny(w, "已过") {
		return true
	}
	after := c[i+len(w):]
	for _, p := range []string{"了", "啦", "咯", "喽", "过", "完"} {
		if strings.HasPrefix(after, p) {
			return true
		}
	}
	before := lastRunes(c[:i], 3)
	return strings.Contains(before, "已") || strings.Contains(before, "都") || strings.Contains(before, "早")
}

// askedAfter reports whether the words after a resolved word ask whether
// it is (修好了吗, 处理好了没, 解决了么).
func askedAfter(after string) bool {
	after = strings.TrimPrefix(after, "了")
	for _, p := range []string{"吗", "么", "没", "不", "?", "嘛"} {
		if strings.HasPrefix(after, p) {
			return true
		}
	}
	return false
}
