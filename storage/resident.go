package storage

import (
	"fmt"

	"go.etcd.io/bbolt"

	"linli"
)

var _ linli.ResidentStore = (*DB)(nil)

// Resident returns the resident named name, or an ENotFound *linli.Error.
func (db *DB) Resident(name string) (*linli.Resident, error) {
	return getRecord[linli.Resident](db, fmt.Sprintf("resident %q", name), bucketResidents, []byte(name),
		func() error { return residentNotFound(name) })
}

// ResidentByNickname finds a resident by Name, then by Nickname. When several
// residents share the nickname, the one seen last wins (the first by name on
// a tie). It returns an ENotFound *linli.Error when none matches.
func (db *DB) ResidentByNickname(nick string) (*linli.Resident, error) {
	if nick == "" {
		return nil, residentNotFound(nick)
	}
	var best *linli.Resident
	err := db.view(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketResidents)
		var r linli.Resident
		found, err := getJSON(b, []byte(nick), &r)
		if err != nil {
			return err
		}
		if found {
			best = &r
			return nil
		}
		prefix := nameKey(nick) // the residents with this nickname, by name
		return eachWithPrefix(tx.Bucket(bucketResidentsByHint), prefix, func(k, _ []byte) error {
			r := &linli.Resident{}
			found, err := getJSON(b, k[len(prefix):], r)
			if err != nil || !found || r.Nickname != nick {
				return err
			}
			if best == nil || r.LastSeen.After(best.LastSeen) {
				best = r
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("storage: resident by nickname %q: %w", nick, err)
	}
	if best == nil {
		return nil, residentNotFound(nick)
	}
	return best, nil
}

// UpdateResident loads the resident named name (or starts a new one with just
// Name set), applies fn and saves the result, in one transaction. An error
// from fn aborts without saving and is returned as is. fn may rename the
// resident by changing Name: the record moves to the new name, unless that
// name is taken (EConflict) or empty (EInvalid). Storage sets no timestamps:
// fn sets FirstSeen and LastSeen.
func (db *DB) UpdateResident(name string, fn func(*linli.Resident) error) (*linli.Resident, error) {
	if name == "" {
		return nil, linli.Errorf(linli.EInvalid, "居民名字不能为空")
	}
	var prevNick string // the nickname as stored, for its index entry
	return change[linli.Resident]{
		bucket: bucketResidents,
		key:    []byte(name),
		fn: func(_ *bbolt.Tx, r *linli.Resident) error {
			r.Name, prevNick = name, r.Nickname
			return callerErr(fn(r))
		},
		save: func(tx *bbolt.Tx, b *bbolt.Bucket, r *linli.Resident) error {
			if r.Name != name {
				if r.Name == "" {
					return linli.Errorf(linli.EInvalid, "居民名字不能为空")
				}
				if b.Get([]byte(r.Name)) != nil {
					return linli.Errorf(linli.EConflict, "已有居民叫 %s", r.Name)
				}
				if err := deleteKey(b, []byte(name)); err != nil {
					return err
				}
			}
			return putResident(tx, b, name, prevNick, r)
		},
	}.commit(db, fmt.Sprintf("update resident %q", name))
}

// Residents lists all residents ordered by name (byte order of the UTF-8
// names, which is code point order).
func (db *DB) Residents() ([]*linli.Resident, error) {
	var list []*linli.Resident
	err := db.view(func(tx *bbolt.Tx) error {
		return eachJSON(tx.Bucket(bucketResidents), func(_ []byte, r *linli.Resident) error {
			list = append(list, r)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("storage: residents: %w", err)
	}
	return list, nil
}

func residentNotFound(name string) error {
	return linli.Errorf(linli.ENotFound, "找不到居民 %s", name)
}
