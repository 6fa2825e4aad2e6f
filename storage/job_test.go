package storage

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"go.etcd.io/bbolt"

	"linli"
)

func putJob(t *testing.T, db *DB, j linli.Job) uint64 {
	t.Helper()
	if err := db.PutJob(&j); err != nil {
		t.Fatalf("PutJob(%q): %v", j.Key, err)
	}
	return j.ID
}

func jobIDs(t *testing.T, db *DB) []uint64 {
	t.Helper()
	jobs, err := db.Jobs()
	if err != nil {
		t.Fatal(err)
	}
	ids := []uint64{}
	for _, j := range jobs {
		ids = append(ids, j.ID)
	}
	return ids
}

func TestJobs(t *testing.T) {
	db, _ := newTestDB(t)
	puts := []struct {
		job    linli.Job
		wantID uint64
	}{
		{linli.Job{Kind: "notice", At: t0, Next: t0, Note: "一次性通知"}, 1},
		{linli.Job{Key: "digest", Kind: "digest", Spec: "0 8 * * *", Next: t0, Payload: json.RawMessage(`{"group":"全部"}`)}, 2},
		{linli.Job{Key: "digest", Kind: "digest", Spec: "0 9 * * *", Next: t0, Note: "replaced"}, 2},
		{linli.Job{Kind: "notice", Next: t0}, 3},
		{linli.Job{ID: 10, Kind: "restored", Next: t0}, 10},
		{linli.Job{Kind: "notice", Next: t0}, 11},
	}
	for i, p := range puts {
		if id := putJob(t, db, p.job); id != p.wantID {
			t.Fatalf("put %d: id %d, want %d", i, id, p.wantID)
		}
	}

	db = reopen(t, db)
	jobs, err := db.Jobs()
	if err != nil {
		t.Fatal(err)
	}
	if got := jobIDs(t, db); !equalIDs(got, []uint64{1, 2, 3, 10, 11}) {
		t.Fatalf("job ids = %v", got)
	}
	if j := jobs[1]; j.Spec != "0 9 * * *" || j.Note != "replaced" || j.Payload != nil {
		t.Errorf("job 2 not replaced: %+v", j)
	}
	if !jobs[0].At.Equal(t0) || jobs[0].Note != "一次性通知" {
		t.Errorf("job 1 = %+v", jobs[0])
	}

	// Two jobs cannot share a key.
	if err := db.PutJob(&linli.Job{ID: 1, Key: "digest", Kind: "x"}); err == nil {
		t.Error("PutJob gave job 1 the key of job 2")
	}

	// Changing a job's key releases the old one.
	putJob(t, db, linli.Job{ID: 2, Key: "digest2", Kind: "digest"})
	if id := putJob(t, db, linli.Job{Key: "digest", Kind: "digest"}); id != 12 {
		t.Errorf("released key went to job %d, want a new job 12", id)
	}
	if id := putJob(t, db, linli.Job{Key: "digest2", Kind: "digest"}); id != 2 {
		t.Errorf("key digest2 went to job %d, want 2", id)
	}

	// Deleting releases the key and is idempotent.
	for _, id := range []uint64{2, 2, 999} {
		if err := db.DeleteJob(id); err != nil {
			t.Fatalf("DeleteJob(%d): %v", id, err)
		}
	}
	if id := putJob(t, db, linli.Job{Key: "digest2", Kind: "digest"}); id != 13 {
		t.Errorf("key of a deleted job went to job %d, want a new job 13", id)
	}
	if got := jobIDs(t, db); !equalIDs(got, []uint64{1, 3, 10, 11, 12, 13}) {
		t.Fatalf("job ids = %v", got)
	}
}

func TestMigrationV2NumbersOldJobs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "linli.db")
	// A version-1 database with two notice jobs and one other job, written
	// the way version 1 stored them: without a Number.
	raw, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = raw.Update(func(tx *bbolt.Tx) error {
		if err := migrateV1(tx, nil); err != nil {
			return err
		}
		meta, err := writeBucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		if err := meta.Put(keySchema, itob(1)); err != nil {
			return err
		}
		b := tx.Bucket(bucketJobs)
		for id, kind := range map[uint64]string{1: "notice", 2: "act.remind", 3: "notice"} {
			if err := putJSON(b, itob(id), &linli.Job{ID: id, Kind: kind}); err != nil {
				return err
			}
		}
		return b.SetSequence(3)
	})
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	jobs, err := db.Jobs()
	if err != nil {
		t.Fatal(err)
	}
	got := map[uint64]uint64{}
	for _, j := range jobs {
		got[j.ID] = j.Number
	}
	if got[1] != 1 || got[3] != 2 || got[2] != 1 {
		t.Fatalf("numbers after migration = %v, want notices 1 and 2, the reminder 1", got)
	}
	next := &linli.Job{Kind: "notice"}
	if err := db.PutJob(next); err != nil || next.Number != 3 {
		t.Fatalf("next notice number = %d, %v; want 3", next.Number, err)
	}
}
