package storage

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// ErrDamaged means the file is not a usable database: empty, not a bbolt
// file, truncated, or failing bbolt's consistency check. Open and Check
// return errors wrapping it (test with errors.Is); the message of the
// *DamageError says what is wrong, in Chinese.
var ErrDamaged = errors.New("storage: database file is damaged")

// DamageError describes a damaged database file.
type DamageError struct {
	Path     string
	Problems []string // in Chinese, for people; at most maxProblems
}

// maxProblems bounds the problems a DamageError lists.
const maxProblems = 5

// Error says where the file is and what is wrong with it.
func (e *DamageError) Error() string {
	return fmt.Sprintf("数据库 %s 已损坏：%s", e.Path, strings.Join(e.Problems, "；"))
}

// Unwrap makes errors.Is(err, ErrDamaged) true.
func (e *DamageError) Unwrap() error { return ErrDamaged }

func damaged(path string, problems ...string) error {
	return &DamageError{Path: path, Problems: problems}
}

// Check verifies the database file at path without modifying it: it refuses
// an empty file, a file that is not a bbolt database and a truncated one, and
// runs bbolt's consistency check (Tx.Check) over every page. It returns nil
// for a sound file, an error wrapping ErrDamaged for a damaged one (a
// size that is not a whole number of pages included), one wrapping
// ErrForeign for a sound bbolt file without linli's schema version,
// fs.ErrNotExist (wrapped) when there is no file, and ErrLocked when another
// process has the database open for writing (a running `linli run`): the
// check needs the file to stay still.
//
// The file's bytes are walked first, through a read-only memory map of
// the file (pagewalk.go), to make sure every page, key and value bbolt's
// check will read lies inside the file: bbolt reads them through raw
// pointers, and a bent one would fault the process. The file is never
// written, and it is not copied: memory stays flat whatever its size.
func Check(path string) error { return check(path, true) }

// QuickCheck is Check without bbolt's consistency check: it refuses an
// empty, foreign or truncated file and walks every page, key and value on
// the file's bytes, releasing the pages it read as it goes, so a damaged
// file is refused before anything reads it through raw pointers. The
// subcommands that open the database (run, console, export) use it; doctor
// and backup run the full Check.
func QuickCheck(path string) error { return check(path, false) }

func check(path string, full bool) error {
	info, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("storage: check %s: %w", path, err)
	}
	if info.IsDir() {
		return damaged(path, "这是一个目录，不是数据库文件")
	}
	if info.Size() == 0 {
		return damaged(path, "文件是空的（0 字节）；不会把它当作新数据库重新初始化")
	}
	// A shared lock keeps writers out while the file is probed and walked.
	bdb, hwm, err := probe(path, DefaultTimeout)
	if err != nil {
		return err
	}
	defer bdb.Close()
	if p := sizeProblem(info.Size(), hwm, bdb.Info().PageSize); p != "" {
		return damaged(path, p)
	}
	data, release, unmap, err := mapFile(path)
	if err != nil {
		return fmt.Errorf("storage: check %s: %w", path, err)
	}
	defer unmap()
	var problems []string
	n := 0
	ps := bdb.Info().PageSize
	err = bdb.View(func(tx *bbolt.Tx) error {
		// tx.Check reads pages through raw pointers on a goroutine of its
		// own, where a bent offset faults the whole process: first make
		// sure, on the bytes, that everything it will read is there.
		root, freelist, ok := metaRootAndFreelist(data, ps, uint64(tx.ID()))
		if !ok {
			n, problems = 1, []string{"找不到正在使用的元页"}
			return nil
		}
		if werr := walkFile(data, ps, uint64(tx.Size())/uint64(ps), root, freelist, release); werr != nil {
			n, problems = 1, []string{werr.Error()}
			return nil
		}
		release()
		if oerr := owned(path, tx); oerr != nil {
			return oerr
		}
		if !full {
			return nil
		}
		for cerr := range tx.Check() {
			n++
			if len(problems) < maxProblems {
				problems = append(problems, cerr.Error())
			}
		}
		return nil
	})
	var fe *ForeignError
	var de *DamageError
	switch {
	case errors.As(err, &fe), errors.As(err, &de):
		return err
	case err != nil:
		return damaged(path, "无法读取："+err.Error())
	}
	if n > 0 {
		head := fmt.Sprintf("一致性检查发现 %d 处错误", n)
		return damaged(path, append([]string{head}, problems...)...)
	}
	return nil
}

