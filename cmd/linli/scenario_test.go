package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the expected output of scenario tests")

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
//
// Write the expected output with: go test ./cmd/linli -run TestScenarios -update
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
				t.Fatalf("two runs differ:\n--- first\n%s\n--- second\n%s", first, second)
			}
			golden := strings.TrimSuffix(file, ".txt") + ".out"
			if *update {
				if err := os.WriteFile(golden, []byte(first), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("no expected output (run with -update to create it): %v", err)
			}
			if first != string(want) {
				t.Errorf("output differs from %s:\n%s", golden, lineDiff(string(want), first))
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

// lineDiff shows the first differing lines.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d\n  want: %s\n  got:  %s\n", i+1, wl, gl)
			if b.Len() > 2000 {
				break
			}
		}
	}
	return b.String()
}
