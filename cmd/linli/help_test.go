package main

import (
	"bytes"
	"runtime/debug"
	"strings"
	"testing"
)

// Every subcommand's --help is Chinese, printed once, to stdout, with
// examples, and `linli help NAME` prints the same.
func TestHelpOncePerSubcommand(t *testing.T) {
	for _, s := range subcommands {
		t.Run(s.cmd.name, func(t *testing.T) {
			if s.cmd.name == "bench" {
				benchHelp(t)
				return
			}
			var out, errb bytes.Buffer
			if code := run([]string{s.cmd.name, "--help"}, strings.NewReader(""), &out, &errb); code != 0 {
				t.Fatalf("exit %d, stderr %q", code, errb.String())
			}
			if errb.Len() != 0 {
				t.Errorf("help also went to stderr: %q", errb.String())
			}
			help := out.String()
			if n := strings.Count(help, "用法: "); n != 1 {
				t.Errorf("用法 printed %d times:\n%s", n, help)
			}
			if !strings.Contains(help, "例:") {
				t.Errorf("no examples:\n%s", help)
			}
			for _, english := range []string{"Usage", "usage:", "(default", "flags"} {
				if strings.Contains(help, english) {
					t.Errorf("English %q in help:\n%s", english, help)
				}
			}
			var viaHelp bytes.Buffer
			run([]string{"help", s.cmd.name}, strings.NewReader(""), &viaHelp, &errb)
			if viaHelp.String() != help {
				t.Errorf("linli help %s differs from --help:\n%s\n---\n%s", s.cmd.name, viaHelp.String(), help)
			}
		})
	}
}

// benchHelp checks `linli help bench`, which runs the bench subcommand's
// own help (it has subcommands of its own).
func benchHelp(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"help", "bench"}, strings.NewReader(""), &out, &errb)
	if code == 2 && strings.Contains(errb.String(), "没有子命令") {
		t.Skip("linli bench is not wired on this branch")
	}
	if code != 0 || out.Len() == 0 || errb.Len() != 0 {
		t.Errorf("linli help bench: exit %d, stdout %q, stderr %q", code, out.String(), errb.String())
	}
}

func TestUnknownFlagsAndKindsInChinese(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"console", "--bogus"}, []string{"没有选项 -bogus", "--clock", "--config", "--db", "-v", "linli help console"}},
		{[]string{"backup", "--dbb", "x"}, []string{"没有选项 -dbb", "--out", "--config"}},
		{[]string{"export", "report"}, []string{`没有导出类型 "report"`, "signups", "reports"}},
		{[]string{"export"}, []string{"请指定导出类型", "activities"}},
		{[]string{"export", "signups", "--format", "pdf"}, []string{`未知的导出格式 "pdf"`, "xlsx"}},
		{[]string{"run", "--config"}, []string{"选项 -config 后面需要一个值"}},
		{[]string{"frobnicate"}, []string{`没有子命令 "frobnicate"`, "console", "run"}},
		{[]string{"help", "frobnicate"}, []string{`没有子命令 "frobnicate"`}},
	} {
		var out, errb bytes.Buffer
		code := run(tc.args, strings.NewReader(""), &out, &errb)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2", tc.args, code)
		}
		for _, w := range tc.want {
			if !strings.Contains(errb.String(), w) {
				t.Errorf("%v: stderr %q lacks %q", tc.args, errb.String(), w)
			}
		}
		if strings.Contains(errb.String(), "flag provided") || strings.Contains(errb.String(), "Usage") {
			t.Errorf("%v: English on stderr: %q", tc.args, errb.String())
		}
	}
}

func TestHelpListsEverySubcommand(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"help"}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, s := range subcommands {
		if !strings.Contains(out.String(), "  "+s.cmd.name+" ") {
			t.Errorf("linli help does not list %s:\n%s", s.cmd.name, out.String())
		}
	}
}

func TestVersionOf(t *testing.T) {
	vcs := func(kv ...string) *debug.BuildInfo {
		info := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}
		for i := 0; i < len(kv); i += 2 {
			info.Settings = append(info.Settings, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return info
	}
	for _, tc := range []struct {
		name, ldflags string
		info          *debug.BuildInfo
		ok            bool
		want          string
	}{
		{"ldflags win", "v9", vcs(), true, "v9"},
		{"module version", "", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, true, "v1.2.3"},
		{"vcs", "", vcs("vcs.revision", "0123456789abcdef0123", "vcs.time", "2026-12-07T20:00:00Z", "vcs.modified", "false"), true, "0123456789ab（2026-12-07T20:00:00Z）"},
		{"dirty", "", vcs("vcs.revision", "0123456789abcdef0123", "vcs.modified", "true"), true, "0123456789ab+修改"},
		{"go run", "", vcs(), true, "开发版"},
		{"no info", "", nil, false, "开发版"},
	} {
		if got := versionOf(tc.ldflags, tc.info, tc.ok); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestWxfakeUnknownFlagInChinese(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"wxfake", "--bogus"}, strings.NewReader(""), &out, &errb); code != 2 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(errb.String(), "没有选项 -bogus") || !strings.Contains(errb.String(), "--group") || strings.Contains(errb.String(), "flag provided") {
		t.Errorf("stderr %q", errb.String())
	}
}
