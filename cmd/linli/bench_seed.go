package main

import (
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"time"

	"linli"
	"linli/storage"
)

// seedCounts is what `linli bench seed` is asked to write.
type seedCounts struct {
	residents, activities, signups, reports, polls, votes int
}

// seedChunk is how many records one bulk transaction writes.
const seedChunk = 20_000

func runBenchSeed(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench seed", flag.ContinueOnError)
	configPath := fs.String("config", "", "配置文件 (默认: 内置演示社区)")
	dbPath := fs.String("db", "", "要生成的数据库文件 (必须还不存在)")
	var n seedCounts
	fs.IntVar(&n.residents, "residents", 1000, "居民人数")
	fs.IntVar(&n.activities, "activities", 50, "活动个数")
	fs.IntVar(&n.signups, "signups", 5000, "报名条数")
	fs.IntVar(&n.reports, "reports", 500, "随手拍条数")
	fs.IntVar(&n.polls, "polls", 10, "投票个数")
	fs.IntVar(&n.votes, "votes", 1000, "选票张数")
	seed := fs.Uint64("seed", 1, "随机数种子（同样的种子生成同样的数据）")
	if done, code := parseFlags(benchSeedCmd, fs, args, stdout, stderr); done {
		return code
	}
	if *dbPath == "" {
		fmt.Fprintln(stderr, "linli bench seed: 需要 --db FILE")
		return 2
	}
	if n.residents < 1 || n.activities < 0 || n.signups < 0 || n.reports < 0 || n.polls < 0 || n.votes < 0 ||
		(n.signups > 0 && n.activities == 0) || (n.votes > 0 && n.polls == 0) {
		fmt.Fprintln(stderr, "linli bench seed: 数量不能为负；至少 1 位居民；有报名就要有活动，有选票就要有投票")
		return 2
	}
	if _, err := os.Stat(*dbPath); err == nil {
		fmt.Fprintf(stderr, "linli bench seed: %s 已存在；请给一个新文件\n", *dbPath)
		return 1
	}
	cfg, err := loadConfig(*configPath)
	if err != nil {
		fmt.Fprintln(stderr, "linli bench seed:", err)
		return 1
	}
	db, err := storage.Open(*dbPath, storage.WithNoSync())
	if err != nil {
		fmt.Fprintln(stderr, "linli bench seed:", err)
		return 1
	}
	s := &seeder{cfg: cfg, db: db, rng: rand.New(rand.NewPCG(*seed, 17)), now: benchEpoch(cfg.Location), log: stderr}
	began := time.Now()
	err = s.seed(n)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintln(stderr, "linli bench seed:", err)
		return 1
	}
	size := int64(0)
	if st, err := os.Stat(*dbPath); err == nil {
		size = st.Size()
	}
	fmt.Fprintf(stdout, "wrote %s in %s (%.1f MiB, schema %d), history up to %s:\n", *dbPath,
		time.Since(began).Round(time.Millisecond), float64(size)/(1<<20), storage.SchemaVersion(), s.now.Format("2006-01-02 15:04"))
	w := s.wrote
	fmt.Fprintf(stdout, "  residents  %8d  over %d groups\n", w.residents, len(cfg.Groups))
	fmt.Fprintf(stdout, "  activities %8d  (%d open now, %d cancelled)\n", w.activities, s.openActs, s.cancelled)
	fmt.Fprintf(stdout, "  signups    %8d  (%d waitlisted, %d cancelled, %d checked in)\n", w.signups, s.waitlisted, s.cancelledSignups, s.checkedIn)
	fmt.Fprintf(stdout, "  reports    %8d  (%d open, %d resolved, %d duplicates)\n", w.reports, s.openReports, s.resolved, s.dups)
	fmt.Fprintf(stdout, "  polls      %8d  (%d open)\n", w.polls, s.openPolls)
	fmt.Fprintf(stdout, "  votes      %8d\n", w.votes)
	return 0
}

// seeder writes a community's history: residents in the configured
// groups' buildings, activities over the past year (and a few upcoming),
// sign-ups and check-ins, reports routed to the configured grids, polls
// and votes.
type seeder struct {
	cfg *linli.Config
	db  *storage.DB
	rng *rand.Rand
	now time.Time
	log io.Writer

	residents []linli.Resident
	acts      []linli.Activity
	quota     []int // sign-ups each activity gets
	polls     []linli.Poll
	wrote     seedCounts

	openActs, cancelled, waitlisted, cancelledSignups, checkedIn int
	openReports, resolved, dups, openPolls                       int
}

