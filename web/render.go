package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"slices"
	"strings"
	"time"

	"linli"
)

// pageTemplate is the layout with one page's body.
type pageTemplate struct{ t *template.Template }

// view is what every page template gets.
type view struct {
	Title     string
	Who       string
	Role      string
	Staff     bool
	CSRF      string
	Path      string
	Community string
	Data      map[string]any
}

var funcs = template.FuncMap{
	"status": func(s string) string {
		if w, ok := statusWords[s]; ok {
			return w
		}
		return s
	},
	"action": actionWord,
	"pct": func(f float64) string {
		return fmt.Sprintf("%.0f%%", f*100)
	},
	"join": strings.Join,
	"has":  func(l []string, s string) bool { return slices.Contains(l, s) },
	"add":  func(a, b int) int { return a + b },
	"dur":  func(d linli.Duration) string { return time.Duration(d).String() },
}

// parsePages parses the layout with each page of templates/.
func parsePages() map[string]*pageTemplate {
	layout := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(assets, "templates/layout.html"))
	names, err := fs.Glob(assets, "templates/*.html")
	if err != nil {
		panic(err)
	}
	pages := map[string]*pageTemplate{}
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if base == "layout" {
			continue
		}
		t := template.Must(template.Must(layout.Clone()).ParseFS(assets, n))
		pages[base] = &pageTemplate{t: t}
	}
	return pages
}

// render writes page name in the layout; sess may be nil (login pages).
// A template failure is logged and answered with a plain 500.
func (s *Server) render(w http.ResponseWriter, r *http.Request, sess *session, name, title string, data map[string]any) {
	p, ok := s.pages[name]
	if !ok {
		s.log.Error("no such page template", "page", name)
		http.Error(w, textInternal, http.StatusInternalServerError)
		return
	}
	v := view{Title: title, Path: r.URL.Path, Community: s.Config.Community, Data: data}
	if sess != nil {
		v.Who, v.Role, v.Staff, v.CSRF = sess.access.Who, sess.access.Role.String(), sess.access.Staff(), sess.csrf
	}
	var buf bytes.Buffer
	tmpl := "layout.html"
	if r.URL.Query().Get("partial") != "" && p.t.Lookup("partial") != nil {
		tmpl = "partial" // the part a page's script fetches to refresh itself
	}
	if err := p.t.ExecuteTemplate(&buf, tmpl, v); err != nil {
		s.log.Error("render failed", "page", name, "err", err)
		http.Error(w, textInternal, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
}

// local formats t in the community's zone, "" for the zero time.
func (s *Server) local(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(s.Config.Location).Format("01-02 15:04")
}

// countdown says how long until (or since) deadline, for the SLA column.
func countdown(deadline, now time.Time) (string, bool) {
	if deadline.IsZero() {
		return "", false
	}
	d := deadline.Sub(now)
	over := d < 0
	if over {
		d = -d
	}
	var s string
	switch {
	case d >= 24*time.Hour:
		s = fmt.Sprintf("%d天%d小时", int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour))
	case d >= time.Hour:
		s = fmt.Sprintf("%d小时%d分", int(d/time.Hour), int(d%time.Hour/time.Minute))
	default:
		s = fmt.Sprintf("%d分钟", int(d/time.Minute))
	}
	if over {
		return "超时 " + s, true
	}
	return "剩 " + s, false
}
