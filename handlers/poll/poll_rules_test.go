package poll

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"linli"
	"linli/mock"
	"linli/nlu"
)

const rulesGroup = "幸福里1期居民群"

var rulesT0 = time.Date(2026, 11, 23, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))

// pollWorld is the poll family on fakes: one open poll (id 1) put to
// rulesGroup, a PollService whose CastVote answers with receipt and
// records the ballots, and a Sender that records replies.
type pollWorld struct {
	fam      *Family
	poll     *linli.Poll
	receipt  linli.VoteReceipt
	ballots  []linli.Ballot
	created  []*linli.Poll
	sent     []linli.Outgoing
	commands map[string]linli.Command
	intents  map[string]linli.HandlerFunc
}

func newPollWorld(t *testing.T, polls linli.PollConfig, p linli.Poll) *pollWorld {
	t.Helper()
	cfg := pollTestConfig(t, polls)
	w := &pollWorld{commands: map[string]linli.Command{}, intents: map[string]linli.HandlerFunc{}}
	p.ID, p.Status, p.Groups = 1, linli.PollOpen, []string{rulesGroup}
	if p.Title == "" {
		p.Title = "加装电梯"
	}
	if p.Options == nil {
		p.Options = []string{"同意", "反对", "弃权"}
	}
	p.MaxChoices, p.CreatedAt, p.Deadline = 1, rulesT0.Add(-time.Hour), rulesT0.Add(7*24*time.Hour)
	w.poll = &p
	svc := &mock.PollService{
		PollFn: func(id uint64) (*linli.Poll, error) {
			if id != 1 {
				return nil, linli.Errorf(linli.ENotFound, "没有投票%d", id)
			}
			c := *w.poll
			return &c, nil
		},
		PollsFn: func() ([]*linli.Poll, error) {
			c := *w.poll
			return []*linli.Poll{&c}, nil
		},
		VotesFn: func(id uint64) ([]linli.Vote, error) {
			var votes []linli.Vote
			for _, b := range w.ballots {
				if b.PollID == id {
					votes = append(votes, linli.Vote{PollID: id, Voter: b.Voter, Household: b.Household, Choices: b.Choices})
				}
			}
			return votes, nil
		},
		CastVoteFn: func(b linli.Ballot) (linli.VoteReceipt, error) {
			w.ballots = append(w.ballots, b)
			r := w.receipt
			r.Poll = w.poll
			return r, nil
		},
		CreatePollFn: func(p *linli.Poll) error {
			p.ID = uint64(len(w.created) + 2)
			w.created = append(w.created, p)
			return nil
		},
	}
	w.fam = New(Deps{Config: cfg, Clock: &mock.Clock{NowFn: func() time.Time { return rulesT0 }},
		Out: &mock.Sender{SendFn: func(o linli.Outgoing) error {
			w.sent = append(w.sent, o)
			return nil
		}},
		Scheduler: &mock.Scheduler{ScheduleFn: func(j linli.Job) (linli.Job, error) { return j, nil }},
		Polls:     svc, Lexicon: nlu.Words()})
	w.fam.Register(&mock.Router{
		CommandFn: func(c linli.Command) {
			for _, n := range c.Names {
				w.commands[n] = c
			}
		},
		IntentFn: func(intent string, h linli.HandlerFunc) { w.intents[intent] = h },
	})
	return w
}

// req is a message from sender in rulesGroup, with household hh ("" when
// unknown).
func (w *pollWorld) req(sender, hh, text string, addressed bool) *linli.Request {
	m := &linli.Message{Group: rulesGroup, Sender: sender, Text: text, Norm: text, At: rulesT0, Addressed: addressed,
		Resident: &linli.Resident{Name: sender, Household: hh, LastGroup: rulesGroup}}
	return &linli.Request{Msg: m, Out: w.fam.Out, Now: rulesT0}
}

// vote sends "投票 <args>" and returns the error and the replies.
func (w *pollWorld) vote(sender, hh, args string) (error, []string) {
	w.sent = nil
	req := w.req(sender, hh, "投票 "+args, true)
	req.Command, req.Args = "投票", args
	err := w.commands["投票"].Handler(context.Background(), req)
	var texts []string
	for _, o := range w.sent {
		texts = append(texts, o.Text)
	}
	return err, texts
}

