package storage

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"go.etcd.io/bbolt"
)

// ErrForeign means the file is a sound bbolt database that linli did not
// write: it has no linli schema version (another program's data, or a path
// that points at the wrong file). Open, Check and QuickCheck refuse it,
// untouched, with an error wrapping ErrForeign and not ErrDamaged: there is
// nothing to restore from a backup, the path is wrong.
var ErrForeign = errors.New("storage: not a linli database")

// ForeignError describes a bbolt file that is not linli's.
type ForeignError struct {
	Path    string
	Buckets []string // its top-level buckets, sorted; at most maxForeignBuckets
	More    int      // buckets not listed
}

// maxForeignBuckets bounds the bucket names a ForeignError lists.
const maxForeignBuckets = 5

// Error says, in Chinese, what the file is and why it is not used.
func (e *ForeignError) Error() string {
	what := "里面没有任何数据分区"
	if len(e.Buckets) > 0 {
		what = fmt.Sprintf("里面是别的数据（数据分区：%s", strings.Join(e.Buckets, "、"))
		if e.More > 0 {
			what += fmt.Sprintf(" 等共 %d 个", len(e.Buckets)+e.More)
		}
		what += "）"
	}
	return fmt.Sprintf("文件 %s 不是 linli 的数据库：它是一个 bbolt 数据库，但没有 linli 的版本信息，%s", e.Path, what)
}

// Unwrap makes errors.Is(err, ErrForeign) true.
func (e *ForeignError) Unwrap() error { return ErrForeign }

// owned returns nil when tx is a linli database (its meta bucket holds a
// readable schema version, possibly newer than this code's: Open refuses
// that one with ErrNewerSchema), a *ForeignError when it is another bbolt
// file, and an error wrapping ErrDamaged when the version is unreadable.
// A database linli creates is complete with its version before it appears
// at its path (create), so a file without one was never linli's.
func owned(path string, tx *bbolt.Tx) error {
	if meta := tx.Bucket(bucketMeta); meta != nil && meta.Get(keySchema) != nil {
		if _, err := schemaVersion(tx); err != nil {
			return damaged(path, "版本信息无法读取："+err.Error())
		}
		return nil
	}
	fe := &ForeignError{Path: path}
	var names []string
	_ = tx.ForEach(func(name []byte, _ *bbolt.Bucket) error {
		names = append(names, fmt.Sprintf("%q", name))
		return nil
	})
	sort.Strings(names)
	if len(names) > maxForeignBuckets {
		fe.More = len(names) - maxForeignBuckets
		names = names[:maxForeignBuckets]
	}
	fe.Buckets = names
	return fe
}

// sizeProblem says what is wrong with a file of size bytes whose meta page
// says it has hwm bytes of pages of ps bytes each, or "" when nothing is.
// bbolt only ever grows a file by whole pages and a backup copies whole
// pages, so a size that is not a multiple of the page size means the file
// was cut (or copied) part way, even when the cut lies past the pages in
// use.
func sizeProblem(size, hwm int64, ps int) string {
	switch {
	case size < hwm:
		return truncatedText(hwm, size)
	case ps > 0 && size%int64(ps) != 0:
		return fmt.Sprintf("文件不完整：大小 %d 字节不是页面大小 %d 字节的整数倍，最后一页只有 %d 字节（可能被截断或没有复制完）",
			size, ps, size%int64(ps))
	}
	return ""
}
