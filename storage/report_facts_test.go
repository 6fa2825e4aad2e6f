package storage

import (
	"bytes"
	"cmp"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"linli"
)

// wantFacts are the facts of the stored reports, from the records.
func wantFacts(t *testing.T, db *DB, from, to time.Time) []linli.ReportFact {
	t.Helper()
	list, err := db.Reports(func(r *linli.Report) bool {
		return from.IsZero() || !r.CreatedAt.Before(from) && r.CreatedAt.Before(to)
	})
	if err != nil {
		t.Fatal(err)
	}
	var out []linli.ReportFact
	for _, r := range list {
		out = append(out, r.Fact())
	}
	return out
}

func gotFacts(t *testing.T, db *DB, from, to time.Time) []linli.ReportFact {
	t.Helper()
	var facts []linli.ReportFact
	if err := db.EachReportFact(from, to, func(f *linli.ReportFact) { facts = append(facts, *f) }); err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(facts, func(x, y linli.ReportFact) int { return cmp.Compare(x.ID, y.ID) })
	return facts
}

// compareFacts checks the stored facts of every report, and of a few
// periods, against the records.
func compareFacts(t *testing.T, what string, db *DB) {
	t.Helper()
	cst := time.FixedZone("CST", 8*3600)
	periods := [][2]time.Time{{}}
	for m := 9; m <= 12; m++ {
		from := time.Date(2026, time.Month(m), 1, 0, 0, 0, 0, cst)
		periods = append(periods, [2]time.Time{from, from.AddDate(0, 1, 0)})
	}
	for _, p := range periods {
		got, want := gotFacts(t, db, p[0], p[1]), wantFacts(t, db, p[0], p[1])
		if len(got) != len(want) {
			t.Fatalf("%s, period %v: %d facts, want %d", what, p[0], len(got), len(want))
		}
		for i := range got {
			if !got[i].Equal(want[i]) {
				t.Fatalf("%s, period %v: fact\n%+v\nwant\n%+v", what, p[0], got[i], want[i])
			}
		}
	}
}

// TestReportFactsFollowEveryChange changes reports at random in every way
// the report family does (create, with duplicates; accept, resolve,
// reject, reopen, rate, 转办 and 退回 by a unit, 转派, 改类, a moved
// creation time) and checks after each step that the statistics facts
// match the records.
func TestReportFactsFollowEveryChange(t *testing.T) {
	for seed := range uint64(3) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			db, _ := newTestDB(t)
			rng := rand.New(rand.NewPCG(seed, 17))
			zones := []*time.Location{time.FixedZone("CST", 8*3600), time.UTC, time.FixedZone("W", -10*3600)}
			// Around month ends, so that zones put reports in other months.
			base := time.Date(2026, 10, 31, 20, 0, 0, 0, time.UTC)
			at := func() time.Time {
				return base.Add(time.Duration(rng.IntN(24*70)) * time.Hour).In(zones[rng.IntN(len(zones))])
			}
			grids, cats, units := []string{"A网格", "B网格", ""}, []string{"设施维修", "环境卫生"}, []string{"物业", "市政"}
			var ids []uint64
			for step := range 150 {
				if len(ids) == 0 || rng.IntN(3) == 0 {
					r := &linli.Report{Reporter: fmt.Sprintf("居民%d", rng.IntN(5)), Category: cats[rng.IntN(2)],
						Grid: grids[rng.IntN(3)], Status: linli.ReportSubmitted, CreatedAt: at()}
					r.Deadline = r.CreatedAt.Add(time.Duration(rng.IntN(72)) * time.Hour)
					dup := rng.IntN(3) == 0
					if err := db.CreateReport(r, func(o *linli.Report) bool { return dup && o.Category == r.Category }); err != nil {
						t.Fatal(err)
					}
					ids = append(ids, r.ID)
				} else {
					id := ids[rng.IntN(len(ids))]
					op := rng.IntN(9)
					_, _, err := db.UpdateReport(id, func(r *linli.Report, dups []*linli.Report) error {
						now := r.CreatedAt.Add(time.Duration(rng.IntN(100)) * time.Hour)
						all := append([]*linli.Report{r}, dups...)
						switch op {
						case 0:
							r.Status, r.AcceptedAt = linli.ReportAccepted, now
						case 1:
							for _, x := range all {
								x.Status, x.ResolvedAt, x.ResolvedBy = linli.ReportResolved, now, "李网格员"
							}
						case 2:
							for _, x := range all {
								x.Status = linli.ReportRejected
							}
						case 3:
							r.Status, r.ResolvedAt, r.ResolvedBy = linli.ReportReopened, time.Time{}, ""
							r.Deadline = now.Add(24 * time.Hour)
						case 4:
							for _, x := range all {
								x.Rating = 1 + rng.IntN(5)
							}
						case 5:
							u := units[rng.IntN(2)]
							r.Unit = u
							r.Log(now, "王社工", "referred", u+" 请处理")
						case 6:
							r.Unit = ""
							r.Log(now, "物业", "unit_returned", "")
						case 7:
							r.Grid, r.Category = grids[rng.IntN(3)], cats[rng.IntN(2)]
						case 8:
							r.CreatedAt = at() // not done by the family, but a key that moves
						}
						return nil
					})
					if err != nil {
						t.Fatal(err)
					}
				}
				if step%10 == 9 {
					compareFacts(t, fmt.Sprintf("step %d", step), db)
				}
			}
			compareFacts(t, "end", db)
			// Bulk writes (linli bench seed) keep them too.
			err := db.Bulk(func(b *Bulk) error {
				return b.CreateReport(&linli.Report{Reporter: "居民9", Category: "设施维修", Status: linli.ReportResolved,
					CreatedAt: base, ResolvedAt: base.Add(time.Hour), Deadline: base.Add(2 * time.Hour), Rating: 4})
			})
			if err != nil {
				t.Fatal(err)
			}
			compareFacts(t, "bulk", db)
		})
	}
}

