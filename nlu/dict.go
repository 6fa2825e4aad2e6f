package nlu

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// EnvDictDir is the environment variable naming a dictionary directory. It
// is used when Options.DictDir is empty.
const EnvDictDir = "LINLI_DICT_DIR"

// DictFiles are the files a dictionary directory must hold, in the order
// gojieba.NewJieba takes them. gojieba's own deps/cppjieba/dict is such a
// directory.
var DictFiles = []string{"jieba.dict.utf8", "hmm_model.utf8", "user.dict.utf8", "idf.utf8", "stop_words.utf8"}

//go:generate go run ./internal/mkdict -out dict

//go:embed dict/jieba.dict.utf8 dict/hmm_model.utf8 dict/user.dict.utf8 dict/idf.utf8 dict/stop_words.utf8 dict/community.dict.utf8
var embedded embed.FS

// communityDict is the file of community words added to every segmenter.
const communityDict = "community.dict.utf8"

// Dicts says where the segmenter's dictionaries were found.
type Dicts struct {
	Dir      string   // the directory holding DictFiles
	Paths    []string // the files, in DictFiles order
	Embedded bool     // Dir is the embedded copy unpacked to the cache
	UserDict string   // the extra user dictionary, if any
}

// FindDicts resolves the dictionary directory the way New does: dir, else
// $LINLI_DICT_DIR, else the embedded dictionaries unpacked (once) under
// cacheDir ("" = os.UserCacheDir()/linli). An explicit directory is checked
// for every file of DictFiles; the error names every path looked for.
func FindDicts(dir, cacheDir string) (Dicts, error) {
	if dir == "" {
		dir = os.Getenv(EnvDictDir)
	}
	if dir == "" {
		return unpack(cacheDir)
	}
	d := Dicts{Dir: dir}
	var missing []string
	for _, name := range DictFiles {
		p := filepath.Join(dir, name)
		d.Paths = append(d.Paths, p)
		if fi, err := os.Stat(p); err != nil || !fi.Mode().IsRegular() {
			missing = append(missing, name)
		}
	}
	looked := strings.Join(d.Paths, ", ")
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return Dicts{}, fmt.Errorf("词典目录 %s 不存在（查找了 %s）", dir, looked)
	}
	if len(missing) > 0 {
		return Dicts{}, fmt.Errorf("词典目录 %s 缺少 %s（查找了 %s）", dir, strings.Join(missing, "、"), looked)
	}
	if err := checkDictFormats(d.Paths); err != nil {
		return Dicts{}, err
	}
	return d, nil
}

// unpack unpacks the embedded dictionaries to cacheDir or, when that is ""
// and the user cache directory is unusable (no HOME, read-only), to a
// per-user directory under os.TempDir().
func unpack(cacheDir string) (Dicts, error) {
	dirs := []string{cacheDir}
	if cacheDir == "" {
		dirs = nil
		if base, err := os.UserCacheDir(); err == nil {
			dirs = append(dirs, filepath.Join(base, "linli"))
		}
		dirs = append(dirs, filepath.Join(os.TempDir(), "linli-"+strconv.Itoa(os.Getuid())))
	}
	var errs []string
	for _, dir := range dirs {
		d, err := unpackEmbedded(dir)
		if err == nil {
			return d, nil
		}
		errs = append(errs, err.Error())
	}
	return Dicts{}, fmt.Errorf("解压内置词典失败（可设置 %s 指向词典目录）: %s", EnvDictDir, strings.Join(errs, "; "))
}

// unpackEmbedded writes the embedded dictionaries to
// <cacheDir>/dict-<content hash>/ unless a complete copy is already there.
// It writes into a temporary directory and renames it into place, so a
// concurrent process or a crash never leaves a half-written directory in use.
func unpackEmbedded(cacheDir string) (Dicts, error) {
	hash, err := embeddedHash()
	if err != nil {
		return Dicts{}, err
	}
	dir := filepath.Join(cacheDir, "dict-"+hash)
	d := Dicts{Dir: dir, Embedded: true}
	for _, name := range DictFiles {
		d.Paths = append(d.Paths, filepath.Join(dir, name))
	}
	if complete(dir) {
		return d, nil
	}
	if err := os.MkdirAll(cacheDir, 0o700); err != nil {
		return Dicts{}, err
	}
	tmp, err := os.MkdirTemp(cacheDir, ".dict-tmp-")
	if err != nil {
		return Dicts{}, err
	}
	defer os.RemoveAll(tmp) // a no-op once renamed
	for _, name := range DictFiles {
		data, err := embedded.ReadFile("dict/" + name)
		if err != nil {
			return Dicts{}, err
		}
		if err := writeSynced(filepath.Join(tmp, name), data); err != nil {
			return Dicts{}, err
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return Dicts{}, err
	}
	if err := os.Rename(tmp, dir); err != nil {
		if complete(dir) { // another process unpacked it first
			return d, nil
		}
		// An incomplete directory (damaged by hand): move it aside and retry.
		old := dir + ".broken-" + strconv.Itoa(os.Getpid())
		if err2 := os.Rename(dir, old); err2 != nil {
			return Dicts{}, err
		}
		os.RemoveAll(old)
		if err := os.Rename(tmp, dir); err != nil {
			return Dicts{}, err
		}
	}
	return d, nil
}

// complete reports whether dir holds every embedded file with its size.
func complete(dir string) bool {
	for _, name := range DictFiles {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil || !fi.Mode().IsRegular() {
			return false
		}
		want, err := fs.Stat(embedded, "dict/"+name)
		if err != nil || want.Size() != fi.Size() {
			return false
		}
	}
	return true
}

// embeddedHash returns a short hex digest of the embedded file names and
// contents, so that a new build with other dictionaries gets a new directory.
var embeddedHash = sync.OnceValues(func() (string, error) {
	h := sha256.New()
	for _, name := range DictFiles {
		data, err := embedded.ReadFile("dict/" + name)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s %d\n", name, len(data))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
})

func writeSynced(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// checkDictFormats checks, in Go, what cppjieba would otherwise check by
// aborting the whole process: every line of the main dictionary has three
// fields, the idf file has a valid line, the other files are not empty.
func checkDictFormats(paths []string) error {
	for i, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("读取词典 %s 失败: %w", p, err)
		}
		switch DictFiles[i] {
		case "jieba.dict.utf8":
			if len(data) == 0 {
				return fmt.Errorf("词典 %s 是空的", p)
			}
			sc := bufio.NewScanner(bytes.NewReader(data))
			for n := 1; sc.Scan(); n++ {
				if f := strings.Split(sc.Text(), " "); len(f) != 3 {
					return fmt.Errorf("词典 %s 第%d行格式错误（应为“词 词频 词性”）", p, n)
				}
			}
		case "idf.utf8":
			if !validIDF(data) {
				return fmt.Errorf("词典 %s 没有有效的“词 idf”行", p)
			}
		case "hmm_model.utf8", "stop_words.utf8":
			if len(bytes.TrimSpace(data)) == 0 {
				return fmt.Errorf("词典 %s 是空的", p)
			}
		}
	}
	return nil
}

func validIDF(data []byte) bool {
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Split(line, " ")
		if len(f) != 2 {
			continue
		}
		if v, err := strconv.ParseFloat(f[1], 64); err == nil && v > 0 {
			return true
		}
	}
	return false
}
