package storage

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"linli"
)

// newPoll stores a poll open from t0 for a day.
func newPoll(t testing.TB, db *DB, p linli.Poll) *linli.Poll {
	t.Helper()
	if p.Title == "" {
		p.Title = "加装电梯"
	}
	if p.Options == nil {
		p.Options = []string{"同意", "反对", "弃权"}
	}
	if p.MaxChoices == 0 {
		p.MaxChoices = 1
	}
	p.CreatedAt, p.Deadline = t0, t0.Add(24*time.Hour)
	if err := db.CreatePoll(&p); err != nil {
		t.Fatalf("CreatePoll: %v", err)
	}
	return &p
}

func cast(t testing.TB, db *DB, b linli.Ballot) linli.VoteReceipt {
	t.Helper()
	if b.At.IsZero() {
		b.At = t0.Add(time.Hour)
	}
	r, err := db.CastVote(b)
	if err != nil {
		t.Fatalf("CastVote(%+v): %v", b, err)
	}
	return r
}

func tallyCounts(t testing.TB, db *DB, id uint64) ([]int, int) {
	t.Helper()
	_, tally, err := db.TallyPoll(id)
	if err != nil {
		t.Fatal(err)
	}
	return tally.Counts, tally.Ballots
}

func TestPollCreateAndReopen(t *testing.T) {
	db, _ := newTestDB(t)
	a := newPoll(t, db, linli.Poll{Groups: []string{"幸福里1期居民群"}})
	b := newPoll(t, db, linli.Poll{Title: "活动时间", Options: []string{"周六", "周日"}})
	if a.ID != 1 || b.ID != 2 || a.Status != linli.PollOpen {
		t.Fatalf("ids %d %d status %q", a.ID, b.ID, a.Status)
	}
	db = reopen(t, db)
	got, err := db.Poll(1)
	if err != nil || got.Title != "加装电梯" || !slices.Equal(got.Groups, a.Groups) || !got.Deadline.Equal(a.Deadline) {
		t.Fatalf("Poll(1) = %+v, %v", got, err)
	}
	if _, err := db.Poll(9); linli.ErrorCode(err) != linli.ENotFound {
		t.Fatalf("Poll(9) err = %v, want not found", err)
	}
	list, err := db.Polls()
	if err != nil || len(list) != 2 || list[1].Title != "活动时间" {
		t.Fatalf("Polls = %v, %v", list, err)
	}
}

func TestCastVote(t *testing.T) {
	db, _ := newTestDB(t)
	p := newPoll(t, db, linli.Poll{})
	multi := newPoll(t, db, linli.Poll{Options: []string{"A", "B", "C", "D"}, MaxChoices: 2})
	talk := newPoll(t, db, linli.Poll{DiscussUntil: t0.Add(2 * time.Hour)})

	r := cast(t, db, linli.Ballot{PollID: p.ID, Voter: "张阿姨", Choices: []int{0}})
	if r.Previous != nil || r.Blocked {
		t.Fatalf("first vote receipt %+v", r)
	}
	r = cast(t, db, linli.Ballot{PollID: p.ID, Voter: "张阿姨", Choices: []int{1}})
	if !slices.Equal(r.Previous, []int{0}) || r.ByOther {
		t.Fatalf("changed vote receipt %+v", r)
	}
	cast(t, db, linli.Ballot{PollID: multi.ID, Voter: "王叔", Choices: []int{3, 1, 3}})

	errs := []struct {
		name string
		b    linli.Ballot
		code string
	}{
		{"unknown poll", linli.Ballot{PollID: 99, Voter: "x", Choices: []int{0}, At: t0}, linli.ENotFound},
		{"no choice", linli.Ballot{PollID: p.ID, Voter: "x", At: t0}, linli.EInvalid},
		{"out of range", linli.Ballot{PollID: p.ID, Voter: "x", Choices: []int{3}, At: t0}, linli.EInvalid},
		{"two in single", linli.Ballot{PollID: p.ID, Voter: "x", Choices: []int{0, 1}, At: t0}, linli.EInvalid},
		{"three of max two", linli.Ballot{PollID: multi.ID, Voter: "x", Choices: []int{0, 1, 2}, At: t0}, linli.EInvalid},
		{"at deadline", linli.Ballot{PollID: p.ID, Voter: "x", Choices: []int{0}, At: p.Deadline}, linli.EConflict},
		{"in discussion", linli.Ballot{PollID: talk.ID, Voter: "x", Choices: []int{0}, At: t0.Add(time.Hour)}, linli.EConflict},
	}
	for _, e := range errs {
		if _, err := db.CastVote(e.b); linli.ErrorCode(err) != e.code {
			t.Errorf("%s: err = %v, want %s", e.name, err, e.code)
		}
	}
	cast(t, db, linli.Ballot{PollID: talk.ID, Voter: "x", Choices: []int{0}, At: t0.Add(2 * time.Hour)})

	if counts, n := tallyCounts(t, db, p.ID); !slices.Equal(counts, []int{0, 1, 0}) || n != 1 {
		t.Fatalf("tally = %v %d", counts, n)
	}
	votes, err := db.Votes(multi.ID)
	if err != nil || len(votes) != 1 || votes[0].Voter != "王叔" || !slices.Equal(votes[0].Choices, []int{1, 3}) {
		t.Fatalf("Votes(multi) = %+v, %v", votes, err)
	}
}

