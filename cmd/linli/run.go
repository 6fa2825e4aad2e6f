package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"linli"
	"linli/bot"
	"linli/bot/wechat"
	"linli/storage"
)

func runRun(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "linli.toml", "配置文件")
	dbPath := fs.String("db", "", "数据库文件（默认: 配置中的 db）")
	server := fs.String("wechat-server", "", "把所有微信主机的请求发到这个地址（测试用的 linli wxfake 或预发布代理）；不填则连接真实微信")
	desktop := fs.Bool("desktop", false, "使用桌面(UOS)模式登录，部分账号网页版不能登录时可试 (也可在配置 [wechat] desktop = true)")
	verbose := fs.Bool("v", false, "调试日志（同 --log-level debug）")
	logLevel := fs.String("log-level", "", "日志级别: "+strings.Join(linli.LogLevels, " ")+"（默认: 配置 [log] level，否则 info）")
	if done, code := parseFlags(runCmd, fs, args, stdout, stderr); done {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "linli run: 多余的参数 %q（配置文件用 --config 指定）\n", strings.Join(fs.Args(), " "))
		return 2
	}
	if _, err := os.Stat(*configPath); err != nil {
		abs, _ := filepath.Abs(*configPath)
		fmt.Fprintf(stderr, "linli run: 找不到配置文件 %s。可运行 linli init 生成，或复制 linli.example.toml 为 linli.toml 并按社区情况修改。\n", abs)
		return 1
	}
	cfg, err := loadConfig(*configPath)
	if err != nil {
		fmt.Fprintln(stderr, "linli run:", err)
		return 1
	}
	if *dbPath != "" {
		cfg.DB = *dbPath
	}
	if err := os.MkdirAll(filepath.Dir(cfg.DB), 0o750); err != nil {
		fmt.Fprintf(stderr, "linli run: 无法创建数据目录 %s（%s）\n", filepath.Dir(cfg.DB), plainOSError(err))
		return 1
	}
	if *verbose && *logLevel == "" {
		*logLevel = "debug"
	}
	log, closeLog, err := newLogger(cfg, *logLevel, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "linli run:", err)
		return 2
	}
	defer closeLog.Close()
	abs, _ := filepath.Abs(*configPath)
	log.Info("邻里通启动", "version", buildVersion(), "config", abs, "db", cfg.DB, "community", cfg.Community)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := serve(ctx, cfg, serveOptions{server: *server, desktop: *desktop, qr: stdout}, log); err != nil {
		fmt.Fprintln(stderr, "linli run:", err)
		return 1
	}
	return 0
}

type serveOptions struct {
	server  string
	desktop bool
	qr      io.Writer

	// For tests.
	clock   linli.Clock                                     // default: the real clock
	storage []storage.Option                                // database options (write faults)
	wechat  func(o *wechat.Options)                         // adjusts the adapter's options (simulated pauses)
	app     func(a *app)                                    // sees the app once it is wired
	session func(linli.SessionEvent)                        // told every session event after the app
	observe []linli.Middleware                              // innermost middleware (sees every handled message)
	wait    func(ctx context.Context, d time.Duration) bool // the engine's pause before handling a message again
}

// serve runs linli on WeChat until ctx is cancelled.
func serve(ctx context.Context, cfg *linli.Config, opt serveOptions, log *slog.Logger) error {
	clock := opt.clock
	if clock == nil {
		clock = linli.ClockFunc(time.Now)
	}
	if err := checkDB(cfg, cfg.DB); err != nil { // before the slow dictionaries
		return err
	}
	understand, err := loadNLU(cfg)
	if err != nil {
		return err
	}
	go func() {
		if err := understand.Wait(ctx); err != nil && ctx.Err() == nil {
			log.Error("中文分词加载失败，自由文本将不被理解（命令仍可用）", "err", err)
		}
	}()
	a, err := newApp(cfg, clock, log, appOptions{dbPath: cfg.DB, understander: understand, classifier: understand,
		storage: opt.storage, middleware: opt.observe, wait: opt.wait})
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.scheduleBackup(); err != nil {
		return err
	}
	if err := a.scheduleHousekeeping(); err != nil {
		return err
	}
	if ctl, err := a.listenControl(log); err != nil {
		log.Warn("运行中无法使用 linli export / linli backup", "err", err)
	} else {
		defer ctl.Close()
	}
	if url := cfg.Alert.Webhook; url != "" {
		a.monitor.SetAlert((&bot.Webhook{URL: url, Log: log}).Post)
	}
	adapter, err := a.newWeChat(opt, clock, log)
	if err != nil {
		return err
	}
	if addr := cfg.Web.Addr; addr != "" {
		if err := a.serveWorkbench(ctx, addr, cfg.Web.URL, log); err != nil {
			return err
		}
	}
	if opt.app != nil {
		opt.app(a)
	}
	var inbox linli.Inbox = bot.Inbox{Engine: a.engine, Monitor: a.monitor}
	if opt.session != nil {
		inbox = observed{inbox, opt.session}
	}
	return a.serveOn(ctx, adapter, inbox, clock, log)
}

