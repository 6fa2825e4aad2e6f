package main

import (
	"log/slog"

	"linli"
	"linli/bot"
	"linli/handlers/account"
	"linli/handlers/notice"
	"linli/handlers/points"
	"linli/handlers/poll"
	"linli/handlers/report"
	"linli/handlers/signup"
	"linli/handlers/survey"
	"linli/storage"
)

// env is what the command families are built from. Out and Scheduler are
// nil for `linli export`, which only builds tables.
type env struct {
	cfg        *linli.Config
	clock      linli.Clock
	out        linli.Sender
	db         *storage.DB
	sched      linli.Scheduler
	aliases    linli.GroupAliasStore // the engine's live view, so a 绑定群 holds at once
	words      linli.Lexicon
	classifier linli.Classifier // optional
	log        *slog.Logger

	notice *notice.Family // set by families
}

// families builds the command families, in the order 帮助 lists their
// commands. A new family is one more line here.
func (e *env) families() []linli.Family {
	log := e.log.With("component", "handlers")
	participation := points.New(points.Deps{Config: e.cfg, Clock: e.clock, Out: e.out, Residents: e.db, Points: e.db,
		Rewards: e.db, Activities: e.db, Feedback: e.db, Scheduler: e.sched, Logger: log})
	signups := signup.New(signup.Deps{Config: e.cfg, Clock: e.clock, Out: e.out, Residents: e.db, Scheduler: e.sched,
		Activities: e.db, Lexicon: e.words, Logger: log, Participation: participation, Ratings: participation})
	var alert func(string) // a ladder's 上级 step also goes to the [alert] webhook
	if url := e.cfg.Alert.Webhook; url != "" {
		alert = (&bot.Webhook{URL: url, Log: log}).Post
	}
	reports := report.New(report.Deps{Config: e.cfg, Clock: e.clock, Out: e.out, Residents: e.db, Scheduler: e.sched,
		Reports: e.db, Classifier: e.classifier, Lexicon: e.words, Alert: alert, Logger: log, Participation: participation})
	polls := poll.New(poll.Deps{Config: e.cfg, Clock: e.clock, Out: e.out, Scheduler: e.sched, Polls: e.db,
		Lexicon: e.words, Owners: e.db})
	e.notice = notice.New(notice.Deps{Config: e.cfg, Clock: e.clock, Out: e.out, Scheduler: e.sched,
		GroupAliases: e.aliases, Digest: []linli.DigestSource{reports, signups, polls}, Logger: log})
	return []linli.Family{
		account.New(account.Deps{Config: e.cfg, Residents: e.db, Owners: e.db, Out: e.out}),
		signups,
		reports,
		polls,
		participation,
		survey.New(survey.Deps{Config: e.cfg, Out: e.out, Residents: e.db, Surveys: e.db, Scheduler: e.sched,
			Participation: participation, Logger: log}),
		e.notice,
	}
}

// exports lists the export kinds of families.
func exports(families []linli.Family) []linli.Export {
	var out []linli.Export
	for _, f := range families {
		out = append(out, f.Exports()...)
	}
	return out
}
