package storage

import (
	"fmt"

	"go.etcd.io/bbolt"

	"linli"
)

var _ linli.ResidentStore = (*DB)(nil)

// Resident returns the resident named name, or an ENotFound *linli.Error.
func (db *DB) Resident(name string) (*linli.Resident, error) {
	var r linli.Resident
	var found bool
	err := db.view(func(tx *bbolt.Tx) (err error) {
		found, err = getJSON(tx.Bucket(bucketResidents), []byte(name), &r)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("storage: resident %q: %w", name, err)
	}
	if !found {
		return nil, residentNotFound(name)
	}
	return &r, nil
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
		return eachJSON(b, func(_ []byte, r *linli.Resident) error {
			if r.Nickname == nick && (best == nil || r.LastSeen.After(best.LastSeen)) {
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
	var r *linli.Resident
	var fnErr error
	err := db.update(func(tx *bbolt.Tx) error {
		b, err := writeBucket(tx, bucketResidents)
		if err != nil {
			return err
		}
		r = &linli.Resident{}
		if _, err := getJSON(b, []byte(name), r); err != nil {
			return err
		}
		r.Name = name
		if fnErr = fn(r); fnErr != nil {
			return fnErr
		}
		if r.Name != name {
			if r.Name == "" {
				fnErr = linli.Errorf(linli.EInvalid, "居民名字不能为空")
				return fnErr
			}
			if b.Get([]byte(r.Name)) != nil {
				fnErr = linli.Errorf(linli.EConflict, "已有居民叫 %s", r.Name)
				return fnErr
			}
			if err := deleteKey(b, []byte(name)); err != nil {
				return err
			}
		}
		return putJSON(b, []byte(r.Name), r)
	})
	if fnErr != nil {
		return nil, fnErr
	}
	if err != nil {
		return nil, fmt.Errorf("storage: update resident %q: %w", name, err)
	}
	return r, nil
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
