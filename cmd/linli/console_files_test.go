package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// With --files, the xlsx a staff member asks for is written to that folder
// and the output line says where; without it (every scenario) the output
// is as before.
func TestConsoleSavesFilesTheBotSends(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "文件")
	script := "李社工: 发布活动 健康讲座 时间:明天下午3点 地点:社区活动中心 名额:30\n" +
		"幸福里1期居民群/3-502 张阿姨: 报名 1\n李社工: 导出 报名 1\n"
	var out, errb bytes.Buffer
	if code := run([]string{"console", "--files", dir}, strings.NewReader(script), &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	saved := filepath.Join(dir, "报名表-1.xlsx")
	if !strings.Contains(out.String(), "[私聊 李社工] [文件] 报名表-1.xlsx（已保存到 "+saved+"）") {
		t.Errorf("output does not name the saved file:\n%s", out.String())
	}
	if b, err := os.ReadFile(saved); err != nil || !bytes.HasPrefix(b, []byte("PK")) {
		t.Errorf("saved xlsx: %v", err)
	}
	out.Reset()
	if code := run([]string{"console"}, strings.NewReader(script), &out, &errb); code != 0 {
		t.Fatal(code)
	}
	if !strings.Contains(out.String(), "[私聊 李社工] [文件] 报名表-1.xlsx\n") {
		t.Errorf("without --files the line changed:\n%s", out.String())
	}
}

func TestConsoleBannerSaysWhichClock(t *testing.T) {
	cfg, _ := loadConfig("")
	at := time.Date(2026, 12, 8, 9, 30, 0, 0, cfg.Location)
	if b := consoleBanner(cfg, at, true, "/tmp/f"); !strings.Contains(b, "模拟时钟跟着真实时间走（现在 2026-12-08 09:30）") || !strings.Contains(b, "/tmp/f") {
		t.Errorf("real-time banner:\n%s", b)
	}
	if b := consoleBanner(cfg, at, false, ""); !strings.Contains(b, "模拟时钟固定在 2026-12-08 09:30（--clock）") {
		t.Errorf("pinned banner:\n%s", b)
	}
}
