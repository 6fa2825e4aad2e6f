package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"linli"
	"linli/bot"
	"linli/handlers/notice"
	"linli/nlu"
	"linli/scheduler"
	"linli/storage"
	"linli/textnorm"
	"linli/web"
)

// app is linli wired together: database, outbox, scheduler, engine and
// handlers. Platforms attach with app.outbox.SetPlatform.
type app struct {
	cfg      *linli.Config
	clock    linli.Clock
	log      *slog.Logger
	db       *storage.DB
	outbox   *bot.Outbox
	monitor  *bot.SessionMonitor // session loss and undeliverable messages, told to staff
	sched    *scheduler.Scheduler
	engine   *bot.Engine
	aliases  *bot.GroupAliases // renamed groups re-bound with 绑定群
	families []linli.Family
	notice   *notice.Family // the daily digest (tests add sections)
	web      *web.Server    // the staff workbench (web.go); serves once serveWorkbench listens
}

// appOptions are the choices that differ between subcommands.
type appOptions struct {
	dbPath       string
	understander linli.Understander
	classifier   linli.Classifier
	middleware   []linli.Middleware                              // extra, innermost (tests observe handling with it)
	storage      []storage.Option                                // extra database options (tests inject write faults)
	wait         func(ctx context.Context, d time.Duration) bool // the engine's retry pause (tests: simulated)
}

// newApp opens the database and wires every part. Close it when done.
func newApp(cfg *linli.Config, clock linli.Clock, log *slog.Logger, opt appOptions) (*app, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	// openDB refuses a damaged file (dbcheck.go); a migration logs its progress.
	db, err := openDB(cfg, opt.dbPath, append([]storage.Option{storage.WithLogger(log)}, opt.storage...)...)
	if err != nil {
		return nil, err
	}
	a := &app{cfg: cfg, clock: clock, log: log, db: db}
	a.outbox, err = bot.NewOutbox(db, db, clock, cfg.Outbox, log)
	if err != nil {
		db.Close()
		return nil, err
	}
	aliases, err := bot.NewGroupAliases(db) // renamed groups: one live view for engine, outbox and 绑定群
	if err != nil {
		db.Close()
		return nil, err
	}
	a.aliases = aliases
	a.outbox.SetGroupAliases(aliases)
	a.monitor = bot.NewSessionMonitor(a.outbox, cfg, clock, log)
	a.outbox.OnDrop(a.monitor.Dropped)
	a.sched = scheduler.New(db, clock, cfg.Location, log)
	words := nlu.Words() // the words residents use, without the segmenter
	a.engine = bot.New(bot.Options{
		Config: cfg, Clock: clock, Dedupe: db, Residents: db, Outbox: a.outbox,
		Understander: opt.understander, Lexicon: words, Normalize: textnorm.Normalize, Logger: log,
		Aliases:    aliases,
		Inbound:    db, // what Receive accepts is journaled before the platform is told
		Middleware: append([]linli.Middleware{bot.Logging(log)}, opt.middleware...),
		Wait:       opt.wait,
	})
	e := &env{cfg: cfg, clock: clock, out: a.outbox, db: db, sched: a.sched, aliases: aliases,
		words: words, classifier: opt.classifier, log: log}
	a.families = e.families()
	a.notice = e.notice
	a.web = a.newWorkbench(a.engine)
	a.families = append(a.families, a.web)
	for _, f := range a.families {
		f.Register(a.engine.Router())
	}
	for _, f := range a.families {
		if err := f.Jobs(a.sched); err != nil {
			db.Close()
			return nil, err
		}
	}
	a.sched.Handle(jobBackup, a.nightlyBackup)
	a.sched.Handle(jobHousekeeping, a.housekeeping)
	return a, nil
}

// Close closes the database.
func (a *app) Close() error {
	if err := a.db.Close(); err != nil {
		return fmt.Errorf("close database: %w", err)
	}
	return nil
}

// jobBackup is the scheduler kind of the nightly backup `linli run` keeps.
const jobBackup = "backup"

// scheduleBackup arranges the nightly backup at 03:30.
func (a *app) scheduleBackup() error {
	_, err := a.sched.Schedule(linli.Job{Key: jobBackup, Kind: jobBackup, Spec: "30 3 * * *", Note: "每晚备份数据库"})
	return err
}

// jobHousekeeping is the scheduler kind of the daily pruning `linli run`
// keeps (storage.DB.Prune: old message ids, outbox keys, expired pending
// images and image files nothing refers to).
const jobHousekeeping = "housekeeping"

// scheduleHousekeeping arranges the daily pruning at 04:15.
func (a *app) scheduleHousekeeping() error {
	_, err := a.sched.Schedule(linli.Job{Key: jobHousekeeping, Kind: jobHousekeeping, Spec: "15 4 * * *", Note: "每天清理过期的消息记录和无用的图片"})
	return err
}

// housekeeping prunes what the database no longer needs.
func (a *app) housekeeping(_ linli.Job, occ time.Time) error {
	p, err := a.db.Prune(occ)
	if err != nil {
		return err
	}
	a.log.Info("housekeeping", "component", "storage", "seen", p.Seen, "outbox_keys", p.OutboxKeys,
		"pending_images", p.PendingImages, "media_files", p.MediaFiles, "inbound_files", p.InboundFiles)
	return nil
}