// TestReportFactEncoding: a fact survives its encoding, times as instants,
// and a damaged one is an error, not a wrong figure.
func TestReportFactEncoding(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	facts := []linli.ReportFact{
		{},
		{ID: 1 << 40, Grid: "A网格", Category: "设施维修", Unit: "物业", Status: linli.ReportResolved,
			CreatedAt: time.Date(2026, 11, 30, 23, 59, 59, 999999999, cst), ResolvedAt: time.Date(2026, 12, 1, 0, 0, 0, 1, time.UTC),
			Deadline: time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), Rating: 5, DuplicateOf: 7, HandedBack: []string{"市政", "物业"}},
	}
	d := factDecoder{names: map[string]string{}}
	for _, f := range facts {
		data := appendFact(nil, f)
		got, err := d.decode(data)
		if err != nil || !got.Equal(f) {
			t.Errorf("decode(encode(%+v)) = %+v, %v", f, got, err)
		}
		if !got.CreatedAt.IsZero() != !f.CreatedAt.IsZero() {
			t.Errorf("zero time: %v", got.CreatedAt)
		}
		for _, bad := range [][]byte{nil, data[:len(data)-1], append(bytes.Clone(data), 0), append([]byte{9}, data[1:]...)} {
			if _, err := d.decode(bad); err == nil {
				t.Errorf("damaged fact %x decoded", bad)
			}
		}
	}
}

// stripFacts turns the database at path into what schema 4 wrote: no
// statistics facts, version 4.
func stripFacts(t *testing.T, path string) {
	t.Helper()
	bdb, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	err = bdb.Update(func(tx *bbolt.Tx) error {
		if err := tx.DeleteBucket(bucketReportFacts); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, itob(4))
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestMigrationV5AnswersLikeFresh strips the facts from a database
// (schema 4) and, separately, everything derived (schema 2), and checks
// that after the migrations the facts 统计 上报 reads are exactly those of
// the fresh database, and that the migration logs its progress.
func TestMigrationV5AnswersLikeFresh(t *testing.T) {
	for _, from := range []int{4, 2} {
		t.Run(fmt.Sprint("schema", from), func(t *testing.T) {
			db, path := newTestDB(t)
			buildCommunity(t, db)
			fresh := gotFacts(t, db, time.Time{}, time.Time{})
			if len(fresh) == 0 {
				t.Fatal("no facts in the fresh database")
			}
			db.Close()
			if from == 4 {
				stripFacts(t, path)
			} else {
				toSchema2(t, path)
			}
			if v := rawVersion(t, path); v != from {
				t.Fatalf("stripped version %d", v)
			}
			var log bytes.Buffer
			migrated := openTest(t, path, WithLogger(slogText(&log)))
			if v := rawVersionOpen(t, migrated); v != SchemaVersion() {
				t.Fatalf("version after migration %d, want %d", v, SchemaVersion())
			}
			got := gotFacts(t, migrated, time.Time{}, time.Time{})
			if len(got) != len(fresh) {
				t.Fatalf("%d facts after migration, want %d", len(got), len(fresh))
			}
			for i := range got {
				if !got[i].Equal(fresh[i]) {
					t.Fatalf("migrated fact\n%+v\nwant\n%+v", got[i], fresh[i])
				}
			}
			for _, want := range []string{`msg="migrating database: rebuilding" component=storage from=4 to=5`,
				`msg="building report statistics" component=storage done=`, `msg="report statistics built"`} {
				if !strings.Contains(log.String(), want) {
					t.Errorf("migration log without %q:\n%s", want, log.String())
				}
			}
			compareFacts(t, "migrated", migrated)
		})
	}
}

// TestMigrationV5FromSchema2File: the reports of the schema-2 fixture get
// their facts.
func TestMigrationV5FromSchema2File(t *testing.T) {
	path := filepath.Join(t.TempDir(), "schema2.db")
	gunzip(t, "testdata/schema2.db.gz", path)
	db := openTest(t, path)
	if got := gotFacts(t, db, time.Time{}, time.Time{}); len(got) < 300 {
		t.Fatalf("%d facts, want the fixture's 300 reports", len(got))
	}
	compareFacts(t, "fixture", db)
}
