package storage

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"time"

	"go.etcd.io/bbolt"

	"linli"
)

// putReport stores r and brings the indexes and counters up to date
// (index.go): open originals, duplicates, by reporter, by grid and status,
// by month, the report counts of the community and of r's month, and r's
// statistics fact.
func putReport(tx *bbolt.Tx, r *linli.Report) error {
	b, err := writeBucket(tx, bucketReports)
	if err != nil {
		return err
	}
	var old linli.Report
	found, err := loadOld(b, itob(r.ID), &old)
	if err != nil {
		return err
	}
	if err := putJSON(b, itob(r.ID), r); err != nil {
		return err
	}
	var prev *linli.Report
	if found {
		prev = &old
		if err := unindexReport(tx, prev, r); err != nil {
			return err
		}
	}
	if err := indexReport(tx, r); err != nil {
		return err
	}
	if err := countReport(tx, prev, r); err != nil {
		return err
	}
	if err := putReportFact(tx, prev, r); err != nil { // report_facts.go
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

func reporterKey(r *linli.Report) []byte { return join(nameKey(r.Reporter), itob(r.ID)) }
func gridKey(r *linli.Report) []byte {
	return join(nameKey(r.Grid), nameKey(r.Status), itob(r.ID))
}
func reportMonthKey(r *linli.Report) []byte { return join([]byte(reportMonth(r)), itob(r.ID)) }

// resolverKey is r's key in the by-resolver index; nil unless resolved.
func resolverKey(r *linli.Report) []byte {
	if r.Status != linli.ReportResolved || r.ResolvedBy == "" {
		return nil
	}
	return join(nameKey(r.ResolvedBy), endKey(r.ResolvedAt), itob(r.ID))
}

// reportMonth is the month a report counts in: of its creation, in the zone
// its time was given in.
func reportMonth(r *linli.Report) string { return r.CreatedAt.Format("2006-01") }

// unindexReport removes the index entries of old that r no longer has.
func unindexReport(tx *bbolt.Tx, old, r *linli.Report) error {
	for _, k := range []struct {
		bucket, was, is []byte
	}{
		{bucketReportsByReporter, reporterKey(old), reporterKey(r)},
		{bucketReportsByGrid, gridKey(old), gridKey(r)},
		{bucketReportsByMonth, reportMonthKey(old), reportMonthKey(r)},
		{bucketReportsByResolver, resolverKey(old), resolverKey(r)},
	} {
		if k.was != nil && !bytes.Equal(k.was, k.is) {
			if err := indexDel(tx, k.bucket, k.was); err != nil {
				return err
			}
		}
	}
	return nil
}

func indexReport(tx *bbolt.Tx, r *linli.Report) error {
	for _, k := range []struct{ bucket, key []byte }{
		{bucketReportsByReporter, reporterKey(r)},
		{bucketReportsByGrid, gridKey(r)},
		{bucketReportsByMonth, reportMonthKey(r)},
		{bucketReportsByResolver, resolverKey(r)},
	} {
		if k.key == nil {
			continue
		}
		if err := indexPut(tx, k.bucket, k.key, nil); err != nil {
			return err
		}
	}
	return nil
}

// keyAllReports is the key of the community's counts in bucketReportCounts.
var keyAllReports = []byte("all")

// countReport moves the counts from what old (nil: a new report)
// contributed to what r does, for the community and for the months.
func countReport(tx *bbolt.Tx, old, r *linli.Report) error {
	b, err := writeBucket(tx, bucketReportCounts)
	if err != nil {
		return err
	}
	type delta struct {
		key  []byte
		c    linli.ReportCounts
		sign int
	}
	var ds []delta
	if old != nil {
		oc := old.Counts()
		ds = append(ds, delta{keyAllReports, oc, -1}, delta{[]byte(reportMonth(old)), oc, -1})
	}
	nc := r.Counts()
	ds = append(ds, delta{keyAllReports, nc, 1}, delta{[]byte(reportMonth(r)), nc, 1})
	for _, d := range ds {
		var c linli.ReportCounts
		if _, err := getJSON(b, d.key, &c); err != nil {
			return err
		}
		c.Add(d.c, d.sign)
		if err := putJSON(b, d.key, &c); err != nil {
			return err
		}
	}
	return nil
}

// ReporterReports lists reporter's reports in id order, from the index.
func (db *DB) ReporterReports(reporter string) ([]*linli.Report, error) {
	var list []*linli.Report
	err := db.view(func(tx *bbolt.Tx) error {
		reports := tx.Bucket(bucketReports)
		prefix := nameKey(reporter)
		return eachWithPrefix(tx.Bucket(bucketReportsByReporter), prefix, func(k, _ []byte) error {
			r := &linli.Report{}
			found, err := getJSON(reports, k[len(prefix):], r)
			if found {
				list = append(list, r)
			}
			return err
		})
	})
	if err != nil {
		return nil, fmt.Errorf("storage: reports of %q: %w", reporter, err)
	}
	return list, nil
}

// ResolvedBy lists, in id order, the reports resolver resolved at or after
// since, from the by-resolver index.
func (db *DB) ResolvedBy(resolver string, since time.Time) ([]*linli.Report, error) {
	var list []*linli.Report
	err := db.view(func(tx *bbolt.Tx) error {
		idx := tx.Bucket(bucketReportsByResolver)
		if idx == nil {
			return nil
		}
		reports := tx.Bucket(bucketReports)
		prefix := nameKey(resolver)
		c := idx.Cursor()
		for k, _ := c.Seek(join(prefix, endKey(since))); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			r := &linli.Report{}
			found, err := getJSON(reports, k[len(k)-8:], r)
			if err != nil {
				return err
			}
			if found {
				list = append(list, r)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("storage: reports resolved by %q: %w", resolver, err)
	}
	slices.SortFunc(list, func(x, y *linli.Report) int { return cmp.Compare(x.ID, y.ID) })
	return list, nil
}

// ReportCounts returns the counts of every report (month "") or of those
// created in month ("2026-11").
func (db *DB) ReportCounts(month string) (linli.ReportCounts, error) {
	key := keyAllReports
	if month != "" {
		key = []byte(month)
	}
	var c linli.ReportCounts
	err := db.view(func(tx *bbolt.Tx) error {
		_, err := getJSON(tx.Bucket(bucketReportCounts), key, &c)
		return err
	})
	if err != nil {
		return c, fmt.Errorf("storage: report counts: %w", err)
	}
	return c, nil
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
