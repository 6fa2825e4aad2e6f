package main

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"linli"
)

// upload posts file as the 居民与户 register form and returns the status
// and where it redirects.
func (w *workbench) upload(c *http.Client, csrf, name string, data []byte) (int, string) {
	w.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.WriteField("csrf", csrf)
	fw, _ := mw.CreateFormFile("register", name)
	fw.Write(data)
	mw.Close()
	resp, err := c.Post(w.srv.URL+"/residents/register", mw.FormDataContentType(), &b)
	if err != nil {
		w.t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Location")
}

var importID = regexp.MustCompile(`name="import" value="([^"]+)"`)

// The register uploaded on the workbench is checked with the CLI's rules
// and stored as `linli import households` stores it; 绑定 requests are
// decided on the page through the chat command, the resident told as in
// chat, and a second decision (in chat or on the web) is refused.
func TestWorkbenchRegisterAndBinds(t *testing.T) {
	w := newWorkbench(t)
	link, _ := w.link("李社工")
	c := w.browser()
	w.login(c, link)
	csrf := w.csrf(c)

	// The CLI's bad file, refused on the web with the CLI's row messages.
	bad, err := os.ReadFile("testdata/register/bad.csv")
	if err != nil {
		t.Fatal(err)
	}
	if code, to := w.upload(c, csrf, "bad.csv", bad); code != http.StatusSeeOther || to != "/residents/register" {
		t.Fatalf("upload bad.csv: %d → %s", code, to)
	}
	_, page := w.get(c, "/residents/register")
	for _, want := range []string{"第3行：没有户号", "第4行：3栋502 的建筑面积「很大」不是数字（例如 89.5）", "第5行：户号 3栋501 与第2行重复"} {
		if !strings.Contains(page, want) {
			t.Errorf("the preview of bad.csv lacks %q", want)
		}
	}
	if importID.MatchString(page) {
		t.Error("bad.csv can be confirmed")
	}
	// Files the reader cannot read: Chinese, naming the row and column.
	for _, tc := range []struct{ name, data, want string }{
		{"引号.csv", "户号,业主姓名,建筑面积㎡\n3栋501,王建国,89.5\n3栋502,张\"桂芳,102.5\n", "第3行第2列（B列）：引号没有成对"},
		{"改名.xlsx", "户号,业主姓名,建筑面积㎡\n", "文件不是 xlsx（可能是改了扩展名"},
	} {
		if code, to := w.upload(c, csrf, tc.name, []byte(tc.data)); code != http.StatusSeeOther || to != "/residents" {
			t.Errorf("upload %s: %d → %s", tc.name, code, to)
		}
		if _, page := w.get(c, "/residents"); !strings.Contains(page, tc.want) || strings.Contains(page, "parse error") || strings.Contains(page, "zip:") {
			t.Errorf("upload %s: the page does not say %q", tc.name, tc.want)
		}
	}

	good, err := os.ReadFile("testdata/register/households.csv")
	if err != nil {
		t.Fatal(err)
	}
	w.upload(c, csrf, "households.csv", good)
	_, page = w.get(c, "/residents/register")
	if !strings.Contains(page, `id="n-new">4<`) || strings.Contains(page, "13900000001") || !strings.Contains(page, "****0001") {
		t.Fatalf("the preview of households.csv:\n%s", page)
	}
	if n, _, _ := w.app.db.RegisterTotals(); n != 0 {
		t.Fatal("the register was imported before the confirmation")
	}
	m := importID.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no confirm form")
	}
	if code := w.post(c, "/residents/register/confirm", url.Values{"csrf": {csrf}, "import": {m[1]}}); code != http.StatusSeeOther {
		t.Fatalf("confirm: %d", code)
	}
	n, area, err := w.app.db.RegisterTotals()
	if err != nil || n != 4 || strconv.FormatFloat(area, 'f', 2, 64) != "387.80" {
		t.Fatalf("after the confirmation: %d households, %v m², %v; want the CLI's 4 and 387.80", n, area, err)
	}
	if e, _ := w.app.db.RegisterEntry("3栋501"); e == nil || e.Owner != "王建国" || e.Phone != "13900000001" {
		t.Errorf("3栋501 = %+v", e)
	}
	_, page = w.get(c, "/residents")
	if !strings.Contains(page, "已导入业主名册：4户，总建筑面积 387.80㎡") || !strings.Contains(page, "名册共 4 户") {
		t.Errorf("居民与户 after the import does not say so")
	}

	// Two 绑定 whose names are not the register's: requests for staff.
	w.say("幸福里1期居民群/3-501 小王: 绑定 3栋501")
	w.say("幸福里1期居民群/3-503 老刘: 绑定 3栋503")
	w.flush()
	_, page = w.get(c, "/residents")
	for _, want := range []string{`id="bind1"`, "业主 王建国，89.5㎡", `id="bind2"`, "业主 李明，76㎡"} {
		if !strings.Contains(page, want) {
			t.Errorf("居民与户 lacks the pending request %q", want)
		}
	}
	// 同意 on the web: the resident is told as 同意绑定 in chat tells them.
	if code := w.post(c, "/residents/binds/1/approve", url.Values{"csrf": {csrf}}); code != http.StatusSeeOther {
		t.Fatalf("同意: %d", code)
	}
	out := w.flush()
	if !told(out, "3-501 小王", "您的绑定申请已由社工核实通过，户号已登记（户号不在群里显示）。") {
		t.Errorf("小王 was not told: %q", texts(out))
	}
	if r, _ := w.app.db.Resident("3-501 小王"); r == nil || r.Household != "3栋501" || !r.Verified {
		t.Errorf("小王 after 同意: %+v", r)
	}
	_, page = w.get(c, "/residents")
	if !strings.Contains(page, "已同意绑定申请#1：3-501 小王 → 3栋501，已告知居民。") || strings.Contains(page, `id="bind1"`) {
		t.Errorf("after 同意 the page does not show the answer, or still lists #1")
	}
	// The same request in chat afterwards: refused, nobody told again.
	w.say("李社工: 同意绑定 1")
	out = w.flush()
	if !slices.ContainsFunc(texts(out), func(s string) bool {
		return strings.Contains(s, "绑定申请#1 之前已同意（李社工），没有再改。")
	}) || told(out, "3-501 小王", "核实") {
		t.Errorf("同意绑定 1 in chat after the web: %q", texts(out))
	}
	// #2 refused in chat first; 同意 on the web then is refused, shown as such.
	w.say("李社工: 拒绝绑定 2")
	w.flush()
	w.post(c, "/residents/binds/2/approve", url.Values{"csrf": {csrf}})
	out = w.flush()
	_, page = w.get(c, "/residents")
	if !strings.Contains(page, "绑定申请#2 之前已拒绝（李社工），没有再改。") || !strings.Contains(page, `class="flash bad"`) || told(out, "3-503 老刘", "核实通过") {
		t.Errorf("同意 on the web after 拒绝绑定 in chat: told %q", texts(out))
	}
	if r, _ := w.app.db.Resident("3-503 老刘"); r != nil && r.Verified {
		t.Error("老刘 was verified after the refusal")
	}
	if !strings.Contains(page, `id="no-binds"`) {
		t.Error("decided requests are still listed")
	}

	// A grid worker: no 居民与户, no upload, no decision.
	link, _ = w.link("刘网格")
	wc := w.browser()
	w.login(wc, link)
	wcsrf := w.csrf(wc)
	if code, _ := w.get(wc, "/residents"); code != http.StatusForbidden {
		t.Errorf("a grid worker's 居民与户: %d", code)
	}
	if code, _ := w.upload(wc, wcsrf, "households.csv", good); code != http.StatusForbidden {
		t.Errorf("a grid worker's upload: %d", code)
	}
}

