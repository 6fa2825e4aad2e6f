package main

import (
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"linli"
)

const exampleConfig = "../../linli.example.toml"

// linli.example.toml loads and validates, sets every key of linli.Config,
// comments each key in Chinese and English, and its notices can be
// scheduled once enabled.
func TestExampleConfig(t *testing.T) {
	cfg, err := loadConfig(exampleConfig)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Notices) < 2 {
		t.Fatalf("example has %d [[notices]], want the 邻里节 and 党员志愿服务日 examples", len(cfg.Notices))
	}
	for _, n := range cfg.Notices {
		if n.Enabled {
			t.Errorf("notice %q is enabled; examples must be off by default", n.Name)
		}
	}

	var raw map[string]any
	md, err := toml.DecodeFile(exampleConfig, &raw)
	if err != nil {
		t.Fatal(err)
	}
	defined := map[string]bool{}
	for _, k := range md.Keys() {
		defined[strings.Join(k, ".")] = true
	}
	for _, key := range configKeys(reflect.TypeOf(linli.Config{}), "") {
		if !defined[key] {
			t.Errorf("linli.example.toml does not set %s", key)
		}
	}

	data, err := os.ReadFile(exampleConfig)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	keyLine := regexp.MustCompile(`^\s*("[^"]+"|[A-Za-z0-9_]+)\s*=`)
	han := regexp.MustCompile(`\p{Han}`)
	latin := regexp.MustCompile(`[A-Za-z]{3}`)
	for i, l := range lines {
		if !keyLine.MatchString(l) {
			continue
		}
		comment := ""
		if j := strings.LastIndex(l, "# "); j > 0 {
			comment = l[j:]
		}
		if end := multiLineEnd(lines, i); end != i {
			comment = lines[end]
		}
		if comment == "" {
			for j := i - 1; j >= 0 && strings.HasPrefix(lines[j], "#"); j-- {
				comment = lines[j] + comment
			}
		}
		if !han.MatchString(comment) || !latin.MatchString(comment) {
			t.Errorf("line %d %q lacks a Chinese and English comment", i+1, l)
		}
	}

	for i := range cfg.Notices {
		cfg.Notices[i].Enabled = true
	}
	a, err := newApp(cfg, linli.NewSimClock(scriptStart(t, cfg)), slog.New(slog.NewTextHandler(io.Discard, nil)),
		appOptions{dbPath: filepath.Join(t.TempDir(), "t.db")})
	if err != nil {
		t.Fatalf("enabling the example notices: %v", err)
	}
	defer a.Close()
	jobs, err := a.sched.Jobs(linli.JobNotice)
	if err != nil || len(jobs) != len(cfg.Notices) {
		t.Fatalf("scheduled %d notices (%v), want %d", len(jobs), err, len(cfg.Notices))
	}
}

// multiLineEnd returns the line where a """ string opened on line i closes
// (i itself when it does not open one).
func multiLineEnd(lines []string, i int) int {
	if strings.Count(lines[i], `"""`) != 1 {
		return i
	}
	for j := i + 1; j < len(lines); j++ {
		if strings.Contains(lines[j], `"""`) {
			return j
		}
	}
	return i
}

// configKeys lists the dotted TOML keys of the struct type t: fields, the
// fields of tables and arrays of tables, and map-valued tables themselves.
func configKeys(t reflect.Type, prefix string) []string {
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		tag := strings.Split(f.Tag.Get("toml"), ",")[0]
		if tag == "" || tag == "-" {
			continue
		}
		key := prefix + tag
		ft := f.Type
		if ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct && ft != reflect.TypeOf(linli.Duration(0)) {
			out = append(out, configKeys(ft, key+".")...)
			continue
		}
		out = append(out, key)
	}
	return out
}
