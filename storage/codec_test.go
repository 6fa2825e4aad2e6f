package storage

import (
	"bytes"
	"testing"

	"go.etcd.io/bbolt"
)

func TestItobSortsInIDOrder(t *testing.T) {
	ids := []uint64{0, 1, 2, 255, 256, 1 << 32, 1<<64 - 1}
	for i := 1; i < len(ids); i++ {
		if bytes.Compare(itob(ids[i-1]), itob(ids[i])) >= 0 {
			t.Errorf("itob(%d) does not sort before itob(%d)", ids[i-1], ids[i])
		}
	}
	for _, id := range ids {
		if got := btoi(itob(id)); got != id {
			t.Errorf("btoi(itob(%d)) = %d", id, got)
		}
	}
	if got := btoi([]byte("short")); got != 0 {
		t.Errorf("btoi of a 5-byte key = %d, want 0", got)
	}
}

func TestJSONHelpers(t *testing.T) {
	db, _ := newTestDB(t)
	type rec struct {
		N    int    `json:"n"`
		Name string `json:"name"`
	}
	name := []byte("things")

	// A bucket that does not exist yet reads as empty.
	if err := db.view(func(tx *bbolt.Tx) error {
		var r rec
		found, err := getJSON(tx.Bucket(name), itob(1), &r)
		if err != nil || found {
			t.Errorf("getJSON on missing bucket = %v, %v", found, err)
		}
		list, err := listJSON[rec](tx.Bucket(name))
		if err != nil || len(list) != 0 {
			t.Errorf("listJSON on missing bucket = %v, %v", list, err)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}

	if err := db.update(func(tx *bbolt.Tx) error {
		b, err := writeBucket(tx, name)
		if err != nil {
			return err
		}
		for _, s := range []string{"a", "b", "c", "d"} {
			id, err := nextID(b)
			if err != nil {
				return err
			}
			if err := putJSON(b, itob(id), rec{N: int(id), Name: s}); err != nil {
				return err
			}
		}
		if err := deleteKey(b, itob(2)); err != nil {
			return err
		}
		if err := deleteKey(b, itob(99)); err != nil {
			return err
		}
		n, err := deleteWhere(b, func(_, v []byte) bool { return bytes.Contains(v, []byte(`"d"`)) })
		if n != 1 || err != nil {
			t.Errorf("deleteWhere = %d, %v; want 1", n, err)
		}
		return reserveID(b, 10)
	}); err != nil {
		t.Fatal(err)
	}

	if err := db.view(func(tx *bbolt.Tx) error {
		list, err := listJSON[rec](tx.Bucket(name))
		if err != nil {
			return err
		}
		want := []rec{{1, "a"}, {3, "c"}}
		if len(list) != len(want) || list[0] != want[0] || list[1] != want[1] {
			t.Errorf("listJSON = %v, want %v", list, want)
		}
		var r rec
		if found, err := getJSON(tx.Bucket(name), itob(3), &r); !found || err != nil || r.Name != "c" {
			t.Errorf("getJSON(3) = %v, %v, %v", r, found, err)
		}
		if seq := tx.Bucket(name).Sequence(); seq != 10 {
			t.Errorf("sequence after reserveID(10) = %d", seq)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}
