package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"linli"
	"linli/bot/console"
	"linli/web"
)

// newWorkbench builds the staff workbench (package web) on the app's
// services and engine. It is a family (后台, 退出后台) of every app; it
// serves pages only once serveWorkbench listens.
func (a *app) newWorkbench(actor web.Actor) *web.Server {
	return web.New(web.Deps{Config: a.cfg, Clock: a.clock, Reports: a.db, Activities: a.db, Polls: a.db, Outbox: a.db, Residents: a.db,
		Actor: actor, Logger: a.log})
}

// serveWorkbench listens on addr and serves the workbench until ctx ends.
// The login links it sends name base ("" = http://addr). It returns once
// it listens; the address actually bound is returned (addr may say :0).
func (a *app) serveWorkbench(ctx context.Context, addr, base string, log *slog.Logger) (string, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", fmt.Errorf("工作台无法监听 %s: %w", addr, err)
	}
	bound := ln.Addr().String()
	if base == "" {
		base = "http://" + bound
	}
	a.web.BaseURL = base
	srv := &http.Server{Handler: a.web, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("workbench stopped", "err", err)
		}
	}()
	log.Info("workbench listening", "addr", bound, "url", base)
	return bound, nil
}

// serialActor runs the workbench's actions one at a time with the
// console's script, and prints what they send at once (settle): the
// console's clock only moves when told, so without it a resident's notice
// would wait for the next line.
type serialActor struct {
	mu     *sync.Mutex
	next   web.Actor
	settle func()
}

func (s serialActor) Act(ctx context.Context, m linli.Message, role linli.Role) ([]linli.Outgoing, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out, err := s.next.Act(ctx, m, role)
	s.settle()
	return out, err
}

// serialInbox hands the console's lines to the engine under the same lock
// as serialActor.
type serialInbox struct {
	mu   *sync.Mutex
	next linli.Inbox
}

func (s serialInbox) Receive(m linli.Message) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.next.Receive(m)
}

func (s serialInbox) Session(ev linli.SessionEvent) { s.next.Session(ev) }

// consoleWorkbench serves the workbench beside `linli console --web`:
// actions and script lines run one at a time, and what an action sends is
// printed at once.
func consoleWorkbench(a *app, con *console.Console, inbox linli.Inbox, addr string, stderr io.Writer, log *slog.Logger) (linli.Inbox, context.CancelFunc, error) {
	var mu sync.Mutex
	a.web.Actor = serialActor{mu: &mu, next: a.engine, settle: func() { con.Settle(consoleSettle) }}
	ctx, cancel := context.WithCancel(context.Background())
	bound, err := a.serveWorkbench(ctx, addr, "", log)
	if err != nil {
		cancel()
		return nil, nil, err
	}
	fmt.Fprintf(stderr, "工作台: http://%s （社工私聊发「后台」获取登录链接）\n", bound)
	return serialInbox{mu: &mu, next: inbox}, cancel, nil
}

// consoleSettle is how far ahead the console runs after a workbench action,
// so the notices it sends (paced a few seconds apart) are printed.
const consoleSettle = time.Minute

// waitInterrupt keeps the console's workbench serving after the script
// until Ctrl-C.
func waitInterrupt(stderr io.Writer) {
	fmt.Fprintln(stderr, "脚本已结束，工作台继续运行，按 Ctrl-C 退出。")
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
}
