package storage

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"linli"
)

// filledDB writes a database of many pages (ids, residents, outgoing
// messages) and closes it; it returns the path.
func filledDB(t testing.TB) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "linli.db")
	db := openTest(t, path, WithNoSync())
	for i := 0; i < 3000; i++ {
		if _, err := db.MarkSeen(fmt.Sprintf("msg-%05d", i), t0); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < 200; i++ {
		name := fmt.Sprintf("居民%03d", i)
		if _, err := db.UpdateResident(name, func(r *linli.Resident) error { r.Household = "3栋502"; return nil }); err != nil {
			t.Fatal(err)
		}
		out := linli.Outgoing{To: linli.Chat{Group: "群"}, Text: strings.Repeat("通知", 50)}
		if _, err := db.EnqueueOutgoing(&out); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func copyTo(t *testing.T, src string, edit func([]byte) []byte) string {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(dst, edit(data), 0o600); err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestCheckSoundDatabase(t *testing.T) {
	path := filledDB(t)
	if err := Check(path); err != nil {
		t.Fatalf("Check of a sound database: %v", err)
	}
	if err := Check(filepath.Join(t.TempDir(), "missing.db")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Check of a missing file = %v, want fs.ErrNotExist", err)
	}
}

// TestDamagedFilesAreRefusedUntouched: Check and Open refuse every kind of
// damaged file with a Chinese explanation, and neither writes to it.
func TestDamagedFilesAreRefusedUntouched(t *testing.T) {
	good := filledDB(t)
	size := highWater(t, good) // bbolt grows files ahead: bytes past this are unused
	page := os.Getpagesize()
	cases := []struct {
		name string
		edit func([]byte) []byte
		want string // in the message
	}{
		{"empty", func([]byte) []byte { return nil }, "0 字节"},
		{"not bbolt", func([]byte) []byte { return []byte(strings.Repeat("这不是数据库", 2000)) }, "不是有效的 linli 数据库"},
		{"too short", func(b []byte) []byte { return b[:100] }, "不是有效的 linli 数据库"},
		{"truncated to half", func(b []byte) []byte { return b[:size/2] }, "文件不完整"},
		{"last page cut", func(b []byte) []byte { return b[:size-page] }, "文件不完整"},
		{"three pages left", func(b []byte) []byte { return b[:3*page] }, "文件不完整"},
		{"a page zeroed", func(b []byte) []byte {
			for i := 4 * page; i < 5*page; i++ {
				b[i] = 0
			}
			return b
		}, "一致性检查发现"},
		{"meta pages garbled", func(b []byte) []byte {
			for i := 16; i < 2*page; i += 7 {
				b[i] ^= 0x5a
			}
			return b
		}, "不是有效的 linli 数据库"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := copyTo(t, good, tc.edit)
			before := fileHash(t, path)
			err := Check(path)
			if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path) {
				t.Errorf("Check = %v, want ErrDamaged saying %q and naming the file", err, tc.want)
			}
			db, err := Open(path)
			if err == nil {
				// Open only guards against files it would damage or fault
				// on; a zeroed page is Check's to find.
				db.Close()
				if tc.name != "a page zeroed" {
					t.Errorf("Open accepted a damaged file")
				}
			} else if !errors.Is(err, ErrDamaged) {
				t.Errorf("Open = %v, want ErrDamaged", err)
			}
			if fileHash(t, path) != before {
				t.Fatal("the damaged file was modified")
			}
		})
	}
}

// TestCheckEveryTruncation cuts a database at every page boundary: Check
// never faults and refuses each cut that loses a page.
func TestCheckEveryTruncation(t *testing.T) {
	good := filledDB(t)
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	page := os.Getpagesize()
	path := filepath.Join(t.TempDir(), "cut.db")
	hwm := highWater(t, good)
	for n := page; n < hwm; n += page {
		if err := os.WriteFile(path, data[:n], 0o600); err != nil {
			t.Fatal(err)
		}
		if err := Check(path); !errors.Is(err, ErrDamaged) {
			t.Fatalf("cut at %d of %d bytes: Check = %v, want ErrDamaged", n, len(data), err)
		}
	}
}

// highWater is the size a database file must have.
func highWater(t *testing.T, path string) int {
	t.Helper()
	bdb, hwm, err := probe(path, DefaultTimeout)
	if err != nil {
		t.Fatal(err)
	}
	bdb.Close()
	return int(hwm)
}

func TestCheckWhileOpenForWriting(t *testing.T) {
	_, path := newTestDB(t) // held open by the test
	if err := Check(path); !errors.Is(err, ErrLocked) {
		t.Fatalf("Check of a database open for writing = %v, want ErrLocked", err)
	}
}

// FuzzCheck damages a database past its meta pages (where bbolt's
// checksums do not reach) and checks that Check reports it or accepts it,
// never crashing: a page reference bent by one bit used to fault inside
// bbolt's own checking goroutine.
func FuzzCheck(f *testing.F) {
	good := filledDB(f)
	data, err := os.ReadFile(good)
	if err != nil {
		f.Fatal(err)
	}
	page := os.Getpagesize()
	f.Add(uint32(2*page+16), []byte{0xff})
	f.Add(uint32(3*page+40), []byte{0, 0, 0, 1})
	f.Add(uint32(4*page+16), []byte{0x10})
	f.Add(uint32(5*page), make([]byte, page))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, at uint32, patch []byte) {
		damaged := append([]byte(nil), data...)
		off := 2*page + int(at)%(len(data)-2*page) // past the meta pages
		copy(damaged[off:], patch)
		path := filepath.Join(dir, fmt.Sprintf("fuzz-%d.db", at))
		if err := os.WriteFile(path, damaged, 0o600); err != nil {
			t.Fatal(err)
		}
		defer os.Remove(path)
		if err := Check(path); err != nil && !errors.Is(err, ErrDamaged) {
			t.Fatalf("Check = %v, want nil or ErrDamaged", err)
		}
	})
}

// TestCheckSurvivesAWildPageReference: a branch page pointing terabytes
// past the file's end (one flipped high bit) would fault inside bbolt's
// checking goroutine and kill the process; Check reports it instead.
func TestCheckSurvivesAWildPageReference(t *testing.T) {
	good := filledDB(t)
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	page := os.Getpagesize()
	bent := false
	for off := 2 * page; off+page <= len(data) && !bent; off += page {
		flags, count := binary.LittleEndian.Uint16(data[off+8:]), binary.LittleEndian.Uint16(data[off+10:])
		if flags == 0x01 && count > 0 && binary.LittleEndian.Uint64(data[off:]) == uint64(off/page) { // a branch page
			binary.LittleEndian.PutUint64(data[off+16+8:], 1<<30) // its first child: page 2³⁰, 4 TiB in
			bent = true
		}
	}
	if !bent {
		t.Fatal("no branch page to bend")
	}
	path := filepath.Join(t.TempDir(), "bent.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Check(path); !errors.Is(err, ErrDamaged) {
		t.Fatalf("Check = %v, want ErrDamaged", err)
	}
}
