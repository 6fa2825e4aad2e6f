package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"linli"
)

// unmaskedMobile is an 11-digit mainland mobile number written out (with
// or without spaces or dashes).
var unmaskedMobile = regexp.MustCompile(`(^|[^0-9])1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}($|[^0-9])`)

// TestNoPhoneNumberInAnyGroup reads the output of every scenario (the
// goldens TestScenarios checks the console against) and fails for any
// line sent to a group — a residents' group or the staff group, first or
// continuation line — that carries a mobile or ID-card number. Only a
// staff member's own 通知 may carry numbers as typed: lines of the
// scenario's notices are recognised by the notice text being in the script
// after 通知 / 定时通知 by a configured staff name.
func TestNoPhoneNumberInAnyGroup(t *testing.T) {
	outs, err := filepath.Glob(filepath.Join("testdata", "scenarios", "*.out"))
	if err != nil || len(outs) == 0 {
		t.Fatalf("no scenario outputs: %v", err)
	}
	checked := 0
	for _, path := range outs {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		script, _ := os.ReadFile(strings.TrimSuffix(path, ".out") + ".txt")
		leaks, n := privateInGroups(string(data), string(script))
		checked += n
		for _, l := range leaks {
			t.Errorf("%s:%s", filepath.Base(path), l)
		}
	}
	if checked < 1000 {
		t.Fatalf("only %d group lines checked: is the scenario output format still `[群名] …`?", checked)
	}
}

// The scan itself finds what it must, and lets through what it may.
func TestPrivateInGroupsScan(t *testing.T) {
	out := "[私聊 王网格] 描述：13912345678\n  电话 13912345678\n[幸福里1期居民群] @吴姐 您好\n  描述：联系我139 1234 5678\n" +
		"[幸福里工作群] 身份证110101199003071234\n[幸福里1期居民群] 社区电话 13800001111\n  139****5678\n"
	leaks, n := privateInGroups(out, "李社工: 通知 全部 社区电话 13800001111\n")
	if n != 5 || len(leaks) != 2 || !strings.Contains(leaks[0], "4:") || !strings.Contains(leaks[1], "5:") {
		t.Fatalf("checked %d lines, leaks %q", n, leaks)
	}
}

// privateInGroups returns the lines of a scenario's output sent to a group
// that carry a phone number (other than one staff typed into a 通知) or an
// ID-card number, and how many group lines it read.
func privateInGroups(output, script string) (leaks []string, checked int) {
	allowed := staffNoticeNumbers(script)
	inGroup := false
	for i, line := range strings.Split(output, "\n") {
		if strings.HasPrefix(line, "[") {
			inGroup = !strings.HasPrefix(line, "[私聊 ")
		}
		if !inGroup || line == "" {
			continue
		}
		checked++
		phone := false
		for _, m := range unmaskedMobile.FindAllString(line, -1) {
			if !allowed[digits(m)] {
				phone = true
			}
		}
		switch {
		case phone:
			leaks = append(leaks, fmt.Sprintf("%d: a phone number in a group: %s", i+1, line))
		case !unmaskedMobile.MatchString(line) && linli.MaskPrivate(line) != line:
			leaks = append(leaks, fmt.Sprintf("%d: an ID-card number in a group: %s", i+1, line))
		}
	}
	return leaks, checked
}

// staffNoticeNumbers returns the phone numbers staff typed into a 通知 or
// 定时通知 of script (a private line from a configured staff name): those
// go to the groups as typed.
func staffNoticeNumbers(script string) map[string]bool {
	out := map[string]bool{}
	staff := []string{"李社工", "赵主任"}
	for _, line := range strings.Split(script, "\n") {
		for _, s := range staff {
			if rest, ok := strings.CutPrefix(line, s+": "); ok &&
				(strings.HasPrefix(rest, "通知") || strings.HasPrefix(rest, "定时通知")) {
				for _, m := range unmaskedMobile.FindAllString(rest, -1) {
					out[digits(m)] = true
				}
			}
		}
	}
	return out
}

func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
