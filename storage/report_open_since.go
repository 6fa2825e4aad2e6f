package storage

import (
	"slices"
	"time"

	"go.etcd.io/bbolt"

	"linli"
)

// openOriginalsSince calls fn with each open report that is no duplicate
// and was created at or after since, oldest first, until fn returns false;
// with a zero since, every one (openOriginals). It walks the open
// originals back from the newest and stops at the first created before
// since: ids are given in creation order (as RecentReports relies on), so
// it reads the open originals of the window and one more, however many
// older ones are still open.
func openOriginalsSince(tx *bbolt.Tx, since time.Time, fn func(*linli.Report) bool) error {
	if since.IsZero() {
		return openOriginals(tx, fn)
	}
	open := tx.Bucket(bucketReportOpen)
	if open == nil {
		return nil
	}
	reports := tx.Bucket(bucketReports)
	var recent []*linli.Report
	c := open.Cursor()
	for k, _ := c.Last(); k != nil; k, _ = c.Prev() {
		r := &linli.Report{}
		found, err := getJSON(reports, k, r)
		if err != nil {
			return err
		}
		if !found {
			continue
		}
		if r.CreatedAt.Before(since) {
			break
		}
		recent = append(recent, r)
	}
	slices.Reverse(recent)
	for _, r := range recent {
		if !fn(r) {
			return nil
		}
	}
	return nil
}
