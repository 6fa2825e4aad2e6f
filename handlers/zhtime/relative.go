package zhtime

import (
	"fmt"
	"strconv"
	"time"

	"github.com/olebedev/when"
	"github.com/olebedev/when/rules"
	"github.com/olebedev/when/rules/zh"
)

// afterParser understands "N分钟后 / N小时后 / N天后 / N周后" through the
// olebedev/when zh rules. Only the AfterTime rule is loaded: the full zh.All
// set panics on most inputs that do not start with a digit (its
// ExactMonthDate rule matches the empty string), and it misreads years and
// 11-28 style dates. when.Parser is safe for concurrent use once built.
var afterParser = func() *when.Parser {
	p := when.New(&rules.Options{Distance: 5, MatchByOrder: true})
	p.Add(zh.AfterTime(rules.Override))
	return p
}()

var afterUnits = []struct{ word, lib string }{
	{"分钟", "分钟"}, {"分", "分钟"}, {"小时", "小时"}, {"钟头", "小时"},
	{"天", "天"}, {"周", "周"}, {"星期", "周"}, {"礼拜", "周"},
}

// parseAfter reads a relative expression such as 10分钟后, 两个小时后,
// 半小时后, 3天后. It rewrites the amount in digits and the unit in the
// library's vocabulary before calling the library, because the library
// lacks some numerals (二十四), reads 半 as 30 for every unit (半天后 would be
// 30 days), rejects 个 (两个小时后) and, for 月后, calls time.Now and then
// ignores the result — months are therefore not accepted here.
func parseAfter(s string, now time.Time) (t time.Time, ok bool) {
	p := &scanner{s: s}
	half := false
	n, _, ok := p.number(3)
	if !ok {
		if _, half = p.lit("半"); !half {
			return time.Time{}, false
		}
	}
	p.lit("个")
	unit := ""
	for _, u := range afterUnits {
		if _, ok := p.lit(u.word); ok {
			unit = u.lib
			break
		}
	}
	p.lit("以")
	if _, ok := p.lit("后"); !ok || unit == "" || !p.done() {
		return time.Time{}, false
	}
	amount := strconv.Itoa(n)
	if half {
		if unit != "小时" {
			return time.Time{}, false
		}
		amount = "半"
	} else if n == 0 {
		return time.Time{}, false
	}
	text := amount + unit + "后"
	res, err := safeWhen(afterParser, text, now)
	if err != nil || res == nil || res.Text != text || !res.Time.After(now) {
		return time.Time{}, false
	}
	return res.Time, true
}

// safeWhen calls the library, turning a panic into an error.
func safeWhen(p *when.Parser, text string, now time.Time) (res *when.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("when: %v", r)
		}
	}()
	return p.Parse(text, now)
}
