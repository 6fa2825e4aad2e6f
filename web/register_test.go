package web

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"linli"
	"linli/mock"
)

// registerRig is the rig with the 居民与户 page wired: a register of two
// households (one with a phone number), two pending 绑定 requests, and a
// csv reader standing in for handlers/export (which web may not import).
type registerRig struct {
	*rig
	register []linli.RegisterEntry
	replaced [][]linli.RegisterEntry
	binds    []linli.BindRequest
}

func newRegisterRig(t *testing.T) *registerRig {
	rg := &registerRig{rig: newRig(t),
		register: []linli.RegisterEntry{
			{Household: "3栋501", Owner: "王建国", Area: 89.5, Phone: "13900000001"},
			{Household: "3栋502", Owner: "张桂芳", Area: 102.5},
			{Household: "3栋503", Owner: "刘强", Area: 95},
		},
		binds: []linli.BindRequest{
			{ID: 1, Resident: "3-501 小王", Household: "3栋501", Group: "幸福里1期居民群", Status: linli.BindPending, At: time.Now()},
			{ID: 2, Resident: "3-509 小赵", Household: "3栋509", Status: linli.BindPending, At: time.Now()},
		}}
	rg.s.Residents = &mock.ResidentStore{EachResidentFn: func(fn func(*linli.Resident) error) error {
		return fn(&linli.Resident{Name: "3-501 小王", Household: "3栋501"})
	}}
	rg.s.Owners = &mock.RegisterService{
		RegisterEntriesFn: func() ([]linli.RegisterEntry, error) { return append([]linli.RegisterEntry(nil), rg.register...), nil },
		RegisterTotalsFn: func() (int, float64, error) {
			return len(rg.register), sumArea(rg.register), nil
		},
		RegisterEntryFn: func(h string) (*linli.RegisterEntry, error) {
			for _, e := range rg.register {
				if e.Household == h {
					return &e, nil
				}
			}
			return nil, linli.Errorf(linli.ENotFound, "业主名册里没有 %s", h)
		},
		ReplaceRegisterFn: func(entries []linli.RegisterEntry) error {
			rg.replaced = append(rg.replaced, entries)
			rg.register = entries
			return nil
		},
		BindRequestsFn: func(status string) ([]linli.BindRequest, error) {
			var out []linli.BindRequest
			for _, b := range rg.binds {
				if b.Status == status {
					out = append(out, b)
				}
			}
			return out, nil
		},
	}
	rg.s.ReadTable = func(name string, data []byte) ([][]string, error) {
		if filepath.Ext(name) != ".csv" {
			return nil, linli.Errorf(linli.EInvalid, "%s 不是 xlsx 或 csv 文件", name)
		}
		rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			return nil, linli.Errorf(linli.EInvalid, "%s 不是有效的 csv 文件（%v）", name, err)
		}
		return rows, nil
	}
	return rg
}

// upload posts file as the register form with csrf.
func (rg *registerRig) upload(c *http.Cookie, csrf, name, content string) *httptest.ResponseRecorder {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	if csrf != "" {
		mw.WriteField("csrf", csrf)
	}
	if name != "" {
		fw, _ := mw.CreateFormFile("register", name)
		fw.Write([]byte(content))
	}
	mw.Close()
	r := httptest.NewRequest("POST", "/residents/register", &b)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	return rg.do(r, c)
}

// page GETs path and returns the body.
func (rg *registerRig) page(path string, c *http.Cookie) (int, string) {
	rec := rg.do(httptest.NewRequest("GET", path, nil), c)
	return rec.Code, rec.Body.String()
}

var importField = regexp.MustCompile(`name="import" value="([^"]+)"`)

const goodRegister = "户号,业主姓名,建筑面积㎡,手机\n" +
	"3栋501,王建国,89.5,13900000002\n" + // phone changed
	"3-502,张桂芳,102.5,\n" + // unchanged (another way to write 3栋502)
	"3栋504,陈红,66.6,13912345678\n" // new; 3栋503 is dropped

