package storage

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"

	"go.etcd.io/bbolt"

	"linli"
)

var _ linli.ReportPager = (*DB)(nil)

// ReportPage implements linli.ReportPager. It walks report IDs from the
// cursor down (or, for After, up): in the reports bucket, or in the
// by-grid index under grid+status when q sets both. Reports passed over by
// Skip are stepped over key by key, not decoded, unless q.Match must see
// them; only the page's reports (and, with Match, those it refuses) are
// decoded. Total is counted over keys when Match is nil.
func (db *DB) ReportPage(q linli.ReportPageQuery) (linli.ReportPage, error) {
	page := linli.ReportPage{Total: -1}
	limit := max(q.Limit, 1)
	err := db.view(func(tx *bbolt.Tx) error {
		reports := tx.Bucket(bucketReports)
		if reports == nil {
			page.Total = 0
			return nil
		}
		w := idWalk{c: reports.Cursor()}
		if q.Grid != "" && q.Status != "" {
			idx := tx.Bucket(bucketReportsByGrid)
			if idx == nil {
				page.Total = 0
				return nil
			}
			w = idWalk{c: idx.Cursor(), prefix: join(nameKey(q.Grid), nameKey(q.Status))}
		}
		load := func(id uint64) (*linli.Report, error) {
			v := reports.Get(itob(id))
			if v == nil {
				return nil, nil // an index entry without its report: skipped
			}
			r := &linli.Report{}
			if err := json.Unmarshal(v, r); err != nil {
				return nil, fmt.Errorf("decode report %d: %w", id, err)
			}
			return r, nil
		}
		// matches decodes id and applies q.Match; without Match a report
		// needs decoding only to be shown (want).
		matches := func(id uint64, want bool) (*linli.Report, bool, error) {
			if q.Match == nil && !want {
				return nil, true, nil
			}
			r, err := load(id)
			if err != nil || r == nil {
				return nil, false, err
			}
			return r, q.Match == nil || q.Match(r), nil
		}
		if q.Match == nil {
			page.Total = w.count()
		}
		if q.Before == 0 && q.After > 0 { // a page back: walk up
			id, ok := w.seekAbove(q.After)
			for ; ok; id, ok = w.next() {
				r, m, err := matches(id, true)
				if err != nil {
					return err
				}
				if !m {
					continue
				}
				if len(page.Reports) == limit {
					page.Newer = true
					break
				}
				page.Reports = append(page.Reports, r)
			}
			slices.Reverse(page.Reports)
			page.Older = true // the page the cursor came from
			return nil
		}
		id, ok := w.seekBelow(q.Before)
		for skipped := 0; ok && skipped < q.Skip; id, ok = w.prev() {
			_, m, err := matches(id, false)
			if err != nil {
				return err
			}
			if m {
				skipped++
			}
		}
		page.Newer = q.Before > 0 || q.Skip > 0
		for ; ok; id, ok = w.prev() {
			want := len(page.Reports) < limit
			r, m, err := matches(id, want)
			if err != nil {
				return err
			}
			if !m {
				continue
			}
			if !want {
				page.Older = true
				break
			}
			page.Reports = append(page.Reports, r)
		}
		return nil
	})
	if err != nil {
		return linli.ReportPage{}, fmt.Errorf("storage: report page: %w", err)
	}
	return page, nil
}

// idWalk steps through report IDs: the keys of the reports bucket (no
// prefix), or of an index under prefix, each ending in itob(id).
type idWalk struct {
	c      *bbolt.Cursor
	prefix []byte
}

// id returns the report ID of key k, false past the walk's keys.
func (w idWalk) id(k []byte) (uint64, bool) {
	if k == nil || len(k) != len(w.prefix)+8 || !bytes.HasPrefix(k, w.prefix) {
		return 0, false
	}
	return btoi(k[len(w.prefix):]), true
}

// seekBelow moves to the highest ID below before (0: the highest).
func (w idWalk) seekBelow(before uint64) (uint64, bool) {
	if before == 0 {
		before = math.MaxUint64
	}
	k, _ := w.c.Seek(join(w.prefix, itob(before)))
	if k == nil {
		k, _ = w.c.Last()
	} else {
		k, _ = w.c.Prev()
	}
	return w.skipOdd(k, w.c.Prev)
}

// seekAbove moves to the lowest ID above after.
func (w idWalk) seekAbove(after uint64) (uint64, bool) {
	if after == math.MaxUint64 {
		return 0, false
	}
	k, _ := w.c.Seek(join(w.prefix, itob(after+1)))
	return w.skipOdd(k, w.c.Next)
}

func (w idWalk) prev() (uint64, bool) { k, _ := w.c.Prev(); return w.skipOdd(k, w.c.Prev) }
func (w idWalk) next() (uint64, bool) { k, _ := w.c.Next(); return w.skipOdd(k, w.c.Next) }

// skipOdd steps over keys of the reports bucket that are not an ID (none
// are written; a damaged file may hold one). Under a prefix, a key outside
// it ends the walk.
func (w idWalk) skipOdd(k []byte, step func() ([]byte, []byte)) (uint64, bool) {
	for k != nil {
		if id, ok := w.id(k); ok {
			return id, true
		}
		if len(w.prefix) > 0 {
			return 0, false
		}
		k, _ = step()
	}
	return 0, false
}

// count is how many IDs the walk covers, from its keys alone (it moves
// the cursor: seek again after it).
func (w idWalk) count() int {
	n := 0
	k, _ := w.c.Seek(w.prefix)
	for ; k != nil && bytes.HasPrefix(k, w.prefix); k, _ = w.c.Next() {
		if _, ok := w.id(k); ok {
			n++
		}
	}
	return n
}
