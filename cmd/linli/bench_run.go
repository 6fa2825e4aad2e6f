package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"time"

	"linli"
	"linli/bot/console"
	"linli/storage"
)

// benchCommand is one command of the bench's mix: who sends what, where.
type benchCommand struct {
	Name string // as shown in the table
	Role string // resident | worker | supervisor | staff
	// msg builds the i-th message of the command (a different resident
	// each time for residents).
	msg func(i int) linli.Message
}

// benchTargets are the records the mix's commands name, picked from the
// database before timing (not timed).
type benchTargets struct {
	residents []linli.Resident // residents with sign-ups and reports, as seeded
	reporters []linli.Resident // reporters of open reports, for 进度
	reportOf  map[string]uint64
	openAct   map[string]uint64 // per group: an activity open for sign-up there
}

// benchResult is the timing of one command on one database.
type benchResult struct {
	Name  string  `json:"command"`
	Role  string  `json:"role"`
	N     int     `json:"n"`
	P50ms float64 `json:"p50_ms"`
	P99ms float64 `json:"p99_ms"`
	MaxMs float64 `json:"max_ms"`
	// CPU time of the handling thread (Linux): the command's own work,
	// unlike the wall-clock times less sensitive to a busy machine.
	CPUp50ms float64 `json:"cpu_p50_ms"`
	CPUp99ms float64 `json:"cpu_p99_ms"`
}

// benchDB is the mix run on one database.
type benchDB struct {
	DB         string        `json:"db"`
	SizeMiB    float64       `json:"size_mib"`
	PrepareMs  float64       `json:"prepare_ms"`   // the first open (a migration, if due) and picking the targets
	OpenMs     float64       `json:"open_ms"`      // opening as linli run does (integrity walk included)
	PeakOpenMB float64       `json:"peak_open_mb"` // peak RSS of the process while opening
	RSSOpenMB  float64       `json:"rss_open_mb"`  // RSS once open, before the mix
	PeakMixMB  float64       `json:"peak_mix_mb"`  // peak RSS during the mix (reset after opening)
	RSSEndMB   float64       `json:"rss_end_mb"`   // RSS after the mix
	Commands   []benchResult `json:"commands"`
}

func runBenchRun(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench run", flag.ContinueOnError)
	configPath := fs.String("config", "", "配置文件 (默认: 内置演示社区)")
	dbPath := fs.String("db", "", "用 linli bench seed 生成的数据库")
	reps := fs.Int("n", 100, "每个命令执行的次数")
	asJSON := fs.Bool("json", false, "输出 JSON")
	cpuProfile := fs.String("cpuprofile", "", "把大数据库上那一轮的 CPU 剖析写到这个文件 (go tool pprof)")
	inPlace := fs.Bool("in-place", false, "直接在 --db 上运行（默认先复制一份：命令里有报名和随手拍，会写入）")
	if done, code := parseFlags(benchRunCmd, fs, args, stdout, stderr); done {
		return code
	}
	if *dbPath == "" || *reps < 1 {
		fmt.Fprintln(stderr, "linli bench run: 需要 --db FILE（--n 至少为 1）")
		return 2
	}
	cfg, err := loadConfig(*configPath)
	if err != nil {
		fmt.Fprintln(stderr, "linli bench run:", err)
		return 1
	}
	tmp, err := os.MkdirTemp("", "linli-bench-")
	if err != nil {
		fmt.Fprintln(stderr, "linli bench run:", err)
		return 1
	}
	defer os.RemoveAll(tmp)
	// The nearly empty database: the same seeder, just enough for the mix
	// to name a resident, an open activity and an open report.
	empty := filepath.Join(tmp, "empty.db")
	if rc := runBenchSeed([]string{"--db", empty, "--config", *configPath, "--residents", "40", "--activities", "2",
		"--signups", "20", "--reports", "40", "--polls", "1", "--votes", "10"}, io.Discard, io.Discard); rc != 0 {
		fmt.Fprintln(stderr, "linli bench run: 无法生成空数据库")
		return 1
	}
	big := *dbPath
	if !*inPlace {
		big = filepath.Join(tmp, "big.db")
		fmt.Fprintf(stderr, "bench run: copying %s …\n", *dbPath)
		if err := copyFile(*dbPath, big); err != nil {
			fmt.Fprintln(stderr, "linli bench run:", err)
			return 1
		}
	}
	n, err := loadNLU(cfg)
	if err != nil {
		fmt.Fprintln(stderr, "linli bench run:", err)
		return 1
	}
	var out struct {
		Reps  int     `json:"n"`
		Empty benchDB `json:"empty"`
		Big   benchDB `json:"big"`
	}
	out.Reps = *reps
	for _, run := range []struct {
		path string
		to   *benchDB
	}{{empty, &out.Empty}, {big, &out.Big}} {
		fmt.Fprintf(stderr, "bench run: %s …\n", run.path)
		profile := ""
		if run.path == big {
			profile = *cpuProfile
		}
		r, err := benchMix(cfg, run.path, n, *reps, profile)
		if err != nil {
			fmt.Fprintln(stderr, "linli bench run:", err)
			return 1
		}
		r.DB = run.path
		if run.path == big {
			r.DB = *dbPath
		}
		*run.to = r
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return 1
		}
		return 0
	}
	printBench(stdout, out.Reps, out.Big, out.Empty)
	return 0
}