// Upload, preview, confirm: the preview sorts the households into new,
// changed, unchanged and removed, shows phone numbers masked, and nothing
// changes until 确认导入; then the register is replaced with the file's
// households, once.
func TestRegisterImportPreviewConfirm(t *testing.T) {
	rg := newRegisterRig(t)
	c, csrf := rg.session("李社工", linli.RoleStaff)
	rec := rg.upload(c, csrf, "名册.csv", goodRegister)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/residents/register" {
		t.Fatalf("upload: %d → %q, want 303 to the preview", rec.Code, rec.Header().Get("Location"))
	}
	if len(rg.replaced) != 0 {
		t.Fatal("the upload replaced the register before any confirmation")
	}
	code, body := rg.page("/residents/register", c)
	if code != 200 {
		t.Fatalf("preview: %d\n%s", code, body)
	}
	for id, want := range map[string]string{"n-new": "1", "n-changed": "1", "n-same": "1", "n-removed": "1", "n-bad": "0"} {
		if !strings.Contains(body, `id="`+id+`">`+want+"<") {
			t.Errorf("preview %s is not %s", id, want)
		}
	}
	for _, want := range []string{"<td>3栋504</td><td>陈红</td>", "****5678", "<del>****0001</del> → ****0002", "<td>3栋503</td><td>刘强</td>", `id="register-confirm"`} {
		if !strings.Contains(body, want) {
			t.Errorf("preview lacks %q", want)
		}
	}
	for _, phone := range []string{"13912345678", "13900000002", "13900000001", "139****"} {
		if strings.Contains(body, phone) {
			t.Errorf("preview shows %q: phone numbers are shown as their last four digits only", phone)
		}
	}
	m := importField.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no import id in the confirm form")
	}
	// A confirmation of another preview (a stale tab) does nothing.
	if rec := rg.post("/residents/register/confirm", c, url.Values{"csrf": {csrf}, "import": {"other"}}); rec.Code != http.StatusSeeOther || len(rg.replaced) != 0 {
		t.Errorf("confirming an unknown preview: %d, replaced %d times", rec.Code, len(rg.replaced))
	}
	rec = rg.post("/residents/register/confirm", c, url.Values{"csrf": {csrf}, "import": {m[1]}})
	if rec.Code != http.StatusSeeOther || len(rg.replaced) != 1 {
		t.Fatalf("confirm: %d, replaced %d times", rec.Code, len(rg.replaced))
	}
	got := rg.replaced[0]
	if len(got) != 3 || got[0] != (linli.RegisterEntry{Household: "3栋501", Owner: "王建国", Area: 89.5, Phone: "13900000002"}) || got[1].Household != "3栋502" || got[2].Household != "3栋504" {
		t.Errorf("replaced with %+v", got)
	}
	_, body = rg.page("/residents", c)
	if !strings.Contains(body, "已导入业主名册：3户") || !strings.Contains(body, "新增1户，变更1户，未变1户，移除1户") {
		t.Errorf("after confirming, the page does not say what was imported:\n%s", body)
	}
	// The preview is used up: confirming again does nothing.
	rg.post("/residents/register/confirm", c, url.Values{"csrf": {csrf}, "import": {m[1]}})
	if len(rg.replaced) != 1 {
		t.Errorf("a second confirmation replaced the register again")
	}
}

