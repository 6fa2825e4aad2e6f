package storage

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"linli"
)

// TestCastVoteRebind: in a 一户一票 poll one person casts one ballot,
// however often they re-bind to another household; a family member who
// replaced their ballot frees them.
func TestCastVoteRebind(t *testing.T) {
	for _, anon := range []bool{false, true} {
		t.Run(fmt.Sprint("anonymous=", anon), func(t *testing.T) {
			db, _ := newTestDB(t)
			p := newPoll(t, db, linli.Poll{PerHousehold: true, Anonymous: anon})
			cast(t, db, linli.Ballot{PollID: p.ID, Voter: "小刘", Household: "3栋501", Choices: []int{1}})
			for _, hh := range []string{"3栋502", "3栋503"} {
				r := cast(t, db, linli.Ballot{PollID: p.ID, Voter: "小刘", Household: hh, Choices: []int{1}, Replace: true})
				want := "3栋501"
				if anon {
					want = ""
				}
				if !r.Elsewhere || r.VotedFor != want || r.Previous != nil {
					t.Fatalf("%s: receipt %+v, want elsewhere %q", hh, r, want)
				}
			}
			if _, n := tallyCounts(t, db, p.ID); n != 1 {
				t.Fatalf("ballots %d, want 1", n)
			}
			// Back in 3栋501 they may change their vote.
			if r := cast(t, db, linli.Ballot{PollID: p.ID, Voter: "小刘", Household: "3栋501", Choices: []int{0}}); r.Elsewhere || r.Previous == nil {
				t.Fatalf("change at home: %+v", r)
			}
			// A family member replaces it: 小刘 has no ballot any more.
			cast(t, db, linli.Ballot{PollID: p.ID, Voter: "刘妈妈", Household: "3栋501", Choices: []int{2}, Replace: true})
			if r := cast(t, db, linli.Ballot{PollID: p.ID, Voter: "小刘", Household: "3栋502", Choices: []int{1}}); r.Elsewhere {
				t.Fatalf("after replacement: %+v", r)
			}
			if _, n := tallyCounts(t, db, p.ID); n != 2 {
				t.Fatalf("ballots %d, want 2", n)
			}
			if _, err := db.ClosePoll(p.ID, t0.Add(2*time.Hour)); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestCastVoteRebindConcurrent: one person casting for many households at
// once gets exactly one ballot.
func TestCastVoteRebindConcurrent(t *testing.T) {
	db, _ := newTestDB(t)
	p := newPoll(t, db, linli.Poll{PerHousehold: true})
	const n = 50
	var wg sync.WaitGroup
	var mu sync.Mutex
	counted := 0
	for i := range n {
		wg.Add(2)
		go func() {
			defer wg.Done()
			r, err := db.CastVote(linli.Ballot{PollID: p.ID, Voter: "小刘", Household: fmt.Sprintf("3栋%d", 101+i), Choices: []int{1}, At: t0})
			if err != nil {
				t.Error(err)
				return
			}
			if !r.Elsewhere && r.Previous == nil {
				mu.Lock()
				counted++
				mu.Unlock()
			}
		}()
		go func() { // other voters keep the batch busy
			defer wg.Done()
			if _, err := db.CastVote(linli.Ballot{PollID: p.ID, Voter: fmt.Sprint("居民", i), Household: fmt.Sprintf("5栋%d", 101+i), Choices: []int{0}, At: t0}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	counts, ballots := tallyCounts(t, db, p.ID)
	if counted != 1 || ballots != n+1 || counts[1] != 1 {
		t.Fatalf("counted %d, ballots %d, counts %v; want one ballot from 小刘", counted, ballots, counts)
	}
}
