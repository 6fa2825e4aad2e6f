package storage

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"go.etcd.io/bbolt"

	"linli"
)

var _ linli.ReportService = (*DB)(nil)

// Buckets of the report family: reports by id, pending images by sender,
// and two indexes kept by putReport in the same transaction as the report:
// the ids of open originals (candidates for a new duplicate) and
// original+duplicate id pairs. They keep creating and updating a report
// independent of how many closed reports there are.
var (
	bucketReports       = []byte("reports")
	bucketReportPending = []byte("report_pending")
	bucketReportOpen    = []byte("report_open") // itob(id) → empty
	bucketReportDups    = []byte("report_dups") // itob(original) + itob(duplicate) → empty
	bucketReportOffers  = []byte("report_offers")
)

// CreateReport stores r as a new report and sets r.ID, taking the reporter's
// pending images and linking a duplicate in the same transaction (see
// linli.ReportService).
func (db *DB) CreateReport(r *linli.Report, isDup func(open *linli.Report) bool) error {
	return db.CreateReportSince(r, time.Time{}, isDup)
}

// CreateReportSince is CreateReport offering isDup only the open originals
// created at or after since (all when since is zero), reading only those
// (report_open_since.go).
func (db *DB) CreateReportSince(r *linli.Report, since time.Time, isDup func(open *linli.Report) bool) error {
	var created linli.Report
	err := db.update(func(tx *bbolt.Tx) error {
		c := *r
		c.Images = slices.Clone(r.Images)
		b, err := writeBucket(tx, bucketReports)
		if err != nil {
			return err
		}
		if c.DuplicateOf == 0 && isDup != nil {
			err := openOriginalsSince(tx, since, func(o *linli.Report) bool {
				if isDup(o) {
					c.DuplicateOf, c.Grid, c.Assignee = o.ID, o.Grid, o.Assignee
					return false
				}
				return true
			})
			if err != nil {
				return err
			}
		}
		_, err = change[linli.PendingImages]{
			bucket:  bucketReportPending,
			key:     []byte(c.Reporter),
			missing: func() error { return errUnchanged },
			fn: func(_ *bbolt.Tx, p *linli.PendingImages) error {
				if len(p.Files) == 0 {
					return errUnchanged
				}
				if !c.CreatedAt.After(p.Until) {
					c.Images = append(p.Files, c.Images...)
				}
				p.Files = nil
				return nil
			},
		}.apply(tx)
		if err != nil {
			return err
		}
		if c.ID, err = nextID(b); err != nil {
			return err
		}
		created = c
		return putReport(tx, &c)
	})
	if err != nil {
		return fmt.Errorf("storage: create report: %w", err)
	}
	*r = created
	return nil
}

// Report returns report id, or an ENotFound *linli.Error.
func (db *DB) Report(id uint64) (*linli.Report, error) {
	return getRecord[linli.Report](db, fmt.Sprintf("report %d", id), bucketReports, itob(id),
		func() error { return reportNotFound(id) })
}

// UpdateReport applies fn to report id and its duplicates and saves them in
// one transaction. It returns an ENotFound *linli.Error for an unknown id and
// fn's error as is.
func (db *DB) UpdateReport(id uint64, fn func(r *linli.Report, dups []*linli.Report) error) (*linli.Report, []*linli.Report, error) {
	var dups []*linli.Report
	r, err := change[linli.Report]{
		bucket:  bucketReports,
		key:     itob(id),
		missing: func() error { return reportNotFound(id) },
		fn: func(tx *bbolt.Tx, r *linli.Report) (err error) {
			if dups, err = duplicatesOf(tx, id); err != nil {
				return err
			}
			if err := fn(r, dups); err != nil {
				return callerErr(err)
			}
			r.ID = id
			return nil
		},
		save: func(tx *bbolt.Tx, _ *bbolt.Bucket, r *linli.Report) error {
			for _, d := range append([]*linli.Report{r}, dups...) {
				if err := putReport(tx, d); err != nil {
					return err
				}
			}
			return nil
		},
	}.commit(db, fmt.Sprintf("update report %d", id))
	if err != nil {
		return nil, nil, err
	}
	return r, dups, nil
}

