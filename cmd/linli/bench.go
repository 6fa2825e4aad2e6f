package main

import (
	"fmt"
	"io"
	"time"
)

// linli bench: build a large database and time the engine on it (DESIGN.md,
// "linli bench"). bench_seed.go writes the data, bench_run.go measures.

// benchEpoch is the bench's "now", in the configured zone: seed writes a
// year of history before it (and a few weeks of upcoming activities after
// it), run sets the simulated clock to it.
func benchEpoch(loc *time.Location) time.Time {
	return time.Date(2026, 11, 23, 9, 0, 0, 0, loc)
}

func runBench(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		benchUsage(stderr)
		return 2
	}
	switch args[0] {
	case "seed":
		return runBenchSeed(args[1:], stdout, stderr)
	case "run":
		return runBenchRun(args[1:], stdout, stderr)
	case "help", "--help", "-h":
		benchUsage(stdout)
		return 0
	}
	fmt.Fprintf(stderr, "linli bench: 未知的子命令 %q\n\n", args[0])
	benchUsage(stderr)
	return 2
}

func benchUsage(w io.Writer) {
	fmt.Fprint(w, `用法:
  linli bench seed [--config FILE] --db FILE --residents N --activities N --signups N --reports N --polls N --votes N
                      用存储层自己的写入路径（批量事务）生成一个逼真的大数据库，并打印写入了什么
  linli bench run --db FILE [--config FILE] [--n N] [--json]
                      在该数据库和一个空数据库上，通过引擎计时一组固定的居民、网格员和社工命令，
                      打印每个命令的 p50/p99 和进程的峰值内存 (RSS)
`)
}
