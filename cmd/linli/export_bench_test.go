package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"linli"
	"linli/storage"
)

// BenchmarkExportSignups runs `linli export signups` in a child process on
// a database of LINLI_BENCH_SIGNUPS sign-ups (default 1,000,000: 2,000
// activities of 500, a few waitlisted and cancelled on each) and reports
// the child's peak RSS (the issue 17 target: ≤ 200 MB for xlsx) and rows
// per second. The child is the whole command, so its peak includes the
// integrity check openDB runs before opening (storage.Check, which reads
// the file into memory and copies it: about twice the file's size). The database is built once, through storage's own write
// paths, and kept in the temporary directory for later runs:
//
//	go test ./cmd/linli -run '^$' -bench ExportSignups -benchtime 1x
func BenchmarkExportSignups(b *testing.B) {
	n := 1_000_000
	if s := os.Getenv("LINLI_BENCH_SIGNUPS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			b.Fatal(err)
		}
	}
	db := benchSignupDB(b, n)
	for _, format := range []string{"json", "csv", "xlsx"} {
		b.Run(format, func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "signups."+format)
			var peak int64
			for b.Loop() {
				cmd := exec.Command(os.Args[0], "-test.run=^TestExportChild$")
				cmd.Env = append(os.Environ(), "LINLI_EXPORT_CHILD=export signups --db "+db+" --format "+format+" --out "+out)
				msg, err := cmd.CombinedOutput()
				if err != nil {
					b.Fatalf("export: %v\n%s", err, msg)
				}
				// The child's own high-water mark (its rusage would include
				// the parent's, which it shared until exec).
				var kb int64
				if _, err := fmt.Sscanf(string(msg[bytes.LastIndex(msg, []byte("VmHWM:")):]), "VmHWM: %d kB", &kb); err != nil {
					b.Fatalf("no peak RSS from the child: %v\n%s", err, msg)
				}
				peak = max(peak, kb)
			}
			st, _ := os.Stat(out)
			b.ReportMetric(float64(peak)/1024, "peakRSS-MB")
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
			b.ReportMetric(float64(st.Size())/(1<<20), "file-MB")
		})
	}
}

// TestExportChild is the child process of BenchmarkExportSignups: it runs
// the linli command line of LINLI_EXPORT_CHILD, prints its peak RSS
// ("VmHWM: N kB", Linux) on stderr and exits with the command's status.
// Without the variable it does nothing.
func TestExportChild(t *testing.T) {
	args := os.Getenv("LINLI_EXPORT_CHILD")
	if args == "" {
		return
	}
	code := run(strings.Fields(args), os.Stdin, os.Stdout, os.Stderr)
	status, _ := os.ReadFile("/proc/self/status") // Linux; VmHWM is the peak RSS
	for _, line := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			fmt.Fprintln(os.Stderr, strings.Join(strings.Fields(line), " "))
		}
	}
	os.Exit(code)
}

// benchSignupDB returns the path of a database with n sign-ups, building
// it (once) in the temporary directory.
func benchSignupDB(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("linli-export-bench-%d.db", n))
	if db, err := storage.Open(path); err == nil {
		count, err := db.CountSignups()
		db.Close()
		if err == nil && count == n {
			return path
		}
	}
	os.Remove(path)
	start := time.Now()
	tmp := path + ".tmp"
	os.Remove(tmp)
	db, err := storage.Open(tmp, storage.WithNoSync())
	if err != nil {
		b.Fatal(err)
	}
	const per = 500
	t0 := time.Date(2026, 1, 3, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))
	groups := []string{"幸福里1期居民群", "幸福里2期居民群"}
	made := 0
	// Parties of 1 and 2 (about 667 people for 640 seats): some waitlisted.
	for act := 0; made < n; act++ {
		at := t0.Add(time.Duration(act) * 24 * time.Hour)
		a := &linli.Activity{Title: fmt.Sprintf("健康讲座第%d期", act+1), StartsAt: at, Deadline: at, Place: "社区活动室",
			Capacity: per + 140, Groups: groups, Status: linli.ActivityOpen, CreatedBy: "李社工", CreatedAt: at.Add(-72 * time.Hour)}
		if err := db.CreateActivity(a); err != nil {
			b.Fatal(err)
		}
		for i := 0; i < per && made < n; i++ {
			who := (act*37 + i*101) % 50000
			req := linli.SignupRequest{ActivityID: a.ID, Resident: fmt.Sprintf("%d-%d 居民%05d", who%30+1, who%600+101, who),
				Household: fmt.Sprintf("%d栋%d", who%30+1, who%600+101), PartySize: 1 + i%3/2, Group: groups[i%2],
				Source: linli.SourceCommand, Now: a.CreatedAt.Add(time.Duration(i) * time.Minute)}
			if i%7 == 0 {
				req.Source, req.Entry = linli.SourceJielong, fmt.Sprintf("%d. %s +%d", i+1, req.Resident, req.PartySize-1)
			}
			res, err := db.SignUp(req)
			if err != nil {
				b.Fatal(err)
			}
			if res.Outcome != linli.SignupAdded {
				b.Fatalf("sign-up %+v: outcome %v", req, res.Outcome)
			}
			made++
		}
		if _, err := db.CancelSignup(a.ID, fmt.Sprintf("%d-%d 居民%05d", (act*37)%50000%30+1, (act*37)%50000%600+101, (act*37)%50000), a.CreatedAt.Add(time.Hour)); err != nil {
			b.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	st, _ := os.Stat(path)
	b.Logf("seeded %d sign-ups in %s: %s, %d MiB", n, time.Since(start).Round(time.Second), path, st.Size()>>20)
	return path
}
