// Package web is the staff workbench: a web page served by the process
// that holds the database (`linli run` with [web] addr, `linli console
// --web ADDR`). Staff log in without a password: a verified staff member
// sends 后台 privately to the bot and gets a one-time link (auth.go). The
// pages read through the root services; every action (受理, 办结, 退回,
// 转派, 截止报名) is handed to the engine as the same chat command the
// person could have typed (Actor), so the rules and the residents' notices
// are the command families' own, written once.
//
// Pages: 总览 (overview.go), 随手拍 board and report (reports.go), 活动
// (activities.go), 投票 (polls.go), 通知 and the outbox queue (notices.go),
// 居民与户 (residents.go, with the owners' register import in register.go
// and the pending 绑定 requests in binds.go), 统计 (stats.go).
//
// The package imports the root package and the standard library only
// (arch_test.go); cmd/linli wires it.
package web

import (
	"context"
	"embed"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"linli"
)

//go:embed templates/*.html static/*
var assets embed.FS

// Actor runs a chat command as a person whose role the caller has
// verified, and returns what the bot answered them (texts, files).
// bot.Engine implements it (Engine.Act).
type Actor interface {
	Act(ctx context.Context, m linli.Message, role linli.Role) ([]linli.Outgoing, error)
}

// Deps are what the workbench uses. cmd/linli fills them.
type Deps struct {
	Config     *linli.Config
	Clock      linli.Clock
	Reports    linli.ReportService
	Activities linli.ActivityService // optional: 活动 and the overview's activities
	Polls      linli.PollService     // optional: 投票 and the overview's polls
	Outbox     linli.OutboxStore     // optional: 通知's view of the queue (read only)
	Residents  linli.ResidentStore   // optional: 居民与户 (read only)
	Owners     linli.RegisterService // optional: the owners' register (who has not voted, import, 绑定 requests)
	Pages      linli.ReportPager     // optional: the board's pages past the open reports; without it they are read by time window
	// ReadTable reads an uploaded .xlsx or .csv into rows (cmd/linli:
	// export.ReadRowsData); nil: the register cannot be uploaded.
	ReadTable func(name string, data []byte) ([][]string, error)
	Actor     Actor // required for actions
	// BaseURL is how a browser reaches the server ("http://127.0.0.1:8080"),
	// used in the login link sent in chat.
	BaseURL string
	Logger  *slog.Logger // required
}

// Server is the workbench: an http.Handler and, through Register, the
// chat commands 后台 and 退出后台 (it implements linli.Family).
type Server struct {
	Deps
	log   *slog.Logger
	pages map[string]*pageTemplate
	mux   *http.ServeMux

	mu       sync.Mutex
	links    map[string]*loginLink // one-time login tokens (auth.go)
	sessions map[string]*session   // open sessions by cookie value
}

var _ linli.Family = (*Server)(nil)

// New returns the workbench. It panics if the embedded templates do not
// parse (a build mistake, caught by every test).
func New(d Deps) *Server {
	s := &Server{Deps: d, log: d.Logger.With("component", "web"),
		links: map[string]*loginLink{}, sessions: map[string]*session{}}
	s.pages = parsePages()
	s.routes()
	return s
}

// ServeHTTP serves the workbench.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("X-Frame-Options", "DENY")
	w.Header().Set("Referrer-Policy", "no-referrer") // the login token never leaks to another site
	w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'")
	pw := &plainErrors{ResponseWriter: w}
	s.mux.ServeHTTP(pw, r)
	if pw.code != 0 { // Go's plain English 404/405 (no route, a file server): the workbench's page instead
		sess := s.session(r)
		if pw.code == http.StatusMethodNotAllowed {
			w.WriteHeader(http.StatusMethodNotAllowed)
			s.render(w, r, sess, "message", "无法操作", map[string]any{"Text": textBadMethod})
			return
		}
		s.notFound(w, r, sess)
	}
}

// plainErrors holds back a 404 or 405 written as plain text (http.Error:
// the mux's no route, http.FileServer, http.ServeFile) and remembers the
// code, so ServeHTTP answers with the Chinese page.
type plainErrors struct {
	http.ResponseWriter
	code    int  // the held-back status, 0 if none
	written bool // a header went through
}

func (p *plainErrors) WriteHeader(code int) {
	if !p.written && p.code == 0 && (code == http.StatusNotFound || code == http.StatusMethodNotAllowed) &&
		strings.HasPrefix(p.Header().Get("Content-Type"), "text/plain") {
		p.code = code
		return
	}
	if p.code == 0 {
		p.written = true
		p.ResponseWriter.WriteHeader(code)
	}
}

