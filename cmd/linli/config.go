package main

import (
	_ "embed"
	"fmt"
	"os"
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
	return &cfg, nil
}

func nameOr(path string) string {
	if path == "" {
		return "(内置演示社区)"
	}
	return path
}
