package main

import (
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"linli"
)

// chromium finds a Chromium or Chrome binary, "" if none (.ci/run
// installs the distribution's chromium).
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// screenshotDir is where the browser test saves a PNG of every page:
// $LINLI_SCREENSHOTS if set, else a temporary directory (logged).
func screenshotDir(t *testing.T) string {
	if d := os.Getenv("LINLI_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// TestWorkbenchBrowser drives the workbench in headless Chromium the way
// a social worker would: the link from 后台, the 总览, the board, 受理 and
// 办结 with a photo (the resident is told in chat, photo included), a
// sign-up closed from the roster, the polls, the owners' register uploaded,
// previewed and imported, a pending 绑定 approved (the resident told in
// chat); then a grid worker who sees
// only their grid, and a second page of the board.
func TestWorkbenchBrowser(t *testing.T) {
	bin := chromium()
	if bin == "" {
		t.Skip("no Chromium found (apt-get install chromium); the workbench's browser test is skipped")
	}
	w := newWorkbench(t)
	w.say("幸福里1期居民群/3-502 张阿姨: 随手拍 3栋楼道灯坏了")
	w.say("幸福里2期居民群/5-101 钱大爷: 随手拍 5栋门口垃圾没人收")
	w.say("李社工: 发布活动 重阳节包饺子 时间:11月28日 14:00 地点:活动室 名额:20")
	w.say("幸福里1期居民群/3-502 张阿姨: 报名 1")
	w.say("李社工: 发起投票 加装电梯 选项:同意/不同意 截止:11月30日 18:00")
	w.flush()
	now := w.clock.Now()
	for i := 0; i < 60; i++ { // a second page of the board
		r := &linli.Report{Reporter: "居民", Category: "环境卫生", Description: "楼道堆物", Status: linli.ReportSubmitted,
			Grid: "第二网格", CreatedAt: now, SLAStart: now, Deadline: now.Add(24 * time.Hour)}
		if err := w.app.db.CreateReport(r, nil); err != nil {
			t.Fatal(err)
		}
	}
	shots := screenshotDir(t)
	photo := filepath.Join(t.TempDir(), "修好了.png")
	writePNG(t, photo)

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox,
		chromedp.WindowSize(1280, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil { // starts the browser, without a timeout
		t.Fatalf("start %s: %v", bin, err)
	}
	ctx, cancel = context.WithTimeout(ctx, 30*time.Second)
	defer cancel()

	shotWith := func(name string, capture chromedp.Action[[]byte]) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			buf, err := capture(ctx, tg)
			if err != nil {
				return err
			}
			path := filepath.Join(shots, name+".png")
			t.Logf("screenshot %s", path)
			return os.WriteFile(path, buf, 0o644)
		})
	}
	shot := func(name string) chromedp.Action[chromedp.Void] { return shotWith(name, chromedp.FullScreenshot(100)) }
	run := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("read %s: %v", sel, err)
		}
		return strings.TrimSpace(s)
	}

	link, _ := w.link("李社工")
	if link == "" {
		t.Fatal("no link for 李社工")
	}
	run("login", chromedp.Navigate(link), shot("01-login"), chromedp.Click(chromedp.CSS("#enter")),
		chromedp.WaitVisible(chromedp.CSS("#new-today")), shot("02-overview"))
	if h := text("h1"); h != "总览" {
		t.Errorf("after login the page is %q, want 总览", h)
	}

	run("board", chromedp.Navigate(w.srv.URL+"/reports"), chromedp.WaitVisible(chromedp.CSS("#r62")), shot("03-board"))
	if got := text("#total"); got != "62" {
		t.Errorf("the board counts %s open reports, want 62", got)
	}
	run("page 2", chromedp.Click(chromedp.CSS("#next")), chromedp.WaitVisible(chromedp.CSS("#r1")))
	if got := text("p.count"); !strings.Contains(got, "第 2/2 页") {
		t.Errorf("page 2 says %q", got)
	}

	run("受理", chromedp.Navigate(w.srv.URL+"/reports/1"), chromedp.WaitVisible(chromedp.CSS("#accept")), shot("04-report"),
		chromedp.Click(chromedp.CSS("#accept")), chromedp.WaitVisible(chromedp.CSS("#flash")))
	if got := text("#status"); !strings.Contains(got, "处理中") {
		t.Errorf("after 受理 the status reads %q", got)
	}
	if !told(w.flush(), "3-502 张阿姨", "已由网格员受理") {
		t.Error("the resident was not told of the 受理 in chat")
	}
	run("办结", chromedp.SendKeys(chromedp.CSS("#resolve-note"), "灯已更换"),
		chromedp.SetUploadFiles(chromedp.CSS("#resolve-photo"), []string{photo}),
		chromedp.Click(chromedp.CSS("#resolve")), chromedp.WaitVisible(chromedp.CSS("#flash")),
		chromedp.WaitVisible(chromedp.CSS(".photos img")), shot("05-resolved"))
	if got := text("#status"); !strings.Contains(got, "已办结") {
		t.Errorf("after 办结 the status reads %q", got)
	}
	out := w.flush()
	if !told(out, "3-502 张阿姨", "已办结") {
		t.Errorf("the resident was not told of the 办结: %q", texts(out))
	}
	photoSent := false
	for _, o := range out {
		photoSent = photoSent || o.Media != nil && (o.To.User == "3-502 张阿姨" || slicesContains(o.Mention, "3-502 张阿姨"))
	}
	if !photoSent {
		t.Errorf("the resident did not get the 办结 photo: %q", texts(out))
	}

	run("activity", chromedp.Navigate(w.srv.URL+"/activities/1"), chromedp.WaitVisible(chromedp.CSS("#close")), shot("06-activity"),
		chromedp.Click(chromedp.CSS("#close")), chromedp.WaitVisible(chromedp.CSS("#flash")), shot("07-activity-closed"))
	if got := text("#status"); got != "已截止" {
		t.Errorf("after 截止报名 the activity reads %q", got)
	}
	w.flush()
	run("polls", chromedp.Navigate(w.srv.URL+"/polls"), chromedp.WaitVisible(chromedp.CSS("table")), shot("08-polls"))
	if got := text("table"); !strings.Contains(got, "加装电梯") {
		t.Errorf("the polls page lacks the poll: %q", got)
	}
	run("poll", chromedp.Click(chromedp.CSS(`a[href="/polls/1"]`)), chromedp.WaitVisible(chromedp.CSS("#thresholds")), shot("09-poll"))
	run("other pages",
		chromedp.Navigate(w.srv.URL+"/residents"), chromedp.WaitVisible(chromedp.CSS("#resident-total")), shot("10-residents"),
		chromedp.Navigate(w.srv.URL+"/notices"), chromedp.WaitVisible(chromedp.CSS("#notice-content")),
		chromedp.Click(chromedp.CSS(`input[name="group"]`)), chromedp.SendKeys(chromedp.CSS("#notice-content"), "明天上午停水，请提前储水。"),
		chromedp.Click(chromedp.CSS("#preview")), chromedp.WaitVisible(chromedp.CSS("#preview-text")), shot("11-notice-preview"),
		chromedp.Navigate(w.srv.URL+"/stats"), chromedp.WaitVisible(chromedp.CSS("#stat-total")), shot("12-stats"))
	if got := text("#stat-total"); got != "62" {
		t.Errorf("统计 counts %s reports this month, want 62", got)
	}

	// 居民与户: upload the owners' register, read the preview, confirm it;
	// then a 绑定 that does not match the register waits on the page, and
	// 同意 tells the resident in chat.
	register, err := filepath.Abs("testdata/register/households.csv")
	if err != nil {
		t.Fatal(err)
	}
	bad, err := filepath.Abs("testdata/register/bad.csv")
	if err != nil {
		t.Fatal(err)
	}
	run("register with bad rows", chromedp.Navigate(w.srv.URL+"/residents"), chromedp.WaitVisible(chromedp.CSS("#register-file")),
		chromedp.SetUploadFiles(chromedp.CSS("#register-file"), []string{bad}),
		chromedp.Click(chromedp.CSS("#register-upload")), chromedp.WaitVisible(chromedp.CSS("#problems")), shot("15-register-bad-rows"))
	if got := text("#problems"); !strings.Contains(got, "第4行：3栋502 的建筑面积「很大」不是数字") {
		t.Errorf("the bad rows read %q", got)
	}
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#register-confirm").length`)); err != nil || n != 0 {
		t.Errorf("a register with bad rows offers 确认导入 (%d, %v)", n, err)
	}
	run("register upload", chromedp.Click(chromedp.CSS("#register-cancel")), chromedp.WaitVisible(chromedp.CSS("#register-file")),
		chromedp.SetUploadFiles(chromedp.CSS("#register-file"), []string{register}), shot("16-register-upload"),
		chromedp.Click(chromedp.CSS("#register-upload")), chromedp.WaitVisible(chromedp.CSS("#preview-summary")), shot("17-register-preview"))
	if got := text("#n-new"); got != "4" {
		t.Errorf("the preview shows %s new households, want 4", got)
	}
	if got := text("#new"); strings.Contains(got, "13900000001") || !strings.Contains(got, "****0001") {
		t.Errorf("the preview's phone numbers are not masked: %q", got)
	}
	if n, _, _ := w.app.db.RegisterTotals(); n != 0 {
		t.Error("the register was imported before 确认导入")
	}
	run("register confirm", chromedp.Click(chromedp.CSS("#register-confirm")), chromedp.WaitVisible(chromedp.CSS("#flash")), shot("18-register-imported"))
	if got := text("#register-total"); !strings.Contains(got, "名册共 4 户") {
		t.Errorf("after 确认导入 居民与户 says %q", got)
	}
	if n, _, _ := w.app.db.RegisterTotals(); n != 4 {
		t.Errorf("after 确认导入 the register holds %d households, want 4", n)
	}
	w.say("幸福里1期居民群/3-501 小王: 绑定 3栋501")
	if out := w.flush(); !told(out, "3-501 小王", "已收到您的绑定申请") {
		t.Fatalf("小王's 绑定 did not wait for staff: %q", texts(out))
	}
	run("bind approve", chromedp.Navigate(w.srv.URL+"/residents?q="), chromedp.WaitVisible(chromedp.CSS("#bind1")), shot("19-bind-pending"),
		chromedp.Click(chromedp.CSS("#approve1")), chromedp.WaitVisible(chromedp.CSS("#flash")), shot("20-bind-approved"))
	if got := text("#flash"); !strings.Contains(got, "已同意绑定申请#1") {
		t.Errorf("after 同意 the page says %q", got)
	}
	if out := w.flush(); !told(out, "3-501 小王", "您的绑定申请已由社工核实通过") {
		t.Errorf("小王 was not told of the approval in chat: %q", texts(out))
	}
	run("logout", chromedp.Navigate(w.srv.URL+"/"), chromedp.Click(chromedp.CSS("header .who button")),
		chromedp.WaitVisible(chromedp.CSS(".message")))

	// A grid worker: their grid only, and no 总览.
	link, _ = w.link("刘网格")
	run("worker login", chromedp.Navigate(link), chromedp.Click(chromedp.CSS("#enter")),
		chromedp.WaitVisible(chromedp.CSS("#board")), shot("13-worker-board"))
	first, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#r1") !== null`))
	if err != nil {
		t.Fatal(err)
	}
	if first {
		t.Error("刘网格 (第二网格) sees 第一网格's report #1")
	}
	if got := text("#total"); got != "61" {
		t.Errorf("刘网格's board counts %s, want 61 (第二网格's)", got)
	}

	// On a phone: the board fits the screen's width (no sideways scrolling).
	run("phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)),
		chromedp.Navigate(w.srv.URL+"/reports"), chromedp.WaitVisible(chromedp.CSS("#board")), shotWith("14-phone-board", chromedp.CaptureScreenshot()))
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 2`))
	if err != nil {
		t.Fatal(err)
	}
	if wide {
		t.Error("on a 390-pixel phone the board is wider than the screen")
	}
}

// told reports whether who was sent a message containing s.
func told(outs []linli.Outgoing, who, s string) bool {
	for _, o := range outs {
		if (o.To.User == who || slicesContains(o.Mention, who)) && strings.Contains(o.Text, s) {
			return true
		}
	}
	return false
}

func writePNG(t *testing.T, path string) {
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for x := 0; x < 40; x++ {
		for y := 0; y < 30; y++ {
			img.Set(x, y, color.RGBA{uint8(x * 6), 120, uint8(y * 8), 255})
		}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}
