package storage

import (
	"bytes"

	"go.etcd.io/bbolt"

	"linli"
)

// putReport stores r and brings the indexes up to date.
func putReport(tx *bbolt.Tx, r *linli.Report) error {
	b, err := writeBucket(tx, bucketReports)
	if err != nil {
		return err
	}
	if err := putJSON(b, itob(r.ID), r); err != nil {
		return err
	}
	open, err := writeBucket(tx, bucketReportOpen)
	if err != nil {
		return err
	}
	if r.Open() && r.DuplicateOf == 0 {
		err = open.Put(itob(r.ID), []byte{})
	} else {
		err = deleteKey(open, itob(r.ID))
	}
	if err != nil || r.DuplicateOf == 0 {
		return err
	}
	dups, err := writeBucket(tx, bucketReportDups)
	if err != nil {
		return err
	}
	return dups.Put(append(itob(r.DuplicateOf), itob(r.ID)...), []byte{})
}

// openOriginals calls fn with each open report that is no duplicate, oldest
// first, until fn returns false.
func openOriginals(tx *bbolt.Tx, fn func(*linli.Report) bool) error {
	open := tx.Bucket(bucketReportOpen)
	if open == nil {
		return nil
	}
	reports := tx.Bucket(bucketReports)
	c := open.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		var r linli.Report
		if found, err := getJSON(reports, k, &r); err != nil || !found {
			return err
		}
		if !fn(&r) {
			return nil
		}
	}
	return nil
}

// duplicatesOf returns the reports linked to report id.
func duplicatesOf(tx *bbolt.Tx, id uint64) ([]*linli.Report, error) {
	idx := tx.Bucket(bucketReportDups)
	if idx == nil {
		return nil, nil
	}
	reports := tx.Bucket(bucketReports)
	prefix := itob(id)
	var list []*linli.Report
	c := idx.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		d := &linli.Report{}
		found, err := getJSON(reports, k[8:], d)
		if err != nil {
			return nil, err
		}
		if found {
			list = append(list, d)
		}
	}
	return list, nil
}
