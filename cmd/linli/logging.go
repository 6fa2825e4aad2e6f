package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"gopkg.in/natefinch/lumberjack.v2"

	"linli"
)

// logTimeLayout is how log records show their time: in the configured
// zone, with its offset, so a log read elsewhere is unambiguous.
const logTimeLayout = "2006-01-02T15:04:05.000-07:00"

// newLogger is the operator's log of `linli run`: text records (the same
// structured fields as before) on stderr and, with [log] file, also in
// that file, rotated by lumberjack at [log] max_size_mb keeping
// max_backups old files. level ("" = [log] level) is one of
// linli.LogLevels. Close the returned closer when done.
func newLogger(cfg *linli.Config, level string, stderr io.Writer) (*slog.Logger, io.Closer, error) {
	if level == "" {
		level = cfg.Log.Level
	}
	lv, err := parseLevel(level)
	if err != nil {
		return nil, nil, err
	}
	w := stderr
	var closer io.Closer = io.NopCloser(nil)
	if cfg.Log.File != "" {
		if err := os.MkdirAll(filepath.Dir(cfg.Log.File), 0o750); err != nil {
			return nil, nil, fmt.Errorf("无法创建日志目录 %s（%s）", filepath.Dir(cfg.Log.File), plainOSError(err))
		}
		f, err := os.OpenFile(cfg.Log.File, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o640)
		if err != nil {
			return nil, nil, fmt.Errorf("无法写入日志文件 %s（%s）", cfg.Log.File, plainOSError(err))
		}
		f.Close()
		lj := &lumberjack.Logger{Filename: cfg.Log.File, MaxSize: cfg.Log.MaxSizeMB, MaxBackups: cfg.Log.MaxBackups, LocalTime: true}
		w, closer = io.MultiWriter(stderr, lj), lj
	}
	h := slog.NewTextHandler(w, &slog.HandlerOptions{Level: lv, ReplaceAttr: zoneTime(cfg.Location)})
	return slog.New(h), closer, nil
}

// parseLevel reads a level name of linli.LogLevels.
func parseLevel(s string) (slog.Level, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if !slices.Contains(linli.LogLevels, s) {
		return 0, fmt.Errorf("日志级别 %q 无效（可用: %s）", s, strings.Join(linli.LogLevels, " "))
	}
	var lv slog.Level
	return lv, lv.UnmarshalText([]byte(s))
}

// zoneTime shows record times, and every time attribute (lost_at,
// failing_since), in loc (the community's zone, not UTC or the server's).
func zoneTime(loc *time.Location) func([]string, slog.Attr) slog.Attr {
	return func(groups []string, a slog.Attr) slog.Attr {
		if loc == nil || a.Value.Kind() != slog.KindTime {
			return a
		}
		t := a.Value.Time().In(loc)
		if a.Key == slog.TimeKey && len(groups) == 0 {
			return slog.String(slog.TimeKey, t.Format(logTimeLayout))
		}
		return slog.String(a.Key, t.Format(logTimeLayout))
	}
}