// TestRuleOneBallotPerHousehold: in a 一户一票 poll a resident votes only
// once their household is known, the ballot carries the household (storage
// keeps one per household), and a second member of a household that voted
// is told the vote did not count and how to replace it (改).
func TestRuleOneBallotPerHousehold(t *testing.T) {
	w := newPollWorld(t, linli.PollConfig{}, linli.Poll{PerHousehold: true})
	err, _ := w.vote("张阿姨", "", "1 同意")
	if linli.ErrorCode(err) != linli.EInvalid || len(w.ballots) != 0 ||
		linli.ErrorMessage(err) != fmt.Sprintf(textVoteNoHousehold, 1, "加装电梯", 1, "同意") {
		t.Fatalf("一户一票 without a household: err %v, ballots %+v; want asked to 绑定 first, nothing cast", err, w.ballots)
	}

	err, texts := w.vote("张阿姨", "3栋502", "1 同意")
	if err != nil || len(w.ballots) != 1 || w.ballots[0].Household != "3栋502" || w.ballots[0].Replace {
		t.Fatalf("一户一票 with a household: err %v, ballots %+v; want one ballot for 3栋502", err, w.ballots)
	}
	if len(texts) != 1 || !strings.HasPrefix(texts[0], "已投票：投票1「加装电梯」— 同意") {
		t.Errorf("一户一票 vote replied %q", texts)
	}

	w.receipt = linli.VoteReceipt{Blocked: true, ByOther: true, Previous: []int{0}}
	err, texts = w.vote("张叔", "3栋502", "1 反对")
	if want := textVoteFamilyVoted(w.poll, "", "反对"); err != nil || len(texts) != 1 || texts[0] != want {
		t.Fatalf("一户一票, another member voted: err %v, replies %q; want %q (the household not named in the group)", err, texts, want)
	}

	w.receipt = linli.VoteReceipt{ByOther: true, Previous: []int{0}}
	if err, _ := w.vote("张叔", "3栋502", "1 反对 改"); err != nil || !w.ballots[len(w.ballots)-1].Replace {
		t.Fatalf("一户一票 改: err %v, ballot %+v; want Replace", err, w.ballots[len(w.ballots)-1])
	}

	// A poll that is not 一户一票 needs no household.
	open := newPollWorld(t, linli.PollConfig{}, linli.Poll{})
	if err, _ := open.vote("路人", "", "1 同意"); err != nil || len(open.ballots) != 1 || open.ballots[0].Household != "" {
		t.Fatalf("per-person poll without a household: err %v, ballots %+v", err, open.ballots)
	}
}

// TestRuleCivilPollIsPerHousehold: a 双三分之二 poll is 一户一票 whether or
// not staff wrote it, and keeps the households (and area) it is measured
// against from the configuration at creation; other rules do neither.
func TestRuleCivilPollIsPerHousehold(t *testing.T) {
	for _, tt := range []struct {
		rule       string
		household  bool
		households int
		area       float64
	}{
		{"双三分之二", true, 6, 600},
		{"双三分之二过半", true, 6, 600},
		{"过半", false, 0, 0},
		{"三分之二", false, 0, 0},
	} {
		w := newPollWorld(t, linli.PollConfig{TotalHouseholds: 6, TotalArea: 600, Areas: map[string]float64{"3栋502": 100}}, linli.Poll{})
		args := "加装电梯 选项:同意/反对 规则:" + tt.rule + " 截止:11月30日 18:00"
		req := w.req("李社工", "", "发起投票 "+args, true)
		req.Msg.Role, req.Command, req.Args = linli.RoleStaff, "发起投票", args
		if err := w.commands["发起投票"].Handler(context.Background(), req); err != nil {
			t.Fatalf("%s: %v", tt.rule, err)
		}
		p := w.created[0]
		if p.PerHousehold != tt.household || p.TotalHouseholds != tt.households || p.TotalArea != tt.area {
			t.Errorf("household rule of %s: 一户一票 %v, measured against %d households %v m²; want %v, %d, %v",
				tt.rule, p.PerHousehold, p.TotalHouseholds, p.TotalArea, tt.household, tt.households, tt.area)
		}
	}
}

