package storage

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"linli"
)

// TestCurrentSignupsLikeScan checks CurrentSignups against the resident's
// sign-ups filtered by their activity's end, for every resident and a
// span of times, on a database changed the ways people change it
// (activities moved and cancelled, waitlists promoted).
func TestCurrentSignupsLikeScan(t *testing.T) {
	db, _ := newTestDB(t)
	buildCommunity(t, db)
	changeMore(t, db)
	all, err := db.AllSignups()
	if err != nil {
		t.Fatal(err)
	}
	residents := map[string]bool{}
	for _, s := range all {
		residents[s.Resident] = true
	}
	acts, err := db.Activities()
	if err != nil {
		t.Fatal(err)
	}
	end := map[uint64]time.Time{}
	var times []time.Time
	for _, a := range acts {
		end[a.ID] = a.End()
		times = append(times, a.End(), a.End().Add(-time.Nanosecond), a.End().Add(time.Nanosecond), a.StartsAt)
	}
	times = append(times, time.Time{})
	checked := 0
	for name := range residents {
		mine, err := db.ResidentSignups(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, since := range times {
			var want []linli.Signup
			for _, s := range mine {
				if !end[s.ActivityID].Before(since) {
					want = append(want, s)
				}
			}
			got, err := db.CurrentSignups(name, since)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("CurrentSignups(%q, %v):\n%+v\nwant\n%+v", name, since, got, want)
			}
			checked += len(want)
		}
	}
	if checked == 0 {
		t.Fatal(fmt.Sprint("no sign-up checked among ", len(all)))
	}
}
