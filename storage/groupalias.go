package storage

import (
	"fmt"

	"go.etcd.io/bbolt"

	"linli"
)

var _ linli.GroupAliasStore = (*DB)(nil)

// bucketGroupAliases maps a renamed group's current topic to its configured
// name (plain UTF-8 keys and values).
var bucketGroupAliases = []byte("group_aliases")

// GroupAliases returns every alias, topic → configured name.
func (db *DB) GroupAliases() (map[string]string, error) {
	out := map[string]string{}
	err := db.view(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketGroupAliases)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			if v != nil {
				out[string(k)] = string(v)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("storage: group aliases: %w", err)
	}
	return out, nil
}

// SetGroupAlias makes topic the current name of the configured group, in one
// transaction: the configured group's previous topic is forgotten, and topic
// no longer stands for any other group. topic == configured only removes the
// configured group's alias. Empty names are an EInvalid *linli.Error.
func (db *DB) SetGroupAlias(topic, configured string) error {
	if topic == "" || configured == "" {
		return linli.Errorf(linli.EInvalid, "群名不能为空")
	}
	err := db.update(func(tx *bbolt.Tx) error {
		b, err := writeBucket(tx, bucketGroupAliases)
		if err != nil {
			return err
		}
		if _, err := deleteWhere(b, func(_, v []byte) bool { return string(v) == configured }); err != nil {
			return err
		}
		if topic == configured {
			return deleteKey(b, []byte(topic))
		}
		return b.Put([]byte(topic), []byte(configured))
	})
	if err != nil {
		return fmt.Errorf("storage: set group alias %q → %q: %w", topic, configured, err)
	}
	return nil
}
