package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"linli"
	"linli/bot/console"
)

// consoleScript runs script through `linli console` on the database at db.
func consoleScript(t *testing.T, db, script string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"console", "--db", db}, strings.NewReader(script), &stdout, &stderr); code != 0 {
		t.Fatalf("console exited %d: %s", code, stderr.String())
	}
	return stdout.String()
}

// exportJSON runs `linli export kind --db db` and decodes the array.
func exportJSON(t *testing.T, db, kind string) []map[string]any {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"export", kind, "--db", db}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("export %s exited %d: %s", kind, code, stderr.String())
	}
	var rows []map[string]any
	if err := json.Unmarshal(stdout.Bytes(), &rows); err != nil {
		t.Fatalf("export %s: %v\n%s", kind, err, stdout.String())
	}
	return rows
}

// TestPollExportAnonymous: the votes export of an anonymous poll names no
// voter (nor household, nor time), while an open poll's does; the polls
// export has the DESIGN.md fields, passed null until a ruled poll closes.
func TestPollExportAnonymous(t *testing.T) {
	db := filepath.Join(t.TempDir(), "linli.db")
	consoleScript(t, db, `
李社工: 发起投票 物业满意度 选项:满意/一般/不满意 匿名 一户一票 截止:11月24日 18:00
李社工: 发起投票 活动时间 选项:同意/反对 规则:过半 截止:11月25日 18:00
!clock +1m
幸福里1期居民群/3-502 张阿姨: 投票 1 不满意
张阿姨 3-502: 投票 1 3
幸福里1期居民群/7-301 王叔: 投票 1 满意
幸福里1期居民群/7-301 王叔: 投票 2 同意
!clock 2026-11-24 18:00
`)
	votes := exportJSON(t, db, "votes")
	if len(votes) != 3 {
		t.Fatalf("votes = %v, want 3", votes)
	}
	for _, v := range votes {
		for _, col := range []string{"poll_id", "voter", "household", "choices"} {
			if _, ok := v[col]; !ok {
				t.Fatalf("vote %v lacks column %s", v, col)
			}
		}
		switch v["poll_id"] {
		case 1.0:
			if v["voter"] != "" || v["household"] != "" || v["voted_at"] != nil {
				t.Errorf("anonymous vote reveals its voter: %v", v)
			}
		case 2.0:
			if v["voter"] != "7-301 王叔" || v["household"] != "7栋301" || v["choices"].([]any)[0] != "同意" {
				t.Errorf("open vote = %v", v)
			}
		}
	}
	polls := exportJSON(t, db, "polls")
	if len(polls) != 2 {
		t.Fatalf("polls = %v", polls)
	}
	anon, open := polls[0], polls[1]
	if anon["status"] != "closed" || anon["passed"] != nil || anon["rule"] != "" {
		t.Errorf("anonymous poll = %v", anon)
	}
	opts, _ := json.Marshal(anon["options"])
	if string(opts) != `[{"text":"满意","votes":1},{"text":"一般","votes":0},{"text":"不满意","votes":1}]` {
		t.Errorf("options = %s", opts)
	}
	if open["status"] != "open" || open["passed"] != nil || open["rule"] != "过半" {
		t.Errorf("open poll = %v", open)
	}
}