func TestCastVotePerHousehold(t *testing.T) {
	for _, anon := range []bool{false, true} {
		t.Run(fmt.Sprint("anonymous=", anon), func(t *testing.T) {
			db, _ := newTestDB(t)
			p := newPoll(t, db, linli.Poll{PerHousehold: true, Anonymous: anon})
			if _, err := db.CastVote(linli.Ballot{PollID: p.ID, Voter: "路人", Choices: []int{0}, At: t0}); linli.ErrorCode(err) != linli.EInvalid {
				t.Fatalf("no household: err = %v", err)
			}
			cast(t, db, linli.Ballot{PollID: p.ID, Voter: "3-502 张阿姨", Household: "3栋502", Choices: []int{0}})
			r := cast(t, db, linli.Ballot{PollID: p.ID, Voter: "3-502 张叔", Household: "3栋502", Choices: []int{1}})
			if !r.Blocked || !r.ByOther {
				t.Fatalf("second member receipt %+v, want blocked", r)
			}
			if counts, n := tallyCounts(t, db, p.ID); !slices.Equal(counts, []int{1, 0, 0}) || n != 1 {
				t.Fatalf("after block: %v %d", counts, n)
			}
			r = cast(t, db, linli.Ballot{PollID: p.ID, Voter: "3-502 张阿姨", Household: "3栋502", Choices: []int{2}})
			if r.Blocked || r.ByOther || !slices.Equal(r.Previous, []int{0}) {
				t.Fatalf("same member changes: %+v", r)
			}
			r = cast(t, db, linli.Ballot{PollID: p.ID, Voter: "3-502 张叔", Household: "3栋502", Choices: []int{1}, Replace: true})
			if r.Blocked || !r.ByOther || !slices.Equal(r.Previous, []int{2}) {
				t.Fatalf("replace receipt %+v", r)
			}
			cast(t, db, linli.Ballot{PollID: p.ID, Voter: "王叔", Household: "7栋301", Choices: []int{0}})
			if counts, n := tallyCounts(t, db, p.ID); !slices.Equal(counts, []int{1, 1, 0}) || n != 2 {
				t.Fatalf("final: %v %d", counts, n)
			}
			votes, _ := db.Votes(p.ID)
			for _, v := range votes {
				if anon && (v.Voter != "" || v.Household != "" || !v.At.IsZero()) {
					t.Fatalf("anonymous vote reveals its voter: %+v", v)
				}
				if !anon && v.Voter == "" {
					t.Fatalf("open vote without voter: %+v", v)
				}
			}
		})
	}
}

func TestClosePoll(t *testing.T) {
	db, _ := newTestDB(t)
	p := newPoll(t, db, linli.Poll{Anonymous: true})
	cast(t, db, linli.Ballot{PollID: p.ID, Voter: "a", Choices: []int{0}, Area: 89.5})
	cast(t, db, linli.Ballot{PollID: p.ID, Voter: "b", Choices: []int{0}, Area: 120})
	closed, err := db.ClosePoll(p.ID, p.Deadline)
	if err != nil || closed.Status != linli.PollClosed || closed.Result == nil || closed.Result.Ballots != 2 || closed.Result.Area != 209.5 {
		t.Fatalf("ClosePoll = %+v, %v", closed, err)
	}
	again, err := db.ClosePoll(p.ID, p.Deadline.Add(time.Hour))
	if err != nil || !again.ClosedAt.Equal(p.Deadline) {
		t.Fatalf("second close changed the poll: %+v, %v", again, err)
	}
	if _, err := db.CastVote(linli.Ballot{PollID: p.ID, Voter: "c", Choices: []int{0}, At: t0}); linli.ErrorCode(err) != linli.EConflict {
		t.Fatalf("vote on closed poll: err = %v", err)
	}
	var rec pollRecord
	db.view(func(tx *bbolt.Tx) error { return loadPoll(tx.Bucket(bucketPolls), p.ID, &rec) })
	if rec.Secret != nil {
		t.Fatal("closing an anonymous poll must erase its secret")
	}
	db.view(func(tx *bbolt.Tx) error {
		return eachWithPrefix(tx.Bucket(bucketPollVotes), itob(p.ID), func(k, v []byte) error {
			if strings.Contains(string(v), "self") || strings.Contains(string(v), "area") {
				t.Errorf("closed anonymous vote keeps %s", v)
			}
			return nil
		})
	})
	if counts, n := tallyCounts(t, db, p.ID); counts[0] != 2 || n != 2 {
		t.Fatalf("frozen tally %v %d", counts, n)
	}
}

