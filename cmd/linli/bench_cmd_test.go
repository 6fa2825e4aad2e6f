package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestBenchSeedAndRun runs `linli bench seed` and `linli bench run --json`
// on a small database: seed writes what it says, and run times every
// command of the mix on both databases (the figures themselves are for
// people to read, not asserted).
func TestBenchSeedAndRun(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bench.db")
	var out, errb bytes.Buffer
	if rc := run([]string{"bench", "seed", "--db", db, "--residents", "200", "--activities", "10", "--signups", "600",
		"--reports", "300", "--polls", "3", "--votes", "100"}, nil, &out, &errb); rc != 0 {
		t.Fatalf("seed: rc %d: %s", rc, errb.String())
	}
	for _, want := range []string{"residents       200", "activities       10", "signups         600", "reports         300", "votes           100"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("seed output lacks %q:\n%s", want, out.String())
		}
	}
	if rc := run([]string{"bench", "seed", "--db", db}, nil, &out, &errb); rc == 0 {
		t.Error("seed over an existing file succeeded")
	}
	out.Reset()
	if rc := run([]string{"bench", "run", "--db", db, "--n", "2", "--json"}, nil, &out, &errb); rc != 0 {
		t.Fatalf("run: rc %d: %s", rc, errb.String())
	}
	var res struct {
		N          int
		Big, Empty benchDB
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("run --json: %v\n%s", err, out.String())
	}
	if res.N != 2 || len(res.Big.Commands) != len(res.Empty.Commands) || len(res.Big.Commands) < 10 {
		t.Fatalf("run: %+v", res)
	}
	for _, c := range res.Big.Commands {
		if c.N != 2 || c.P50ms <= 0 || c.P99ms < c.P50ms {
			t.Errorf("command %s: %+v", c.Name, c)
		}
	}
}

// TestBenchFlagErrorsInChinese: a bad or unknown option of bench seed/run
// is answered in Chinese naming it (the flag package's own text is English).
func TestBenchFlagErrorsInChinese(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"seed", "--residents", "abc", "--db", filepath.Join(t.TempDir(), "x.db")}, "选项 -residents 的值 \"abc\" 无效"},
		{[]string{"run", "--foo"}, "没有选项 -foo"},
		{[]string{"run", "--n"}, "后面需要一个值"},
	} {
		var out, errb strings.Builder
		if code := runBench(tt.args, &out, &errb); code != 2 {
			t.Errorf("%v: exit %d, want 2", tt.args, code)
		}
		if !strings.Contains(errb.String(), tt.want) || strings.Contains(errb.String(), "flag provided") || strings.Contains(errb.String(), "Usage of") {
			t.Errorf("%v: stderr %q; want %q in Chinese", tt.args, errb.String(), tt.want)
		}
	}
}