// observed is an inbox that also tells fn about session events (tests).
type observed struct {
	linli.Inbox
	fn func(linli.SessionEvent)
}

func (o observed) Session(ev linli.SessionEvent) {
	o.Inbox.Session(ev)
	o.fn(ev)
}

// newWeChat is the WeChat adapter of `linli run`. Another platform (WeCom,
// …) would get a constructor like it, and serveOn would not change.
func (a *app) newWeChat(opt serveOptions, clock linli.Clock, log *slog.Logger) (*wechat.Adapter, error) {
	cfg := a.cfg
	wopt := wechat.Options{
		ServerURL: opt.server, Desktop: opt.desktop || cfg.WeChat.Desktop, Logger: log, Clock: clock,
		HotLoginFile: orDefault(cfg.WeChat.HotLogin, cfg.DB+".hotlogin.json"),
		QRCodePNG:    orDefault(cfg.WeChat.QRCodePNG, filepath.Join(filepath.Dir(cfg.DB), "linli-qrcode.png")),
		MediaDir:     cfg.WeChat.MediaDir, // "" keeps received images in memory; reports store their own copies
		QRWriter:     opt.qr,
		ContactsFile: contactsFile(cfg),
	}
	a.wechatGroups(&wopt)
	if opt.wechat != nil {
		opt.wechat(&wopt)
	}
	return wechat.New(wopt)
}

// serveOn runs the app on a platform adapter until ctx is cancelled: the
// engine handles what the adapter hands to inbox (bot.Inbox: the engine and
// the session monitor), the outbox delivers through the adapter (held until
// it reports its session up), the scheduler runs.
func (a *app) serveOn(ctx context.Context, p linli.Adapter, inbox linli.Inbox, clock linli.Clock, log *slog.Logger) error {
	a.outbox.SetPlatform(p)
	a.outbox.SetOnline(false) // until the adapter reports SessionUp
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		a.engine.Run(ctx)
	}()
	go func() {
		defer wg.Done()
		bot.Drive(ctx, clock, a.outbox.Wake(), func(err error) { log.Error("定时任务出错", "err", err) }, a.outbox, a.sched)
	}()
	err := p.Serve(ctx, inbox)
	wg.Wait()
	if err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	log.Info("已退出", "pending_outbox", a.outbox.Pending())
	return nil
}

// wechatGroups sets which groups the WeChat adapter serves. Served asks
// the engine at every message: a renamed group becomes served when staff
// re-bind it, and a staff member's 绑定群 must reach the engine from a group
// not bound yet (the adapter hands on text from every group, images only
// from served ones). Groups, the served groups' current names, is only
// checked against the contacts at login.
func (a *app) wechatGroups(o *wechat.Options) {
	o.Groups = nil
	for _, g := range append(slices.Clone(a.cfg.Groups), a.cfg.StaffGroup) {
		if g != "" {
			o.Groups = append(o.Groups, a.aliases.Topic(g))
		}
	}
	o.Served = a.engine.Serves
	o.Roles = a.cfg.RoleNames() // checked against the friends' 备注 at login
}

// contactsFile is where `linli run` leaves which friend each configured
// role name matched at the last login, for linli doctor.
func contactsFile(cfg *linli.Config) string { return cfg.DB + ".contacts.json" }

func orDefault(s, def string) string {
	if s != "" {
		return s
	}
	return def
}
