package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/diff"
)

var update = flag.Bool("update", false, "rewrite the expected output of scenario tests, logging the diff of each")

// TestScenarios runs every testdata/scenarios/*.txt through `linli console`
// and compares stdout with the .out file beside it. A scenario is run twice
// and must give byte-identical output.
//
// Directives in a scenario, on their own line:
//
//	// args: --clock "2026-11-28 08:00"     extra console flags (first run)
//	// restart: 2026-11-25 10:00           end this console, start a new one on
//	                                        the same database at that clock (with
//	                                        the same "// args:" flags but --clock)
//	// run: import households testdata/x.csv
//	                                        run `linli ARGS --db <the scenario's
//	                                        database>` and show its output; put
//	                                        it before the first message line, or
//	                                        follow it with a "// restart:"
//	//= [幸福里1期居民群] @张阿姨 报名成功…   an inline expectation (below)
//	//=0 [幸福里1期居民群] …138…             a counted one: never
//
// Inline expectations state the rule a scenario is about, so that a golden
// regenerated blindly cannot hide a regression. They are checked on every
// run, with or without -update, before the golden is compared or written:
//
//   - "//= PATTERN": some output line matches PATTERN, after the line the
//     previous "//=" of the file matched: the "//=" lines match in order.
//   - "//=N PATTERN" (N a number right after "//="): exactly N lines of the
//     whole output match PATTERN, wherever they are; it takes no place in
//     the order of the "//=" lines. "//=0" says a line never appears,
//     "//=1" that something happens once (a "//=" beside it says where).
//   - PATTERN matches a whole output line. Leading and trailing blanks of
//     both are ignored, and "…" (U+2026) in PATTERN stands for any text,
//     none included: "报名成功…" is a prefix, "…候补第2位…" a substring.
//     Everything else is literal (a "…" in the output is matched by one in
//     the pattern too, as by any wildcard).
//   - The indented continuation lines of a multi-line message are matched
//     both as they are and with their message's "[群名] " or "[私聊 昵称] "
//     in front, so "//= [私聊 吴姐] …退回：经核实…" says who gets that line
//     and "//=0 [幸福里1期居民群] …经核实…" that a group never sees it.
//
// A failed expectation is reported as FILE:LINE with the pattern and the
// output lines that come closest. Expectation lines are directives of this
// test: they are not passed to the console (run by hand, the console skips
// them as comments), so they change neither the output nor the line
// numbers the console reports.
//
// Rewrite the expected output with
//
//	go test ./cmd/linli -run TestScenarios -update -v
//
// which logs a unified diff of every .out it changes (-v shows the log) and
// leaves the .out of a scenario whose expectations fail alone.
func TestScenarios(t *testing.T) {
	files, err := filepath.Glob("testdata/scenarios/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no scenarios found")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txt")
		t.Run(name, func(t *testing.T) {
			script, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			first := runScenario(t, string(script))
			second := runScenario(t, string(script))
			if first != second {
				t.Fatalf("two runs differ:\n%s", diff.Diff("first", []byte(first), "second", []byte(second)))
			}
			exps, err := parseExpectations(file, string(script))
			if err != nil {
				t.Fatal(err)
			}
			if failures := checkExpectations(exps, first); len(failures) > 0 {
				t.Fatalf("%d inline expectation(s) failed:\n%s", len(failures), strings.Join(failures, "\n"))
			}
			golden := strings.TrimSuffix(file, ".txt") + ".out"
			want, err := os.ReadFile(golden)
			if *update {
				if err == nil && string(want) == first {
					return
				}
				if err := os.WriteFile(golden, []byte(first), 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("rewrote %s:\n%s", golden, diff.Diff(golden, want, "new output", []byte(first)))
				return
			}
			if err != nil {
				t.Fatalf("no expected output (run with -update to create it): %v", err)
			}
			if first != string(want) {
				t.Errorf("output differs from %s:\n%s", golden, diff.Diff(golden, want, "output", []byte(first)))
			}
		})
	}
}

// runScenario runs a script through one or more console processes (split at
// "// restart:" lines) sharing one database, and returns stdout plus any
// stderr lines marked with "!! ".
func runScenario(t *testing.T, script string) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "scenario.db")
	var out bytes.Buffer
	args := []string{"console", "--db", db}
	var extra []string // "// args:" flags, kept across restarts (but --clock)
	var part strings.Builder
	flush := func() {
		var stdout, stderr bytes.Buffer
		if code := run(args, strings.NewReader(part.String()), &stdout, &stderr); code != 0 {
			t.Fatalf("console exited %d: %s", code, stderr.String())
		}
		out.Write(stdout.Bytes())
		for _, l := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
			if l != "" {
				out.WriteString("!! " + l + "\n")
			}
		}
		part.Reset()
	}
	for _, line := range strings.Split(script, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "// args:"):
			a := splitArgs(strings.TrimPrefix(trimmed, "// args:"))
			args = append(args, a...)
			extra = append(extra, withoutClock(a)...)
			continue
		case isExpectation(trimmed):
			continue
		case strings.HasPrefix(trimmed, "// run:"):
			if part.Len() > 0 {
				flush()
			}
			var stdout, stderr bytes.Buffer
			cmd := append(splitArgs(strings.TrimPrefix(trimmed, "// run:")), "--db", db)
			code := run(cmd, strings.NewReader(""), &stdout, &stderr)
			fmt.Fprintf(&out, "-- linli %s (exit %d) --\n%s", strings.Join(cmd[:len(cmd)-2], " "), code, stdout.String())
			for _, l := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
				if l != "" {
					out.WriteString("!! " + l + "\n")
				}
			}
			continue
		case strings.HasPrefix(trimmed, "// restart:"):
			flush()
			out.WriteString("-- restart --\n")
			args = append([]string{"console", "--db", db, "--clock", strings.TrimSpace(strings.TrimPrefix(trimmed, "// restart:"))}, extra...)
			continue
		}
		part.WriteString(line + "\n")
	}
	flush()
	return out.String()
}

// withoutClock drops a --clock flag and its value.
func withoutClock(args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		if args[i] == "--clock" || args[i] == "-clock" {
			i++
			continue
		}
		out = append(out, args[i])
	}
	return out
}

// splitArgs splits on spaces, keeping "double quoted" words together.
func splitArgs(s string) []string {
	var out []string
	var cur strings.Builder
	quoted := false
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r == '"':
			quoted = !quoted
		case r == ' ' && !quoted:
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
		default:
			cur.WriteRune(r)
		}
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}