// A file with bad rows is previewed with each bad row named in Chinese
// and cannot be imported (the CLI's rule: nothing is imported then); a
// file the reader refuses, one without the needed columns, or no file at
// all is answered on the page in Chinese.
func TestRegisterImportRefusals(t *testing.T) {
	rg := newRegisterRig(t)
	c, csrf := rg.session("李社工", linli.RoleStaff)
	rg.upload(c, csrf, "名册.csv", "户号,业主姓名,建筑面积㎡\n3栋501,王建国,89.5\n,李四,50\n3栋502,张桂芳,很大\n3栋501,重复,1\n")
	_, body := rg.page("/residents/register", c)
	for _, want := range []string{"第3行：没有户号", "第4行：3栋502 的建筑面积「很大」不是数字", "第5行：户号 3栋501 与第2行重复", `id="n-bad">3<`, textRegisterBad} {
		if !strings.Contains(body, want) {
			t.Errorf("the preview of a bad file lacks %q", want)
		}
	}
	if strings.Contains(body, `id="register-confirm"`) {
		t.Error("a file with bad rows offers 确认导入")
	}
	m := importField.FindStringSubmatch(body)
	if m != nil {
		t.Error("a file with bad rows has a confirm form")
	}
	// Forcing the confirmation anyway does nothing.
	rg.s.mu.Lock()
	var id string
	for _, ss := range rg.s.sessions {
		if ss.regImport != nil {
			id = ss.regImport.id
		}
	}
	rg.s.mu.Unlock()
	rg.post("/residents/register/confirm", c, url.Values{"csrf": {csrf}, "import": {id}})
	if len(rg.replaced) != 0 {
		t.Fatal("a register with bad rows was imported")
	}
	if _, body := rg.page("/residents/register", c); !strings.Contains(body, "名册有3处问题，什么都没有导入") {
		t.Errorf("forcing the confirmation is not answered with the problems")
	}
	for _, tc := range []struct{ name, file, content, want string }{
		{"not a table", "名册.txt", "随便写的", "不是 xlsx 或 csv 文件"},
		{"malformed csv", "名册.csv", "户号,业主姓名,建筑面积㎡\n\"3栋501,王建国,89.5\n", "不是有效的 csv 文件"},
		{"missing column", "名册.csv", "户号,业主姓名\n3栋501,王建国\n", "第1行（表头）缺少列：建筑面积"},
		{"header only", "名册.csv", "户号,业主姓名,建筑面积㎡\n", "名册里只有表头"},
		{"no file", "", "", textRegisterNoFile},
		{"empty file", "名册.csv", "", "文件是空的：名册.csv"},
	} {
		rec := rg.upload(c, csrf, tc.file, tc.content)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/residents" {
			t.Errorf("%s: %d → %q, want back to 居民与户", tc.name, rec.Code, rec.Header().Get("Location"))
		}
		if _, body := rg.page("/residents", c); !strings.Contains(body, tc.want) || !strings.Contains(body, `class="flash bad"`) {
			t.Errorf("%s: the page does not say %q", tc.name, tc.want)
		}
	}
	// Rows the rules refuse are named on the preview, which cannot be confirmed.
	for _, tc := range []struct{ name, content, want string }{
		{"no area", "户号,业主姓名,建筑面积㎡\n3栋501,王建国,\n", "第2行：3栋501 没有填建筑面积"},
		{"formula", "户号,业主姓名,建筑面积㎡\n3栋501,王建国,=1+1\n", "第2行：「建筑面积」一格是公式（=1&#43;1）"},
		{"long name", "户号,业主姓名,建筑面积㎡\n3栋501," + strings.Repeat("王", 51) + ",89\n", "第2行：3栋501 的业主姓名太长了（51个字，最多50个字）"},
	} {
		rec := rg.upload(c, csrf, "名册.csv", tc.content)
		_, body := rg.page("/residents/register", c)
		if rec.Header().Get("Location") != "/residents/register" || !strings.Contains(body, tc.want) || strings.Contains(body, `id="register-confirm"`) {
			t.Errorf("%s: the preview does not refuse with %q", tc.name, tc.want)
		}
	}
	if len(rg.replaced) != 0 {
		t.Error("a refused file changed the register")
	}
}

