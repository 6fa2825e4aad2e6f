package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportHouseholdsBadFiles: a missing file, a file that is not xlsx and
// a register without its columns are each refused in Chinese, naming the
// problem, and nothing is imported.
func TestImportHouseholdsBadFiles(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "linli.db")
	notXLSX := filepath.Join(dir, "名册.xlsx")
	noArea := filepath.Join(dir, "名册.csv")
	if err := os.WriteFile(notXLSX, []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(noArea, []byte("户号,业主姓名\n3栋502,张三\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	bareQuote := filepath.Join(dir, "引号.csv")
	if err := os.WriteFile(bareQuote, []byte("户号,业主姓名,建筑面积㎡\n3栋502,张三,89\n3栋503,李\"四,90\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{
		filepath.Join(dir, "没有.csv"): "找不到名册文件",
		notXLSX:                      "名册.xlsx 文件不是 xlsx（可能是改了扩展名",
		bareQuote:                    "第3行第2列（B列）：引号没有成对",
		noArea:                       "缺少列：建筑面积",
	} {
		var out, errOut bytes.Buffer
		code := run([]string{"import", "households", file, "--db", db}, strings.NewReader(""), &out, &errOut)
		if code == 0 || !strings.Contains(errOut.String(), want) || strings.Contains(errOut.String(), "开小差") ||
			strings.Contains(errOut.String(), "zip:") || strings.Contains(errOut.String(), "parse error") {
			t.Errorf("import %s: exit %d, stderr %q; want an error saying %q", filepath.Base(file), code, errOut.String(), want)
		}
	}
}
