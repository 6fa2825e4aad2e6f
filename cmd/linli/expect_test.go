package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Inline expectations of scenario scripts ("//= …" and "//=N …" lines); the
// syntax is described at TestScenarios.

// expectation is one "//=" or "//=N" line of a scenario.
type expectation struct {
	file    string
	line    int    // in file, from 1
	pattern string // trimmed; "…" is a wildcard
	count   int    // "//=N": exactly N lines of the output match; -1 for "//="
}

func (e expectation) String() string {
	op := "//="
	if e.count >= 0 {
		op += strconv.Itoa(e.count)
	}
	return fmt.Sprintf("%s:%d: %s %s", e.file, e.line, op, e.pattern)
}

// isExpectation reports whether a trimmed script line is an expectation.
func isExpectation(trimmed string) bool { return strings.HasPrefix(trimmed, "//=") }

// parseExpectations returns the expectations of script, read from file, in
// the order they appear. An expectation without a pattern is an error.
func parseExpectations(file, script string) ([]expectation, error) {
	var out []expectation
	for i, line := range strings.Split(script, "\n") {
		trimmed := strings.TrimSpace(line)
		if !isExpectation(trimmed) {
			continue
		}
		e := expectation{file: file, line: i + 1, count: -1}
		rest := strings.TrimPrefix(trimmed, "//=")
		if n, pattern, ok := strings.Cut(rest, " "); ok && n != "" {
			if c, err := strconv.Atoi(n); err == nil && c >= 0 {
				e.count, rest = c, pattern
			}
		}
		if e.pattern = strings.TrimSpace(rest); e.pattern == "" {
			return nil, fmt.Errorf("%s:%d: expectation without a pattern", file, i+1)
		}
		out = append(out, e)
	}
	return out, nil
}

// outputLine is one line of a scenario's output and the forms an
// expectation may match: the line itself and, for a continuation line, the
// line with its message's "[target] " in front.
type outputLine struct {
	n     int // in the output, from 1
	text  string
	forms []string
}

// splitOutput splits a scenario's output into lines with their forms.
func splitOutput(out string) []outputLine {
	var lines []outputLine
	target := "" // "[群名]" of the message being continued
	for i, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		ol := outputLine{n: i + 1, text: l, forms: []string{strings.TrimSpace(l)}}
		switch {
		case strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t"):
			if target != "" {
				ol.forms = append(ol.forms, target+" "+strings.TrimSpace(l))
			}
		case strings.HasPrefix(l, "["):
			target = ""
			if end := strings.Index(l, "] "); end > 0 {
				target = l[:end+1]
			}
		default: // "-- restart --", "!! " log lines
			target = ""
		}
		lines = append(lines, ol)
	}
	return lines
}

// matches reports whether one of l's forms matches pattern.
func (l outputLine) matches(pattern string) bool {
	return slices.ContainsFunc(l.forms, func(f string) bool { return matchPattern(pattern, f) })
}

// matchPattern reports whether pattern matches all of s, "…" in pattern
// standing for any text (none included).
func matchPattern(pattern, s string) bool {
	parts := strings.Split(pattern, "…")
	if len(parts) == 1 {
		return pattern == s
	}
	rest, ok := strings.CutPrefix(s, parts[0])
	if !ok {
		return false
	}
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(rest, p)
		if i < 0 {
			return false
		}
		rest = rest[i+len(p):]
	}
	return strings.HasSuffix(rest, parts[len(parts)-1])
}

// checkExpectations checks exps against out and returns one message per
// failed expectation, naming its file and line.
func checkExpectations(exps []expectation, out string) []string {
	lines := splitOutput(out)
	var failures []string
	next := 0            // index in lines where the next "//=" starts looking
	var prev expectation // the last "//=" that matched
	for _, e := range exps {
		if e.count >= 0 {
			var found []outputLine
			for _, l := range lines {
				if l.matches(e.pattern) {
					found = append(found, l)
				}
			}
			if len(found) != e.count {
				var b strings.Builder
				fmt.Fprintf(&b, "%s\n\t%d output lines match, want %d", e, len(found), e.count)
				for _, l := range found {
					fmt.Fprintf(&b, "\n\t  %d: %s", l.n, l.text)
				}
				failures = append(failures, b.String())
			}
			continue
		}
		i := slices.IndexFunc(lines[next:], func(l outputLine) bool { return l.matches(e.pattern) })
		if i >= 0 {
			next += i + 1
			prev = e
			continue
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%s\n\tno output line", e)
		if next > 0 {
			fmt.Fprintf(&b, " after output line %d (matched by line %d)", lines[next-1].n, prev.line)
		}
		b.WriteString(" matches")
		if j := slices.IndexFunc(lines[:next], func(l outputLine) bool { return l.matches(e.pattern) }); j >= 0 {
			fmt.Fprintf(&b, "; output line %d does, but comes too early: %s", lines[j].n, lines[j].text)
		} else if near := closest(lines, e.pattern, 3); len(near) > 0 {
			b.WriteString("; closest output lines:")
			for _, l := range near {
				fmt.Fprintf(&b, "\n\t  %d: %s", l.n, l.text)
			}
		}
		failures = append(failures, b.String())
	}
	return failures
}

// closest returns up to n output lines that share the longest run of text
// with one of pattern's literal parts, best first (in output order on a
// tie); none when no line shares more than two characters.
func closest(lines []outputLine, pattern string, n int) []outputLine {
	type scored struct {
		l     outputLine
		score int
	}
	var all []scored
	for _, l := range lines {
		best := 0
		for _, part := range strings.Split(pattern, "…") {
			for _, f := range l.forms {
				best = max(best, commonRun([]rune(part), []rune(f)))
			}
		}
		if best > 2 {
			all = append(all, scored{l, best})
		}
	}
	slices.SortStableFunc(all, func(a, b scored) int { return b.score - a.score })
	var out []outputLine
	for _, s := range all[:min(n, len(all))] {
		out = append(out, s.l)
	}
	return out
}

// commonRun returns the length of the longest run of runes found in both a
// and b.
func commonRun(a, b []rune) int {
	best := 0
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
				best = max(best, cur[j+1])
			} else {
				cur[j+1] = 0
			}
		}
		prev, cur = cur, prev
	}
	return best
}
