package main

import (
	"context"
	"encoding/csv"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestExportXLSXInLibreOffice opens every kind's xlsx in LibreOffice
// (headless, converting to csv as the cells are shown) and reads what a
// person would see: the title row, the Chinese header, and every row as
// the csv export writes it (dates as 2026-11-23 09:00, 是/否, Chinese
// words). It is skipped when LibreOffice is not installed (.ci/run
// installs it).
func TestExportXLSXInLibreOffice(t *testing.T) {
	soffice := ""
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			soffice = p
			break
		}
	}
	if soffice == "" {
		t.Skip("LibreOffice (soffice) is not installed")
	}
	db := exportFixture(t)
	dir := t.TempDir()
	var files []string
	for _, kind := range slices.Sorted(maps.Keys(csvHeaders)) {
		file := filepath.Join(dir, kind+".xlsx")
		exportOut(t, db, kind, "--format", "xlsx", "--out", file)
		files = append(files, file)
	}
	out := filepath.Join(dir, "lo")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// Its own profile, so that it neither waits for nor disturbs another
	// LibreOffice running on the machine.
	args := append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless", "--norestore",
		"--convert-to", `csv:Text - txt - csv (StarCalc):44,34,76,1`, "--outdir", out}, files...)
	cmd := exec.CommandContext(ctx, soffice, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	for _, kind := range slices.Sorted(maps.Keys(csvHeaders)) {
		t.Run(kind, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(out, kind+".csv"))
			if err != nil {
				t.Fatalf("LibreOffice did not convert %s.xlsx: %v", kind, err)
			}
			seen, err := csv.NewReader(strings.NewReader(string(data))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(seen) < 2 || !strings.HasPrefix(seen[0][0], "幸福里社区 · ") || !strings.Contains(seen[0][0], " · 导出时间 20") {
				t.Fatalf("LibreOffice shows no title row: %q", seen)
			}
			// The columns csv has (it leaves out the private ones), in the
			// xlsx's order.
			header := seen[1]
			var keep []int
			for i, h := range header {
				if slices.Contains(strings.Split(csvHeaders[kind], ","), h) {
					keep = append(keep, i)
				}
			}
			want := csvRows(t, exportOut(t, db, kind, "--format", "csv"))
			if len(seen)-1 != len(want) {
				t.Fatalf("LibreOffice shows %d rows, csv has %d:\n%q", len(seen)-1, len(want), seen)
			}
			for r, row := range seen[1:] {
				var got []string
				for _, i := range keep {
					if i < len(row) {
						got = append(got, row[i])
					} else {
						got = append(got, "")
					}
				}
				if !slices.Equal(got, want[r]) {
					t.Errorf("LibreOffice row %d:\n%q\nwant (as csv)\n%q", r+1, got, want[r])
				}
			}
		})
	}
}