func (s *seeder) seed(n seedCounts) error {
	s.quota = quotas(n.signups, n.activities, n.residents)
	steps := []struct {
		what string
		fn   func(int) error
		n    int
	}{
		{"residents", s.seedResidents, n.residents},
		{"activities", s.seedActivities, n.activities},
		{"signups", s.seedSignups, n.signups},
		{"reports", s.seedReports, n.reports},
		{"polls", s.seedPolls, n.polls},
		{"votes", s.seedVotes, n.votes},
	}
	for _, st := range steps {
		began := time.Now()
		if err := st.fn(st.n); err != nil {
			return fmt.Errorf("%s: %w", st.what, err)
		}
		fmt.Fprintf(s.log, "bench seed: %s done in %s\n", st.what, time.Since(began).Round(time.Millisecond))
	}
	return nil
}

// chunks calls fn(b, i) for i in 0..n-1, seedChunk records per transaction.
func (s *seeder) chunks(n int, fn func(b *storage.Bulk, i int) error) error {
	for start := 0; start < n; start += seedChunk {
		end := min(start+seedChunk, n)
		err := s.db.Bulk(func(b *storage.Bulk) error {
			for i := start; i < end; i++ {
				if err := fn(b, i); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

var seedSurnames = []rune("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕")
var seedTitles = []string{"健康讲座", "亲子手工", "义诊进社区", "垃圾分类宣传", "书法兴趣班", "露天电影", "防诈骗讲座", "重阳敬老", "跳蚤市场", "志愿者清扫"}
var seedPlaces = []string{"社区活动室", "党群服务中心", "小区广场", "3栋架空层", "会议室"}

// buildings lists the building numbers of the configured grids.
func (s *seeder) buildings() []int {
	var out []int
	for _, g := range s.cfg.Grids {
		for _, b := range g.Buildings {
			if n := linli.ParseBuilding(b); n > 0 {
				out = append(out, n)
			}
		}
	}
	if len(out) == 0 {
		out = []int{1}
	}
	return out
}

// past returns a time within the year before now, later times as likely.
func (s *seeder) past() time.Time {
	return s.now.Add(-time.Duration(s.rng.Int64N(int64(365 * 24 * time.Hour))))
}

func (s *seeder) seedResidents(n int) error {
	blds := s.buildings()
	s.residents = make([]linli.Resident, n)
	return s.chunks(n, func(b *storage.Bulk, i int) error {
		bld := blds[i%len(blds)]
		room := (s.rng.IntN(18)+1)*100 + s.rng.IntN(4) + 1
		surname := string(seedSurnames[s.rng.IntN(len(seedSurnames))])
		first := s.past()
		r := linli.Resident{
			// The 群昵称 carries the household, as residents write it.
			Name:      fmt.Sprintf("%d-%d %s%d", bld, room, surname, i),
			Nickname:  fmt.Sprintf("%s姐%d", surname, i),
			Household: linli.Household{Building: bld, Room: room}.String(),
			LastGroup: s.cfg.Groups[i%len(s.cfg.Groups)],
			FirstSeen: first,
			LastSeen:  first.Add(time.Duration(s.rng.Int64N(int64(s.now.Sub(first)) + 1))),
		}
		s.residents[i] = r
		s.wrote.residents++
		return b.PutResident(&r)
	})
}

func (s *seeder) seedActivities(n int) error {
	upcoming := max(1, min(20, n/20)) // the last ones are still ahead
	s.acts = make([]linli.Activity, n)
	return s.chunks(n, func(b *storage.Bulk, i int) error {
		var start time.Time
		if i >= n-upcoming {
			start = s.now.Add(time.Duration(i-(n-upcoming)+1) * 26 * time.Hour)
		} else {
			start = s.now.Add(-365 * 24 * time.Hour).Add(time.Duration(i) * 365 * 24 * time.Hour / time.Duration(n-upcoming))
		}
		start = time.Date(start.Year(), start.Month(), start.Day(), 9+s.rng.IntN(8), 30*s.rng.IntN(2), 0, 0, s.cfg.Location)
		groups := []string{s.cfg.Groups[i%len(s.cfg.Groups)]}
		if i%3 == 0 {
			groups = append([]string(nil), s.cfg.Groups...)
		}
		q := s.quota[i]
		capacity := q + q/10 + 1
		if i%5 == 0 {
			capacity = max(1, q*4/5) // a waitlist
		}
		a := linli.Activity{
			Capacity:  capacity,
			Title:     fmt.Sprintf("%s第%d期", seedTitles[i%len(seedTitles)], i/len(seedTitles)+1),
			StartsAt:  start,
			EndsAt:    start.Add(2 * time.Hour),
			Place:     seedPlaces[i%len(seedPlaces)],
			Deadline:  start.Add(-time.Hour),
			Groups:    groups,
			Status:    linli.ActivityOpen,
			CreatedBy: s.cfg.Staff[0].Name,
			CreatedAt: start.Add(-7 * 24 * time.Hour),
		}
		if q == 0 && i%50 == 7 && n > 1 {
			a.Status = linli.ActivityCancelled // called off before anyone signed up
			s.cancelled++
		}
		if err := b.CreateActivity(&a); err != nil {
			return err
		}
		s.acts[i] = a
		s.wrote.activities++
		if a.SignupOpen(s.now) {
			s.openActs++
		}
		return nil
	})
}

// quotas spreads n sign-ups over acts activities, none to one activity in
// fifty (called off), at most one per resident per activity.
func quotas(n, acts, residents int) []int {
	q := make([]int, acts)
	var takers []int
	for i := range q {
		if i%50 != 7 || acts == 1 {
			takers = append(takers, i)
		}
	}
	for k := 0; k < n && len(takers) > 0; k++ {
		i := takers[k%len(takers)]
		if q[i] < residents {
			q[i]++
		}
	}
	return q
}

// seedSignups writes each activity's quota of sign-ups from distinct
// residents, at times between its publication and its deadline. Capacities
// (seedActivities) give about one activity in five a waitlist; about one
// sign-up in twenty is cancelled, and most confirmed residents of a past
// activity checked in.
func (s *seeder) seedSignups(int) error {
	type job struct{ act, k int }
	var jobs []job
	for i, q := range s.quota {
		for k := 0; k < q; k++ {
			jobs = append(jobs, job{i, k})
		}
	}
	var who []int // the residents of the current activity: distinct
	return s.chunks(len(jobs), func(b *storage.Bulk, j int) error {
		jb := jobs[j]
		a := &s.acts[jb.act]
		if jb.k == 0 {
			who = s.sample(len(s.residents), s.quota[jb.act])
		}
		r := &s.residents[who[jb.k]]
		at := a.CreatedAt.Add(time.Duration(s.rng.Int64N(int64(a.Deadline.Sub(a.CreatedAt)))))
		party := 1
		if s.rng.IntN(6) == 0 {
			party = 2
		}
		res, err := b.SignUp(linli.SignupRequest{ActivityID: a.ID, Resident: r.Name, Household: r.Household,
			PartySize: party, Group: r.LastGroup, Source: linli.SourceCommand, Acked: true, Now: at})
		if err != nil {
			return err
		}
		if res.Outcome != linli.SignupAdded {
			return fmt.Errorf("sign-up %d of activity %d: outcome %v", jb.k, a.ID, res.Outcome)
		}
		s.wrote.signups++
		if res.Signup.Status == linli.SignupWaitlisted {
			s.waitlisted++
		}
		switch {
		case s.rng.IntN(20) == 0:
			if _, err := b.CancelSignup(a.ID, r.Name, at.Add(time.Minute)); err != nil {
				return err
			}
			s.cancelledSignups++
		case a.Started(s.now) && res.Signup.Status == linli.SignupConfirmed && s.rng.IntN(10) < 7:
			if err := b.CheckIn(a.ID, r.Name, a.StartsAt); err != nil {
				return err
			}
			s.checkedIn++
		}
		return nil
	})
}

// sample returns k distinct numbers below n.
func (s *seeder) sample(n, k int) []int {
	if k*2 > n {
		return s.rng.Perm(n)[:k]
	}
	seen := make(map[int]bool, k)
	out := make([]int, 0, k)
	for len(out) < k {
		x := s.rng.IntN(n)
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

var benchSeedCmd = subcommand{
	name:  "bench seed",
	usage: "linli bench seed [--config FILE] --db FILE --residents N --activities N --signups N --reports N --polls N --votes N",
	about: "用存储层自己的写入路径（批量事务）生成一个逼真的大数据库，并打印写入了什么。",
	examples: []string{
		"linli bench seed --db /tmp/big.db --residents 50000 --activities 2000 --signups 1000000 --reports 20000 --polls 200 --votes 100000",
	},
}
