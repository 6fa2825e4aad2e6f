package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"go.etcd.io/bbolt"

	"linli"
)

// bucketReportFacts holds the statistics fact of every report (linli.ReportFact),
// kept by putReport in the report's own transaction:
// reportMonthKey (month of CreatedAt + itob(id)) → the fact, encoded by
// appendFact. 统计 上报 reads a month's facts, or all of them, instead of
// decoding every report. Schema 5 (migrateV5, its rebuild buildReportFacts)
// builds them for databases written before.
var bucketReportFacts = []byte("report_facts")

// factVersion is the first byte of an encoded fact.
const factVersion = 1

// putReportFact stores r's fact, removing old's when r moved to another
// key (old is nil for a new report).
func putReportFact(tx *bbolt.Tx, old, r *linli.Report) error {
	key := reportMonthKey(r)
	if old != nil {
		if was := reportMonthKey(old); !bytes.Equal(was, key) {
			if err := indexDel(tx, bucketReportFacts, was); err != nil {
				return err
			}
		}
	}
	return indexPut(tx, bucketReportFacts, key, appendFact(nil, r.Fact()))
}

// appendFact appends the binary encoding of f to buf: the version, then
// id, grid, category, unit, status, created, resolved, deadline, rating,
// duplicate-of and the units that handed it back (strings as a uvarint
// length and bytes, times as a varint of Unix seconds and a uvarint of
// nanoseconds).
func appendFact(buf []byte, f linli.ReportFact) []byte {
	str := func(s string) {
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		buf = append(buf, s...)
	}
	tm := func(t time.Time) {
		buf = binary.AppendVarint(buf, t.Unix())
		buf = binary.AppendUvarint(buf, uint64(t.Nanosecond()))
	}
	buf = append(buf, factVersion)
	buf = binary.AppendUvarint(buf, f.ID)
	str(f.Grid)
	str(f.Category)
	str(f.Unit)
	str(f.Status)
	tm(f.CreatedAt)
	tm(f.ResolvedAt)
	tm(f.Deadline)
	buf = binary.AppendVarint(buf, int64(f.Rating))
	buf = binary.AppendUvarint(buf, f.DuplicateOf)
	buf = binary.AppendUvarint(buf, uint64(len(f.HandedBack)))
	for _, u := range f.HandedBack {
		str(u)
	}
	return buf
}

var errBadFact = errors.New("malformed report fact")

// factDecoder decodes facts, sharing one string for each distinct name
// (grids, categories, units and statuses repeat in every fact).
type factDecoder struct {
	names map[string]string
}

// decode decodes one fact encoded by appendFact.
func (d *factDecoder) decode(data []byte) (linli.ReportFact, error) {
	var f linli.ReportFact
	if len(data) == 0 || data[0] != factVersion {
		return f, errBadFact
	}
	p, bad := data[1:], false
	uv := func() uint64 {
		v, n := binary.Uvarint(p)
		if n <= 0 {
			bad = true
			return 0
		}
		p = p[n:]
		return v
	}
	sv := func() int64 {
		v, n := binary.Varint(p)
		if n <= 0 {
			bad = true
			return 0
		}
		p = p[n:]
		return v
	}
	str := func() string {
		n := uv()
		if bad || n > uint64(len(p)) {
			bad = true
			return ""
		}
		b := p[:n]
		p = p[n:]
		s, ok := d.names[string(b)] // no allocation for the lookup
		if !ok {
			s = string(b)
			d.names[s] = s
		}
		return s
	}
	tm := func() time.Time {
		sec := sv()
		nsec := uv()
		if nsec >= 1e9 {
			bad = true
		}
		return time.Unix(sec, int64(nsec)).UTC()
	}
	f.ID = uv()
	f.Grid, f.Category, f.Unit, f.Status = str(), str(), str(), str()
	f.CreatedAt, f.ResolvedAt, f.Deadline = tm(), tm(), tm()
	f.Rating = int(sv())
	f.DuplicateOf = uv()
	if n := uv(); n > 0 && !bad {
		if n > uint64(len(p)) {
			return f, errBadFact
		}
		f.HandedBack = make([]string, 0, n)
		for range n {
			f.HandedBack = append(f.HandedBack, str())
		}
	}
	if bad || len(p) != 0 {
		return f, errBadFact
	}
	return f, nil
}