func printBench(w io.Writer, reps int, big, empty benchDB) {
	fmt.Fprintf(w, "linli bench run: %d of each command, through the engine (cpu: p50 of the handling thread's CPU time)\n", reps)
	fmt.Fprintf(w, "big:   %s (%.0f MiB), prepared (migration, if due) in %.0f ms, opened in %.0f ms\n", big.DB, big.SizeMiB, big.PrepareMs, big.OpenMs)
	fmt.Fprintf(w, "       RSS: peak %.0f MB opening, %.0f MB open, peak %.0f MB during the mix, %.0f MB after it\n",
		big.PeakOpenMB, big.RSSOpenMB, big.PeakMixMB, big.RSSEndMB)
	fmt.Fprintf(w, "empty: opened in %.0f ms; RSS: peak %.0f MB opening, %.0f MB open, peak %.0f MB during the mix, %.0f MB after it\n\n",
		empty.OpenMs, empty.PeakOpenMB, empty.RSSOpenMB, empty.PeakMixMB, empty.RSSEndMB)
	fmt.Fprintf(w, "%-22s %-10s %10s %10s %10s %10s %8s %10s %10s\n", "command", "role", "big p50", "big p99", "empty p50", "empty p99", "p99 ×", "cpu big", "cpu empty")
	for i, b := range big.Commands {
		e := empty.Commands[i]
		ratio := 0.0
		if e.P99ms > 0 {
			ratio = b.P99ms / e.P99ms
		}
		fmt.Fprintf(w, "%-22s %-10s %8.2fms %8.2fms %8.2fms %8.2fms %7.1f× %8.2fms %8.2fms\n", b.Name, b.Role, b.P50ms, b.P99ms, e.P50ms, e.P99ms, ratio, b.CPUp50ms, e.CPUp50ms)
	}
}

