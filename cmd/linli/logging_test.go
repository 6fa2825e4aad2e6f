package main

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLoggerLevelZoneAndFile(t *testing.T) {
	cfg, err := loadConfig("")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Log.File = filepath.Join(t.TempDir(), "logs", "linli.log")
	var stderr bytes.Buffer
	log, closer, err := newLogger(cfg, "warn", &stderr)
	if err != nil {
		t.Fatal(err)
	}
	log.Info("不该出现")
	log.Warn("数据库很慢", "ms", 900)
	closer.Close()
	file, err := os.ReadFile(cfg.Log.File)
	if err != nil {
		t.Fatal(err)
	}
	for _, got := range []string{stderr.String(), string(file)} {
		if strings.Contains(got, "不该出现") || !strings.Contains(got, "msg=数据库很慢 ms=900") {
			t.Errorf("level warn wrote:\n%s", got)
		}
		if !strings.Contains(got, "+08:00 level=WARN") {
			t.Errorf("time not in Asia/Shanghai:\n%s", got)
		}
	}
	if _, _, err := newLogger(cfg, "loud", &stderr); err == nil || !strings.Contains(err.Error(), "可用: debug info warn error") {
		t.Errorf("bad level: %v", err)
	}
	if got := zoneTime(cfg.Location)(nil, timeAttr(time.Date(2026, 12, 7, 23, 0, 0, 0, time.UTC))).Value.String(); got != "2026-12-08T07:00:00.000+08:00" {
		t.Errorf("zoneTime: %s", got)
	}
	// Time attributes too: the red team read lost_at=…Z on a +08:00 line.
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{ReplaceAttr: zoneTime(cfg.Location)})).
		Warn("连接已恢复", "lost_at", time.Date(2026, 12, 8, 0, 6, 35, 510e6, time.UTC), "down", time.Minute)
	if !strings.Contains(buf.String(), "lost_at=2026-12-08T08:06:35.510+08:00") {
		t.Errorf("time attribute not in the configured zone: %s", buf.String())
	}
}

func timeAttr(t time.Time) slog.Attr { return slog.Time(slog.TimeKey, t) }
