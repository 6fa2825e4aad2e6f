package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"linli"
	"linli/bot/wxfake"
	"linli/storage"
)

// The kill -9 harness: `linli run` (this test binary re-executed as
// TestCrashChild) serves a fake WeChat server that lives in the test
// process, while residents sign up for an activity and the process is
// killed with SIGKILL at random moments and started again. At the end it
// stops cleanly and the database and what the fake delivered are compared
// with what residents sent.
//
//	go test ./cmd/linli -run TestKill9 -v                          # CI: 3 kills
//	LINLI_KILL_RUNS=10 LINLI_KILL_KILLS=5 go test ./cmd/linli -run TestKill9 -v -timeout 1h
//
// Sign-ups are acknowledged in batches every 30 s (handlers' ackWindow), so
// one run takes about 40 s whatever the number of kills.

const crashChildEnv = "LINLI_CRASH_CHILD"

// TestCrashChild is not a test: it is the `linli run` process of TestKill9.
func TestCrashChild(t *testing.T) {
	args := os.Getenv(crashChildEnv)
	if args == "" {
		t.Skip("the process TestKill9 starts and kills")
	}
	os.Exit(run(strings.Split(args, "\x1f"), os.Stdin, os.Stdout, os.Stderr))
}

// kill9Figures are what one run measured.
type kill9Figures struct {
	Kills, SignupsSent, Residents                  int
	Confirmed, Waitlisted, Capacity, Seats         int
	InboundLost, Overbooked, AckedLost, Duplicates int
	DupSends                                       int
	NeverAcked                                     int // handler-level: a sign-up recorded but never told
	Replayed, Interrupted, Redelivered, MaybeSent  int
}

func TestKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("kill -9 harness: about 40 s a run")
	}
	runs, kills := envInt("LINLI_KILL_RUNS", 1), envInt("LINLI_KILL_KILLS", 3)
	var total kill9Figures
	for i := 0; i < runs; i++ {
		f := kill9Run(t, kills, int64(i+1))
		t.Logf("run %d: %+v", i+1, f)
		total.Kills += f.Kills
		total.SignupsSent += f.SignupsSent
		total.InboundLost += f.InboundLost
		total.Overbooked += f.Overbooked
		total.AckedLost += f.AckedLost
		total.Duplicates += f.Duplicates
		total.DupSends += f.DupSends
		total.NeverAcked += f.NeverAcked
		total.Replayed += f.Replayed
		total.Interrupted += f.Interrupted
		total.Redelivered += f.Redelivered
		total.MaybeSent += f.MaybeSent
	}
	t.Logf("%d runs, %d kills, %d sign-ups: %d inbound lost, %d overbooked, %d acknowledged sign-ups lost, %d duplicate acks, %d duplicate sends; "+
		"%d messages handled from the journal after a restart (%d of them interrupted mid-handling), %d redelivered by WeChat, %d deliveries in doubt, %d sign-ups never acknowledged",
		runs, total.Kills, total.SignupsSent, total.InboundLost, total.Overbooked, total.AckedLost, total.Duplicates, total.DupSends,
		total.Replayed, total.Interrupted, total.Redelivered, total.MaybeSent, total.NeverAcked)
	if total.InboundLost+total.Overbooked+total.AckedLost+total.Duplicates+total.DupSends > 0 {
		t.Fatal("a kill -9 lost, doubled or overbooked something")
	}
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// child is one `linli run` process.
type child struct {
	cmd *exec.Cmd
}

func startChild(t *testing.T, args []string, logs *syncLog) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+strings.Join(args, "\x1f"))
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return &child{cmd: cmd}
}

