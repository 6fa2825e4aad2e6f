package storage

import (
	"errors"
	"strings"
	"testing"

	"go.etcd.io/bbolt"

	"linli"
)

// counter is a throwaway record for the load–change–save tests.
type counter struct {
	N int `json:"n"`
}

var bucketTestCounters = []byte("test_counters")

func TestChangeCommit(t *testing.T) {
	boom := errors.New("boom")
	notFound := func() error { return linli.Errorf(linli.ENotFound, "没有") }
	inc := func(_ *bbolt.Tx, c *counter) error { c.N++; return nil }
	tests := []struct {
		name    string
		stored  *counter // nil: no record at the key
		missing func() error
		fn      func(*bbolt.Tx, *counter) error
		want    *counter // returned record
		saved   *counter // stored afterwards; nil: none
		wantErr func(error) bool
	}{
		{name: "existing record is changed and saved",
			stored: &counter{N: 1}, fn: inc, want: &counter{N: 2}, saved: &counter{N: 2}},
		{name: "missing record starts from zero when missing is nil",
			fn: inc, want: &counter{N: 1}, saved: &counter{N: 1}},
		{name: "missing record is missing's user error, returned as is",
			missing: notFound, fn: inc,
			wantErr: func(err error) bool {
				return linli.ErrorCode(err) == linli.ENotFound && err.Error() == "linli not_found: 没有"
			}},
		{name: "missing returning errUnchanged skips the record",
			missing: func() error { return errUnchanged }, fn: inc},
		{name: "errUnchanged from fn returns the loaded record and saves nothing",
			stored: &counter{N: 5},
			fn:     func(_ *bbolt.Tx, c *counter) error { c.N = 99; return errUnchanged },
			want:   &counter{N: 99}, saved: &counter{N: 5}},
		{name: "caller error is returned as is and nothing is saved",
			stored:  &counter{N: 5},
			fn:      func(_ *bbolt.Tx, c *counter) error { c.N = 6; return callerErr(boom) },
			saved:   &counter{N: 5},
			wantErr: func(err error) bool { return err == boom }},
		{name: "user error from fn is returned as is",
			stored: &counter{N: 5},
			fn: func(*bbolt.Tx, *counter) error {
				return linli.Errorf(linli.EConflict, "冲突")
			},
			saved: &counter{N: 5},
			wantErr: func(err error) bool {
				return linli.ErrorCode(err) == linli.EConflict && err.Error() == "linli conflict: 冲突"
			}},
		{name: "internal error is wrapped with what",
			stored:  &counter{N: 5},
			fn:      func(*bbolt.Tx, *counter) error { return boom },
			saved:   &counter{N: 5},
			wantErr: func(err error) bool { return errors.Is(err, boom) && err.Error() == "storage: bump counter: boom" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, _ := newTestDB(t)
			key := []byte("k")
			if tt.stored != nil {
				if err := db.update(func(tx *bbolt.Tx) error {
					b, err := writeBucket(tx, bucketTestCounters)
					if err != nil {
						return err
					}
					return putJSON(b, key, tt.stored)
				}); err != nil {
					t.Fatal(err)
				}
			}
			got, err := change[counter]{bucket: bucketTestCounters, key: key, missing: tt.missing, fn: tt.fn}.commit(db, "bump counter")
			if tt.wantErr != nil {
				if err == nil || !tt.wantErr(err) {
					t.Fatalf("error = %v (%T)", err, err)
				}
				if got != nil {
					t.Errorf("record = %+v on error, want nil", got)
				}
			} else if err != nil {
				t.Fatalf("error = %v", err)
			}
			if (got == nil) != (tt.want == nil) || got != nil && *got != *tt.want {
				t.Errorf("record = %+v, want %+v", got, tt.want)
			}
			var stored counter
			var found bool
			if err := db.view(func(tx *bbolt.Tx) (err error) {
				found, err = getJSON(tx.Bucket(bucketTestCounters), key, &stored)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			if found != (tt.saved != nil) || found && stored != *tt.saved {
				t.Errorf("stored = %+v (found %v), want %+v", stored, found, tt.saved)
			}
		})
	}
}

func TestChangeSave(t *testing.T) {
	db, _ := newTestDB(t)
	// save may store the record elsewhere (a renamed resident) and fail with
	// a user error, returned as is.
	c := change[counter]{
		bucket: bucketTestCounters,
		key:    []byte("old"),
		fn:     func(_ *bbolt.Tx, c *counter) error { c.N = 7; return nil },
		save: func(_ *bbolt.Tx, b *bbolt.Bucket, c *counter) error {
			return putJSON(b, []byte("new"), c)
		},
	}
	if _, err := c.commit(db, "move"); err != nil {
		t.Fatal(err)
	}
	if got, err := getRecord[counter](db, "counter", bucketTestCounters, []byte("new"), nil); err != nil || got.N != 7 {
		t.Fatalf("moved record = %+v, %v", got, err)
	}
	_, err := getRecord[counter](db, "counter", bucketTestCounters, []byte("old"), func() error {
		return linli.Errorf(linli.ENotFound, "没有")
	})
	if linli.ErrorCode(err) != linli.ENotFound {
		t.Fatalf("old key = %v, want ENotFound", err)
	}
	c.save = func(*bbolt.Tx, *bbolt.Bucket, *counter) error { return linli.Errorf(linli.EInvalid, "不行") }
	if _, err := c.commit(db, "move"); linli.ErrorCode(err) != linli.EInvalid || strings.HasPrefix(err.Error(), "storage:") {
		t.Fatalf("save user error = %v, want EInvalid as is", err)
	}
}
