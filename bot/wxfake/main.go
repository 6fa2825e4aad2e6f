package wxfake

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/BurntSushi/toml"

	"linli"
)

// Config is the TOML file a standalone fake reads with --config:
//
//	self = "邻里通"
//	friends = ["李社工", "王网格"]
//	[[groups]]
//	topic = "幸福里1期居民群"
//	members = ["张阿姨|3-502 张阿姨", "李社工"]   # 昵称 or 昵称|群昵称
//	unsaved = false
//
// A linli.toml is accepted too: its groups, staff group, staff and grid
// workers become groups and friends, with two demo residents per group.
type Config struct {
	Self    string        `toml:"self"`
	Friends []string      `toml:"friends"`
	Groups  []GroupConfig `toml:"groups"`
}

// GroupConfig is one [[groups]] entry of Config.
type GroupConfig struct {
	Topic   string   `toml:"topic"`
	Members []string `toml:"members"`
	Unsaved bool     `toml:"unsaved"`
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ";") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// Main runs a standalone fake until interrupted; `linli wxfake` calls it.
// It returns the process exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return MainContext(ctx, args, stdout, stderr)
}

// MainContext is Main stopping when ctx ends.
func MainContext(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("wxfake", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:0", "listen address")
	config := fs.String("config", "", "TOML file with self, friends and [[groups]] (or a linli.toml)")
	self := fs.String("self", "", "the bot account's nickname (default 邻里通)")
	manual := fs.Bool("manual-confirm", false, "wait for /_fake/confirm instead of confirming QR logins at once")
	hold := fs.Duration("sync-hold", 25*time.Second, "how long an idle synccheck is held open")
	var groups, friends multiFlag
	fs.Var(&groups, "group", `a group, "群名=昵称,昵称|群昵称,…" (repeatable)`)
	fs.Var(&friends, "friend", "a friend's nickname (repeatable)")
	usage := func() {
		fmt.Fprintf(stderr, "usage: linli wxfake [flags]\n\nA fake WeChat web server for trying `linli run --wechat-server URL` without an account.\nWithout --config or --group it serves a demo community.\n\n")
		fs.PrintDefaults()
	}
	fs.SetOutput(io.Discard) // errors in Chinese below
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stderr)
			usage()
			return 0
		}
		fmt.Fprintf(stderr, "linli wxfake: %s（可用: --addr --config --self --manual-confirm --sync-hold --group --friend）\n查看说明: linli help wxfake\n", flagErrorZh(err))
		return 2
	}
	opts, err := buildOptions(*config, groups, friends)
	if err != nil {
		fmt.Fprintf(stderr, "wxfake: %v\n", err)
		return 1
	}
	if *self != "" {
		opts.Self = *self
	}
	opts.Addr, opts.AutoConfirm, opts.SyncHold = *addr, !*manual, *hold
	opts.Logger = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	opts.OnSent = func(m Sent) { fmt.Fprintln(stdout, formatSent(m)) }
	srv, err := Listen(opts)
	if err != nil {
		fmt.Fprintf(stderr, "wxfake: %v\n", err)
		return 1
	}
	defer srv.Close()
	fmt.Fprintf(stdout, "wxfake listening on %s\n", srv.URL())
	fmt.Fprintf(stdout, "  run:    linli run --wechat-server %s\n", srv.URL())
	if len(opts.Groups) > 0 && len(opts.Groups[0].Members) > 0 {
		q := url.Values{"group": {opts.Groups[0].Topic}, "member": {opts.Groups[0].Members[0].NickName}, "text": {"帮助"}}
		fmt.Fprintf(stdout, "  say:    curl '%s/_fake/inject?%s'\n", srv.URL(), q.Encode())
	}
	fmt.Fprintf(stdout, "  sent:   curl %s/_fake/sent   (also: /_fake/kick /_fake/relogin /_fake/rename?from=&to= /_fake/fail?n=1 /_fake/confirm)\n", srv.URL())
	<-ctx.Done()
	return 0
}