// TestRuleCivilBallotArea: in a 双三分之二 poll with areas, a ballot counts
// the configured floor area of the voter's household; a household without
// one is not counted.
func TestRuleCivilBallotArea(t *testing.T) {
	w := newPollWorld(t, linli.PollConfig{TotalHouseholds: 6, TotalArea: 600, Areas: map[string]float64{"3-502": 98.5}},
		linli.Poll{Rule: linli.RuleCivil, PerHousehold: true, TotalHouseholds: 6, TotalArea: 600})
	if err, _ := w.vote("张阿姨", "3栋502", "1 同意"); err != nil || len(w.ballots) != 1 || w.ballots[0].Area != 98.5 {
		t.Fatalf("双三分之二 with areas: err %v, ballots %+v; want the area 98.5 of 3栋502", err, w.ballots)
	}
	if err, _ := w.vote("王叔", "7栋301", "1 同意"); linli.ErrorCode(err) != linli.EInvalid || len(w.ballots) != 1 {
		t.Fatalf("双三分之二, household without an area: err %v, ballots %d; want refused", err, len(w.ballots))
	}
}

// TestRuleVoteConfidence: a vote overheard in a group ("我选2") earns a
// confirmation question only at confidence ≥ 0.6 (confidentVote); never a
// vote.
func TestRuleVoteConfidence(t *testing.T) {
	for _, tt := range []struct {
		confidence float64
		asked      bool
	}{
		{0.59, false},
		{0.6, true},
		{0.61, true},
	} {
		w := newPollWorld(t, linli.PollConfig{}, linli.Poll{})
		req := w.req("张阿姨", "3栋502", "我同意", false)
		req.Understanding = &linli.Understanding{Intent: linli.IntentVote, Confidence: tt.confidence, Slots: linli.Slots{Choices: []string{"同意"}}}
		var offered string
		req.OfferFunc = func(c string) { offered = c }
		err := w.intents[linli.IntentVote](context.Background(), req)
		asked := err == nil && offered == "投票 1 同意" && len(w.sent) == 1 &&
			w.sent[0].Text == textVoteIntentConfirm(w.poll, "同意", "投票 1 同意")
		silent := errors.Is(err, linli.ErrNotCommand) && offered == "" && len(w.sent) == 0
		if asked != tt.asked || (!tt.asked && !silent) {
			t.Errorf("vote confidence threshold (0.6, confidentVote): overheard vote at confidence %v: err %v, offered %q, sent %+v; want asked %v",
				tt.confidence, err, offered, w.sent, tt.asked)
		}
		if len(w.ballots) != 0 {
			t.Errorf("an overheard vote was cast: %+v", w.ballots)
		}
	}
}

// TestRuleVoteIntentAlreadyCast: a remark about a vote the sender has cast
// ("我投了同意" after 投票 1 同意) earns no offer; another choice still does
// (red-team round 5, finding 8).
func TestRuleVoteIntentAlreadyCast(t *testing.T) {
	w := newPollWorld(t, linli.PollConfig{}, linli.Poll{})
	if err, _ := w.vote("张阿姨", "3栋502", "1 同意"); err != nil || len(w.ballots) != 1 {
		t.Fatalf("投票 1 同意: err %v, ballots %+v", err, w.ballots)
	}
	for _, tt := range []struct {
		choice string
		asked  bool
	}{{"同意", false}, {"反对", true}} {
		w.sent = nil
		req := w.req("张阿姨", "3栋502", "我投了"+tt.choice, false)
		req.Understanding = &linli.Understanding{Intent: linli.IntentVote, Confidence: 0.9, Slots: linli.Slots{Choices: []string{tt.choice}}}
		var offered string
		req.OfferFunc = func(c string) { offered = c }
		err := w.intents[linli.IntentVote](context.Background(), req)
		if asked := err == nil && offered != ""; asked != tt.asked || (!asked && (!errors.Is(err, linli.ErrNotCommand) || len(w.sent) != 0)) {
			t.Errorf("我投了%s after voting 同意: err %v, offered %q, sent %+v; want asked %v", tt.choice, err, offered, w.sent, tt.asked)
		}
	}
}
