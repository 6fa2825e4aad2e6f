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
	configPath := fs.String("config", "", "配置文件 (默认: 内置演示社区)")
	dbPath := fs.String("db", "", "数据库文件 (默认: 临时数据库，退出即删除)")
	clockArg := fs.String("clock", "", `模拟时钟起点，如 "2026-11-23 09:00" (默认: 终端里为现在，脚本为 `+defaultScriptClock+`)`)
	verbose := fs.Bool("v", false, "在标准错误输出调试日志")
	fs.Usage = func() { consoleUsage(fs, stderr) }
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			consoleUsage(fs, stdout)
			return 0
		}
		return 2
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
	con := console.New(console.Options{
		Config: cfg, Clock: clock,
		Timed: []linli.Timed{a.outbox, a.sched}, Out: stdout, Err: stderr,
		Friends: friendsOf(cfg), RunID: strconv.FormatInt(time.Now().UnixNano(), 36),
		Hold: time.Duration(cfg.Activities.AckWindow),
		In:   stdin, Interactive: interactive,
	})
	a.outbox.SetPlatform(con)
	if interactive {
		fmt.Fprintf(stderr, "邻里通 控制台 — %s，模拟时间 %s。输入「群名/昵称: 文本」或「昵称: 文本」，Ctrl-D 退出。\n",
			cfg.Community, start.Format("2006-01-02 15:04"))
	}
	// The console is an adapter like WeChat; its inbox handles each line
	// before the next, so the output follows the script.
	if err := con.Serve(context.Background(), bot.SyncInbox{Engine: a.engine}); err != nil {
		fmt.Fprintln(stderr, "linli console:", err)
		return 1
	}
	return 0
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

func consoleUsage(fs *flag.FlagSet, w io.Writer) {
	demo, _ := loadConfig("")
	fmt.Fprintln(w, `用法: linli console [--config FILE] [--db FILE] [--clock "2026-11-23 09:00"]

在终端里模拟社区的居民群。在终端中交互使用；从管道读入时按脚本执行，输出可重复。

输入行:
  群名/昵称: 文本          昵称在群里说话（群和成员第一次出现时自动加入）
  群名/群昵称|微信昵称: 文本
                           群昵称与微信昵称不同的成员；一个人以微信昵称区分，
                           配置里的工作人员是微信昵称等于配置名字的人（微信上是好友备注）
  昵称: 文本               昵称私聊机器人
  群名/昵称: [图片] PATH   发送图片
  !clock +90m | +2d | 2026-11-29 08:00
                           把模拟时钟往前拨，期间到期的事依次发生
  // 注释                   空行和注释忽略
  (缩进的行)               脚本中紧跟在消息后、以空格缩进的行是该消息的后续行（如接龙）

输出: 机器人发出的每条消息，群消息为「[群名] 文本」，私聊为「[私聊 昵称] 文本」，
多行消息的后续行缩进两个空格。

选项:`)
	fs.SetOutput(w)
	fs.PrintDefaults()
	if demo != nil {
		fmt.Fprintf(w, "\n内置演示社区（不带 --config 时使用）: %s\n", demo.Community)
		fmt.Fprintf(w, "  居民群: %s\n  工作群: %s\n", strings.Join(demo.Groups, "、"), demo.StaffGroup)
		for _, s := range demo.Staff {
			role := "社工"
			if s.Role == "supervisor" {
				role = "主任"
			}
			fmt.Fprintf(w, "  %s: %s\n", role, s.Name)
		}
		for _, g := range demo.Grids {
			fmt.Fprintf(w, "  %s: %s，网格员 %s，主任 %s\n", g.Name, strings.Join(g.Buildings, " "), g.Worker, g.Supervisor)
		}
		fmt.Fprintln(w, "\n例:\n  printf '幸福里1期居民群/3-502 张阿姨: 帮助\\n' | linli console")
	}
}
