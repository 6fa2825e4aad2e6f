package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var (
	builtOnce sync.Once
	builtPath string
	builtErr  error
)

// linliBinary builds cmd/linli once per test run (go build, as the README
// says) and returns its path.
func linliBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	builtOnce.Do(func() {
		dir, err := os.MkdirTemp("", "linli-bin-")
		if err != nil {
			builtErr = err
			return
		}
		builtPath = filepath.Join(dir, "linli")
		out, err := exec.Command("go", "build", "-o", builtPath, ".").CombinedOutput()
		if err != nil {
			builtErr = &buildError{out: string(out), err: err}
		}
	})
	if builtErr != nil {
		t.Fatal(builtErr)
	}
	return builtPath
}

type buildError struct {
	out string
	err error
}

func (e *buildError) Error() string { return "go build: " + e.err.Error() + "\n" + e.out }

// A build without cgo (no C compiler: Go turns cgo off by itself) fails
// with a first error that says what is missing, not "undefined:
// gojieba.Jieba".
func TestBuildWithoutCgoNamesTheCompiler(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles nlu without cgo")
	}
	cmd := exec.Command("go", "build", "-o", os.DevNull, "linli/nlu")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatal("nlu built without cgo")
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 2 || !strings.Contains(lines[1], "需要C和C加加编译器_请安装gcc和g加加") {
		t.Fatalf("the first error does not name the compiler:\n%s", out)
	}
}

// Started from another directory with --config /abs/linli.toml, `linli run`
// uses the database next to the configuration file (db = "data/linli.db"),
// says its version, and with no WeChat server says so in words, retrying.
func TestRunFromElsewhereUsesTheConfigDirectory(t *testing.T) {
	bin := linliBinary(t)
	confDir, elsewhere := t.TempDir(), t.TempDir()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().String()
	l.Close()
	demo, err := os.ReadFile("demo.toml")
	if err != nil {
		t.Fatal(err)
	}
	conf := "db = \"data/linli.db\"\n" + stripKey(string(demo), "db") + "\n[log]\nfile = \"logs/linli.log\"\n"
	confPath := filepath.Join(confDir, "linli.toml")
	if err := os.WriteFile(confPath, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "run", "--config", confPath, "--wechat-server", "http://"+closed)
	cmd.Dir = elsewhere
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var seen bytes.Buffer
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		seen.WriteString(sc.Text() + "\n")
		if strings.Contains(sc.Text(), "无法连接微信服务器（连接被拒绝），") {
			break
		}
	}
	cmd.Process.Signal(syscall.SIGTERM)
	for sc.Scan() { // the rest, until linli run closes stderr on exit
		seen.WriteString(sc.Text() + "\n")
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("linli run: %v\n%s", err, seen.String())
	}
	if !strings.Contains(seen.String(), "秒后重试") {
		t.Fatalf("no retry said in words:\n%s", seen.String())
	}
	if !strings.Contains(seen.String(), "msg=邻里通启动 version=") {
		t.Errorf("no version at start:\n%s", seen.String())
	}
	if _, err := os.Stat(filepath.Join(confDir, "data", "linli.db")); err != nil {
		t.Errorf("database not next to the config: %v\n%s", err, seen.String())
	}
	if entries, _ := os.ReadDir(elsewhere); len(entries) != 0 {
		t.Errorf("files left in the working directory: %v", entries)
	}
	logged, err := os.ReadFile(filepath.Join(confDir, "logs", "linli.log"))
	if err != nil || !strings.Contains(string(logged), "无法连接微信服务器") {
		t.Errorf("log file next to the config: %v\n%s", err, logged)
	}
	if !strings.Contains(string(logged), "+08:00 level=") {
		t.Errorf("log times not in the community's zone (Asia/Shanghai):\n%s", logged)
	}
}

// stripKey drops top-level `key = …` lines from a TOML text.
func stripKey(toml, key string) string {
	var out []string
	for _, l := range strings.Split(toml, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), key+" ") || strings.HasPrefix(strings.TrimSpace(l), key+"=") {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}
