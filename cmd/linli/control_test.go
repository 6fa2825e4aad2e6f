package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"linli/bot/wxfake"
	"linli/storage"
)

// While `linli run` serves the fake WeChat server, `linli export` and
// `linli backup` (other processes) work through its control socket: the
// export holds what the bot recorded a moment ago and the backup passes
// the integrity check. Once it stops, they open the file themselves.
func TestExportAndBackupWhileRunning(t *testing.T) {
	bin := linliBinary(t)
	srv := wxfake.New(wxfake.Options{
		Groups: []wxfake.Group{
			{Topic: "幸福里1期居民群", Members: []wxfake.Member{{NickName: "张阿姨", DisplayName: "3-502 张阿姨"}}},
			{Topic: "幸福里工作群", Members: []wxfake.Member{{NickName: "李社工"}}},
		},
		Friends:     []wxfake.Friend{{NickName: "李社工", RemarkName: "李社工"}, {NickName: "王网格", RemarkName: "王网格"}, {NickName: "赵主任", RemarkName: "赵主任"}}, // staff by 备注
		SyncHold:    200 * time.Millisecond,
		AutoConfirm: true, // the QR code is scanned at once
	})
	defer srv.Close()
	dir := t.TempDir()
	conf := writeConfig(t, dir, "linli.db")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "run", "--config", conf, "--wechat-server", srv.URL(), "--log-level", "debug")
	cmd.Dir = t.TempDir()
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := make(chan string, 1000)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var seen strings.Builder
	waitLog := func(want string) {
		t.Helper()
		for l := range lines {
			seen.WriteString(l + "\n")
			if strings.Contains(l, want) {
				return
			}
		}
		t.Fatalf("linli run ended before logging %q:\n%s", want, seen.String())
	}
	waitLog("控制套接字已就绪")
	waitLog("微信已登录")

	// A staff member publishes an activity: the bot writes it.
	// A month ahead of the real clock (linli run's): a start over a year
	// away is refused.
	when := time.Now().AddDate(0, 1, 0).Format("2006-01-02")
	srv.Inject(wxfake.PrivateText{From: "李社工", Text: "发布活动 健康讲座 时间:" + when + " 15:00 地点:社区活动中心 名额:30"})
	waitLog("command=发布活动") // bot.Logging, at debug level

	if st, err := os.Stat(filepath.Join(dir, "linli.db.sock")); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("control socket: %v, %v", st, err)
	}
	out, err := exec.Command(bin, "export", "activities", "--config", conf).Output()
	if err != nil {
		t.Fatalf("export while running: %v: %s", err, stderrOf(err))
	}
	var acts []map[string]any
	if err := json.Unmarshal(out, &acts); err != nil || len(acts) != 1 || acts[0]["title"] != "健康讲座" {
		t.Fatalf("export while running: %v\n%s", err, out)
	}
	xlsx := filepath.Join(t.TempDir(), "导出", "活动.xlsx")
	if out, err := exec.Command(bin, "export", "activities", "--config", conf, "--format", "xlsx", "--out", xlsx).CombinedOutput(); err != nil {
		t.Fatalf("xlsx export while running: %v\n%s", err, out)
	}
	if b, err := os.ReadFile(xlsx); err != nil || !strings.HasPrefix(string(b), "PK") {
		t.Fatalf("xlsx: %v", err)
	}
	backup := filepath.Join(t.TempDir(), "备份", "linli.db")
	msg, err := exec.Command(bin, "backup", "--config", conf, "--out", backup).CombinedOutput()
	if err != nil || !strings.Contains(string(msg), "取自运行中的 linli") {
		t.Fatalf("backup while running: %v\n%s", err, msg)
	}
	if err := storage.Check(backup); err != nil {
		t.Fatalf("backup fails the integrity check: %v", err)
	}
	db, err := storage.Open(backup)
	if err != nil {
		t.Fatal(err)
	}
	acts2, err := db.Activities()
	db.Close()
	if err != nil || len(acts2) != 1 {
		t.Fatalf("backup holds %d activities, %v", len(acts2), err)
	}

	cmd.Process.Signal(syscall.SIGTERM)
	for range lines {
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("linli run: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "linli.db.sock")); err == nil {
		t.Error("control socket left behind")
	}
	// Stopped: the same commands open the file.
	msg, err = exec.Command(bin, "backup", "--config", conf, "--out", backup+"2").CombinedOutput()
	if err != nil || strings.Contains(string(msg), "运行中") {
		t.Fatalf("backup after stop: %v\n%s", err, msg)
	}
	if err := storage.Check(backup + "2"); err != nil {
		t.Fatal(err)
	}
}

func stderrOf(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}