// probe opens path read-only (a shared lock: no writer can start meanwhile)
// and returns the database with its high-water mark, the size in bytes the
// file must have. Opening reads only the two meta pages, which bbolt
// validates with their checksums; nothing past them is touched.
func probe(path string, timeout time.Duration) (*bbolt.DB, int64, error) {
	bdb, err := bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true, Timeout: timeout})
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return nil, 0, fmt.Errorf("storage: open %s: %w", path, &openError{
			msg:  "数据库正被另一个 linli 进程使用，请先停止它",
			kind: ErrLocked,
		})
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrChecksum):
		return nil, 0, damaged(path, "不是有效的 linli 数据库文件（文件头无法识别："+err.Error()+"）")
	case err != nil && strings.Contains(err.Error(), "file size too small"):
		return nil, 0, damaged(path, "文件太小，不是完整的数据库（"+err.Error()+"）")
	case err != nil:
		return nil, 0, fmt.Errorf("storage: open %s: %w", path, err)
	}
	tx, err := bdb.Begin(false)
	if err != nil {
		bdb.Close()
		return nil, 0, damaged(path, "无法读取："+err.Error())
	}
	hwm := tx.Size()
	_ = tx.Rollback()
	return bdb, hwm, nil
}

func truncatedText(want, have int64) string {
	return fmt.Sprintf("文件不完整：应至少有 %d 字节，实际只有 %d 字节（可能被截断或没有复制完）", want, have)
}

// refuseEmptyOrTruncated is Open's cheap guard for an existing file,
// opened read-only so that nothing is written to a file it refuses: an
// empty file is refused instead of initialised; a file shorter than its
// high-water mark, or not a whole number of pages, or whose meta page
// points past its pages, is refused before bbolt reads (and faults on)
// pages past its end; and a bbolt file without linli's schema version
// (another program's) is refused with ErrForeign instead of being given
// linli's buckets.
func refuseEmptyOrTruncated(path string, timeout time.Duration) error {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // a new database
	}
	if err != nil {
		return fmt.Errorf("storage: open %s: %w", path, err)
	}
	if info.IsDir() {
		return damaged(path, "这是一个目录，不是数据库文件")
	}
	if info.Size() == 0 {
		return damaged(path, "文件是空的（0 字节）；不会把它当作新数据库重新初始化")
	}
	bdb, hwm, err := probe(path, timeout)
	if err != nil {
		return err
	}
	defer bdb.Close()
	ps := bdb.Info().PageSize
	if p := sizeProblem(info.Size(), hwm, ps); p != "" {
		return damaged(path, p)
	}
	return bdb.View(func(tx *bbolt.Tx) error {
		if p := metaProblem(path, ps, hwm, uint64(tx.ID())); p != "" {
			return damaged(path, p)
		}
		return owned(path, tx)
	})
}

// metaProblem reads the two meta pages of the file at path and says what
// is wrong with the one of transaction txid, the one in use (its root or
// freelist page lies outside the hwm bytes of pages), or "" when nothing is.
func metaProblem(path string, ps int, hwm int64, txid uint64) string {
	f, err := os.Open(path)
	if err != nil {
		return "无法读取：" + err.Error()
	}
	defer f.Close()
	head := make([]byte, 2*ps)
	if _, err := f.ReadAt(head, 0); err != nil {
		return "无法读取元页：" + err.Error()
	}
	root, freelist, ok := metaRootAndFreelist(head, ps, txid)
	pages := uint64(hwm) / uint64(ps)
	switch {
	case !ok:
		return "找不到正在使用的元页"
	case root < 2 || root >= pages:
		return fmt.Sprintf("元页指向的根页面 %d 超出文件范围（共 %d 页）", root, pages)
	case freelist != noFreelist && (freelist < 2 || freelist >= pages):
		return fmt.Sprintf("元页指向的空闲页列表 %d 超出文件范围（共 %d 页）", freelist, pages)
	}
	return ""
}
