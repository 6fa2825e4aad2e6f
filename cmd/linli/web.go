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
	"linli/handlers/export"
	"linli/web"
)

// newWorkbench builds the staff workbench (package web) on the app's
// services and engine. It is a family (后台, 退出后台) of every app; it
// serves pages only once serveWorkbench listens.
func (a *app) newWorkbench(actor web.Actor) *web.Server {
	return web.New(web.Deps{Config: a.cfg, Clock: a.clock, Reports: a.db, Activities: a.db, Polls: a.db, Outbox: a.db, Residents: a.db, Owners: a.db,
		Pages: a.db, ReadTable: export.ReadRowsData, Actor: actor, Logger: a.log})
}

// serveWorkbench listens on addr and serves the workbench until ctx ends.
// The login links it sends name base ("" = http://addr, with the port
// actually bound when addr says :0).
func (a *app) serveWorkbench(ctx context.Context, addr, base string, log *slog.Logger) error {
	serve, err := a.listenWorkbench(ctx, addr, base, log)
	if err != nil {
		return err
	}
	serve()
	return nil
}

// listenWorkbench binds addr and sets the links' base; the returned serve
// starts answering (until ctx ends). Connections made in between wait.
func (a *app) listenWorkbench(ctx context.Context, addr, base string, log *slog.Logger) (serve func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("工作台无法监听 %s: %w", addr, err)
	}
	if base == "" {
		base = "http://" + ln.Addr().String()
	}
	a.web.BaseURL = base
	srv := &http.Server{Handler: a.web, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	return func() {
		go func() {
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				log.Error("workbench stopped", "err", err)
			}
		}()
		log.Info("workbench listening", "url", base)
	}, nil
}

// serialActor runs the workbench's actions one at a time (tests: beside
// a harness that feeds lines itself), then calls settle.
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

// consoleActor runs the workbench's actions between the console's lines
// and clock ticks, and prints what they send at once: the console's clock
// only moves when told, so without it a resident's notice would wait for
// the next line.
type consoleActor struct {
	con  *console.Console
	next web.Actor
}

func (c consoleActor) Act(ctx context.Context, m linli.Message, role linli.Role) (out []linli.Outgoing, err error) {
	c.con.Apart(func() { out, err = c.next.Act(ctx, m, role) })
	return out, err
}

// consoleWorkbench serves the workbench beside `linli console --web`. At a
// terminal it serves at once; for a piped script it binds the address (so
// the script's 后台 links are right) and serves once the script is done
// (start), so the script's output does not depend on a browser.
func consoleWorkbench(a *app, con *console.Console, addr string, interactive bool, stderr io.Writer, log *slog.Logger) (start, stop func(), err error) {
	a.web.Actor = consoleActor{con: con, next: a.engine}
	ctx, cancel := context.WithCancel(context.Background())
	serve, err := a.listenWorkbench(ctx, addr, "", log)
	if err != nil {
		cancel()
		return nil, nil, err
	}
	start = func() {
		serve()
		fmt.Fprintf(stderr, "工作台: %s （社工私聊发「后台」获取登录链接）\n", a.web.BaseURL)
	}
	if interactive {
		start()
		start = func() {}
	}
	return start, cancel, nil
}

// waitInterrupt keeps the console's workbench serving after the script
// until Ctrl-C.
func waitInterrupt(stderr io.Writer) {
	fmt.Fprintln(stderr, "脚本已结束，工作台继续运行，按 Ctrl-C 退出。")
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
}
