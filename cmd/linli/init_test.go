package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestInitNonInteractive(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "conf", "linli.toml")
	args := []string{"init", "--yes", "--out", out, "--community", "幸福里社区", "--groups", "幸福里1期居民群，幸福里2期居民群",
		"--staff-group", "幸福里工作群", "--staff", "李社工", "--supervisor", "赵主任",
		"--grid", "第一网格:1栋,2栋:王网格", "--grid", "第二网格:3栋:刘网格:钱主任", "--sla", "安全隐患=2h"}
	var stdout, stderr bytes.Buffer
	if code := run(args, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	cfg, err := loadConfig(out)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Community != "幸福里社区" || len(cfg.Groups) != 2 || cfg.StaffGroup != "幸福里工作群" || len(cfg.Staff) != 2 || len(cfg.Grids) != 2 {
		t.Fatalf("config %+v", cfg)
	}
	if g := cfg.Grids[0]; g.Supervisor != "赵主任" || !g.Default || strings.Join(g.Buildings, " ") != "1栋 2栋" {
		t.Errorf("first grid %+v", g)
	}
	if g := cfg.Grids[1]; g.Supervisor != "钱主任" || g.Default {
		t.Errorf("second grid %+v", g)
	}
	if time.Duration(cfg.SLA["安全隐患"]) != 2*time.Hour || time.Duration(cfg.SLA["设施维修"]) != 48*time.Hour {
		t.Errorf("sla %v", cfg.SLA)
	}
	if cfg.DB != filepath.Join(dir, "conf", "linli.db") {
		t.Errorf("db %q: not next to the config", cfg.DB)
	}
	text, _ := os.ReadFile(out)
	if !strings.Contains(string(text), "# 社区名称") {
		t.Errorf("no comments:\n%s", text)
	}

	// It never overwrites, and says so.
	stderr.Reset()
	if code := run(args, strings.NewReader(""), &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "已存在，不会覆盖") {
		t.Errorf("second init: exit %d, %q", code, stderr.String())
	}
}

func TestInitRefusesWhatWouldNotLoad(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "linli.toml")
	var stdout, stderr bytes.Buffer
	// An unknown zone: the loader's own check refuses it; nothing is written.
	code := run([]string{"init", "--yes", "--out", out, "--community", "社区", "--groups", "一群", "--staff", "李社工",
		"--grid", "甲:3栋:王网格", "--timezone", "Mars/Olympus"}, strings.NewReader(""), &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "生成的配置无效") || !strings.Contains(stderr.String(), "例如 \"Asia/Shanghai\"") {
		t.Fatalf("exit %d, %q", code, stderr.String())
	}
	if strings.Contains(stderr.String(), ".linli-init-") || !strings.Contains(stderr.String(), "配置文件 "+out) {
		t.Errorf("the error names a temporary file, not %s: %q", out, stderr.String())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files left: %v", entries)
	}
	stderr.Reset()
	if code := run([]string{"init", "--yes", "--out", out}, strings.NewReader(""), &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "--community、--groups") {
		t.Errorf("--yes without answers: exit %d, %q", code, stderr.String())
	}
}

// TestInitRefusesOnePersonTwice: the red team made 李社工 staff twice and
// 主任 at once (three [[staff]] entries, "已检查无误"), by flags and by
// answers; a building in two grids was refused only after all questions.
// Each answer is now checked when given and its question asked again; piped
// empty answers end with an error instead of asking forever.
func TestInitRefusesOnePersonTwice(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "linli.toml")
	for _, flags := range [][]string{
		{"--staff", "李社工", "--supervisor", "李社工", "--grid", "第一网格:1栋:李社工"},
		{"--staff", "李社工,李社工", "--grid", "第一网格:1栋:李社工"},
		{"--staff", "李社工", "--grid", "甲:3栋:王网格", "--grid", "乙:3栋:刘网格"},
	} {
		var stdout, stderr bytes.Buffer
		args := append([]string{"init", "--yes", "--out", out, "--community", "社区", "--groups", "一群"}, flags...)
		if code := run(args, strings.NewReader(""), &stdout, &stderr); code != 2 {
			t.Errorf("%v: exit %d, %q", flags, code, stderr.String())
		}
	}
	answers := strings.Join([]string{"幸福里社区", "一群", "", "李社工，李社工", "李社工", "李社工", "赵主任",
		"甲:3栋:王网格", "乙:3栋:刘网格", "乙:4栋:刘网格", "", ""}, "\n") + "\n"
	var stdout, stderr bytes.Buffer
	if code := run([]string{"init", "--out", out}, strings.NewReader(answers), &stdout, &stderr); code != 0 {
		t.Fatalf("wizard: exit %d, %s", code, stderr.String())
	}
	for _, reason := range []string{"社工 李社工 写了两次 ——请重新回答", "李社工 已是社工，不能同时是主任", "3栋 已属于网格 甲"} {
		if !strings.Contains(stderr.String(), reason) {
			t.Errorf("the wizard did not say %q:\n%s", reason, stderr.String())
		}
	}
	conf, _ := os.ReadFile(out)
	if n := strings.Count(string(conf), "李社工"); n != 1 {
		t.Errorf("李社工 appears %d times in the configuration:\n%s", n, conf)
	}
	os.Remove(out)
	stderr.Reset()
	if code := run([]string{"init", "--out", out}, strings.NewReader(strings.Repeat("\n", 1000)), &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "连续 3 次") {
		t.Errorf("piped empty answers: exit %d, %q", code, stderr.String())
	}
}

// The wizard asks a question at a time; a bad grid line is asked again.
func TestInitWizard(t *testing.T) {
	out := filepath.Join(t.TempDir(), "linli.toml")
	answers := strings.Join([]string{
		"阳光社区",           // 社区名称
		"阳光1群、阳光2群",      // 居民群
		"",               // 工作群: none
		"孙社工",            // 社工
		"",               // 主任: none
		"第一网格 1栋",        // bad: asked again
		"第一网格:1栋,2栋:周网格", // grid
		"",               // end of grids
		"default=48h",    // SLA
	}, "\n") + "\n"
	var stdout, stderr bytes.Buffer
	if code := run([]string{"init", "--out", out}, strings.NewReader(answers), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "写法不对") {
		t.Errorf("bad grid line not explained: %s", stderr.String())
	}
	cfg, err := loadConfig(out)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Community != "阳光社区" || strings.Join(cfg.Groups, "|") != "阳光1群|阳光2群" || cfg.StaffGroup != "" ||
		len(cfg.Grids) != 1 || cfg.Grids[0].Worker != "周网格" || time.Duration(cfg.SLA["default"]) != 48*time.Hour {
		t.Errorf("config %+v", cfg)
	}

	// Input ending before a required answer writes nothing.
	out2 := filepath.Join(t.TempDir(), "linli.toml")
	stderr.Reset()
	if code := run([]string{"init", "--out", out2}, strings.NewReader("只有社区名\n"), &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "输入已结束") {
		t.Errorf("exit %d, %q", code, stderr.String())
	}
	if _, err := os.Stat(out2); err == nil {
		t.Error("a half-answered wizard wrote a file")
	}
}
