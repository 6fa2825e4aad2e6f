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
// cursor down (or, for After, up): in the reports bucket, or, when q sets
// Grids or Status, in the by-grid index, merging the grid+status ranges
// that fit. Reports passed over by Skip are stepped over key by key, not
// decoded, unless q.Match must see them; only the page's reports (and,
// with Match, those it refuses) are decoded. Total is counted over keys
// when Match is nil.
func (db *DB) ReportPage(q linli.ReportPageQuery) (linli.ReportPage, error) {
	page := linli.ReportPage{Total: -1}
	limit := max(q.Limit, 1)
	err := db.view(func(tx *bbolt.Tx) error {
		reports := tx.Bucket(bucketReports)
		if reports == nil {
			page.Total = 0
			return nil
		}
		var w walker = idWalk{c: reports.Cursor()}
		if q.Grids != nil || q.Status != "" {
			w = gridWalk(tx.Bucket(bucketReportsByGrid), q.Grids, q.Status)
		}
		var word []byte // q.Word as it is written in a record's JSON
		if q.Word != "" {
			enc, _ := json.Marshal(q.Word)
			word = enc[1 : len(enc)-1]
		}
		var category []byte // `"category":"…"`, as a record holds it
		if q.Category != "" {
			enc, _ := json.Marshal(q.Category)
			category = append([]byte(`"category":`), enc...)
		}
		load := func(id uint64) (*linli.Report, error) {
			v := reports.Get(itob(id))
			if v == nil || word != nil && !bytes.Contains(v, word) || category != nil && !bytes.Contains(v, category) {
				return nil, nil // an index entry without its report, or not the Word or Category: skipped
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
			if q.Match == nil && word == nil && category == nil && !want {
				return nil, true, nil
			}
			r, err := load(id)
			if err != nil || r == nil {
				return nil, false, err
			}
			return r, (category == nil || r.Category == q.Category) && (q.Match == nil || q.Match(r)), nil
		}
		if q.Match == nil && word == nil && category == nil {
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

// walker steps through report IDs in order, down (prev) or up (next).
type walker interface {
	seekBelow(before uint64) (uint64, bool) // the highest ID below before (0: the highest)
	seekAbove(after uint64) (uint64, bool)  // the lowest ID above after
	prev() (uint64, bool)
	next() (uint64, bool)
	count() int // how many IDs it covers (moves it: seek again after)
}

// gridWalk merges the ranges of the by-grid index (grid + status + id)
// whose grid is in grids (nil: any) and whose status is status ("": any).
// The ranges are found from the index's keys, one seek each.
func gridWalk(idx *bbolt.Bucket, grids []string, status string) walker {
	m := &mergeWalk{last: -1}
	if idx == nil {
		return m
	}
	c := idx.Cursor()
	for k, _ := c.First(); k != nil; {
		i := bytes.IndexByte(k, sep)
		j := -1
		if i >= 0 {
			j = bytes.IndexByte(k[i+1:], sep)
		}
		if j < 0 { // not a grid+status key: step over it
			k, _ = c.Next()
			continue
		}
		prefix := bytes.Clone(k[:i+1+j+1])
		grid, st := string(k[:i]), string(k[i+1:i+1+j])
		if (grids == nil || slices.Contains(grids, grid)) && (status == "" || st == status) {
			m.walks = append(m.walks, idWalk{c: idx.Cursor(), prefix: prefix})
		}
		k, _ = c.Seek(append(prefix, bytes.Repeat([]byte{0xff}, 9)...)) // the next range
	}
	m.cur = make([]uint64, len(m.walks))
	m.ok = make([]bool, len(m.walks))
	return m
}

// mergeWalk walks several idWalks as one, in ID order (a report is in one
// range only).
type mergeWalk struct {
	walks []idWalk
	cur   []uint64
	ok    []bool
	last  int // the walk whose ID was returned last
}

func (m *mergeWalk) pick(down bool) (uint64, bool) {
	m.last = -1
	for i := range m.walks {
		if m.ok[i] && (m.last < 0 || down && m.cur[i] > m.cur[m.last] || !down && m.cur[i] < m.cur[m.last]) {
			m.last = i
		}
	}
	if m.last < 0 {
		return 0, false
	}
	return m.cur[m.last], true
}

func (m *mergeWalk) seekBelow(before uint64) (uint64, bool) {
	for i, w := range m.walks {
		m.cur[i], m.ok[i] = w.seekBelow(before)
	}
	return m.pick(true)
}

func (m *mergeWalk) seekAbove(after uint64) (uint64, bool) {
	for i, w := range m.walks {
		m.cur[i], m.ok[i] = w.seekAbove(after)
	}
	return m.pick(false)
}

func (m *mergeWalk) prev() (uint64, bool) {
	if m.last < 0 {
		return 0, false
	}
	m.cur[m.last], m.ok[m.last] = m.walks[m.last].prev()
	return m.pick(true)
}

func (m *mergeWalk) next() (uint64, bool) {
	if m.last < 0 {
		return 0, false
	}
	m.cur[m.last], m.ok[m.last] = m.walks[m.last].next()
	return m.pick(false)
}

func (m *mergeWalk) count() int {
	n := 0
	for _, w := range m.walks {
		n += w.count()
	}
	return n
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
