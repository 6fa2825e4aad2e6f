package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"linli"
	"linli/handlers/export"
	"linli/storage"
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

// dialControl connects to the process serving the database at dbPath. It
// returns nil, nil when no process listens there (no socket, or a stale
// one), and an error in Chinese when one does but cannot be reached.
func dialControl(dbPath string) (net.Conn, error) {
	path := controlPath(dbPath)
	if path == "" {
		return nil, nil
	}
	conn, err := net.DialTimeout("unix", path, 5*time.Second)
	switch {
	case err == nil:
		return conn, nil
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ECONNREFUSED):
		return nil, nil
	case errors.Is(err, fs.ErrPermission):
		return nil, fmt.Errorf("数据库正被运行中的 linli 使用，但没有权限连接它的控制套接字 %s：请用运行 linli 的用户执行（如 sudo -u linli linli …）", path)
	}
	return nil, fmt.Errorf("无法连接运行中的 linli（%s）: %v", path, err)
}

// ask sends req on conn and copies the data frames to w; it returns the
// final frame, or an error when the process reported one or the
// connection broke before the end.
func askControl(ctx context.Context, conn net.Conn, req ctlRequest, w io.Writer) (ctlFrame, error) {
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	if err := json.NewEncoder(conn).Encode(req); err != nil {
		return ctlFrame{}, fmt.Errorf("向运行中的 linli 发送请求失败: %w", err)
	}
	dec := json.NewDecoder(conn)
	for {
		var f ctlFrame
		if err := dec.Decode(&f); err != nil {
			return ctlFrame{}, errors.New("运行中的 linli 没有完成请求就断开了（可能正在退出），请稍后重试")
		}
		if f.Error != "" {
			return f, errors.New(f.Error)
		}
		if f.Done {
			return f, nil
		}
		if _, err := w.Write(f.Data); err != nil {
			return ctlFrame{}, err
		}
	}
}

// backupVia asks a running linli for a consistent copy of the database
// (one read transaction, streamed), writes it beside out, verifies it with
// the integrity check and only then renames it to out; photos are copied
// from the media directory, which needs no lock. It returns false when no
// process holds the database.
func backupVia(dbPath, out string, stdout io.Writer) (bool, error) {
	conn, err := dialControl(dbPath)
	if conn == nil || err != nil {
		return false, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".tmp*")
	if err != nil {
		conn.Close()
		return true, fmt.Errorf("无法写入 %s（%s）", out, plainOSError(err))
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	_, err = askControl(context.Background(), conn, ctlRequest{Op: "backup"}, tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return true, err
	}
	if err := storage.Check(tmp.Name()); err != nil {
		return true, fmt.Errorf("收到的备份没有通过校验，没有保留: %w", err)
	}
	if err := os.Chmod(tmp.Name(), 0o600); err != nil {
		return true, err
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return true, err
	}
	n, err := copyNewFiles(dbPath+".media", out+".media")
	if err != nil {
		return true, fmt.Errorf("数据库已备份到 %s，但复制照片失败: %w", out, err)
	}
	fmt.Fprintln(stdout, backupDone(out, n)+"，取自运行中的 linli")
	return true, nil
}

// copyNewFiles copies the regular files of src missing from dst (media
// files are named by their content and never change), as storage's
// BackupMedia does for a database it has open.
func copyNewFiles(src, dst string) (int, error) {
	entries, err := os.ReadDir(src)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range entries {
		if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), ".") || strings.HasSuffix(e.Name(), ".tmp") {
			continue
		}
		to := filepath.Join(dst, e.Name())
		if _, err := os.Stat(to); err == nil {
			continue
		}
		if err := os.MkdirAll(dst, 0o700); err != nil {
			return n, err
		}
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			return n, err
		}
		if err := os.WriteFile(to+".tmp", data, 0o600); err != nil {
			return n, err
		}
		if err := os.Rename(to+".tmp", to); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// exportVia asks a running linli for the export, written to out (or w
// when out is ""). It returns false when no process holds the database.
func exportVia(dbPath, kind, format, out string, w io.Writer) (bool, error) {
	conn, err := dialControl(dbPath)
	if conn == nil || err != nil {
		return false, err
	}
	req := ctlRequest{Op: "export", Kind: kind, Format: format}
	if out == "" {
		_, err = askControl(context.Background(), conn, req, w)
		return true, err
	}
	return true, writeFile(out, func(fw io.Writer) error {
		_, err := askControl(context.Background(), conn, req, fw)
		return err
	})
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
