package storage

import "go.etcd.io/bbolt"

// releaseEvery is how many records an iteration reads between two
// releases of the file pages it has touched.
const releaseEvery = 8192

// releaser gives back, every releaseEvery records, the pages of the
// database file that a long read transaction has touched. bbolt reads
// through a shared read-only memory map: every page read stays resident in
// the process (and counts in its RSS) until the kernel needs the memory,
// so one pass over a million sign-ups would hold the whole 500 MB file.
// The pages stay in the page cache; reading one again maps it back.
type releaser struct {
	db   *DB
	tx   *bbolt.Tx
	seen int
}

// step counts one record read and releases the touched pages every
// releaseEvery records.
func (r *releaser) step() {
	r.seen++
	if r.seen%releaseEvery == 0 {
		releaseMapped(r.db.bolt, r.tx)
	}
}
