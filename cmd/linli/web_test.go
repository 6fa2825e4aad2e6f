package main

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"linli"
)

// workbench is the wired app with its workbench served by httptest; the
// workbench's actions run under the harness's clock and print nothing.
type workbench struct {
	*harness
	srv *httptest.Server
}

func newWorkbench(t *testing.T) *workbench {
	t.Helper()
	h := newHarness(t, "2026-11-23 09:00", nil)
	var mu sync.Mutex
	h.app.web.Actor = serialActor{mu: &mu, next: h.app.engine, settle: func() {}}
	srv := httptest.NewServer(h.app.web)
	t.Cleanup(srv.Close)
	h.app.web.BaseURL = srv.URL
	return &workbench{harness: h, srv: srv}
}

var loginLink = regexp.MustCompile(`http://\S+/login\?t=[A-Za-z0-9_-]+`)

// link sends 后台 from who privately and returns the link they got, or "".
func (w *workbench) link(who string) (string, []string) {
	w.t.Helper()
	w.say(who + ": 后台")
	got := texts(w.flush())
	for _, s := range got {
		if m := loginLink.FindString(s); m != "" {
			return m, got
		}
	}
	return "", got
}

// browser is a cookie-keeping client that does not follow redirects.
func (w *workbench) browser() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// login opens link in c (the confirm page, then its button) and returns
// the status of the POST.
func (w *workbench) login(c *http.Client, link string) int {
	w.t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		w.t.Fatal(err)
	}
	resp, err := c.PostForm(w.srv.URL+"/login", url.Values{"t": {u.Query().Get("t")}})
	if err != nil {
		w.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func (w *workbench) get(c *http.Client, path string) (int, string) {
	w.t.Helper()
	resp, err := c.Get(w.srv.URL + path)
	if err != nil {
		w.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrf reads the token from a page's forms.
func (w *workbench) csrf(c *http.Client) string {
	w.t.Helper()
	_, body := w.get(c, "/reports")
	m := csrfField.FindStringSubmatch(body)
	if m == nil {
		w.t.Fatalf("no CSRF token on the board:\n%s", body)
	}
	return m[1]
}

func (w *workbench) post(c *http.Client, path string, form url.Values) int {
	w.t.Helper()
	resp, err := c.PostForm(w.srv.URL+path, form)
	if err != nil {
		w.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func (w *workbench) status(id uint64) string {
	w.t.Helper()
	r, err := w.app.db.Report(id)
	if err != nil {
		w.t.Fatal(err)
	}
	return r.Status
}

func TestWorkbenchLogin(t *testing.T) {
	w := newWorkbench(t)
	link, _ := w.link("李社工")
	if link == "" {
		t.Fatal("李社工 got no link for 后台")
	}
	c := w.browser()
	if code, body := w.get(c, "/"); code != http.StatusUnauthorized || !strings.Contains(body, "后台") {
		t.Errorf("before login: %d, want 401 saying how to log in", code)
	}
	u, _ := url.Parse(link)
	if code, body := w.get(c, u.RequestURI()); code != 200 || !strings.Contains(body, "进入工作台") {
		t.Errorf("opening the link: %d, want the confirm page", code) // a GET never uses the link up
	}
	resp, err := c.PostForm(w.srv.URL+"/login", url.Values{"t": {u.Query().Get("t")}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %d, want 303", resp.StatusCode)
	}
	cookie := resp.Header.Get("Set-Cookie")
	for _, want := range []string{"HttpOnly", "SameSite=Strict"} {
		if !strings.Contains(cookie, want) {
			t.Errorf("session cookie %q lacks %s", cookie, want)
		}
	}
	if code, body := w.get(c, "/"); code != 200 || !strings.Contains(body, "总览") {
		t.Errorf("after login: %d, want the 总览", code)
	}
	if code := w.login(w.browser(), link); code != http.StatusForbidden {
		t.Errorf("reusing the link: %d, want 403", code)
	}

	// Idle timeout on the injected clock.
	w.advance(29 * time.Minute)
	if code, _ := w.get(c, "/"); code != 200 {
		t.Errorf("29 minutes idle: %d, want the page", code)
	}
	w.advance(31 * time.Minute)
	if code, _ := w.get(c, "/"); code != http.StatusUnauthorized {
		t.Errorf("31 minutes idle: %d, want 401", code)
	}

	// A link older than 10 minutes.
	old, _ := w.link("李社工")
	w.advance(10*time.Minute + time.Second)
	if code := w.login(w.browser(), old); code != http.StatusForbidden {
		t.Errorf("an 11-minute-old link: %d, want 403", code)
	}

	// 退出后台 ends the sessions.
	fresh, _ := w.link("李社工")
	c2 := w.browser()
	if code := w.login(c2, fresh); code != http.StatusSeeOther {
		t.Fatalf("login: %d", code)
	}
	w.say("李社工: 退出后台")
	w.flush()
	if code, _ := w.get(c2, "/"); code != http.StatusUnauthorized {
		t.Errorf("after 退出后台: %d, want 401", code)
	}
}

func TestWorkbenchNoLinkForOthers(t *testing.T) {
	w := newWorkbench(t)
	for _, line := range []string{
		"3-502 张阿姨: 后台",             // a resident, privately
		"幸福里1期居民群/李社工(居民): @邻里通 后台", // in a group: never a link
		"幸福里1期居民群/3-502 张阿姨: @邻里通 后台",
	} {
		w.say(line)
		got := texts(w.flush())
		for _, s := range got {
			if loginLink.MatchString(s) {
				t.Errorf("%s: got a link: %q", line, s)
			}
		}
		if len(got) != 1 || !strings.Contains(got[0], "后台") {
			t.Errorf("%s: replies %q, want one refusal", line, got)
		}
	}
	w.say("幸福里1期居民群/李社工: 后台") // a staff member's 后台 in a group, unaddressed: talk
	if got := texts(w.flush()); len(got) > 0 {
		t.Errorf("unaddressed 后台 in a group: %q, want silence", got)
	}
}

func TestWorkbenchCSRFAndGrids(t *testing.T) {
	w := newWorkbench(t)
	w.say("幸福里1期居民群/3-502 张阿姨: 随手拍 3栋楼道灯坏了")   // #1, 第一网格
	w.say("幸福里2期居民群/5-101 钱大爷: 随手拍 5栋门口垃圾没人收") // #2, 第二网格
	w.flush()

	link, _ := w.link("王网格")
	c := w.browser()
	if w.login(c, link) != http.StatusSeeOther {
		t.Fatal("王网格 could not log in")
	}
	_, board := w.get(c, "/reports")
	if !strings.Contains(board, `href="/reports/1"`) || strings.Contains(board, `href="/reports/2"`) {
		t.Errorf("a worker's board must list only their grid's report #1:\n%s", board)
	}
	if code, _ := w.get(c, "/reports/2"); code != http.StatusForbidden {
		t.Errorf("another grid's report: %d, want 403", code)
	}
	if code, _ := w.get(c, "/activities"); code != http.StatusForbidden {
		t.Errorf("a worker on 活动: %d, want 403", code)
	}
	if code := w.post(c, "/reports/2/accept", url.Values{"csrf": {w.csrf(c)}}); code != http.StatusForbidden || w.status(2) != linli.ReportSubmitted {
		t.Errorf("accepting another grid's report: %d, status %s", code, w.status(2))
	}
	if code := w.post(c, "/reports/1/accept", nil); code != http.StatusForbidden || w.status(1) != linli.ReportSubmitted {
		t.Errorf("without CSRF token: %d, status %s; want 403 and nothing changed", code, w.status(1))
	}
	if code := w.post(c, "/reports/1/accept", url.Values{"csrf": {"forged"}}); code != http.StatusForbidden {
		t.Errorf("wrong CSRF token: %d, want 403", code)
	}
	if code := w.post(c, "/reports/1/accept", url.Values{"csrf": {w.csrf(c)}}); code != http.StatusSeeOther || w.status(1) != linli.ReportAccepted {
		t.Errorf("受理 with the token: %d, status %s", code, w.status(1))
	}
}

// The workbench's 受理 and 办结 tell the resident exactly what the chat
// commands tell them: the same report twice, one closed in chat, one on
// the web, give the same messages but for the number.
func TestWorkbenchActsAsChat(t *testing.T) {
	w := newWorkbench(t)
	w.say("幸福里1期居民群/3-502 张阿姨: 随手拍 3栋楼道灯坏了")
	w.say("幸福里1期居民群/2-301 孙阿姨: 随手拍 2栋楼道灯坏了")
	w.flush()
	w.say("王网格: 受理 1")
	w.say("王网格: 办结 1 灯已更换")
	chat := w.flush()

	link, _ := w.link("王网格")
	c := w.browser()
	w.login(c, link)
	token := w.csrf(c)
	if code := w.post(c, "/reports/2/accept", url.Values{"csrf": {token}}); code != http.StatusSeeOther {
		t.Fatalf("受理: %d", code)
	}
	if _, page := w.get(c, "/reports/2"); !strings.Contains(page, "已受理上报#2，已告知居民。办好后在本页填写处理结果并点「办结」") || strings.Contains(page, "回复「办结") {
		t.Errorf("the page's 受理 answer is not the web's")
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("csrf", token)
	mw.WriteField("note", "灯已更换")
	mw.Close()
	resp, err := c.Post(w.srv.URL+"/reports/2/resolve", mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	web := w.flush()

	toResident := func(outs []linli.Outgoing, who string) []string {
		var s []string
		for _, o := range outs {
			if o.To.User == who || slicesContains(o.Mention, who) {
				s = append(s, strings.NewReplacer(who, "居民", "#1", "#N", "#2", "#N", " 1", " N", " 2", " N").Replace(o.Text))
			}
		}
		return s
	}
	a, b := toResident(chat, "3-502 张阿姨"), toResident(web, "2-301 孙阿姨")
	if all := strings.Join(a, "\n"); !strings.Contains(all, "受理") || !strings.Contains(all, "已办结") || all != strings.Join(b, "\n") {
		t.Errorf("the resident is told differently:\nchat: %q\nweb:  %q", a, b)
	}
	if w.status(2) != linli.ReportResolved {
		t.Errorf("report 2 is %s, want resolved", w.status(2))
	}
	_, page := w.get(c, "/reports/2")
	if !strings.Contains(page, "办结") || !strings.Contains(page, "灯已更换") {
		t.Errorf("the report page lacks the 办结 step and its note")
	}
	// The answer shown on the page is worded for the page: no chat
	// instruction to send photos within 5 minutes; chat's stays.
	if !strings.Contains(page, "已办结上报#2，已通知居民。") || strings.Contains(page, "5分钟内") || strings.Contains(page, "回复「办结") {
		t.Errorf("the page's 办结 answer is not the web's:\n%s", page)
	}
	if got := strings.Join(texts(chat), "\n"); !strings.Contains(got, "已办结上报#1，已通知居民。5分钟内发来的照片会作为办结照片转给居民。") {
		t.Errorf("chat's 办结 answer changed: %q", got)
	}
}

func slicesContains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func TestWorkbenchFormsValidate(t *testing.T) {
	w := newWorkbench(t)
	w.say("幸福里1期居民群/3-502 张阿姨: 随手拍 3栋楼道灯坏了")
	w.flush()
	link, _ := w.link("李社工")
	c := w.browser()
	w.login(c, link)
	token := w.csrf(c)
	for _, tc := range []struct {
		path string
		form url.Values
		want string
	}{
		{"/reports/1/resolve", url.Values{"note": {"  "}}, "请填写说明"},
		{"/reports/1/reject", url.Values{"note": {strings.Repeat("长", 501)}}, "500 字"},
		{"/reports/1/transfer", url.Values{"grid": {"第九网格"}}, "请选择要转派的网格"},
	} {
		tc.form.Set("csrf", token)
		w.post(c, tc.path, tc.form)
		if _, page := w.get(c, "/reports/1"); !strings.Contains(page, tc.want) {
			t.Errorf("%s %v: the page does not say %q", tc.path, tc.form, tc.want)
		}
		if w.status(1) != linli.ReportSubmitted {
			t.Fatalf("%s: the report changed to %s", tc.path, w.status(1))
		}
	}
}

func TestWorkbenchBoardPages(t *testing.T) {
	w := newWorkbench(t)
	now := w.clock.Now()
	for i := 0; i < 1000; i++ {
		grid := []string{"第一网格", "第二网格"}[i%2]
		r := &linli.Report{Reporter: "居民", Category: "环境卫生", Description: "楼道堆物", Status: linli.ReportSubmitted,
			Grid: grid, CreatedAt: now, SLAStart: now, Deadline: now.Add(24 * time.Hour)}
		if err := w.app.db.CreateReport(r, nil); err != nil {
			t.Fatal(err)
		}
	}
	link, _ := w.link("李社工")
	c := w.browser()
	w.login(c, link)
	rows := regexp.MustCompile(`<tr id="r(\d+)"`)
	_, p1 := w.get(c, "/reports")
	if n := len(rows.FindAllString(p1, -1)); n != 50 || !strings.Contains(p1, `id="r1000"`) || !strings.Contains(p1, "共 <span id=\"total\">1000</span> 条") {
		t.Errorf("page 1 shows %d rows, want the newest 50 of 1000", n)
	}
	_, p20 := w.get(c, "/reports?page=20")
	if n := len(rows.FindAllString(p20, -1)); n != 50 || !strings.Contains(p20, `id="r1"`) || strings.Contains(p20, "下一页") {
		t.Errorf("the last page shows %d rows, want the oldest 50 and no next page", n)
	}
	_, g2 := w.get(c, "/reports?grid="+url.QueryEscape("第二网格")+"&page=10")
	if n := len(rows.FindAllString(g2, -1)); n != 50 || !strings.Contains(g2, `id="r2"`) || strings.Contains(g2, `id="r1"`) {
		t.Errorf("第二网格 page 10 shows %d rows, want 50 ending with #2", n)
	}
}

func TestWorkbenchActivityAndPoll(t *testing.T) {
	w := newWorkbench(t)
	w.say("李社工: 发布活动 重阳节包饺子 时间:11月28日 14:00 地点:活动室 名额:20")
	w.say("幸福里1期居民群/3-502 张阿姨: 报名 1")
	w.say("李社工: 发起投票 加装电梯 选项:同意/不同意 截止:11月30日 18:00")
	w.say("幸福里1期居民群/3-502 张阿姨: 投票 1 同意")
	w.say("幸福里1期居民群/2-301 孙阿姨: 收到")
	w.flush()
	w.advanceTo("2026-11-28 13:50") // 签到 opens shortly before the start
	w.flush()
	link, _ := w.link("李社工")
	c := w.browser()
	w.login(c, link)
	token := w.csrf(c)

	if code := w.post(c, "/activities/1/checkin", url.Values{"csrf": {token}, "name": {"3-502 张阿姨", ""}}); code != http.StatusSeeOther {
		t.Fatalf("签到: %d", code)
	}
	s, err := w.app.db.Signup(1, "3-502 张阿姨")
	if err != nil || s.CheckedIn.IsZero() {
		t.Errorf("签到 from the roster did not check 张阿姨 in: %+v %v", s, err)
	}
	_, page := w.get(c, "/activities/1")
	if !strings.Contains(page, "1/1（100%）") {
		t.Errorf("the roster's 到场率 is not 1/1 after 签到")
	}

	resp, err := c.PostForm(w.srv.URL+"/activities/1/export", url.Values{"csrf": {token}})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Disposition"), ".xlsx") || !bytes.HasPrefix(body, []byte("PK")) {
		t.Errorf("导出名单: %d %q, %d bytes; want an xlsx download", resp.StatusCode, resp.Header.Get("Content-Disposition"), len(body))
	}
	w.flush()
	if code := w.post(c, "/activities/1/close", url.Values{"csrf": {token}}); code != http.StatusSeeOther {
		t.Errorf("截止报名: %d", code)
	}
	if a, _ := w.app.db.Activity(1); a.Status != linli.ActivityClosed {
		t.Errorf("after 截止报名 the activity is %s", a.Status)
	}
	// The page's words: the roster is on the page, reopening is in chat.
	if _, page := w.get(c, "/activities/1"); !strings.Contains(page, "的报名：已报名") || !strings.Contains(page, "名单见本页下方") || strings.Contains(page, "发「名单") {
		t.Errorf("after 截止报名 the page's answer is not the web's")
	}
	w.post(c, "/activities/1/close", url.Values{"csrf": {token}})
	if _, page := w.get(c, "/activities/1"); !strings.Contains(page, "的报名已经截止了") || !strings.Contains(page, "工作台不能重新开放报名；要重新开放，请在微信里私聊机器人发「修改活动 1 截止:时间」") {
		t.Errorf("a second 截止报名 on the page is not answered in the web's words")
	}

	if _, page := w.get(c, "/residents"); !strings.Contains(page, "3-502 张阿姨") || !strings.Contains(page, "3栋502") {
		t.Errorf("居民与户 lacks 张阿姨 and her household")
	}
	_, poll := w.get(c, "/polls/1")
	for _, want := range []string{"加装电梯", "同意", "已投</dt><dd>1", "还没投票的户（1 / 2）", "<td>2栋301</td><td>2-301 孙阿姨</td>"} {
		if !strings.Contains(poll, want) {
			t.Errorf("the poll page lacks %q", want)
		}
	}
	resp, err = c.PostForm(w.srv.URL+"/polls/1/export", url.Values{"csrf": {token}})
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.HasPrefix(body, []byte("PK")) {
		t.Errorf("导出投票: %d, %d bytes; want an xlsx", resp.StatusCode, len(body))
	}
}

func TestWorkbenchNotice(t *testing.T) {
	w := newWorkbench(t)
	link, _ := w.link("李社工")
	c := w.browser()
	w.login(c, link)
	token := w.csrf(c)
	send := func(do string, groups []string, content string) int {
		return w.post(c, "/notices", url.Values{"csrf": {token}, "do": {do}, "group": groups, "content": {content}})
	}
	if code := send("send", nil, "明天停水"); code != http.StatusUnprocessableEntity {
		t.Errorf("no group: %d, want 422", code)
	}
	if code := send("send", []string{"幸福里1期居民群", "不存在的群"}, "  "); code != http.StatusUnprocessableEntity {
		t.Errorf("no content: %d, want 422", code)
	}
	if code := send("preview", []string{"幸福里1期居民群"}, "明天停水"); code != 200 {
		t.Errorf("preview: %d", code)
	}
	if got := texts(w.flush()); len(got) != 0 {
		t.Errorf("refused and previewed notices sent %q", got)
	}
	if code := send("send", []string{"幸福里1期居民群"}, "明天上午停水\n请提前储水"); code != http.StatusSeeOther {
		t.Fatalf("send: %d", code)
	}
	_, page := w.get(c, "/notices")
	if !strings.Contains(page, "幸福里1期居民群") || !strings.Contains(page, "明天上午停水") {
		t.Errorf("the queue does not show the notice waiting")
	}
	got := texts(w.flush())
	if len(got) != 1 || got[0] != "[幸福里1期居民群] 明天上午停水\n请提前储水" {
		t.Errorf("sent %q, want the notice in 1期 only", got)
	}
	_, page = w.get(c, "/notices?partial=1")
	if !strings.Contains(page, `<span id="queue-total">0</span>`) {
		t.Errorf("the queue is not empty after the flush")
	}

	// 定时: the family reads the time; a time it cannot read changes nothing.
	w.post(c, "/notices", url.Values{"csrf": {token}, "do": {"send"}, "group": {"幸福里2期居民群"}, "content": {"周末义诊"}, "when": {"明天8点"}})
	jobs, err := w.app.sched.Jobs("")
	if err != nil {
		t.Fatal(err)
	}
	n := len(jobs)
	if _, page := w.get(c, "/notices"); !strings.Contains(page, "已设定定时通知") || strings.Contains(page, "取消请发") {
		t.Errorf("the page's 定时 answer is not the web's")
	}
	resp, err := c.PostForm(w.srv.URL+"/notices", url.Values{"csrf": {token}, "do": {"send"}, "group": {"幸福里2期居民群"}, "content": {"周末义诊"}, "when": {"过几天吧"}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if jobs, _ = w.app.sched.Jobs(""); len(jobs) != n {
		t.Errorf("an unreadable time scheduled something")
	}
	// The form again with what was entered and why, in the page's words.
	page = string(b)
	for _, want := range []string{"「定时」一栏的时间", "每月1日9点", `class="flash bad"`, ">周末义诊</textarea>", `value="过几天吧"`, `value="幸福里2期居民群" checked`} {
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, want) {
			t.Errorf("a bad 定时 time: %d, the form lacks %q", resp.StatusCode, want)
		}
	}
	if strings.Contains(page, "请这样发") || strings.Contains(page, "定时通知 时间 群名") {
		t.Errorf("a bad 定时 time is answered with chat's usage:\n%s", page)
	}
	w.advanceTo("2026-11-24 08:01")
	if got := texts(w.flush()); !slicesContains(got, "[幸福里2期居民群] 周末义诊") {
		t.Errorf("the 定时 notice did not go out at 8:00 the next day: %q", got)
	}
}

// The README's workbench demo: after cmd/linli/testdata/workbench_demo.txt
// every page shows its data.
func TestWorkbenchDemo(t *testing.T) {
	w := newWorkbench(t)
	script, err := os.ReadFile("testdata/workbench_demo.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(script), "\n") {
		line = strings.Replace(line, "cmd/linli/testdata/", "testdata/", 1)
		if err := w.con.Line(context.Background(), line); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
	}
	var link string
	for _, s := range texts(w.flush()) {
		if m := loginLink.FindString(s); m != "" {
			link = m
		}
	}
	c := w.browser()
	if link == "" || w.login(c, link) != http.StatusSeeOther {
		t.Fatal("the demo's 后台 gave no working link")
	}
	for page, wants := range map[string][]string{
		"/":                    {"今日新上报", "重阳节包饺子", "加装电梯", "<svg", "本月活动参与率", "每月活动参与率"},
		"/reports":             {"5栋门口垃圾", "2栋电梯按钮"},
		"/reports/1":           {"已更换楼道灯", "5 分 修得很快", "办结照片", "居民照片"},
		"/activities":          {"重阳节包饺子", "健康讲座"},
		"/activities/1":        {"3-502 张阿姨", "2-301 孙阿姨"},
		"/polls/1":             {"已投</dt><dd>2", "还没投票的户"},
		"/residents":           {"5-101 钱大爷", "5栋101"},
		"/notices":             {"待发送队列"},
		"/stats?month=2026-11": {"设施维修", "第一网格", "<svg"},
	} {
		code, body := w.get(c, page)
		if code != 200 {
			t.Errorf("%s: %d", page, code)
		}
		for _, want := range wants {
			if !strings.Contains(body, want) {
				t.Errorf("%s lacks %q", page, want)
			}
		}
	}
}

// With an owners' register, a poll's households are the register's.
func TestWorkbenchPollRegister(t *testing.T) {
	w := newWorkbench(t)
	if err := w.app.db.ReplaceRegister([]linli.RegisterEntry{
		{Household: "3栋502", Owner: "张建国", Area: 90}, {Household: "3栋601", Owner: "李明", Area: 80}, {Household: "4栋101", Owner: "王芳", Area: 100},
	}); err != nil {
		t.Fatal(err)
	}
	w.say("李社工: 发起投票 加装电梯 选项:同意/不同意 截止:11月30日 18:00")
	w.say("幸福里1期居民群/3-502 张阿姨: 投票 1 同意")
	w.flush()
	link, _ := w.link("李社工")
	c := w.browser()
	w.login(c, link)
	_, page := w.get(c, "/polls/1")
	for _, want := range []string{"还没投票的户（2 / 3）", "按业主名册统计", "<td>3栋601</td><td>李明（业主）</td>", "<td>4栋101</td>"} {
		if !strings.Contains(page, want) {
			t.Errorf("the poll page lacks %q", want)
		}
	}
	if strings.Contains(page, "<td>3栋502</td>") {
		t.Errorf("3栋502 voted but is listed")
	}
}

// The board over every report reads the newest first, in a widening
// window, and still pages to the oldest.
func TestWorkbenchBoardAllStatuses(t *testing.T) {
	w := newWorkbench(t)
	now := w.clock.Now()
	for i := 0; i < 400; i++ { // one a day, the oldest 400 days ago; every third resolved
		at := now.Add(-time.Duration(400-i) * 24 * time.Hour)
		r := &linli.Report{Reporter: "居民", Category: "环境卫生", Description: "楼道堆物", Status: linli.ReportSubmitted,
			Grid: "第一网格", CreatedAt: at, SLAStart: at, Deadline: at.Add(24 * time.Hour)}
		if i%3 == 0 {
			r.Status, r.ResolvedAt = linli.ReportResolved, at.Add(time.Hour)
		}
		if err := w.app.db.CreateReport(r, nil); err != nil {
			t.Fatal(err)
		}
	}
	link, _ := w.link("李社工")
	c := w.browser()
	w.login(c, link)
	rows := regexp.MustCompile(`<tr id="r(\d+)"`)
	_, p1 := w.get(c, "/reports?status=all")
	if n := len(rows.FindAllString(p1, -1)); n != 50 || !strings.Contains(p1, `id="r400"`) || !strings.Contains(p1, `id="r351"`) || !strings.Contains(p1, "下一页") {
		t.Errorf("全部 page 1: %d rows, want #400…#351 and a next page", n)
	}
	_, p8 := w.get(c, "/reports?status=all&page=8")
	if n := len(rows.FindAllString(p8, -1)); n != 50 || !strings.Contains(p8, `id="r1"`) || strings.Contains(p8, "下一页") {
		t.Errorf("全部 page 8: %d rows, want the oldest 50 and no next page", n)
	}
	_, res := w.get(c, "/reports?status=resolved&page=3")
	// resolved: #1, #4, … #400 (134 of them); page 3 holds the 101st to 134th newest.
	if n := len(rows.FindAllString(res, -1)); n != 34 || !strings.Contains(res, `id="r1"`) || strings.Contains(res, "下一页") {
		t.Errorf("已办结 page 3: %d rows, want 34 ending with #1", n)
	}
}