// An upload over the size limit is refused (413) in Chinese; the upload
// and its confirmation need the session's CSRF token; the register's
// change between preview and confirmation refuses the confirmation.
func TestRegisterImportLimitsAndCSRF(t *testing.T) {
	rg := newRegisterRig(t)
	c, csrf := rg.session("李社工", linli.RoleStaff)
	big := goodRegister + strings.Repeat("9栋901,某,1\n", maxRegisterFile/12+1)
	if rec := rg.upload(c, csrf, "名册.csv", big); rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(rec.Body.String(), "文件太大了（不能超过 5 MB）") {
		t.Errorf("an oversized register: %d\n%s", rec.Code, rec.Body.String())
	}
	for name, token := range map[string]string{"missing": "", "wrong": "x" + csrf} {
		if rec := rg.upload(c, token, "名册.csv", goodRegister); rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "安全校验") {
			t.Errorf("upload with a %s CSRF token: %d, want 403 in Chinese", name, rec.Code)
		}
	}
	if code, _ := rg.page("/residents/register", c); code != http.StatusNotFound {
		t.Errorf("a refused upload left a preview (%d)", code)
	}
	rg.upload(c, csrf, "名册.csv", goodRegister)
	_, body := rg.page("/residents/register", c)
	id := importField.FindStringSubmatch(body)[1]
	for name, token := range map[string]string{"missing": "", "wrong": "x" + csrf} {
		if rec := rg.post("/residents/register/confirm", c, url.Values{"csrf": {token}, "import": {id}}); rec.Code != http.StatusForbidden {
			t.Errorf("confirm with a %s CSRF token: %d, want 403", name, rec.Code)
		}
	}
	// Someone changes the register in chat (名册 …) after the preview.
	rg.register = append(rg.register, linli.RegisterEntry{Household: "5栋101", Owner: "钱大爷", Area: 70})
	rg.post("/residents/register/confirm", c, url.Values{"csrf": {csrf}, "import": {id}})
	if len(rg.replaced) != 0 {
		t.Fatal("a preview older than the register was applied")
	}
	if _, body := rg.page("/residents", c); !strings.Contains(body, textRegisterStale) {
		t.Error("the stale confirmation is not explained")
	}
	// 取消 forgets a preview.
	rg.upload(c, csrf, "名册.csv", goodRegister)
	rg.post("/residents/register/cancel", c, url.Values{"csrf": {csrf}})
	if code, _ := rg.page("/residents/register", c); code != http.StatusNotFound {
		t.Errorf("after 取消 the preview is still there (%d)", code)
	}
}

// A grid worker sees no page of 居民与户 and can neither upload, confirm
// nor decide a 绑定; a resident never gets a session at all.
func TestRegisterAndBindsStaffOnly(t *testing.T) {
	rg := newRegisterRig(t)
	c, csrf := rg.session("王网格", linli.RoleGridWorker)
	if rec := rg.upload(c, csrf, "名册.csv", goodRegister); rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "只对社工和主任开放") {
		t.Errorf("a grid worker's upload: %d", rec.Code)
	}
	for _, path := range []string{"/residents", "/residents/register"} {
		if code, body := rg.page(path, c); code != http.StatusForbidden || strings.Contains(body, "13900000001") || strings.Contains(body, "0001") {
			t.Errorf("a grid worker GET %s: %d", path, code)
		}
	}
	for _, path := range []string{"/residents/register/confirm", "/residents/register/cancel", "/residents/binds/1/approve", "/residents/binds/1/reject"} {
		if rec := rg.post(path, c, url.Values{"csrf": {csrf}}); rec.Code != http.StatusForbidden {
			t.Errorf("a grid worker POST %s: %d", path, rec.Code)
		}
	}
	if len(rg.replaced) != 0 || len(rg.actor.acts) != 0 {
		t.Errorf("a grid worker changed something: replaced %d, acted %q", len(rg.replaced), rg.actor.acts)
	}
	if text, _ := rg.ask("张阿姨", linli.RoleResident, ""); tokenRe.MatchString(text) {
		t.Errorf("a resident got a link: %q", text)
	}
	if rec := rg.upload(nil, "", "名册.csv", goodRegister); rec.Code != http.StatusUnauthorized {
		t.Errorf("an upload without a session: %d", rec.Code)
	}
	// A supervisor may.
	sc, scsrf := rg.session("赵主任", linli.RoleSupervisor)
	if rec := rg.upload(sc, scsrf, "名册.csv", goodRegister); rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/residents/register" {
		t.Errorf("a supervisor's upload: %d → %q", rec.Code, rec.Header().Get("Location"))
	}
}