// TestVoteIntent: free text understood as a vote gets a confirmation
// question, never a vote, and only when it can mean one poll.
func TestVoteIntent(t *testing.T) {
	vote := func(conf float64, choices ...string) linli.Understanding {
		return linli.Understanding{Intent: linli.IntentVote, Confidence: conf, Slots: linli.Slots{Choices: choices}}
	}
	nlu := stubNLU{
		"我选2":  vote(0.9, "2"),
		"同意吧":  vote(0.5, "同意"),
		"同意":   vote(0.85, "同意"),
		"选第五个": vote(0.9, "5"),
		"投个票":  vote(0.9),
	}
	script := `
李社工: 发起投票 加装电梯 选项:同意/反对/弃权 截止:11月30日 18:00 群:幸福里1期居民群
!clock +1m
幸福里1期居民群/张阿姨: 我选2
幸福里1期居民群/张阿姨: 同意吧
幸福里1期居民群/张阿姨: 选第五个
幸福里1期居民群/张阿姨: 投个票
幸福里2期居民群/刘阿姨: 我选2
王叔: 同意
!clock +1m
李社工: 发起投票 活动时间 选项:周六/周日 截止:11月30日 18:00 群:幸福里1期居民群
!clock +1m
幸福里1期居民群/张阿姨: 我选2
幸福里1期居民群/张阿姨: @邻里通 同意
!clock +1m
`
	out, a := runWithNLU(t, script, nlu)
	want := []string{
		"[幸福里1期居民群] @张阿姨 您是要给「加装电梯」投「反对」吗？10分钟内回复「是」或「投票 1 反对」即可。",
		"[私聊 王叔] 您是要给「加装电梯」投「同意」吗？10分钟内回复「是」或「投票 1 同意」即可。",
		"[幸福里1期居民群] @张阿姨 现在有几个投票在进行，请写上编号：投票1「加装电梯」、投票2「活动时间」。例如：投票 1 同意。",
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	if n := strings.Count(out, "您是要给"); n != 2 {
		t.Errorf("%d confirmation questions, want 2:\n%s", n, out)
	}
	if strings.Contains(out, "刘阿姨") {
		t.Errorf("a group the poll is not put to got an answer:\n%s", out)
	}
	votes, err := a.db.Votes(1)
	if err != nil || len(votes) != 0 {
		t.Fatalf("the intent cast votes: %v, %v", votes, err)
	}
}

// TestVoteIntentYes: a plain "是" after the confirmation question casts the
// vote it offered; someone else's "是" does not.
func TestVoteIntentYes(t *testing.T) {
	script := `
李社工: 发起投票 加装电梯 选项:同意/反对/弃权 截止:11月30日 18:00 群:幸福里1期居民群
!clock +1m
幸福里1期居民群/张阿姨: 我选2
幸福里1期居民群/王叔: 是
!clock +1m
幸福里1期居民群/张阿姨: 是的
!clock +1m
`
	out, a := runWithNLU(t, script, stubNLU{"我选2": {Intent: linli.IntentVote, Confidence: 0.9, Slots: linli.Slots{Choices: []string{"2"}}}})
	if !strings.Contains(out, "@张阿姨 已投票：投票1「加装电梯」— 反对。") {
		t.Errorf("the yes did not cast the vote:\n%s", out)
	}
	votes, err := a.db.Votes(1)
	if err != nil || len(votes) != 1 || votes[0].Voter != "张阿姨" {
		t.Fatalf("votes %+v, %v; want only 张阿姨's", votes, err)
	}
}

// runWithNLU runs script on the demo community with nlu as understander
// and returns the console output and the app (open until the test ends).
func runWithNLU(t *testing.T, script string, nlu linli.Understander) (string, *app) {
	t.Helper()
	cfg, err := loadConfig("")
	if err != nil {
		t.Fatal(err)
	}
	start, _ := console.ParseClock(defaultScriptClock, cfg.Location)
	clock := linli.NewSimClock(start)
	a, err := newApp(cfg, clock, slog.New(slog.DiscardHandler), appOptions{
		dbPath: filepath.Join(t.TempDir(), "linli.db"), understander: nlu})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	var out bytes.Buffer
	con := console.New(console.Options{Config: cfg, Clock: clock, Engine: a.engine,
		Timed: []linli.Timed{a.outbox, a.sched}, Out: &out, Err: &out, Friends: friendsOf(cfg),
		RunID: time.Now().Format("150405")})
	a.outbox.SetPlatform(con)
	if err := con.Run(context.Background(), strings.NewReader(script), false); err != nil {
		t.Fatal(err)
	}
	return out.String(), a
}