func TestOpinions(t *testing.T) {
	db, _ := newTestDB(t)
	p := newPoll(t, db, linli.Poll{DiscussUntil: t0.Add(time.Hour)})
	add := func(text string) bool {
		t.Helper()
		sched, err := db.AddOpinion(&linli.PollOpinion{PollID: p.ID, Resident: "张阿姨", Text: text, At: t0})
		if err != nil {
			t.Fatal(err)
		}
		return sched
	}
	if !add("一") || add("二") {
		t.Fatal("only the first opinion schedules a digest")
	}
	pending, _ := db.PendingOpinions(p.ID)
	if len(pending) != 2 || pending[1].Text != "二" {
		t.Fatalf("pending = %+v", pending)
	}
	add("三") // arrives while the digest is being sent
	more, err := db.MarkOpinionsForwarded(p.ID, pending[1].Seq)
	if err != nil || !more {
		t.Fatalf("mark = %v, %v; want more", more, err)
	}
	pending, _ = db.PendingOpinions(p.ID)
	if len(pending) != 1 || pending[0].Text != "三" {
		t.Fatalf("pending after mark = %+v", pending)
	}
	if more, _ := db.MarkOpinionsForwarded(p.ID, pending[0].Seq); more || !add("四") {
		t.Fatal("after everything is forwarded the next opinion schedules again")
	}
	db.ClosePoll(p.ID, p.Deadline)
	if _, err := db.AddOpinion(&linli.PollOpinion{PollID: p.ID, Text: "晚了"}); linli.ErrorCode(err) != linli.EConflict {
		t.Fatalf("opinion on closed poll: %v", err)
	}
}

// TestVoteStorm has 500 residents vote at once, each twice in the same
// instant (a double tap) and 50 of them from a household already voted for:
// every resident is counted exactly once.
func TestVoteStorm(t *testing.T) {
	db, _ := newTestDB(t)
	p := newPoll(t, db, linli.Poll{})
	hh := newPoll(t, db, linli.Poll{PerHousehold: true, Anonymous: true})
	const n = 500
	var wg sync.WaitGroup
	errs := make(chan error, 4*n)
	for i := range n {
		for tap := range 2 {
			wg.Add(2)
			go func() {
				defer wg.Done()
				_, err := db.CastVote(linli.Ballot{PollID: p.ID, Voter: fmt.Sprint("居民", i), Choices: []int{i % 3}, At: t0})
				errs <- err
			}()
			go func() {
				defer wg.Done()
				// Two members per household: residents 2k and 2k+1 share one.
				_, err := db.CastVote(linli.Ballot{PollID: hh.ID, Voter: fmt.Sprint("居民", i, "-", tap),
					Household: fmt.Sprintf("%d栋%d", i/2/100+1, 101+i/2%100), Choices: []int{0}, At: t0})
				errs <- err
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	counts, ballots := tallyCounts(t, db, p.ID)
	if ballots != n || counts[0]+counts[1]+counts[2] != n || counts[0] != 167 || counts[1] != 167 || counts[2] != 166 {
		t.Fatalf("per resident: ballots %d counts %v, want %d", ballots, counts, n)
	}
	if _, ballots := tallyCounts(t, db, hh.ID); ballots != n/2 {
		t.Fatalf("per household: ballots %d, want %d", ballots, n/2)
	}
}

// BenchmarkVoteStorm measures votes per second with 500 concurrent voters
// on a real (fsynced) bbolt file.
func BenchmarkVoteStorm(b *testing.B) {
	db, _ := newTestDB(b)
	p := newPoll(b, db, linli.Poll{})
	b.SetParallelism(max(1, 500/runtime.GOMAXPROCS(0)))
	var seq sync.Mutex
	next := 0
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			seq.Lock()
			next++
			i := next
			seq.Unlock()
			if _, err := db.CastVote(linli.Ballot{PollID: p.ID, Voter: fmt.Sprint("居民", i), Choices: []int{i % 3}, At: t0}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "votes/s")
}

// BenchmarkVoteSequential measures votes cast one at a time, as the
// engine's message loop does.
func BenchmarkVoteSequential(b *testing.B) {
	db, _ := newTestDB(b)
	p := newPoll(b, db, linli.Poll{})
	b.ResetTimer()
	for i := range b.N {
		if _, err := db.CastVote(linli.Ballot{PollID: p.ID, Voter: fmt.Sprint("居民", i), Choices: []int{i % 3}, At: t0}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "votes/s")
}