// benchMix opens the database at path as linli run does and times the mix.
func benchMix(cfg *linli.Config, path string, n linli.Understander, reps int, profile string) (benchDB, error) {
	var res benchDB
	if st, err := os.Stat(path); err == nil {
		res.SizeMiB = float64(st.Size()) / (1 << 20)
	}
	began := time.Now()
	targets, err := pickTargets(path) // the first Open: a migration runs here
	if err != nil {
		return res, err
	}
	res.PrepareMs = ms(time.Since(began))
	resetPeakRSS()
	began = time.Now()
	clock := linli.NewSimClock(benchEpoch(cfg.Location))
	aopt := appOptions{dbPath: path, understander: n}
	if c, ok := n.(linli.Classifier); ok {
		aopt.classifier = c
	}
	a, err := newApp(cfg, clock, slog.New(slog.DiscardHandler), aopt)
	if err != nil {
		return res, err
	}
	defer a.Close()
	res.OpenMs = ms(time.Since(began))
	res.PeakOpenMB, res.RSSOpenMB = peakRSS(), currentRSS()
	var replies bytes.Buffer // what the bot answered the last command (checked, not timed)
	con := console.New(console.Options{Config: cfg, Clock: clock, Timed: []linli.Timed{a.outbox, a.sched},
		Out: &replies, Err: io.Discard, Friends: friendsOf(cfg), RunID: "bench"})
	a.outbox.SetPlatform(con)
	mix := benchCommands(cfg, targets)
	times := make([][]time.Duration, len(mix))
	cpus := make([][]time.Duration, len(mix))
	runtime.LockOSThread() // threadCPU measures this goroutine's thread
	defer runtime.UnlockOSThread()
	resetPeakRSS()
	if profile != "" {
		f, err := os.Create(profile)
		if err != nil {
			return res, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return res, err
		}
		defer pprof.StopCPUProfile()
	}
	ctx := context.Background()
	seq, run := 0, "bench-"+strconv.FormatInt(time.Now().UnixNano(), 36)+"-"
	for i := 0; i < reps; i++ {
		for c, cmd := range mix {
			m := cmd.msg(i)
			seq++
			m.ID = run + strconv.Itoa(seq) // new ids: a database benched before has seen the old ones
			m.At = clock.Now()
			t0, c0 := time.Now(), threadCPU()
			if err := a.engine.Handle(ctx, m); err != nil {
				return res, fmt.Errorf("%s: %w", cmd.Name, err)
			}
			times[c] = append(times[c], time.Since(t0))
			cpus[c] = append(cpus[c], threadCPU()-c0)
			replies.Reset()
			con.Flush() // deliver the replies (not timed), as linli run would meanwhile
			if cmd.Role != "resident" && bytes.Contains(replies.Bytes(), []byte("使用的命令")) {
				// A staff command refused as from a resident times nothing
				// worth knowing: the sender's role was not recognised.
				return res, fmt.Errorf("%s: %s was not recognised as %s: %s", cmd.Name, m.Sender, cmd.Role, replies.String())
			}
		}
	}
	res.PeakMixMB, res.RSSEndMB = peakRSS(), currentRSS()
	for c, cmd := range mix {
		ts, cs := times[c], cpus[c]
		slices.Sort(ts)
		slices.Sort(cs)
		res.Commands = append(res.Commands, benchResult{Name: cmd.Name, Role: cmd.Role, N: len(ts),
			P50ms: ms(quantile(ts, 0.50)), P99ms: ms(quantile(ts, 0.99)), MaxMs: ms(ts[len(ts)-1]),
			CPUp50ms: ms(quantile(cs, 0.50)), CPUp99ms: ms(quantile(cs, 0.99))})
	}
	return res, nil
}

