package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"linli"
	"linli/mock"
)

// fakeActor records the commands the workbench hands to the engine.
type fakeActor struct {
	mu    sync.Mutex
	acts  []string // "who|role|text" or "who|role|[图片]"
	reply []string
	file  *linli.Media
	err   error
}

func (f *fakeActor) Act(ctx context.Context, m linli.Message, role linli.Role) ([]linli.Outgoing, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	text := m.Text
	if m.Image != nil {
		text = "[图片]"
	}
	f.acts = append(f.acts, m.Sender+"|"+role.String()+"|"+text)
	var out []linli.Outgoing
	for _, r := range f.reply {
		out = append(out, linli.Outgoing{To: linli.Chat{User: m.Sender}, Text: r})
	}
	if f.file != nil {
		out = append(out, linli.Outgoing{To: linli.Chat{User: m.Sender}, Media: f.file})
	}
	return out, f.err
}

// rig is a workbench on fakes: two grids, reports #1 (第一网格) and #2
// (第二网格), a simulated clock.
type rig struct {
	t       *testing.T
	s       *Server
	clock   *linli.SimClock
	actor   *fakeActor
	reports map[uint64]*linli.Report
	media   string
}

func newRig(t *testing.T) *rig {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	cfg := &linli.Config{Community: "幸福里社区", Location: loc,
		Staff: []linli.StaffEntry{{Name: "李社工", Role: "staff"}},
		Grids: []linli.Grid{
			{Name: "第一网格", Buildings: []string{"1栋"}, Worker: "王网格", Supervisor: "赵主任"},
			{Name: "第二网格", Buildings: []string{"5栋"}, Worker: "刘网格", Supervisor: "赵主任"},
		},
		Units: []linli.Unit{{Name: "物业", Contact: "张经理"}}}
	start := time.Date(2026, 11, 23, 9, 0, 0, 0, loc)
	rg := &rig{t: t, clock: linli.NewSimClock(start), actor: &fakeActor{reply: []string{"已受理"}},
		media: t.TempDir(), reports: map[uint64]*linli.Report{
			1: {ID: 1, Reporter: "张阿姨", Grid: "第一网格", Category: "设施维修", Description: "楼道灯坏了",
				Status: linli.ReportSubmitted, CreatedAt: start, Deadline: start.Add(-time.Hour), Images: []string{"a.png"}},
			2: {ID: 2, Reporter: "钱大爷", Grid: "第二网格", Category: "环境卫生", Description: "垃圾没人收<script>",
				Status: linli.ReportSubmitted, CreatedAt: start, Deadline: start.Add(time.Hour)},
		}}
	os.WriteFile(filepath.Join(rg.media, "a.png"), pngBytes, 0o644)
	reports := &mock.ReportService{
		ReportFn: func(id uint64) (*linli.Report, error) {
			r, ok := rg.reports[id]
			if !ok {
				return nil, linli.Errorf(linli.ENotFound, "没有上报%d", id)
			}
			cp := *r
			return &cp, nil
		},
		ReportsFn: func(match func(*linli.Report) bool) ([]*linli.Report, error) {
			var out []*linli.Report
			for id := uint64(1); id <= uint64(len(rg.reports)); id++ {
				if r := rg.reports[id]; match == nil || match(r) {
					out = append(out, r)
				}
			}
			return out, nil
		},
		RecentReportsFn: func(time.Time) ([]*linli.Report, error) { return []*linli.Report{rg.reports[1], rg.reports[2]}, nil },
		OpenReportsFn: func() ([]*linli.Report, map[uint64]int, error) {
			return []*linli.Report{rg.reports[1], rg.reports[2]}, nil, nil
		},
		MediaPathFn: func(name string) (string, error) {
			return filepath.Join(rg.media, name), nil
		},
	}
	rg.s = New(Deps{Config: cfg, Clock: rg.clock, Reports: reports, Actor: rg.actor, BaseURL: "http://wb.test",
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	return rg
}

// 1×1 PNG.
var pngBytes = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

// ask sends 后台 from who (privately unless group) and returns the reply
// and the command's error.
func (rg *rig) ask(who string, role linli.Role, group string) (string, error) {
	var sent []string
	out := &mock.Sender{SendFn: func(o linli.Outgoing) error {
		if o.To.User == who && o.Private {
			sent = append(sent, o.Text)
		} else if o.To.User == who {
			sent = append(sent, "NOT PRIVATE: "+o.Text)
		} else {
			sent = append(sent, "ELSEWHERE: "+o.Text)
		}
		return nil
	}}
	req := &linli.Request{Msg: &linli.Message{Sender: who, Group: group, Role: role, Addressed: true}, Out: out, Now: rg.clock.Now()}
	err := rg.s.linkCommand(context.Background(), req)
	return strings.Join(sent, "\n"), err
}

var tokenRe = regexp.MustCompile(`/login\?t=([A-Za-z0-9_-]+)`)

// session logs who in and returns the cookie and CSRF token.
func (rg *rig) session(who string, role linli.Role) (*http.Cookie, string) {
	rg.t.Helper()
	text, err := rg.ask(who, role, "")
	m := tokenRe.FindStringSubmatch(text)
	if err != nil || m == nil {
		rg.t.Fatalf("%s got no link: %q %v", who, text, err)
	}
	rec := rg.do(httptest.NewRequest("POST", "/login", strings.NewReader(url.Values{"t": {m[1]}}.Encode())), nil)
	if rec.Code != http.StatusSeeOther {
		rg.t.Fatalf("login: %d", rec.Code)
	}
	var c *http.Cookie
	for _, x := range rec.Result().Cookies() {
		if x.Name == cookieName {
			c = x
		}
	}
	board := rg.do(httptest.NewRequest("GET", "/reports", nil), c)
	csrf := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(board.Body.String())
	if csrf == nil {
		rg.t.Fatalf("no CSRF token on the board")
	}
	return c, csrf[1]
}

func (rg *rig) do(r *http.Request, c *http.Cookie) *httptest.ResponseRecorder {
	if r.Method == "POST" && r.Header.Get("Content-Type") == "" {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if c != nil {
		r.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	rg.s.ServeHTTP(rec, r)
	return rec
}

func (rg *rig) post(path string, c *http.Cookie, form url.Values) *httptest.ResponseRecorder {
	return rg.do(httptest.NewRequest("POST", path, strings.NewReader(form.Encode())), c)
}

// Who gets a link, and what it shows: the engine's verified role of a
// private message decides; a unit's contact, a resident and anyone in a
// group get none.
func TestLinkRules(t *testing.T) {
	rg := newRig(t)
	for _, tc := range []struct {
		who   string
		role  linli.Role
		group string
		link  bool
		scope string
	}{
		{"李社工", linli.RoleStaff, "", true, "全部页面"},
		{"赵主任", linli.RoleSupervisor, "", true, "全部页面"},
		{"王网格", linli.RoleGridWorker, "", true, "第一网格"},
		{"张经理", linli.RoleGridWorker, "", false, "工作人员"},       // a unit's contact
		{"张阿姨", linli.RoleResident, "", false, "居民朋友"},         // a resident
		{"李社工", linli.RoleResident, "", false, "居民朋友"},         // a staff name, unverified: the engine's role says resident
		{"李社工", linli.RoleStaff, "幸福里1期居民群", false, "私聊"},      // never a link in a group
		{"张阿姨", linli.RoleResident, "幸福里1期居民群", false, "居民朋友"}, // a resident in a group
	} {
		text, err := rg.ask(tc.who, tc.role, tc.group)
		if got := tokenRe.MatchString(text); got != tc.link {
			t.Errorf("%s (%s, group %q): link %v, want %v (%q)", tc.who, tc.role, tc.group, got, tc.link, text)
		}
		shown := text
		if err != nil {
			shown = linli.ErrorMessage(err)
		}
		if !strings.Contains(shown, tc.scope) {
			t.Errorf("%s (%s): %q does not say %q", tc.who, tc.role, shown, tc.scope)
		}
		if strings.Contains(text, "NOT PRIVATE") || strings.Contains(text, "ELSEWHERE") {
			t.Errorf("%s: a link went somewhere else than privately: %q", tc.who, text)
		}
	}
}

func TestLinkWithoutServer(t *testing.T) {
	rg := newRig(t)
	rg.s.BaseURL = "" // [web] addr not set
	text, err := rg.ask("李社工", linli.RoleStaff, "")
	if tokenRe.MatchString(text) || !strings.Contains(linli.ErrorMessage(err), "[web] addr") {
		t.Errorf("without a server: %q %v, want the 工作台没有开启 answer", text, err)
	}
}

func TestUploadLimit(t *testing.T) {
	rg := newRig(t)
	c, csrf := rg.session("王网格", linli.RoleGridWorker)
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.WriteField("csrf", csrf)
	mw.WriteField("note", "好了")
	fw, _ := mw.CreateFormFile("photo", "big.png")
	fw.Write(pngBytes)
	fw.Write(make([]byte, maxUpload))
	mw.Close()
	r := httptest.NewRequest("POST", "/reports/1/resolve", &b)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	if rec := rg.do(r, c); rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(rec.Body.String(), "文件太大了") || len(rg.actor.acts) != 0 {
		t.Errorf("a form over %d bytes: %d, acted %q; want 413 in Chinese and nothing done", maxUpload, rec.Code, rg.actor.acts)
	}
}

func TestLinkWindow(t *testing.T) {
	rg := newRig(t)
	login := func(token string) int {
		return rg.post("/login", nil, url.Values{"t": {token}}).Code
	}
	text, _ := rg.ask("李社工", linli.RoleStaff, "")
	token := tokenRe.FindStringSubmatch(text)[1]
	rg.clock.Advance(LinkTTL) // exactly 10 minutes: still valid
	if got := rg.do(httptest.NewRequest("GET", "/login?t="+token, nil), nil).Code; got != 200 {
		t.Errorf("GET of a 10-minute-old link: %d, want 200", got)
	}
	if got := login(token); got != http.StatusSeeOther {
		t.Errorf("a 10-minute-old link: %d, want 303", got)
	}
	if got := login(token); got != http.StatusForbidden {
		t.Errorf("the same link again: %d, want 403", got)
	}
	text, _ = rg.ask("李社工", linli.RoleStaff, "")
	token = tokenRe.FindStringSubmatch(text)[1]
	rg.clock.Advance(LinkTTL + time.Second)
	if got := login(token); got != http.StatusForbidden {
		t.Errorf("a link 10 minutes 1 second old: %d, want 403", got)
	}
	if got := login(""); got != http.StatusForbidden {
		t.Errorf("no token: %d, want 403", got)
	}
}

func TestSessionTimeouts(t *testing.T) {
	rg := newRig(t)
	c, _ := rg.session("李社工", linli.RoleStaff)
	for i := 0; i < 30; i++ { // used every 29 minutes: alive until MaxSession
		rg.clock.Advance(29 * time.Minute)
		code := rg.do(httptest.NewRequest("GET", "/reports", nil), c).Code
		alive := time.Duration(i+1)*29*time.Minute <= MaxSession
		if (code == 200) != alive {
			t.Fatalf("after %v of use: %d, alive should be %v", time.Duration(i+1)*29*time.Minute, code, alive)
		}
		if !alive {
			break
		}
	}
	c, _ = rg.session("李社工", linli.RoleStaff)
	rg.clock.Advance(IdleTimeout + time.Second)
	if code := rg.do(httptest.NewRequest("GET", "/reports", nil), c).Code; code != http.StatusUnauthorized {
		t.Errorf("idle past %v: %d, want 401", IdleTimeout, code)
	}
	c, _ = rg.session("李社工", linli.RoleStaff)
	if n := rg.s.endSessions("李社工"); n != 1 {
		t.Errorf("退出后台 ended %d sessions, want 1", n)
	}
	if code := rg.do(httptest.NewRequest("GET", "/reports", nil), c).Code; code != http.StatusUnauthorized {
		t.Errorf("after 退出后台: %d, want 401", code)
	}
}

// Every page needs a session; staff pages refuse a worker; every POST
// needs the CSRF token.
func TestGuard(t *testing.T) {
	rg := newRig(t)
	pages := []string{"/", "/reports", "/reports/1", "/reports/1/photo/a.png", "/activities", "/polls", "/residents", "/notices", "/stats"}
	for _, p := range pages {
		if code := rg.do(httptest.NewRequest("GET", p, nil), nil).Code; code != http.StatusUnauthorized {
			t.Errorf("GET %s without a session: %d, want 401", p, code)
		}
	}
	worker, wcsrf := rg.session("王网格", linli.RoleGridWorker)
	for _, p := range []string{"/activities", "/polls", "/residents", "/notices", "/stats", "/activities/1", "/polls/1"} {
		if code := rg.do(httptest.NewRequest("GET", p, nil), worker).Code; code != http.StatusForbidden {
			t.Errorf("GET %s as a worker: %d, want 403", p, code)
		}
	}
	if code := rg.do(httptest.NewRequest("GET", "/", nil), worker).Code; code != http.StatusSeeOther {
		t.Errorf("a worker's 总览: %d, want a redirect to the board", code)
	}
	for _, form := range []url.Values{{}, {"csrf": {"x" + wcsrf}}} {
		if code := rg.post("/reports/1/accept", worker, form).Code; code != http.StatusForbidden {
			t.Errorf("POST with csrf %q: %d, want 403", form.Get("csrf"), code)
		}
	}
	if code := rg.post("/logout", worker, nil).Code; code != http.StatusForbidden {
		t.Errorf("logout without csrf: %d, want 403", code)
	}
	if len(rg.actor.acts) != 0 {
		t.Errorf("refused requests acted: %q", rg.actor.acts)
	}
	staff, _ := rg.session("李社工", linli.RoleStaff)
	if code := rg.do(httptest.NewRequest("GET", "/activities", nil), staff).Code; code != http.StatusNotImplemented {
		t.Errorf("活动 without an ActivityService: %d, want 501", code)
	}
	if code := rg.do(httptest.NewRequest("GET", "/stats?month=11月", nil), staff).Code; code != http.StatusBadRequest {
		t.Errorf("统计 of a bad month: %d, want 400", code)
	}
}

func TestBoardAndReport(t *testing.T) {
	rg := newRig(t)
	worker, _ := rg.session("王网格", linli.RoleGridWorker)
	body := rg.do(httptest.NewRequest("GET", "/reports", nil), worker).Body.String()
	if !strings.Contains(body, `id="r1"`) || strings.Contains(body, `id="r2"`) {
		t.Errorf("王网格's board must show #1 only")
	}
	if !strings.Contains(body, "超时 1小时0分") {
		t.Errorf("the overdue #1 has no countdown")
	}
	if code := rg.do(httptest.NewRequest("GET", "/reports/2", nil), worker).Code; code != http.StatusForbidden {
		t.Errorf("another grid's report: %d, want 403", code)
	}
	if code := rg.do(httptest.NewRequest("GET", "/reports/2/photo/a.png", nil), worker).Code; code != http.StatusForbidden {
		t.Errorf("another grid's photo: %d, want 403", code)
	}
	if code := rg.do(httptest.NewRequest("GET", "/reports/9", nil), worker).Code; code != http.StatusNotFound {
		t.Errorf("a missing report: %d, want 404", code)
	}
	photo := rg.do(httptest.NewRequest("GET", "/reports/1/photo/a.png", nil), worker)
	if photo.Code != 200 || !bytes.Equal(photo.Body.Bytes(), pngBytes) {
		t.Errorf("the report's photo: %d", photo.Code)
	}
	if code := rg.do(httptest.NewRequest("GET", "/reports/1/photo/..%2F..%2Fetc%2Fpasswd", nil), worker).Code; code == 200 {
		t.Errorf("a file that is not the report's was served")
	}

	staff, _ := rg.session("李社工", linli.RoleStaff)
	body = rg.do(httptest.NewRequest("GET", "/reports?status=overdue", nil), staff).Body.String()
	if !strings.Contains(body, `id="r1"`) || strings.Contains(body, `id="r2"`) {
		t.Errorf("已超时 must list #1 only")
	}
	body = rg.do(httptest.NewRequest("GET", "/reports?grid="+url.QueryEscape("第二网格"), nil), staff).Body.String()
	if strings.Contains(body, `id="r1"`) || !strings.Contains(body, `id="r2"`) || strings.Contains(body, "<script>") {
		t.Errorf("第二网格 must list #2 only, escaped")
	}
	part := rg.do(httptest.NewRequest("GET", "/reports?partial=1", nil), staff).Body.String()
	if strings.Contains(part, "<html") || !strings.Contains(part, `id="r2"`) {
		t.Errorf("partial=1 must give the table alone")
	}
	page := rg.do(httptest.NewRequest("GET", "/reports/1", nil), staff).Body.String()
	for _, want := range []string{"楼道灯坏了", "张阿姨", `src="/reports/1/photo/a.png"`, `id="accept"`, `id="resolve"`, "第二网格"} {
		if !strings.Contains(page, want) {
			t.Errorf("the report page lacks %q", want)
		}
	}
}

// The actions become the chat commands, as the signed-in person with
// their verified role; bad input acts on nothing and says why.
func TestReportActions(t *testing.T) {
	rg := newRig(t)
	c, csrf := rg.session("王网格", linli.RoleGridWorker)
	multipartForm := func(fields map[string]string, photos ...[]byte) (*bytes.Buffer, string) {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		for k, v := range fields {
			mw.WriteField(k, v)
		}
		for i, p := range photos {
			fw, _ := mw.CreateFormFile("photo", "p"+string(rune('0'+i))+".png")
			fw.Write(p)
		}
		mw.Close()
		return &b, mw.FormDataContentType()
	}
	for _, tc := range []struct {
		name   string
		path   string
		fields map[string]string
		photos [][]byte
		acts   []string
		flash  string
	}{
		{"受理", "/reports/1/accept", nil, nil, []string{"王网格|网格员|受理 1"}, "已受理"},
		{"办结", "/reports/1/resolve", map[string]string{"note": " 灯已\n更换 "}, nil, []string{"王网格|网格员|办结 1 灯已 更换"}, "已受理"},
		{"办结带照片", "/reports/1/resolve", map[string]string{"note": "好了"}, [][]byte{pngBytes, pngBytes},
			[]string{"王网格|网格员|办结 1 好了", "王网格|网格员|[图片]", "王网格|网格员|[图片]"}, ""},
		{"办结没说明", "/reports/1/resolve", map[string]string{"note": " "}, nil, nil, textNoteRequired},
		{"照片不是图片", "/reports/1/resolve", map[string]string{"note": "好了"}, [][]byte{[]byte("MZ\x90\x00 not an image")}, nil, textBadPhoto},
		{"退回", "/reports/1/reject", map[string]string{"note": "自家的灯"}, nil, []string{"王网格|网格员|退回 1 自家的灯"}, ""},
		{"退回太长", "/reports/1/reject", map[string]string{"note": strings.Repeat("字", 501)}, nil, nil, textNoteTooLong},
		{"转派", "/reports/1/transfer", map[string]string{"grid": "第二网格"}, nil, []string{"王网格|网格员|转派 1 第二网格"}, ""},
		{"转派没网格", "/reports/1/transfer", map[string]string{"grid": "第二网格 受理 2"}, nil, nil, textGridRequired},
		{"未知操作", "/reports/1/delete", nil, nil, nil, textUnknownAction},
	} {
		rg.actor.acts = nil
		fields := map[string]string{"csrf": csrf}
		for k, v := range tc.fields {
			fields[k] = v
		}
		b, ct := multipartForm(fields, tc.photos...)
		r := httptest.NewRequest("POST", tc.path, b)
		r.Header.Set("Content-Type", ct)
		if rec := rg.do(r, c); rec.Code != http.StatusSeeOther {
			t.Errorf("%s: %d, want 303", tc.name, rec.Code)
		}
		if !slices.Equal(rg.actor.acts, tc.acts) {
			t.Errorf("%s: acted %q, want %q", tc.name, rg.actor.acts, tc.acts)
		}
		page := rg.do(httptest.NewRequest("GET", "/reports/1", nil), c).Body.String()
		if tc.flash != "" && !strings.Contains(page, tc.flash) {
			t.Errorf("%s: the page does not say %q", tc.name, tc.flash)
		}
	}
	rg.actor.err = linli.Errorf(linli.EConflict, "上报#1已办结，不能再受理。")
	rg.post("/reports/1/accept", c, url.Values{"csrf": {csrf}})
	if page := rg.do(httptest.NewRequest("GET", "/reports/1", nil), c).Body.String(); !strings.Contains(page, "不能再受理") {
		t.Errorf("the family's refusal is not shown")
	}
}

func TestStats(t *testing.T) {
	rg := newRig(t)
	rg.reports[1].Status, rg.reports[1].ResolvedAt, rg.reports[1].Rating = linli.ReportResolved, rg.reports[1].CreatedAt.Add(3*time.Hour), 4
	staff, _ := rg.session("李社工", linli.RoleStaff)
	page := rg.do(httptest.NewRequest("GET", "/stats?month=2026-11", nil), staff).Body.String()
	for _, want := range []string{`<span class="num" id="stat-total">2</span>`, "<td>设施维修</td><td>1</td><td>1</td><td>0</td><td>100%</td><td>80%</td>",
		"<td>第二网格</td><td>1</td><td>0</td><td>0</td><td>0%</td><td>—</td>", "2026年11月", `month=2026-10`} {
		if !strings.Contains(page, want) {
			t.Errorf("统计 lacks %q", want)
		}
	}
	if strings.Contains(page, "下个月") {
		t.Errorf("统计 of the current month links to the next")
	}
}

func TestCountdown(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		d    time.Duration
		want string
		over bool
	}{
		{30 * time.Minute, "剩 30分钟", false},
		{-90 * time.Minute, "超时 1小时30分", true},
		{50 * time.Hour, "剩 2天2小时", false},
	} {
		got, over := countdown(now.Add(tc.d), now)
		if got != tc.want || over != tc.over {
			t.Errorf("%v: %q %v, want %q %v", tc.d, got, over, tc.want, tc.over)
		}
	}
}

func TestBarChartEscapes(t *testing.T) {
	svg := string(barChart([]monthFigures{{Label: "<b>11月", Reports: 3}, {Label: "12月"}}, func(m monthFigures) (float64, string) {
		return float64(m.Reports), "<i>"
	}, 0))
	if strings.Contains(svg, "<b>") || strings.Contains(svg, "<i>") || strings.Count(svg, "<rect") != 2 {
		t.Errorf("chart not escaped or wrong: %s", svg)
	}
}
