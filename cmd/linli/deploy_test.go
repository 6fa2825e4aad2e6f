package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// deploy/linli.service passes systemd-analyze verify (with ExecStart
// pointed at a built binary: verify checks that the program exists), and
// says what the README promises: restart on failure, a dedicated user, the
// data directory, a graceful stop.
func TestSystemdUnit(t *testing.T) {
	unit, err := os.ReadFile("../../deploy/linli.service")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Restart=on-failure", "User=linli", "StateDirectory=linli", "WorkingDirectory=/var/lib/linli",
		"KillSignal=SIGTERM", "ExecStart=/usr/local/bin/linli run --config /var/lib/linli/linli.toml"} {
		if !strings.Contains(string(unit), want+"\n") {
			t.Errorf("unit lacks %s", want)
		}
	}
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("systemd-analyze not installed")
	}
	bin := linliBinary(t)
	path := filepath.Join(t.TempDir(), "linli.service")
	if err := os.WriteFile(path, []byte(strings.ReplaceAll(string(unit), "/usr/local/bin/linli", bin)), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(analyze, "verify", path).CombinedOutput(); err != nil || len(strings.TrimSpace(string(out))) > 0 {
		t.Fatalf("systemd-analyze verify: %v\n%s", err, out)
	}
}
