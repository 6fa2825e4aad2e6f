package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"sync"
	"time"

	"linli"
	"linli/handlers/export"
)

// The control socket lets `linli export` and `linli backup` work while
// `linli run` holds the database (bbolt lets one process open the file):
// the running process listens on "<db>.sock", a unix socket only its user
// may use (0600), and serves each request from its own open database in a
// read transaction, beside the bot's writes. Without a process listening
// there, the subcommands open the file themselves.
//
// The protocol is JSON: one ctlRequest from the client, then ctlFrames
// from the server: export data in chunks, ending with a frame that has
// Done or Error set.

// ctlRequest asks the running process for an export or a backup.
type ctlRequest struct {
	Op     string `json:"op"` // "export" | "backup"
	Kind   string `json:"kind,omitempty"`
	Format string `json:"format,omitempty"`
}

// ctlFrame is one answer frame.
type ctlFrame struct {
	Data  []byte `json:"data,omitempty"`
	Done  bool   `json:"done,omitempty"`
	Error string `json:"error,omitempty"` // Chinese, for the operator
}

// controlPath is the control socket of the database at dbPath, or "" when
// that path is too long for a unix socket (108 bytes on Linux).
func controlPath(dbPath string) string {
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return ""
	}
	p := abs + ".sock"
	if len(p) >= 104 {
		return ""
	}
	return p
}

// control is the listening side, in `linli run`.
type control struct {
	a    *app
	log  *slog.Logger
	path string
	l    *net.UnixListener
	wg   sync.WaitGroup
}

// listenControl starts the control socket of a's database. The socket is
// created under a temporary name, made owner-only, then renamed into
// place, so it is never reachable by others.
func (a *app) listenControl(log *slog.Logger) (*control, error) {
	path := controlPath(a.db.Path())
	if path == "" {
		return nil, fmt.Errorf("数据库路径太长，无法建立控制套接字（运行中 export/backup 不可用）")
	}
	os.Remove(path) // a stale socket of an earlier run: this process holds the database now
	tmp := fmt.Sprintf("%s.%d", path, os.Getpid())
	if len(tmp) >= 104 {
		tmp = path
	}
	os.Remove(tmp)
	l, err := net.ListenUnix("unix", &net.UnixAddr{Name: tmp, Net: "unix"})
	if err != nil {
		return nil, fmt.Errorf("无法建立控制套接字 %s: %w", path, err)
	}
	l.SetUnlinkOnClose(false)
	if err := os.Chmod(tmp, 0o600); err != nil {
		l.Close()
		os.Remove(tmp)
		return nil, err
	}
	if tmp != path {
		if err := os.Rename(tmp, path); err != nil {
			l.Close()
			os.Remove(tmp)
			return nil, err
		}
	}
	c := &control{a: a, log: log.With("component", "control"), path: path, l: l}
	c.wg.Add(1)
	go c.accept()
	c.log.Info("控制套接字已就绪：运行中可以 linli export / linli backup", "path", path)
	return c, nil
}

// Close stops listening, waits for the requests being served and removes
// the socket.
func (c *control) Close() error {
	err := c.l.Close()
	c.wg.Wait()
	os.Remove(c.path)
	return err
}

func (c *control) accept() {
	defer c.wg.Done()
	for {
		conn, err := c.l.Accept()
		if err != nil {
			return // closed
		}
		c.wg.Add(1)
		go func() {
			defer c.wg.Done()
			defer conn.Close()
			c.serve(conn)
		}()
	}
}

func (c *control) serve(conn net.Conn) {
	var req ctlRequest
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	if err := json.NewDecoder(conn).Decode(&req); err != nil {
		return
	}
	conn.SetReadDeadline(time.Time{})
	enc := json.NewEncoder(conn)
	var err error
	final := ctlFrame{Done: true}
	switch req.Op {
	case "export":
		c.log.Info("导出（控制套接字）", "kind", req.Kind, "format", req.Format)
		err = writeExport(c.a.families, c.a.cfg, req.Kind, req.Format, frameWriter{enc}, nil)
	case "backup":
		// The copy is streamed: the client writes and verifies it, so a
		// service with a private /tmp or a read-only system can still
		// back up to wherever the operator asks.
		c.log.Info("备份（控制套接字）")
		_, err = c.a.db.Backup(frameWriter{enc})
	default:
		err = fmt.Errorf("未知的请求 %q", req.Op)
	}
	if err != nil {
		c.log.Warn("控制套接字请求失败", "op", req.Op, "err", err)
		final = ctlFrame{Error: err.Error()}
		if e := (*linli.Error)(nil); errors.As(err, &e) && e.Code != linli.EInternal {
			final.Error = e.Message
		}
	}
	enc.Encode(final)
}

// frameWriter sends what is written as data frames.
type frameWriter struct{ enc *json.Encoder }

func (f frameWriter) Write(p []byte) (int, error) {
	if err := f.enc.Encode(ctlFrame{Data: p}); err != nil {
		return 0, err
	}
	return len(p), nil
}

// writeExport writes the export kind of families' data in format to w,
// as staff see it.
func writeExport(families []linli.Family, cfg *linli.Config, kind, format string, w io.Writer, progress func(rows int)) error {
	t, err := export.Build(exports(families), kind)
	if err != nil {
		return err
	}
	// The operator of `linli export` holds the database: staff. Phone
	// numbers still appear only in xlsx (Write never puts them in json/csv).
	opt := export.Options{Location: cfg.Location, Community: cfg.Community, At: time.Now(), Staff: true, Progress: progress}
	return export.Write(t, format, opt, w)
}
