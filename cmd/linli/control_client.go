package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"linli/storage"
)

// The client side of the control socket (control.go): `linli export` and
// `linli backup` while `linli run` holds the database.

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