// benchCommands is the fixed mix.
func benchCommands(cfg *linli.Config, t benchTargets) []benchCommand {
	res := func(i int) linli.Resident { return t.residents[i%len(t.residents)] }
	inGroup := func(r linli.Resident, text string) linli.Message {
		return linli.Message{Group: r.LastGroup, Sender: r.Name, Nickname: r.Nickname, Text: text}
	}
	resident := func(name, text string) benchCommand {
		return benchCommand{Name: name, Role: "resident", msg: func(i int) linli.Message { return inGroup(res(i), text) }}
	}
	private := func(name, role, who, text string) benchCommand {
		// A role comes from a verified contact only (Message.Contact: the
		// bot's 备注 for the sender), as the console gives its friends.
		return benchCommand{Name: name, Role: role, msg: func(int) linli.Message {
			return linli.Message{Sender: who, Contact: who, Text: text}
		}}
	}
	grid := cfg.Grids[0]
	staff := cfg.Staff[0].Name
	return []benchCommand{
		resident("帮助", "#帮助"),
		resident("积分", "#积分"),
		resident("我的报名", "#我的报名"),
		resident("我的上报", "#我的上报"),
		resident("活动", "#活动"),
		{Name: "报名 N", Role: "resident", msg: func(i int) linli.Message {
			r := res(i + 7) // another resident than the others of this round
			return inGroup(r, fmt.Sprintf("#报名 %d", t.openAct[r.LastGroup]))
		}},
		{Name: "进度 N", Role: "resident", msg: func(i int) linli.Message {
			r := t.reporters[i%len(t.reporters)]
			return inGroup(r, fmt.Sprintf("#进度 %d", t.reportOf[r.Name]))
		}},
		{Name: "随手拍", Role: "resident", msg: func(i int) linli.Message {
			r := res(i + 13)
			return inGroup(r, fmt.Sprintf("#随手拍 %s门口的路灯坏了第%d盏", r.Household, i))
		}},
		resident("free text (讲座)", "明天的讲座我想去"),
		resident("chatter (收到)", "收到"),
		private("待办 (worker)", "worker", grid.Worker, "待办"),
		private("待办 (supervisor)", "supervisor", grid.Supervisor, "待办"),
		private("统计 上报", "staff", staff, "统计 上报"),
		private("统计 活动", "staff", staff, "统计 活动"),
	}
}

// pickTargets reads, before timing, what the mix names: residents, the
// reporters of open reports, and an open activity per group.
func pickTargets(path string) (benchTargets, error) {
	t := benchTargets{reportOf: map[string]uint64{}, openAct: map[string]uint64{}}
	db, err := storage.Open(path)
	if err != nil {
		return t, err
	}
	defer db.Close()
	now := benchEpoch(time.Local)
	err = db.EachResident(func(r *linli.Resident) error {
		if len(t.residents) < 2000 {
			t.residents = append(t.residents, *r)
		}
		return nil
	})
	if err != nil {
		return t, err
	}
	open, _, err := db.OpenReports()
	if err != nil {
		return t, err
	}
	for _, r := range open {
		if _, ok := t.reportOf[r.Reporter]; !ok {
			if res, err := db.Resident(r.Reporter); err == nil {
				t.reporters = append(t.reporters, *res)
				t.reportOf[r.Reporter] = r.ID
			}
		}
	}
	acts, err := db.Activities()
	if err != nil {
		return t, err
	}
	for _, a := range acts {
		if a.SignupOpen(now) {
			for _, g := range a.Groups {
				if _, ok := t.openAct[g]; !ok {
					t.openAct[g] = a.ID
				}
			}
		}
	}
	if len(t.residents) == 0 || len(t.reporters) == 0 {
		return t, fmt.Errorf("%s: no residents or no open reports: seed it with linli bench seed", path)
	}
	// Shuffle deterministically so that one round's residents are spread
	// over the buildings.
	slices.SortFunc(t.residents, func(x, y linli.Resident) int { return int(hashName(x.Name)) - int(hashName(y.Name)) })
	return t, nil
}

func hashName(s string) uint16 {
	var h uint16 = 7
	for i := 0; i < len(s); i++ {
		h = h*31 + uint16(s[i])
	}
	return h
}

func quantile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q*float64(len(sorted))+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

var benchRunCmd = subcommand{
	name:  "bench run",
	usage: "linli bench run --db FILE [--config FILE] [--n N] [--json]",
	about: "在该数据库和一个空数据库上，通过引擎计时一组固定的居民、网格员和社工命令，打印每个命令的 p50/p99 和进程的峰值内存 (RSS)。",
	examples: []string{
		"linli bench run --db /tmp/big.db --json",
	},
}
