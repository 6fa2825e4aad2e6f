package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/chzyer/readline"
)

// terminal is the interactive console's line editor (chzyer/readline):
// arrow keys, Home/End, backspace over wide characters, history (kept in
// the user's cache directory), Ctrl-L clears the screen, Ctrl-C and Ctrl-D
// end the session.
type terminal struct {
	rl *readline.Instance
}

func newTerminal(stdin io.Reader, stdout, stderr io.Writer) (*terminal, error) {
	cfg := &readline.Config{
		Stdout:            stdout,
		Stderr:            stderr,
		InterruptPrompt:   "^C",
		EOFPrompt:         "",
		HistorySearchFold: true,
		HistoryLimit:      1000,
		FuncGetWidth:      widthOr80(readline.GetScreenWidth),
	}
	if f, ok := stdin.(*os.File); ok {
		cfg.Stdin = f
	}
	if dir, err := os.UserCacheDir(); err == nil {
		if os.MkdirAll(filepath.Join(dir, "linli"), 0o700) == nil {
			// What was typed may hold phone numbers: owner-only, created
			// before readline opens it (it would create it 0666 &^ umask).
			path := filepath.Join(dir, "linli", "console_history")
			if f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600); err == nil {
				f.Close()
				os.Chmod(path, 0o600)
				cfg.HistoryFile = path
			}
		}
	}
	rl, err := readline.NewEx(cfg)
	if err != nil {
		return nil, fmt.Errorf("无法打开终端行编辑: %w", err)
	}
	return &terminal{rl: rl}, nil
}

// widthOr80 is the terminal's width, or 80 when it reports none: a pty
// without a window size says 0×0, and readline's cursor arithmetic then
// never ends (the red team's console froze at the first arrow key, Ctrl-C
// and Ctrl-D included).
func widthOr80(get func() int) func() int {
	return func() int {
		if w := get(); w > 0 {
			return w
		}
		return 80
	}
}

// ReadLine implements console.LineReader: Ctrl-C ends the session like
// Ctrl-D (io.EOF), so the temporary database is removed.
func (t *terminal) ReadLine(prompt string) (string, error) {
	t.rl.SetPrompt(prompt)
	line, err := t.rl.Readline()
	if errors.Is(err, readline.ErrInterrupt) {
		return "", io.EOF
	}
	return line, err
}

// SetPrompt implements console.PromptSetter, redrawing the line.
func (t *terminal) SetPrompt(p string) {
	t.rl.SetPrompt(p)
	t.rl.Refresh()
}

func (t *terminal) Stdout() io.Writer { return t.rl.Stdout() }
func (t *terminal) Stderr() io.Writer { return t.rl.Stderr() }

// Close gives the terminal back as it was.
func (t *terminal) Close() error { return t.rl.Close() }

// onInterrupt handles Ctrl-C (SIGINT) and SIGTERM arriving while the
// console is busy rather than reading a line: at a terminal the session
// ends as with Ctrl-D; a script is stopped at once, its temporary database
// (the directory holding dbPath, when temporary) removed first. The
// returned function stops the handling.
func onInterrupt(term *terminal, dbPath string, temporary bool) func() {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case <-done:
		case <-sigs:
			if term != nil {
				term.Close() // ReadLine returns io.EOF; Run finishes and cleans up
				return
			}
			if temporary {
				os.RemoveAll(filepath.Dir(dbPath))
			}
			os.Exit(130)
		}
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
	}
}
