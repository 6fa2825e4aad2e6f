package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"linli"
	"linli/mock"
)

// Every id a path can carry that no record has — a word, 0, a number past
// the largest uint64 — is the same Chinese 404 page, never the 500 page.
func TestBadIDsAreNotFound(t *testing.T) {
	rg := newRig(t)
	rg.s.Activities = &mock.ActivityService{ActivityFn: func(id uint64) (*linli.Activity, error) {
		return nil, linli.Errorf(linli.ENotFound, "没有活动%d", id)
	}}
	rg.s.Polls = &mock.PollService{TallyPollFn: func(id uint64) (*linli.Poll, linli.PollTally, error) {
		return nil, linli.PollTally{}, linli.Errorf(linli.ENotFound, "没有投票%d", id)
	}}
	c, csrf := rg.session("李社工", linli.RoleStaff)
	huge := "99999999999999999999"
	for _, id := range []string{"abc", "0", huge, "-1", "18446744073709551616"} {
		for path, want := range map[string]string{
			"/reports/" + id:                  "没有这条上报",
			"/reports/" + id + "/photo/a.png": "没有这条上报",
			"/activities/" + id:               "没有这个活动",
			"/polls/" + id:                    "没有这个投票",
		} {
			rec := rg.do(httptest.NewRequest("GET", path, nil), c)
			if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), want) {
				t.Errorf("GET %s: %d %q, want 404 %q", path, rec.Code, cutRunes(rec.Body.String(), 80), want)
			}
		}
		for path, want := range map[string]string{
			"/reports/" + id + "/accept":   "没有这条上报",
			"/activities/" + id + "/close": "没有这个活动",
			"/polls/" + id + "/export":     "没有这个投票",
		} {
			rec := rg.post(path, c, url.Values{"csrf": {csrf}})
			if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), want) {
				t.Errorf("POST %s: %d %q, want 404 %q", path, rec.Code, cutRunes(rec.Body.String(), 80), want)
			}
		}
	}
	if len(rg.actor.acts) != 0 {
		t.Errorf("a bad id ran a command: %q", rg.actor.acts)
	}
}

// Go's own plain-text English answers never reach staff: an unknown
// path, a missing photo or static file, a directory, the wrong method.
func TestPlainErrorsAreChinesePages(t *testing.T) {
	rg := newRig(t)
	rg.reports[1].Images = append(rg.reports[1].Images, "gone.png") // listed, but no file
	c, _ := rg.session("李社工", linli.RoleStaff)
	for _, tc := range []struct {
		method, path string
		cookie       bool
		code         int
		want         string
	}{
		{"GET", "/nope", true, 404, "找不到这个页面"},
		{"GET", "/nope", false, 404, "找不到这个页面"},
		{"GET", "/reports/1/photo/x.png", true, 404, "找不到这个页面"},
		{"GET", "/reports/1/photo/gone.png", true, 404, "找不到这个页面"},
		{"GET", "/static/", false, 404, "找不到这个页面"},
		{"GET", "/static/nope.css", false, 404, "找不到这个页面"},
		{"GET", "/reports/1/accept", true, 405, "请从页面上的按钮操作"},
		{"PUT", "/notices", true, 405, "请从页面上的按钮操作"},
		{"DELETE", "/residents/register", true, 405, "请从页面上的按钮操作"},
	} {
		var ck *http.Cookie
		if tc.cookie {
			ck = c
		}
		rec := rg.do(httptest.NewRequest(tc.method, tc.path, nil), ck)
		body := rec.Body.String()
		if rec.Code != tc.code || !strings.Contains(body, tc.want) || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") ||
			strings.Contains(body, "page not found") || strings.Contains(body, "Method Not Allowed") {
			t.Errorf("%s %s: %d %s %q, want %d %q", tc.method, tc.path, rec.Code, rec.Header().Get("Content-Type"), cutRunes(body, 120), tc.code, tc.want)
		}
		if strings.Contains(body, `<a href="live.js">`) {
			t.Errorf("%s %s lists a directory", tc.method, tc.path)
		}
	}
	// What exists is still served.
	if rec := rg.do(httptest.NewRequest("GET", "/static/style.css", nil), nil); rec.Code != 200 {
		t.Errorf("style.css: %d", rec.Code)
	}
	if rec := rg.do(httptest.NewRequest("GET", "/reports/1/photo/a.png", nil), c); rec.Code != 200 || rec.Body.Len() != len(pngBytes) {
		t.Errorf("a photo: %d, %d bytes", rec.Code, rec.Body.Len())
	}
}
