package storage

import (
	"go.etcd.io/bbolt"
	"golang.org/x/sys/unix"
)

// releaseMapped tells the kernel this process no longer needs the pages of
// the memory map that tx can see (madvise MADV_DONTNEED). On a shared
// read-only file mapping that is safe while tx is open: a page read again
// is mapped again from the file, with the same contents (bbolt writes with
// pwrite, never through the map, and cannot remap while tx is open).
// Errors are ignored: releasing only saves memory.
func releaseMapped(db *bbolt.DB, tx *bbolt.Tx) {
	if size := tx.Size(); size > 0 {
		// The map is not Go memory: its address is passed as a number.
		unix.Syscall(unix.SYS_MADVISE, db.Info().Data, uintptr(size), unix.MADV_DONTNEED)
	}
}