// The pending 绑定 requests are listed with what the register says (never
// a phone number); 同意 and 拒绝 run 同意绑定 N / 拒绝绑定 N as the staff
// member, and the command's refusal (decided already in chat) is shown as
// a refusal.
func TestBindDecisions(t *testing.T) {
	rg := newRegisterRig(t)
	c, csrf := rg.session("李社工", linli.RoleStaff)
	_, body := rg.page("/residents", c)
	for _, want := range []string{`id="bind1"`, "<td>3-501 小王</td><td>3栋501</td>", "业主 王建国，89.5㎡", "幸福里1期居民群", `id="bind2"`, "名册里已没有这一户", "私聊", "名册共 3 户"} {
		if !strings.Contains(body, want) {
			t.Errorf("居民与户 lacks %q", want)
		}
	}
	if strings.Contains(body, "13900000001") {
		t.Error("居民与户 shows a register phone number")
	}
	rg.actor.reply = []string{"已同意绑定申请#1：3-501 小王 → 3栋501，已告知居民。"}
	rec := rg.post("/residents/binds/1/approve", c, url.Values{"csrf": {csrf}})
	if rec.Code != http.StatusSeeOther || !slicesEqual(rg.actor.acts, []string{"李社工|社工|同意绑定 1"}) {
		t.Fatalf("同意: %d, acted %q", rec.Code, rg.actor.acts)
	}
	if _, body := rg.page("/residents", c); !strings.Contains(body, "已同意绑定申请#1") || strings.Contains(body, `class="flash bad"`) {
		t.Error("the page does not show the command's answer")
	}
	rg.actor.reply, rg.actor.err = nil, linli.Errorf(linli.EConflict, "绑定申请#2 之前已拒绝（赵主任），没有再改。")
	rg.post("/residents/binds/2/reject", c, url.Values{"csrf": {csrf}})
	if _, body := rg.page("/residents", c); !strings.Contains(body, "之前已拒绝（赵主任），没有再改") || !strings.Contains(body, `class="flash bad"`) {
		t.Error("a request decided already is not shown as refused")
	}
	for name, token := range map[string]string{"missing": "", "wrong": "x" + csrf} {
		if rec := rg.post("/residents/binds/1/reject", c, url.Values{"csrf": {token}}); rec.Code != http.StatusForbidden {
			t.Errorf("拒绝 with a %s CSRF token: %d", name, rec.Code)
		}
	}
	rg.post("/residents/binds/x/approve", c, url.Values{"csrf": {csrf}})
	if _, body := rg.page("/residents", c); !strings.Contains(body, textBindBadID) {
		t.Error("a bad id is not answered 没有这条绑定申请")
	}
	rg.post("/residents/binds/99999999999999999999/approve", c, url.Values{"csrf": {csrf}})
	if _, body := rg.page("/residents", c); !strings.Contains(body, textBindBadID) {
		t.Error("an id past uint64 is not answered 没有这条绑定申请")
	}
	rg.post("/residents/binds/3/delete", c, url.Values{"csrf": {csrf}})
	if _, body := rg.page("/residents", c); !strings.Contains(body, "不认识的操作") || strings.Contains(body, textBindBadID) {
		t.Error("an unknown action is not answered 不认识的操作")
	}
	if len(rg.actor.acts) != 2 {
		t.Errorf("a bad id or action ran a command: %q", rg.actor.acts)
	}
}

func slicesEqual(a, b []string) bool { return strings.Join(a, "\n") == strings.Join(b, "\n") }

func TestMaskPhone(t *testing.T) {
	for in, want := range map[string]string{"": "", "13912345678": "****5678", "139 1234 5678": "****5678", "+86-139-1234-5678": "****5678", "0571-88886666": "****6666", "12345": "****", "无": "****"} {
		if got := maskPhone(in); got != want {
			t.Errorf("maskPhone(%q) = %q, want %q", in, got, want)
		}
	}
}

// A big register's preview lists the first previewRows of each part and
// says how many there are.
func TestRegisterPreviewBig(t *testing.T) {
	rg := newRegisterRig(t)
	rg.register = nil
	c, csrf := rg.session("李社工", linli.RoleStaff)
	var b strings.Builder
	b.WriteString("户号,业主姓名,建筑面积㎡\n")
	for i := 1; i <= 700; i++ {
		fmt.Fprintf(&b, "%d栋%d,业主%d,80\n", i/100+1, 101+i%100+i/100*1000, i)
	}
	rg.upload(c, csrf, "名册.csv", b.String())
	code, body := rg.page("/residents/register", c)
	if code != 200 || !strings.Contains(body, `id="n-new">700<`) || !strings.Contains(body, "只列出前 300 户，共 700 户。") {
		t.Fatalf("a 700-household preview: %d\n%s", code, body[:min(len(body), 2000)])
	}
	if n := strings.Count(body, "<tr><td>"); n != 300 {
		t.Errorf("the preview lists %d households, want 300", n)
	}
}
