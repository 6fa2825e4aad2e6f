package storage

import (
	"go.etcd.io/bbolt"

	"linli"
)

// putActivity stores a in b (the activities bucket of tx).
func putActivity(tx *bbolt.Tx, b *bbolt.Bucket, a *linli.Activity) error {
	return putJSON(b, itob(a.ID), a)
}

// putResident stores r in b (the residents bucket of tx); old is the name it
// was loaded under (a rename has deleted it already).
func putResident(tx *bbolt.Tx, b *bbolt.Bucket, old string, r *linli.Resident) error {
	return putJSON(b, []byte(r.Name), r)
}
