package main

import (
	"fmt"
	"log/slog"

	"linli"
	"linli/bot"
	"linli/handlers"
	"linli/nlu/textnorm"
	"linli/scheduler"
	"linli/storage"
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
	handlers *handlers.Handlers
}

// appOptions are the choices that differ between subcommands.
type appOptions struct {
	dbPath       string
	understander linli.Understander
	classifier   linli.Classifier
	middleware   []linli.Middleware // extra, innermost (tests observe handling with it)
}

// newApp opens the database and wires every part. Close it when done.
func newApp(cfg *linli.Config, clock linli.Clock, log *slog.Logger, opt appOptions) (*app, error) {
	db, err := storage.Open(opt.dbPath)
	if err != nil {
		return nil, err
	}
	a := &app{cfg: cfg, clock: clock, log: log, db: db}
	a.outbox, err = bot.NewOutbox(db, db, clock, cfg.Outbox, log)
	if err != nil {
		db.Close()
		return nil, err
	}
	a.monitor = bot.NewSessionMonitor(a.outbox, cfg, clock, log)
	a.outbox.OnDrop(a.monitor.Dropped)
	a.sched = scheduler.New(db, clock, cfg.Location, log)
	a.engine = bot.New(bot.Options{
		Config: cfg, Clock: clock, Dedupe: db, Residents: db, Outbox: a.outbox,
		Understander: opt.understander, Normalize: textnorm.Normalize, Logger: log,
		Middleware: append([]linli.Middleware{bot.Logging(log)}, opt.middleware...),
	})
	a.handlers = handlers.New(handlers.Deps{
		Config: cfg, Clock: clock, Out: a.outbox, Residents: db, Scheduler: a.sched,
		Classifier: opt.classifier, Logger: log,
	})
	attachStores(a.handlers, db)
	a.handlers.Register(a.engine.Router())
	a.handlers.RegisterJobs(a.sched)
	if err := a.handlers.SyncConfigNotices(); err != nil {
		db.Close()
		return nil, err
	}
	return a, nil
}

// Close closes the database.
func (a *app) Close() error {
	if err := a.db.Close(); err != nil {
		return fmt.Errorf("close database: %w", err)
	}
	return nil
}

// attachStores gives the handlers every feature service the database
// implements.
func attachStores(h *handlers.Handlers, db *storage.DB) {
	h.Residents = db
	h.Polls = db
	h.Reports = db
	// anchor:stores
	h.Activities = db
}
