package nlu

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestFindDictsExplicitDirNamesEveryPath(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "jieba.dict.utf8"), []byte("社区 10 n\n"), 0o644)
	_, err := FindDicts(dir, t.TempDir())
	if err == nil {
		t.Fatal("FindDicts with an incomplete dir succeeded")
	}
	for _, name := range DictFiles {
		if p := filepath.Join(dir, name); !strings.Contains(err.Error(), p) {
			t.Errorf("error %q does not name %s", err, p)
		}
	}
	if _, err := New(Options{DictDir: filepath.Join(dir, "nope")}); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("New with a missing dir: %v", err)
	}
}

func TestFindDictsEnv(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "missing")
	t.Setenv(EnvDictDir, bad)
	_, err := FindDicts("", t.TempDir())
	if err == nil || !strings.Contains(err.Error(), filepath.Join(bad, "hmm_model.utf8")) {
		t.Errorf("FindDicts with bad $%s: %v", EnvDictDir, err)
	}
}

func TestFindDictsRejectsMalformedDictionary(t *testing.T) {
	d, err := FindDicts("", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for i, name := range DictFiles {
		data, _ := os.ReadFile(d.Paths[i])
		if name == "jieba.dict.utf8" {
			data = append(data, "坏行 没有词性\n"...)
		}
		os.WriteFile(filepath.Join(dir, name), data, 0o644)
	}
	// cppjieba would abort the process on this line; FindDicts reports it.
	if _, err := FindDicts(dir, ""); err == nil || !strings.Contains(err.Error(), "jieba.dict.utf8") {
		t.Errorf("malformed jieba.dict.utf8: %v", err)
	}
}

func TestUnpackEmbeddedOnceAndRepair(t *testing.T) {
	cache := t.TempDir()
	d, err := FindDicts("", cache)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Embedded || !strings.HasPrefix(d.Dir, cache) || len(d.Paths) != len(DictFiles) {
		t.Fatalf("FindDicts = %+v", d)
	}
	fi, _ := os.Stat(d.Paths[0])
	old := time.Now().Add(-time.Hour)
	os.Chtimes(d.Paths[0], old, old)
	d2, err := FindDicts("", cache)
	if err != nil || d2.Dir != d.Dir {
		t.Fatalf("second FindDicts = %+v, %v", d2, err)
	}
	if fi2, _ := os.Stat(d.Paths[0]); !fi2.ModTime().Equal(old) || fi2.Size() != fi.Size() {
		t.Error("the unpacked dictionaries were written again")
	}
	os.Remove(d.Paths[1]) // damaged by hand
	if _, err := FindDicts("", cache); err != nil {
		t.Fatal(err)
	}
	if !complete(d.Dir) {
		t.Error("a damaged cache was not repaired")
	}
	entries, _ := os.ReadDir(cache)
	if len(entries) != 1 {
		t.Errorf("cache holds %d entries, want only the dictionary directory", len(entries))
	}
}

func TestUnpackEmbeddedConcurrently(t *testing.T) {
	cache := t.TempDir()
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			_, errs[i] = FindDicts("", cache)
		}(i)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

func TestUserDict(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.dict")
	os.WriteFile(bad, []byte("幸福里 1000 ns\n阳光 花园 多 余\n"), 0o644)
	if _, err := New(Options{UserDict: bad, CacheDir: t.TempDir()}); err == nil || !strings.Contains(err.Error(), "第2行") {
		t.Errorf("bad user dict: %v", err)
	}
	good := filepath.Join(t.TempDir(), "good.dict")
	os.WriteFile(good, []byte("# 本社区的地名\n幸福里广场 1000 ns\n阳光亭 ns\n"), 0o644)
	n, err := New(Options{UserDict: good, CacheDir: t.TempDir(), Background: true})
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	if u := n.Understand("幸福里广场的路灯坏了"); u.Slots.Place != "幸福里广场" || u.Intent != "report" {
		t.Errorf("with a user landmark: %+v", u)
	}
}

func TestCloseThenUnderstand(t *testing.T) {
	n, err := New(Options{CacheDir: t.TempDir(), Background: true})
	if err != nil {
		t.Fatal(err)
	}
	n.Close()
	n.Close()
	if u := n.Understand("我要报名"); u.Intent != "other" || u.Keywords == nil {
		t.Errorf("after Close: %+v", u)
	}
}

// TestBuiltBinaryFindsDictionaries builds a program that uses nlu and runs
// it as if on another machine: a fresh HOME and cache, no module cache
// dictionaries in reach of the defaults.
func TestBuiltBinaryFindsDictionaries(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	bin := filepath.Join(t.TempDir(), "footprint")
	build := exec.Command("go", "build", "-o", bin, "./internal/footprint")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	home := t.TempDir()
	env := []string{"HOME=" + home, "XDG_CACHE_HOME=" + filepath.Join(home, ".cache"), "PATH=" + os.Getenv("PATH")}
	run := func(extra ...string) (string, error) {
		cmd := exec.Command(bin, "-text", "东门路灯坏了")
		cmd.Env = append(env, extra...)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := run()
	if err != nil || !strings.Contains(out, "report") {
		t.Fatalf("fresh HOME: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(home, ".cache", "linli")); err != nil {
		t.Errorf("dictionaries not unpacked under XDG_CACHE_HOME: %v", err)
	}
	bad := filepath.Join(home, "no-such-dir")
	out, err = run(EnvDictDir + "=" + bad)
	if err == nil || !strings.Contains(out, filepath.Join(bad, "jieba.dict.utf8")) {
		t.Errorf("bad %s: %v\n%s", EnvDictDir, err, out)
	}
}
