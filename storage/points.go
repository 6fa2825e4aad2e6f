package storage

import (
	"bytes"
	"fmt"

	"go.etcd.io/bbolt"

	"linli"
)

var _ linli.PointsService = (*DB)(nil)

// The ledger of points lives in buckets of its own: entries by id, an index
// of each resident's entries, the sources already rewarded, the balances
// kept on write, and what each resident earned per month.
var (
	bucketPointsEntries  = []byte("points_entries")     // itob(id) → PointsEntry
	bucketPointsResident = []byte("points_by_resident") // resident 0x00 itob(id) → ""
	bucketPointsSources  = []byte("points_sources")     // source → itob(id)
	bucketPointsBalances = []byte("points_balances")    // resident → PointsBalance
	bucketPointsMonths   = []byte("points_months")      // "2026-11" 0x00 resident → MonthPoints
)

// residentKey is the key of one entry of resident in bucketPointsResident.
func residentKey(resident string, id uint64) []byte {
	return append(append([]byte(resident), 0), itob(id)...)
}

func monthKey(month, resident string) []byte {
	return append(append([]byte(month), 0), resident...)
}

// AddPoints stores e as linli.PointsService says, in one transaction.
func (db *DB) AddPoints(e linli.PointsEntry, monthlyCap int) (linli.PointsEntry, bool, error) {
	var out linli.PointsEntry
	var added bool
	err := db.update(func(tx *bbolt.Tx) (err error) {
		out, added, err = addPoints(tx, e, monthlyCap)
		return err
	})
	if err != nil {
		if linli.ErrorCode(err) != linli.EInternal {
			return linli.PointsEntry{}, false, err
		}
		return linli.PointsEntry{}, false, fmt.Errorf("storage: add points for %q: %w", e.Resident, err)
	}
	return out, added, nil
}

// addPoints is AddPoints inside tx: the one write path of the ledger, used
// by redemptions and the migration too.
func addPoints(tx *bbolt.Tx, e linli.PointsEntry, monthlyCap int) (linli.PointsEntry, bool, error) {
	if e.Resident == "" {
		return e, false, fmt.Errorf("points entry without a resident")
	}
	sources, err := writeBucket(tx, bucketPointsSources)
	if err != nil {
		return e, false, err
	}
	if e.Source != "" {
		if id := sources.Get([]byte(e.Source)); id != nil {
			var old linli.PointsEntry
			if _, err := getJSON(tx.Bucket(bucketPointsEntries), id, &old); err != nil {
				return e, false, err
			}
			return old, false, nil
		}
	}
	month := e.CreatedAt.Format("2006-01")
	months, err := writeBucket(tx, bucketPointsMonths)
	if err != nil {
		return e, false, err
	}
	mp := linli.MonthPoints{Resident: e.Resident, Month: month}
	if _, err := getJSON(months, monthKey(month, e.Resident), &mp); err != nil {
		return e, false, err
	}
	if linli.RuleKind(e.Kind) {
		if got := linli.CapAmount(e.Amount, mp.Rules, monthlyCap); got != e.Amount {
			e.Asked, e.Amount = e.Amount, got
		}
	}
	balances, err := writeBucket(tx, bucketPointsBalances)
	if err != nil {
		return e, false, err
	}
	bal := linli.PointsBalance{Resident: e.Resident}
	if _, err := getJSON(balances, []byte(e.Resident), &bal); err != nil {
		return e, false, err
	}
	if bal.Balance+e.Amount < 0 {
		return e, false, linli.Errorf(linli.EConflict, "积分不够：现有%d分。", bal.Balance)
	}
	entries, err := writeBucket(tx, bucketPointsEntries)
	if err != nil {
		return e, false, err
	}
	if e.ID, err = nextID(entries); err != nil {
		return e, false, err
	}
	bal.Balance += e.Amount
	bal.Entries++
	if e.Household != "" {
		bal.Household = e.Household
	}
	e.Balance = bal.Balance
	if err := putJSON(entries, itob(e.ID), &e); err != nil {
		return e, false, err
	}
	byResident, err := writeBucket(tx, bucketPointsResident)
	if err != nil {
		return e, false, err
	}
	if err := byResident.Put(residentKey(e.Resident, e.ID), []byte{}); err != nil {
		return e, false, fmt.Errorf("index entry %d: %w", e.ID, err)
	}
	if e.Source != "" {
		if err := sources.Put([]byte(e.Source), itob(e.ID)); err != nil {
			return e, false, fmt.Errorf("index source %q: %w", e.Source, err)
		}
	}
	if err := putJSON(balances, []byte(e.Resident), &bal); err != nil {
		return e, false, err
	}
	if linli.RuleKind(e.Kind) {
		mp.Rules += e.Amount
	}
	if linli.RankedKind(e.Kind) {
		mp.Ranked += e.Amount
	}
	if err := putJSON(months, monthKey(month, e.Resident), &mp); err != nil {
		return e, false, err
	}
	return e, true, nil
}

