package storage

import (
	"fmt"

	"go.etcd.io/bbolt"

	"linli"
)

var _ linli.RegisterService = (*DB)(nil)

// The owners' register: 户号 → entry; 绑定 requests by id.
var (
	bucketRegister     = []byte("register")
	bucketBindRequests = []byte("bind_requests")
)

// ReplaceRegister implements linli.RegisterService: the old register is
// dropped and the new one written in the same transaction.
func (db *DB) ReplaceRegister(entries []linli.RegisterEntry) error {
	err := db.update(func(tx *bbolt.Tx) error {
		if tx.Bucket(bucketRegister) != nil {
			if err := tx.DeleteBucket(bucketRegister); err != nil {
				return err
			}
		}
		b, err := writeBucket(tx, bucketRegister)
		if err != nil {
			return err
		}
		for i := range entries {
			e := entries[i]
			if e.Household == "" {
				return linli.Errorf(linli.EInvalid, "名册第%d项缺少户号", i+1)
			}
			if b.Get([]byte(e.Household)) != nil {
				return linli.Errorf(linli.EInvalid, "名册中户号 %s 重复", e.Household)
			}
			if err := putJSON(b, []byte(e.Household), &e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil && linli.ErrorCode(err) == linli.EInternal {
		return fmt.Errorf("storage: replace register: %w", err)
	}
	return err
}

// RegisterEntry implements linli.RegisterService.
func (db *DB) RegisterEntry(household string) (*linli.RegisterEntry, error) {
	return getRecord[linli.RegisterEntry](db, fmt.Sprintf("register entry %q", household), bucketRegister, []byte(household),
		func() error { return linli.Errorf(linli.ENotFound, "业主名册里没有 %s", household) })
}

// RegisterTotals implements linli.RegisterService.
func (db *DB) RegisterTotals() (int, float64, error) {
	n, area := 0, 0.0
	err := db.view(func(tx *bbolt.Tx) error {
		return eachJSON(tx.Bucket(bucketRegister), func(_ []byte, e *linli.RegisterEntry) error {
			n++
			area += e.Area
			return nil
		})
	})
	if err != nil {
		return 0, 0, fmt.Errorf("storage: register totals: %w", err)
	}
	return n, area, nil
}

// PutRegisterEntry implements linli.RegisterService.
func (db *DB) PutRegisterEntry(e linli.RegisterEntry) error {
	if e.Household == "" {
		return linli.Errorf(linli.EInvalid, "缺少户号")
	}
	err := db.update(func(tx *bbolt.Tx) error {
		b, err := writeBucket(tx, bucketRegister)
		if err != nil {
			return err
		}
		return putJSON(b, []byte(e.Household), &e)
	})
	if err != nil {
		return fmt.Errorf("storage: put register entry %q: %w", e.Household, err)
	}
	return nil
}

// RegisterEntries implements linli.RegisterService.
func (db *DB) RegisterEntries() ([]linli.RegisterEntry, error) {
	var list []linli.RegisterEntry
	err := db.view(func(tx *bbolt.Tx) (err error) {
		list, err = listJSON[linli.RegisterEntry](tx.Bucket(bucketRegister))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("storage: register entries: %w", err)
	}
	return list, nil
}

// CreateBindRequest implements linli.RegisterService.
func (db *DB) CreateBindRequest(r *linli.BindRequest) error {
	err := db.update(func(tx *bbolt.Tx) error {
		b, err := writeBucket(tx, bucketBindRequests)
		if err != nil {
			return err
		}
		id, err := nextID(b)
		if err != nil {
			return err
		}
		c := *r
		c.ID = id
		if err := putJSON(b, itob(id), &c); err != nil {
			return err
		}
		r.ID = id
		return nil
	})
	if err != nil {
		return fmt.Errorf("storage: create bind request: %w", err)
	}
	return nil
}

// UpdateBindRequest implements linli.RegisterService.
func (db *DB) UpdateBindRequest(id uint64, fn func(r *linli.BindRequest) error) (*linli.BindRequest, error) {
	return change[linli.BindRequest]{
		bucket:  bucketBindRequests,
		key:     itob(id),
		missing: func() error { return linli.Errorf(linli.ENotFound, "没有编号为 %d 的绑定申请", id) },
		fn: func(_ *bbolt.Tx, r *linli.BindRequest) error {
			return callerErr(fn(r))
		},
	}.commit(db, fmt.Sprintf("bind request %d", id))
}

// BindRequests implements linli.RegisterService: the requests in status
// ("" every one), by id (oldest first).
func (db *DB) BindRequests(status string) ([]linli.BindRequest, error) {
	var list []linli.BindRequest
	err := db.view(func(tx *bbolt.Tx) error {
		return eachJSON(tx.Bucket(bucketBindRequests), func(_ []byte, r *linli.BindRequest) error {
			if status == "" || r.Status == status {
				list = append(list, *r)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("storage: bind requests: %w", err)
	}
	return list, nil
}