// syncLog collects the children's output.
type syncLog struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *syncLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *syncLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func kill9Run(t *testing.T, kills int, seed int64) kill9Figures {
	rng := rand.New(rand.NewPCG(uint64(seed), 9))   // the kills'
	pace := rand.New(rand.NewPCG(uint64(seed), 10)) // the residents'; each goroutine its own
	dir := t.TempDir()
	srv := wxfake.New(wxfake.Options{
		Groups: []wxfake.Group{
			{Topic: rigGroup1, Members: []wxfake.Member{{NickName: "李社工"}}},
			{Topic: rigGroup2, Members: []wxfake.Member{{NickName: "李社工"}}},
		},
		Friends:     []wxfake.Friend{{NickName: "李社工", RemarkName: "李社工"}, {NickName: "赵主任", RemarkName: "赵主任"}},
		AutoConfirm: true, SyncHold: 200 * time.Millisecond,
	})
	defer srv.Close()
	db := filepath.Join(dir, "linli.db")
	conf := filepath.Join(dir, "linli.toml")
	text := strings.Replace(demoConfig, `db = "linli.db"`, fmt.Sprintf("db = %q", db), 1)
	text = strings.Replace(text, `per_chat_interval = "1.5s"`, `per_chat_interval = "50ms"`, 1)
	text = strings.Replace(text, `per_minute = 20`, `per_minute = 1200`, 1)
	text = strings.Replace(text, `coalesce_window = "2s"`, `coalesce_window = "50ms"`, 1)
	text += fmt.Sprintf("\n[wechat]\nqrcode_png = %q\n", filepath.Join(dir, "qr.png"))
	if err := os.WriteFile(conf, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{"run", "--config", conf, "--wechat-server", srv.URL()}
	logs := &syncLog{}
	guard, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()

	c := startChild(t, args, logs)
	defer func() { c.cmd.Process.Kill(); c.cmd.Wait() }()
	const capacity = 60
	srv.Inject(wxfake.PrivateText{From: "李社工", Text: fmt.Sprintf("发布活动 健康讲座 时间:12月28日 15:00 地点:活动室 名额:%d", capacity)})
	for n := 1; !sentContains(srv, "已发布活动1"); n++ {
		if _, err := srv.WaitSent(guard, n); err != nil {
			t.Fatalf("the activity was not published: %v\n%s", err, tail(logs.String(), 3000))
		}
	}

	// Residents sign up one after another while the process is killed, each
	// time at a random moment after it has logged in again.
	const residents = 150
	sentBy := map[string]bool{}
	var mu sync.Mutex
	stop := make(chan struct{})
	injected := make(chan struct{})
	go func() {
		defer close(injected)
		for i := 1; i <= residents; i++ {
			select {
			case <-stop:
				if i > residents/2 {
					return
				}
			default:
			}
			name := fmt.Sprintf("居民%03d", i)
			text := "报名 1"
			if i%5 == 0 {
				text = "报名 1 +1"
			}
			srv.Inject(wxfake.GroupText{Group: []string{rigGroup1, rigGroup2}[i%2], Member: name, Text: text})
			mu.Lock()
			sentBy[name] = true
			mu.Unlock()
			time.Sleep(time.Duration(10+pace.IntN(30)) * time.Millisecond) // residents' pace: the harness runs on real time
		}
	}()
	for i := 0; i < kills; i++ {
		logins := srv.Stats().Inits
		if err := srv.Wait(guard, func(st wxfake.Stats) bool { return st.Inits > logins || i == 0 }); err != nil {
			t.Fatalf("linli run did not log in again: %v\n%s", err, tail(logs.String(), 3000))
		}
		time.Sleep(time.Duration(50+rng.IntN(600)) * time.Millisecond) // a random moment while serving
		c.cmd.Process.Signal(syscall.SIGKILL)
		c.cmd.Wait()
		c = startChild(t, args, logs)
	}
	close(stop)
	<-injected
	mu.Lock()
	f := kill9Figures{Kills: kills, SignupsSent: len(sentBy), Residents: len(sentBy), Capacity: capacity}
	mu.Unlock()
	// Everything WeChat holds is acknowledged, then the acks of the last
	// 30 s window go out.
	for srv.Pending() > 0 || srv.Unacked() > 0 {
		select {
		case <-guard.Done():
			t.Fatalf("WeChat still holds %d batches and %d unacknowledged messages\n%s", srv.Pending(), srv.Unacked(), tail(logs.String(), 3000))
		case <-time.After(100 * time.Millisecond): // polling another process's progress
		}
	}
	time.Sleep(31 * time.Second) // the last 30 s acknowledgement window
	quiet(t, guard, srv, 3*time.Second)
	c.cmd.Process.Signal(syscall.SIGTERM)
	if err := c.cmd.Wait(); err != nil {
		t.Fatalf("linli run did not stop cleanly: %v\n%s", err, tail(logs.String(), 3000))
	}

	d, err := storage.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	signups, err := d.Signups(1)
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]string{}
	for _, s := range signups {
		if !s.Active() {
			continue
		}
		status[s.Resident] = s.Status
		if s.Status == linli.SignupConfirmed {
			f.Confirmed++
			f.Seats += s.PartySize
		} else {
			f.Waitlisted++
		}
	}
	for name := range sentBy {
		if status[name] == "" {
			f.InboundLost++
			t.Errorf("%s signed up but is not in the database", name)
		}
	}
	if f.Seats > capacity {
		f.Overbooked = f.Seats - capacity
	}
	// What residents were told, line by line.
	acks := map[string]int{}
	ackLines := map[string][]string{}
	seen := map[string]int{}
	mention := regexp.MustCompile(`^((?:@\S+ )+)(.*)$`)
	for _, s := range srv.Sent() {
		seen[s.To+"\x00"+s.Text]++
		for _, line := range strings.Split(s.Text, "\n") {
			m := mention.FindStringSubmatch(strings.TrimSpace(line))
			if m == nil {
				continue
			}
			for _, who := range strings.Fields(m[1]) {
				who = strings.TrimPrefix(who, "@")
				switch {
				case strings.Contains(m[2], "报名成功"):
					acks[who]++
					ackLines[who] = append(ackLines[who], s.To+": "+line)
					if status[who] != linli.SignupConfirmed {
						f.AckedLost++
						t.Errorf("%s was told 报名成功 but is %q", who, status[who])
					}
				case strings.Contains(m[2], "候补"):
					acks[who]++
					ackLines[who] = append(ackLines[who], s.To+": "+line)
					if status[who] == "" {
						f.AckedLost++
						t.Errorf("%s was told they are waitlisted but is not signed up", who)
					}
				}
			}
		}
	}
	for who, n := range acks {
		if n > 1 {
			f.Duplicates++
			t.Errorf("%s was acknowledged %d times:\n%s", who, n, strings.Join(ackLines[who], "\n"))
		}
	}
	for name := range sentBy {
		if acks[name] == 0 && status[name] != "" {
			f.NeverAcked++
		}
	}
	for k, n := range seen {
		if n > 1 {
			f.DupSends++
			t.Errorf("delivered %d times: %q", n, strings.ReplaceAll(k, "\x00", ": "))
		}
	}
	out := logs.String()
	for _, m := range regexp.MustCompile(`handling messages received before the last stop.*count=(\d+)`).FindAllStringSubmatch(out, -1) {
		n, _ := strconv.Atoi(m[1])
		f.Replayed += n
	}
	f.MaybeSent = strings.Count(out, "message possibly delivered before a crash")
	f.Interrupted = strings.Count(out, "replaying a message whose handling was interrupted")
	f.Redelivered = srv.Stats().Redelivered
	return f
}

// quiet waits until the fake has recorded no send for the last d.
func quiet(t *testing.T, ctx context.Context, srv *wxfake.Server, d time.Duration) {
	t.Helper()
	for n := -1; n != len(srv.Sent()); {
		n = len(srv.Sent())
		select {
		case <-ctx.Done():
			t.Fatal("the bot never went quiet")
		case <-time.After(d): // real time: the acks wait for handlers' 30 s window
		}
	}
}

func sentContains(srv *wxfake.Server, s string) bool {
	for _, m := range srv.Sent() {
		if strings.Contains(m.Text, s) {
			return true
		}
	}
	return false
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}