// formatSent renders a send the way `linli console` prints the bot's output.
func formatSent(m Sent) string {
	chat := m.To
	if !m.Group {
		chat = "私聊 " + m.To
	}
	switch m.Kind {
	case "image":
		return fmt.Sprintf("[%s] [图片] %s", chat, m.Name)
	case "file":
		return fmt.Sprintf("[%s] [文件] %s", chat, m.Name)
	}
	return fmt.Sprintf("[%s] %s", chat, strings.ReplaceAll(m.Text, "\n", "\n  "))
}

func buildOptions(path string, groups, friends []string) (Options, error) {
	var opts Options
	if path != "" {
		var err error
		if opts, err = loadConfig(path); err != nil {
			return opts, err
		}
	}
	for _, g := range groups {
		topic, members, _ := strings.Cut(g, "=")
		var list []string
		if members != "" {
			list = strings.Split(members, ",")
		}
		opts.Groups = append(opts.Groups, groupFrom(GroupConfig{Topic: strings.TrimSpace(topic), Members: list}))
	}
	for _, f := range friends {
		opts.Friends = append(opts.Friends, Friend{NickName: f})
	}
	if path == "" && len(groups) == 0 && len(friends) == 0 {
		opts = demoOptions()
	}
	return opts, nil
}

func groupFrom(g GroupConfig) Group {
	out := Group{Topic: g.Topic, Unsaved: g.Unsaved}
	for _, m := range g.Members {
		nick, display, _ := strings.Cut(strings.TrimSpace(m), "|")
		out.Members = append(out.Members, Member{NickName: nick, DisplayName: display})
	}
	return out
}

func loadConfig(path string) (Options, error) {
	var c Config
	if md, err := toml.DecodeFile(path, &c); err == nil && len(md.Undecoded()) == 0 {
		opts := Options{Self: c.Self}
		for _, f := range c.Friends {
			opts.Friends = append(opts.Friends, Friend{NickName: f})
		}
		for _, g := range c.Groups {
			opts.Groups = append(opts.Groups, groupFrom(g))
		}
		return opts, nil
	}
	var lc linli.Config
	if _, err := toml.DecodeFile(path, &lc); err != nil {
		return Options{}, fmt.Errorf("读取 %s: %v", path, err)
	}
	return fromLinli(lc), nil
}

// fromLinli builds a fake community from a linli.toml.
func fromLinli(c linli.Config) Options {
	opts := Options{Self: c.BotName}
	seen := map[string]bool{}
	var staff []Member
	add := func(name string) {
		if name != "" && !seen[name] {
			seen[name] = true
			// The bot's account has set each staff member's 备注 to the
			// configured name: that is what makes them staff (DESIGN.md).
			opts.Friends = append(opts.Friends, Friend{NickName: name, RemarkName: name})
			staff = append(staff, Member{NickName: name})
		}
	}
	for _, s := range c.Staff {
		add(s.Name)
	}
	for _, g := range c.Grids {
		add(g.Worker)
		add(g.Supervisor)
	}
	for i, topic := range c.Groups {
		opts.Groups = append(opts.Groups, Group{Topic: topic, Members: append([]Member{
			{NickName: fmt.Sprintf("张阿姨%d", i+1), DisplayName: fmt.Sprintf("%d-502 张阿姨", i+3)},
			{NickName: fmt.Sprintf("王大爷%d", i+1), DisplayName: fmt.Sprintf("%d-101 王大爷", i+5)},
		}, staff...)})
	}
	if c.StaffGroup != "" {
		opts.Groups = append(opts.Groups, Group{Topic: c.StaffGroup, Members: staff})
	}
	return opts
}

func demoOptions() Options {
	return fromLinli(linli.Config{
		BotName:    "邻里通",
		Groups:     []string{"幸福里1期居民群", "幸福里2期居民群"},
		StaffGroup: "幸福里工作群",
		Staff:      []linli.StaffEntry{{Name: "李社工"}},
		Grids:      []linli.Grid{{Name: "第一网格", Worker: "王网格", Supervisor: "赵主任"}},
	})
}

// flagErrorZh says the flag package's error in Chinese.
func flagErrorZh(err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return "没有选项 " + name
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return "选项 " + name + " 后面需要一个值"
	}
	if rest, ok := strings.CutPrefix(msg, "invalid value "); ok {
		return "选项的值无效: " + rest
	}
	return msg
}
