package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// ptySession is the console running in a pseudo-terminal, as a person at
// a terminal has it.
type ptySession struct {
	t    *testing.T
	tty  *os.File
	cmd  *exec.Cmd
	mu   sync.Mutex
	out  bytes.Buffer
	more chan struct{}
	done chan struct{}
}

func startPTY(t *testing.T, env []string, args ...string) *ptySession {
	t.Helper()
	cmd := exec.Command(linliBinary(t), args...)
	cmd.Env = append(os.Environ(), env...)
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 200})
	if err != nil {
		t.Fatal(err)
	}
	s := &ptySession{t: t, tty: tty, cmd: cmd, more: make(chan struct{}, 1), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		buf := make([]byte, 4096)
		for {
			n, err := tty.Read(buf)
			if n > 0 {
				s.mu.Lock()
				s.out.Write(buf[:n])
				s.mu.Unlock()
				select {
				case s.more <- struct{}{}:
				default:
				}
			}
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() { cmd.Process.Kill(); tty.Close() })
	return s
}

// waitFor waits until the output holds want (count times), failing after a
// generous deadline; it reads as output arrives and never sleeps.
func (s *ptySession) waitFor(want string, count int) {
	s.t.Helper()
	deadline := time.After(60 * time.Second)
	for {
		s.mu.Lock()
		got := s.out.String()
		s.mu.Unlock()
		if strings.Count(got, want) >= count {
			return
		}
		select {
		case <-s.more:
		case <-s.done:
			s.t.Fatalf("console ended before %q (x%d):\n%s", want, count, got)
		case <-deadline:
			s.t.Fatalf("no %q (x%d) in:\n%s", want, count, got)
		}
	}
}

func (s *ptySession) send(keys string) {
	s.t.Helper()
	if _, err := s.tty.Write([]byte(keys)); err != nil {
		s.t.Fatal(err)
	}
}

// The interactive console edits lines like a shell: a typo over Chinese is
// erased with backspace, the left arrow moves inside the line (no escape
// codes reach the bot), the up arrow brings back the last line, and Ctrl-C
// ends the session leaving no temporary files behind.
func TestConsoleLineEditingInATerminal(t *testing.T) {
	tmp, home := t.TempDir(), t.TempDir()
	s := startPTY(t, []string{"TMPDIR=" + tmp, "HOME=" + home, "XDG_CACHE_HOME=" + home + "/.cache"}, "console")
	s.waitFor("模拟时钟跟着真实时间走", 1)
	s.waitFor("> ", 1)

	// 帮组 → backspace over 组 → 助: the bot sees 帮助.
	s.send("幸福里1期居民群/3-502 张阿姨: 帮组\x7f助\r")
	s.waitFor("[幸福里1期居民群] @3-502 张阿姨 ", 1) // the help menu

	// 助, left arrow, 帮: the bot sees 帮助 again, not "助\x1b[D帮".
	s.send("幸福里1期居民群/王叔: 助\x1b[D帮\r")
	s.waitFor("[幸福里1期居民群] @王叔 ", 1) // help again: "菜单刚发过…"

	// Up arrow recalls the line just sent.
	s.send("\x1b[A\r")
	s.waitFor("[幸福里1期居民群] @王叔 ", 2)
	if strings.Contains(s.text(), "没有找到") || strings.Contains(s.text(), "无法识别") {
		t.Errorf("an escape code reached the bot:\n%s", s.text())
	}

	// A group the bot does not serve gets one line, once.
	s.send("隔壁小区群/路人: 帮助\r")
	s.waitFor("「隔壁小区群」不是机器人服务的群", 1)
	s.send("隔壁小区群/路人: 你好\r")

	s.send("\x03") // Ctrl-C
	<-s.done
	if err := s.cmd.Wait(); err != nil {
		t.Fatalf("console after Ctrl-C: %v\n%s", err, s.text())
	}
	if n := strings.Count(s.text(), "不是机器人服务的群"); n != 1 {
		t.Errorf("unknown group told %d times", n)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("temporary files left: %v", entries)
	}
	if st, err := os.Stat(home + "/.cache/linli/console_history"); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("history file: %v, %v (want owner-only: it may hold phone numbers)", st, err)
	}
}

func (s *ptySession) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out.String()
}

// With --clock the banner says the clock is pinned, the prompt shows that
// time, and Ctrl-D ends the session as cleanly as Ctrl-C.
func TestConsolePinnedClockAndCtrlD(t *testing.T) {
	tmp, home := t.TempDir(), t.TempDir()
	s := startPTY(t, []string{"TMPDIR=" + tmp, "HOME=" + home, "XDG_CACHE_HOME=" + home + "/.cache"}, "console", "--clock", "2026-11-23 09:00")
	s.waitFor("模拟时钟固定在 2026-11-23 09:00（--clock）", 1)
	s.waitFor("11-23 09:00> ", 1)
	s.send("!clock +2h\r")
	s.waitFor("11-23 11:00> ", 1)
	s.send("\x04") // Ctrl-D
	<-s.done
	if err := s.cmd.Wait(); err != nil {
		t.Fatalf("console after Ctrl-D: %v\n%s", err, s.text())
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("temporary files left: %v", entries)
	}
}