// Reports lists the reports match accepts (all when match is nil), in id
// order.
func (db *DB) Reports(match func(*linli.Report) bool) ([]*linli.Report, error) {
	var list []*linli.Report
	err := db.view(func(tx *bbolt.Tx) error {
		return eachJSON(tx.Bucket(bucketReports), func(_ []byte, r *linli.Report) error {
			if match == nil || match(r) {
				list = append(list, r)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("storage: reports: %w", err)
	}
	return list, nil
}

// RecentReports lists the reports created at or after since, in id order.
// It walks back from the newest report and stops at the first older one
// (ids are given in creation order).
func (db *DB) RecentReports(since time.Time) ([]*linli.Report, error) {
	var list []*linli.Report
	err := db.view(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketReports)
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			r := &linli.Report{}
			if err := json.Unmarshal(v, r); err != nil {
				return fmt.Errorf("decode %s: %w", keyString(k), err)
			}
			if r.CreatedAt.Before(since) {
				break
			}
			list = append(list, r)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("storage: recent reports: %w", err)
	}
	slices.Reverse(list)
	return list, nil
}

// OpenReports lists the open originals in id order, and the number of
// duplicates linked to each, from the indexes.
func (db *DB) OpenReports() ([]*linli.Report, map[uint64]int, error) {
	var list []*linli.Report
	counts := map[uint64]int{}
	err := db.view(func(tx *bbolt.Tx) error {
		err := openOriginals(tx, func(r *linli.Report) bool {
			list = append(list, r)
			return true
		})
		if err != nil {
			return err
		}
		idx := tx.Bucket(bucketReportDups)
		for _, r := range list {
			if idx == nil {
				break
			}
			prefix := itob(r.ID)
			c := idx.Cursor()
			for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
				counts[r.ID]++
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("storage: open reports: %w", err)
	}
	return list, counts, nil
}

// Duplicates lists the reports linked to report id, in id order (from the
// duplicates index).
func (db *DB) Duplicates(id uint64) ([]*linli.Report, error) {
	var list []*linli.Report
	err := db.view(func(tx *bbolt.Tx) (err error) {
		list, err = duplicatesOf(tx, id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("storage: duplicates of report %d: %w", id, err)
	}
	return list, nil
}

// UpdatePendingImages loads (or starts) the pending images of sender,
// applies fn and saves them in one transaction. fn's error aborts without
// saving and is returned as is.
func (db *DB) UpdatePendingImages(sender string, fn func(p *linli.PendingImages) error) (*linli.PendingImages, error) {
	if sender == "" {
		return nil, linli.Errorf(linli.EInvalid, "发送人不能为空")
	}
	return change[linli.PendingImages]{
		bucket: bucketReportPending,
		key:    []byte(sender),
		fn: func(_ *bbolt.Tx, p *linli.PendingImages) error {
			p.Sender = sender
			err := fn(p)
			p.Sender = sender
			return callerErr(err)
		},
	}.commit(db, fmt.Sprintf("pending images of %q", sender))
}

// ExpirePendingImages implements linli.ReportService.
func (db *DB) ExpirePendingImages(before time.Time) ([]string, time.Time, error) {
	var expired []string
	var next time.Time
	earliest := func(t time.Time) {
		if next.IsZero() || t.Before(next) {
			next = t
		}
	}
	err := db.update(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketReportPending)
		held := map[string]bool{}
		changed := map[string]*linli.PendingImages{}
		err := eachJSON(b, func(k []byte, p *linli.PendingImages) error {
			cp := *p
			var stale []linli.StaleImage
			for _, s := range p.Stale {
				if s.Since.Before(before) {
					expired = append(expired, s.Name)
				} else {
					stale = append(stale, s)
				}
			}
			cp.Stale = stale
			if len(p.Files) > 0 && p.Until.Before(before) {
				expired = append(expired, p.Files...)
				cp.Files = nil
			}
			for _, f := range cp.Files {
				held[f] = true
			}
			if len(cp.Files) > 0 {
				earliest(cp.Until)
			}
			for _, s := range cp.Stale {
				held[s.Name] = true
				earliest(s.Since)
			}
			if len(cp.Stale) != len(p.Stale) || len(cp.Files) != len(p.Files) {
				changed[string(k)] = &cp
			}
			return nil
		})
		if err != nil {
			return err
		}
		for k, p := range changed {
			if err := putJSON(b, []byte(k), p); err != nil {
				return err
			}
		}
		expired = slices.DeleteFunc(expired, func(n string) bool { return held[n] })
		return nil
	})
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("storage: expire pending images: %w", err)
	}
	slices.Sort(expired)
	return slices.Compact(expired), next, nil
}

// UpdateReportOffers loads (or starts) the offers made to sender, applies
// fn and saves them in one transaction. fn's error aborts without saving and
// is returned as is.
func (db *DB) UpdateReportOffers(sender string, fn func(o *linli.ReportOffers) error) (*linli.ReportOffers, error) {
	if sender == "" {
		return nil, linli.Errorf(linli.EInvalid, "发送人不能为空")
	}
	return change[linli.ReportOffers]{
		bucket: bucketReportOffers,
		key:    []byte(sender),
		fn: func(_ *bbolt.Tx, o *linli.ReportOffers) error {
			o.Sender = sender
			err := fn(o)
			o.Sender = sender
			return callerErr(err)
		},
	}.commit(db, fmt.Sprintf("report offers to %q", sender))
}

func reportNotFound(id uint64) error {
	return linli.Errorf(linli.ENotFound, "没有编号为 %d 的上报，请检查编号（发送「我的上报」可查看您的上报）。", id)
}
