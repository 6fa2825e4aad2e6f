package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"linli"
	"linli/bot"
	"linli/bot/console"
)

// defaultScriptClock is where simulated time starts for piped scripts
// without --clock, so a script gives the same output every run.
const defaultScriptClock = "2026-11-23 09:00"

func runConsole(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("console", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "配置文件（默认: 内置演示社区）")
	dbPath := fs.String("db", "", "数据库文件（默认: 临时数据库，退出即删除）")
	clockArg := fs.String("clock", "", `把模拟时钟固定在这个时间，如 "2026-11-23 09:00"，只随 !clock 前进（默认: 终端里跟着真实时间走，脚本从 `+defaultScriptClock+` 开始）`)
	filesDir := fs.String("files", "", "机器人发出的文件（如 xlsx）保存到这个目录（默认: 终端里为本次会话新建的临时目录 linli-console-files-*，仅本人可读，脚本不保存）")
	verbose := fs.Bool("v", false, "在标准错误输出调试日志")
	webAddr := fs.String("web", "", "同时开启社工工作台，如 127.0.0.1:8080；脚本结束后继续服务，Ctrl-C 退出")
	if done, code := parseFlags(consoleCmd, fs, args, stdout, stderr); done {
		return code
	}
	cfg, err := loadConfig(*configPath)
	if err != nil {
		fmt.Fprintln(stderr, "linli console:", err)
		return 1
	}
	interactive := isTerminal(stdin)
	start, err := consoleStart(*clockArg, interactive, cfg.Location)
	if err != nil {
		fmt.Fprintln(stderr, "linli console:", err)
		return 2
	}
	path := *dbPath
	if path == "" {
		dir, err := os.MkdirTemp("", "linli-console-")
		if err != nil {
			fmt.Fprintln(stderr, "linli console:", err)
			return 1
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "console.db")
	}
	var term *terminal
	if interactive {
		term, err = newTerminal(stdin, stdout, stderr)
		if err != nil {
			fmt.Fprintln(stderr, "linli console:", err)
			return 1
		}
		defer term.Close()
		stdout, stderr = term.Stdout(), term.Stderr() // output redraws the prompt
		if *filesDir == "" {
			// This session's own folder, the owner's only (0700): the
			// files hold residents' phone numbers. Removed at exit when
			// nothing was saved in it.
			dir, err := os.MkdirTemp("", "linli-console-files-")
			if err != nil {
				fmt.Fprintln(stderr, "linli console: 无法创建保存文件的临时目录:", err)
				return 1
			}
			defer os.Remove(dir)
			*filesDir = dir
		}
	}
	stopSignals := onInterrupt(term, path, *dbPath == "")
	defer stopSignals()
	level := slog.LevelWarn
	if *verbose {
		level = slog.LevelDebug
	}
	clock := linli.NewSimClock(start)
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level, ReplaceAttr: simTime(clock)}))
	aopt := appOptions{dbPath: path}
	if n, err := loadNLU(cfg); err != nil {
		fmt.Fprintln(stderr, "linli console: 警告:", err, "——自由文本理解已关闭，命令仍可用")
	} else {
		aopt.understander, aopt.classifier = n, n
	}
	a, err := newApp(cfg, clock, log, aopt)
	if err != nil {
		fmt.Fprintln(stderr, "linli console:", err)
		return 1
	}
	defer a.Close()
	copt := console.Options{
		Config: cfg, Clock: clock,
		Timed: []linli.Timed{a.outbox, a.sched}, Out: stdout, Err: stderr,
		Friends: friendsOf(cfg), RunID: strconv.FormatInt(time.Now().UnixNano(), 36),
		Hold: time.Duration(cfg.Activities.AckWindow),
		In:   stdin, Interactive: interactive,
		FilesDir: *filesDir,
	}
	realTime := interactive && *clockArg == ""
	if interactive {
		copt.Editor, copt.Served = term, a.engine.Serves
	}
	if realTime {
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		copt.Wall, copt.Tick = time.Now, tick.C
	}
	con := console.New(copt)
	a.outbox.SetPlatform(con)
	if interactive {
		fmt.Fprint(stderr, consoleBanner(cfg, start, realTime, *filesDir))
	}
	// The console is an adapter like WeChat; its inbox handles each line
	// before the next, so the output follows the script.
	startWeb := func() {}
	if *webAddr != "" {
		start, stopWeb, err := consoleWorkbench(a, con, *webAddr, interactive, stderr, log)
		if err != nil {
			fmt.Fprintln(stderr, "linli console:", err)
			return 1
		}
		defer stopWeb()
		startWeb = start
	}
	if err := con.Serve(context.Background(), bot.SyncInbox{Engine: a.engine}); err != nil {
		fmt.Fprintln(stderr, "linli console:", err)
		return 1
	}
	if *webAddr != "" && !interactive {
		startWeb()
		waitInterrupt(stderr)
	}
	return 0
}

// consoleBanner is what an interactive console says first: the community,
// whether the clock follows real time or is pinned, where files go.
func consoleBanner(cfg *linli.Config, start time.Time, realTime bool, files string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "邻里通 控制台 — %s\n", cfg.Community)
	if realTime {
		fmt.Fprintf(&b, "模拟时钟跟着真实时间走（现在 %s），定时通知和提醒会按时出现；输入 !clock +1h 可以往前拨，加 --clock 可固定时间。\n", start.Format("2006-01-02 15:04"))
	} else {
		fmt.Fprintf(&b, "模拟时钟固定在 %s（--clock），只在输入 !clock +1h 之类时前进。\n", start.Format("2006-01-02 15:04"))
	}
	if files != "" {
		fmt.Fprintf(&b, "机器人发出的文件保存在 %s\n", files)
	}
	b.WriteString("输入「群名/昵称: 文本」或「昵称: 文本」；方向键编辑，上下键翻历史；Ctrl-D 或 Ctrl-C 退出。\n")
	return b.String()
}

// simTime makes log records show the simulated time instead of the wall
// clock, so that a scenario's warnings are the same on every run.
func simTime(clock linli.Clock) func([]string, slog.Attr) slog.Attr {
	return func(groups []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey && len(groups) == 0 {
			return slog.String(slog.TimeKey, clock.Now().Format("2006-01-02T15:04:05"))
		}
		return a
	}
}

// consoleStart picks the simulated clock's starting time.
func consoleStart(arg string, interactive bool, loc *time.Location) (time.Time, error) {
	if arg == "" && interactive {
		return time.Now().In(loc).Truncate(time.Minute), nil
	}
	if arg == "" {
		arg = defaultScriptClock
	}
	return console.ParseClock(arg, loc)
}

// friendsOf lists the configured people, who are the bot's WeChat friends.
func friendsOf(cfg *linli.Config) []string {
	var out []string
	for _, s := range cfg.Staff {
		out = append(out, s.Name)
	}
	for _, g := range cfg.Grids {
		out = append(out, g.Worker, g.Supervisor)
	}
	return out
}

func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
