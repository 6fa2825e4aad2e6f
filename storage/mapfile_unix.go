//go:build unix

package storage

import (
	"os"

	"golang.org/x/sys/unix"
)

// mapFile maps the file at path read-only, so that checking a large
// database reads its pages from the page cache instead of copying the file
// onto the heap. release drops the pages this process has touched (they are
// read again from the file if needed); close unmaps.
func mapFile(path string) (data []byte, release func(), closeFn func(), err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, nil, nil, err
	}
	if info.Size() == 0 {
		return nil, func() {}, func() {}, nil
	}
	data, err = unix.Mmap(int(f.Fd()), 0, int(info.Size()), unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		return nil, nil, nil, err
	}
	release = func() { _ = unix.Madvise(data, unix.MADV_DONTNEED) }
	closeFn = func() { _ = unix.Munmap(data) }
	return data, release, closeFn, nil
}