func (p *plainErrors) Write(b []byte) (int, error) {
	if p.code != 0 {
		return len(b), nil
	}
	p.written = true
	return p.ResponseWriter.Write(b)
}

// Flush lets a streaming handler flush through the wrapper.
func (p *plainErrors) Flush() {
	if f, ok := p.ResponseWriter.(http.Flusher); ok && p.code == 0 {
		f.Flush()
	}
}

// Unwrap gives http.ResponseController the real writer.
func (p *plainErrors) Unwrap() http.ResponseWriter { return p.ResponseWriter }

// notFound answers the workbench's 404 page.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, sess *session) {
	w.WriteHeader(http.StatusNotFound)
	s.render(w, r, sess, "message", "找不到", map[string]any{"Text": textPageNotFound})
}

// pathID reads the {id} of a path: false unless it is a number from 1 to
// the largest id (what no record has is the same 404 as a word).
func pathID(r *http.Request) (uint64, bool) {
	id, err := strconv.ParseUint(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}

// staticFiles serves the embedded static/ files, never a directory listing.
func staticFiles() http.Handler {
	files := http.FileServerFS(assets)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		files.ServeHTTP(w, r)
	})
}

func (s *Server) routes() {
	m := http.NewServeMux()
	m.Handle("GET /static/", staticFiles())
	m.HandleFunc("GET /login", s.loginPage)
	m.HandleFunc("POST /login", s.loginSubmit)
	m.Handle("POST /logout", s.guard(accessWorker, s.logout))

	m.Handle("GET /{$}", s.guard(accessWorker, s.overview))
	m.Handle("GET /reports", s.guard(accessWorker, s.reportBoard))
	m.Handle("GET /reports/{id}", s.guard(accessWorker, s.reportPage))
	m.Handle("GET /reports/{id}/photo/{name}", s.guard(accessWorker, s.reportPhoto))
	m.Handle("POST /reports/{id}/{action}", s.guard(accessWorker, s.reportAction))

	m.Handle("GET /activities", s.guard(accessStaff, s.activityList))
	m.Handle("GET /activities/{id}", s.guard(accessStaff, s.activityPage))
	m.Handle("POST /activities/{id}/close", s.guard(accessStaff, s.activityClose))
	m.Handle("POST /activities/{id}/checkin", s.guard(accessStaff, s.activityCheckIn))
	m.Handle("POST /activities/{id}/export", s.guard(accessStaff, s.activityExport))
	m.Handle("GET /polls", s.guard(accessStaff, s.pollList))
	m.Handle("GET /polls/{id}", s.guard(accessStaff, s.pollPage))
	m.Handle("POST /polls/{id}/export", s.guard(accessStaff, s.pollExport))
	m.Handle("GET /residents", s.guard(accessStaff, s.residentsPage))
	m.Handle("POST /residents/register", s.guardLimit(accessStaff, maxRegisterFile, s.registerUpload))
	m.Handle("GET /residents/register", s.guard(accessStaff, s.registerPreviewPage))
	m.Handle("POST /residents/register/confirm", s.guard(accessStaff, s.registerConfirm))
	m.Handle("POST /residents/register/cancel", s.guard(accessStaff, s.registerCancel))
	m.Handle("POST /residents/binds/{id}/{action}", s.guard(accessStaff, s.bindDecide))
	m.Handle("GET /stats", s.guard(accessStaff, s.statsPage))
	m.Handle("GET /notices", s.guard(accessStaff, s.noticesPage))
	m.Handle("POST /notices", s.guard(accessStaff, s.noticeSubmit))

	s.mux = m
}

// notBuiltPage answers a page whose service is not wired (501).
func (s *Server) notBuiltPage(title string) handler {
	return func(w http.ResponseWriter, r *http.Request, sess *session) {
		w.WriteHeader(http.StatusNotImplemented)
		s.render(w, r, sess, "message", title, map[string]any{
			"Text": "「" + title + "」页面尚未完成，请先在微信里用对应的命令。"})
	}
}

// Jobs implements linli.Family: the workbench schedules nothing (links
// and sessions expire by the clock when used).
func (s *Server) Jobs(linli.Scheduler) error { return nil }

// Exports implements linli.Family: none.
func (s *Server) Exports() []linli.Export { return nil }