// PointsBalance returns the balance kept for resident: one read, whatever
// the length of the history.
func (db *DB) PointsBalance(resident string) (linli.PointsBalance, error) {
	bal := linli.PointsBalance{Resident: resident}
	err := db.view(func(tx *bbolt.Tx) error {
		_, err := getJSON(tx.Bucket(bucketPointsBalances), []byte(resident), &bal)
		return err
	})
	if err != nil {
		return bal, fmt.Errorf("storage: points balance of %q: %w", resident, err)
	}
	return bal, nil
}

// PointsHistory returns resident's entries newest first, from offset, at
// most limit (all when limit <= 0), and the number of entries in all (the
// balance's count).
func (db *DB) PointsHistory(resident string, offset, limit int) ([]linli.PointsEntry, int, error) {
	var out []linli.PointsEntry
	total := 0
	err := db.view(func(tx *bbolt.Tx) error {
		var bal linli.PointsBalance
		if _, err := getJSON(tx.Bucket(bucketPointsBalances), []byte(resident), &bal); err != nil {
			return err
		}
		total = bal.Entries
		idx, entries := tx.Bucket(bucketPointsResident), tx.Bucket(bucketPointsEntries)
		if idx == nil || entries == nil {
			return nil
		}
		prefix := append([]byte(resident), 0)
		c := idx.Cursor()
		// Seek past the resident's last key, then walk back.
		k, _ := c.Seek(append(bytes.Clone(prefix), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff))
		if k == nil {
			k, _ = c.Last()
		} else {
			k, _ = c.Prev()
		}
		for skipped := 0; k != nil && bytes.HasPrefix(k, prefix) && len(k) == len(prefix)+8; k, _ = c.Prev() {
			if skipped < offset {
				skipped++
				continue
			}
			if limit > 0 && len(out) == limit {
				break
			}
			var e linli.PointsEntry
			if _, err := getJSON(entries, k[len(prefix):], &e); err != nil {
				return err
			}
			out = append(out, e)
		}
		return nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("storage: points history of %q: %w", resident, err)
	}
	return out, total, nil
}

// HasPointsSource reports whether an entry for source was stored.
func (db *DB) HasPointsSource(source string) (bool, error) {
	var has bool
	err := db.view(func(tx *bbolt.Tx) error {
		if b := tx.Bucket(bucketPointsSources); b != nil {
			has = b.Get([]byte(source)) != nil
		}
		return nil
	})
	return has, err
}

// EachPointsEntry calls fn with every entry in ID order in one read
// transaction.
func (db *DB) EachPointsEntry(fn func(e *linli.PointsEntry) error) error {
	err := db.view(func(tx *bbolt.Tx) error {
		return eachJSON(tx.Bucket(bucketPointsEntries), func(_ []byte, e *linli.PointsEntry) error { return fn(e) })
	})
	if err != nil {
		return fmt.Errorf("storage: each points entry: %w", err)
	}
	return nil
}

// MonthPoints lists the month's totals by resident: a prefix scan of one
// month, not of the ledger.
func (db *DB) MonthPoints(month string) ([]linli.MonthPoints, error) {
	var out []linli.MonthPoints
	err := db.view(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketPointsMonths)
		if b == nil {
			return nil
		}
		prefix := append([]byte(month), 0)
		c := b.Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			var mp linli.MonthPoints
			if _, err := getJSON(b, k, &mp); err != nil {
				return err
			}
			out = append(out, mp)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("storage: month points %s: %w", month, err)
	}
	return out, nil
}

// SetRankingOptOut records resident's 不参与排名 on their balance.
func (db *DB) SetRankingOptOut(resident string, out bool) error {
	_, err := change[linli.PointsBalance]{bucket: bucketPointsBalances, key: []byte(resident),
		fn: func(_ *bbolt.Tx, b *linli.PointsBalance) error {
			b.Resident, b.OptOut = resident, out
			return nil
		}}.commit(db, fmt.Sprintf("ranking opt-out of %q", resident))
	return err
}

// Balances lists every balance ordered by resident.
func (db *DB) Balances() ([]linli.PointsBalance, error) {
	var out []linli.PointsBalance
	err := db.view(func(tx *bbolt.Tx) (err error) {
		out, err = listJSON[linli.PointsBalance](tx.Bucket(bucketPointsBalances))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("storage: balances: %w", err)
	}
	return out, nil
}