// EachReportFact implements linli.ReportService: the facts of the reports
// created in [from, to) (all when from is zero), read from the month
// buckets of the months that can hold them, in month and then id order.
func (db *DB) EachReportFact(from, to time.Time, fn func(f *linli.ReportFact)) error {
	d := factDecoder{names: map[string]string{}}
	err := db.view(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketReportFacts)
		if b == nil {
			return nil
		}
		// A fact's month is that of CreatedAt in the zone it was given in;
		// a day on each side covers every zone.
		c := b.Cursor()
		k, v := c.First()
		var last []byte
		if !from.IsZero() {
			k, v = c.Seek([]byte(from.UTC().AddDate(0, 0, -1).Format("2006-01")))
			last = []byte(to.UTC().AddDate(0, 0, 1).Format("2006-01"))
		}
		var f linli.ReportFact // one for all: fn must not keep it
		for ; k != nil; k, v = c.Next() {
			if last != nil && bytes.Compare(k[:min(len(k), len(last))], last) > 0 {
				break
			}
			var err error
			if f, err = d.decode(v); err != nil {
				return fmt.Errorf("%s: %w", keyString(k), err)
			}
			if from.IsZero() || !f.CreatedAt.Before(from) && f.CreatedAt.Before(to) {
				fn(&f)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("storage: report facts: %w", err)
	}
	return nil
}

// migrateV5 raises the version once buildReportFacts (its rebuild, run on
// the database at schema 4) has written the fact of every report.
func migrateV5(*bbolt.Tx, *slog.Logger) error { return nil }

// buildReportFacts (schema 4 → 5) writes the fact of every report into
// bucketReportFacts, in transactions of rebuildChunk reports, logging its
// progress. It drops the bucket first, so after a failure (the version is
// still 4) it runs again from the start.
func buildReportFacts(db *DB, log *slog.Logger) error {
	if err := db.update(func(tx *bbolt.Tx) error {
		if tx.Bucket(bucketReportFacts) != nil {
			return tx.DeleteBucket(bucketReportFacts)
		}
		return nil
	}); err != nil {
		return fmt.Errorf("drop %s: %w", bucketReportFacts, err)
	}
	var total int
	if err := db.view(func(tx *bbolt.Tx) error {
		if b := tx.Bucket(bucketReports); b != nil {
			total = b.Stats().KeyN
		}
		return nil
	}); err != nil {
		return err
	}
	if total == 0 {
		return nil
	}
	log.Info("building report statistics", "reports", total)
	began, n := time.Now(), 0
	var after []byte // the last report written
	for {
		var facts []struct{ key, value []byte }
		err := db.view(func(tx *bbolt.Tx) error {
			c := tx.Bucket(bucketReports).Cursor()
			k, v := c.First()
			if after != nil {
				if k, v = c.Seek(after); k != nil && bytes.Equal(k, after) {
					k, v = c.Next()
				}
			}
			for ; k != nil && len(facts) < rebuildChunk; k, v = c.Next() {
				var r linli.Report
				if err := indexDecoded(func(_ *bbolt.Tx, d *linli.Report) error { r = *d; return nil })(tx, v); err != nil {
					return fmt.Errorf("report %s: %w", keyString(k), err)
				}
				facts = append(facts, struct{ key, value []byte }{reportMonthKey(&r), appendFact(nil, r.Fact())})
				after = bytes.Clone(k)
			}
			return nil
		})
		if err != nil {
			return err
		}
		if len(facts) == 0 {
			break
		}
		if err := db.update(func(tx *bbolt.Tx) error {
			for _, f := range facts {
				if err := indexPut(tx, bucketReportFacts, f.key, f.value); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			return err
		}
		n += len(facts)
		log.Info("building report statistics", "done", n, "of", total)
	}
	log.Info("report statistics built", "reports", n, "took", time.Since(began).Round(time.Millisecond))
	return nil
}