// The board's pages past the open reports, on the real storage: following
// 下一页 from the first page visits every matching report once, newest
// first, and 上一页 comes back the same way; a page number typed without a
// cursor shows the same page, and one past the end the last page.
func TestWorkbenchBoardCursorPages(t *testing.T) {
	w := newWorkbench(t)
	now := w.clock.Now()
	grids := []string{"第一网格", "第二网格"}
	for i := 0; i < 230; i++ {
		at := now.Add(-time.Duration(230-i) * time.Hour)
		r := &linli.Report{Reporter: "居民", Category: "环境卫生", Description: "楼道堆物", Status: linli.ReportResolved,
			Grid: grids[i%2], CreatedAt: at, SLAStart: at, Deadline: at.Add(24 * time.Hour), ResolvedAt: at.Add(time.Hour)}
		if i%5 == 0 {
			r.Status = linli.ReportRejected
		}
		if i%7 == 0 {
			r.Description = "电梯异响"
		}
		if err := w.app.db.CreateReport(r, nil); err != nil {
			t.Fatal(err)
		}
	}
	link, _ := w.link("李社工")
	c := w.browser()
	w.login(c, link)
	rowID := regexp.MustCompile(`<tr id="r(\d+)"`)
	next := regexp.MustCompile(`<a href="([^"]+)" rel="next"`)
	prev := regexp.MustCompile(`<a href="([^"]+)" rel="prev"`)
	ids := func(page string) []int {
		var out []int
		for _, m := range rowID.FindAllStringSubmatch(page, -1) {
			n, _ := strconv.Atoi(m[1])
			out = append(out, n)
		}
		return out
	}
	unescape := func(s string) string { return strings.ReplaceAll(s, "&amp;", "&") }
	for _, tc := range []struct {
		query string
		match func(id int) bool // id = i+1
	}{
		{"status=all", func(int) bool { return true }},
		{"status=resolved&grid=%E7%AC%AC%E4%BA%8C%E7%BD%91%E6%A0%BC", func(id int) bool { return (id-1)%2 == 1 && (id-1)%5 != 0 }},
		{"status=all&q=%E7%94%B5%E6%A2%AF", func(id int) bool { return (id-1)%7 == 0 }},
		{"status=rejected", func(id int) bool { return (id-1)%5 == 0 }},
	} {
		var want []int
		for id := 230; id >= 1; id-- {
			if tc.match(id) {
				want = append(want, id)
			}
		}
		var got []int
		var pages []string
		path := "/reports?" + tc.query
		for n := 0; path != "" && n < 10; n++ {
			code, page := w.get(c, path)
			if code != 200 {
				t.Fatalf("%s: %d", path, code)
			}
			pages = append(pages, page)
			got = append(got, ids(page)...)
			path = ""
			if m := next.FindStringSubmatch(page); m != nil {
				path = unescape(m[1])
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: following 下一页 shows %v, want %v", tc.query, got, want)
			continue
		}
		// Back from the last page.
		var back []int
		page := pages[len(pages)-1]
		for n := len(pages) - 2; n >= 0; n-- {
			m := prev.FindStringSubmatch(page)
			if m == nil {
				t.Fatalf("%s: page %d has no 上一页", tc.query, n+2)
			}
			_, page = w.get(c, unescape(m[1]))
			if !slices.Equal(ids(page), ids(pages[n])) {
				t.Errorf("%s: 上一页 to page %d shows %v, want %v", tc.query, n+1, ids(page), ids(pages[n]))
			}
			back = append(back, ids(page)...)
		}
		if prev.MatchString(page) {
			t.Errorf("%s: page 1 has a 上一页", tc.query)
		}
		// The same pages by number.
		if len(pages) > 2 {
			_, page := w.get(c, "/reports?"+tc.query+"&page=3")
			if !slices.Equal(ids(page), ids(pages[2])) {
				t.Errorf("%s&page=3 typed: %v, want %v", tc.query, ids(page), ids(pages[2]))
			}
		}
	}
	// 全部 is counted, and a page past the end is the last one.
	_, page := w.get(c, "/reports?status=all&page=99")
	if !strings.Contains(page, "共 <span id=\"total\">230</span> 条，第 5/5 页") || !slices.Equal(ids(page), []int{30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}) {
		t.Errorf("全部 page 99: %v", ids(page))
	}
	// A grid worker's 全部 holds their grid only, through every page.
	link, _ = w.link("刘网格")
	wc := w.browser()
	w.login(wc, link)
	var got []int
	for path := "/reports?status=all"; path != ""; {
		_, page := w.get(wc, path)
		got = append(got, ids(page)...)
		path = ""
		if m := next.FindStringSubmatch(page); m != nil {
			path = unescape(m[1])
		}
	}
	if len(got) != 115 || slices.ContainsFunc(got, func(id int) bool { return (id-1)%2 == 0 }) {
		t.Errorf("刘网格's 全部: %d reports (%v), want 第二网格's 115", len(got), got)
	}
}
