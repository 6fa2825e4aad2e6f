package main

import (
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"linli"
)

//go:embed demo.toml
var demoConfig string

// loadConfig reads and validates path, or the built-in demo community when
// path is "". Unknown keys are reported by name.
func loadConfig(path string) (*linli.Config, error) {
	var cfg linli.Config
	var md toml.MetaData
	var err error
	text := demoConfig
	if path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("读取配置文件失败: %w", err)
		}
		text = string(data)
	}
	md, err = toml.Decode(quoteUnicodeKeys(text), &cfg)
	if err != nil {
		return nil, fmt.Errorf("配置文件 %s 格式错误: %w", nameOr(path), err)
	}
	if undec := md.Undecoded(); len(undec) > 0 {
		keys := make([]string, len(undec))
		for i, k := range undec {
			keys[i] = k.String()
		}
		sort.Strings(keys)
		return nil, fmt.Errorf("配置文件 %s 有无法识别的键: %s", nameOr(path), strings.Join(keys, ", "))
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("配置文件 %s: %w", nameOr(path), err)
	}
	if path != "" {
		if err := resolvePaths(&cfg, path); err != nil {
			return nil, err
		}
	}
	return &cfg, nil
}

// resolvePaths makes every relative path of cfg relative to the directory
// of the configuration file at path, not to the working directory: started
// from elsewhere (systemd, cron, another shell) linli still uses the same
// database. An empty db is linli.db there.
func resolvePaths(cfg *linli.Config, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("配置文件 %s: %w", path, err)
	}
	dir := filepath.Dir(abs)
	if cfg.DB == "" {
		cfg.DB = "linli.db"
	}
	for _, p := range []*string{&cfg.DB, &cfg.Backup.Dir, &cfg.Log.File, &cfg.NLU.DictDir, &cfg.NLU.UserDict,
		&cfg.WeChat.HotLogin, &cfg.WeChat.QRCodePNG, &cfg.WeChat.MediaDir} {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
	return nil
}

func nameOr(path string) string {
	if path == "" {
		return "(内置演示社区)"
	}
	return path
}
