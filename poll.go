package linli

import (
	"slices"
	"time"
)

// Poll statuses (DESIGN.md `linli export polls`). A poll in its discussion
// period (议事) is open: it only refuses votes until DiscussUntil.
const (
	PollOpen   = "open"
	PollClosed = "closed"
)

// Poll rules. RuleNone elects nothing: the result shows the counts only.
// The thresholds are evaluated by Poll.Evaluate, which documents them.
const (
	RuleNone        = ""
	RuleMajority    = "过半"
	RuleTwoThirds   = "三分之二"
	RuleCivil       = "双三分之二"   // 民法典 第278条, major matters: approval ≥ 3/4
	RuleCivilSimple = "双三分之二过半" // 民法典 第278条, other matters: approval > 1/2
)

// PollRules lists the rules in the order help texts show them.
var PollRules = []string{RuleMajority, RuleTwoThirds, RuleCivil, RuleCivilSimple}

// YesWords are option texts read as approval. A rule counts the first option
// so named as "yes", or the first option when none is.
var YesWords = []string{"同意", "赞成", "支持", "通过", "是"}

// Poll is a vote put to residents by staff, optionally preceded by a
// discussion period (议事).
type Poll struct {
	ID           uint64         `json:"id"`
	Title        string         `json:"title"`
	Options      []string       `json:"options"`
	MaxChoices   int            `json:"max_choices"` // 1 for single choice; n for 多选 (n = len(Options) when unlimited)
	Anonymous    bool           `json:"anonymous,omitempty"`
	PerHousehold bool           `json:"per_household,omitempty"` // 一户一票
	Rule         string         `json:"rule,omitempty"`
	Proposal     string         `json:"proposal,omitempty"` // 提议 text
	Groups       []string       `json:"groups"`
	Creator      string         `json:"creator"`
	CreatedAt    time.Time      `json:"created_at"`
	DiscussUntil time.Time      `json:"discuss_until,omitzero"` // zero: voting opens at once
	Deadline     time.Time      `json:"deadline"`
	Status       string         `json:"status"` // PollOpen or PollClosed
	ClosedAt     time.Time      `json:"closed_at,omitzero"`
	Result       *PollTally     `json:"result,omitempty"` // frozen when closed
	Feedback     []PollFeedback `json:"feedback,omitempty"`

	// Snapshot of the configuration a 双三分之二 rule is measured against,
	// taken at creation so later configuration changes do not alter it.
	TotalHouseholds int     `json:"total_households,omitempty"`
	TotalArea       float64 `json:"total_area,omitempty"` // 0: area is not counted
	// Register: the poll counts households, and an owners' register was
	// loaded when it was created: totals and areas are the register's, and
	// only households verified against it (Resident.Verified) may vote.
	// Without it, a 双三分之二 poll's households are self-declared.
	Register bool `json:"register,omitempty"`
}

// Multi reports whether a ballot may name several options.
func (p *Poll) Multi() bool { return p.MaxChoices > 1 }

// Discussing reports whether the poll is in its discussion period at now.
func (p *Poll) Discussing(now time.Time) bool {
	return p.Status == PollOpen && now.Before(p.DiscussUntil)
}

// Voting reports whether votes are accepted at now.
func (p *Poll) Voting(now time.Time) bool {
	return p.Status == PollOpen && !now.Before(p.DiscussUntil) && now.Before(p.Deadline)
}

// Targets reports whether the poll is put to group.
func (p *Poll) Targets(group string) bool { return slices.Contains(p.Groups, group) }

// CivilRule reports whether the poll follows 民法典 第278条 (a 双三分之二
// rule): one vote per household and participation measured against all
// households (and floor area).
func (p *Poll) CivilRule() bool { return p.Rule == RuleCivil || p.Rule == RuleCivilSimple }

// YesOption returns the index of the option counted as approval.
func (p *Poll) YesOption() int {
	for i, o := range p.Options {
		if slices.Contains(YesWords, o) {
			return i
		}
	}
	return 0
}

// PollFeedback is a decision or follow-up staff posted about a poll (反馈).
type PollFeedback struct {
	By   string    `json:"by"`
	Text string    `json:"text"`
	At   time.Time `json:"at"`
}

// Vote is one counted ballot. For an anonymous poll Voter and Household are
// empty: storage keeps only a keyed hash to enforce one vote, and forgets the
// key when the poll closes.
type Vote struct {
	PollID    uint64    `json:"poll_id"`
	Voter     string    `json:"voter"`
	Household string    `json:"household"`
	Choices   []int     `json:"choices"` // option indexes, ascending
	Area      float64   `json:"area,omitempty"`
	At        time.Time `json:"at,omitzero"` // zero for anonymous polls
}

// Ballot is a request to cast or change a vote.
type Ballot struct {
	PollID    uint64
	Voter     string  // resident name (req.Msg.Sender)
	Household string  // canonical 户号; required when the poll is 一户一票
	Area      float64 // the household's floor area, for 双三分之二 polls with areas
	Choices   []int   // option indexes
	Replace   bool    // replace a vote another member of the household cast
	At        time.Time
}

// VoteReceipt tells what CastVote did.
type VoteReceipt struct {
	Poll     *Poll
	Previous []int // the choices replaced; nil for a first vote
	Blocked  bool  // another member of the household voted and Replace was false: nothing changed
	ByOther  bool  // the replaced (or blocking) vote was cast by another member of the household
	// Elsewhere: in a 一户一票 poll the voter's ballot already counts for
	// another household (they re-bound since): nothing changed. One person
	// casts one ballot per poll, whatever they bind to.
	Elsewhere bool
	VotedFor  string // that household; "" in an anonymous poll
}

// PollOpinion is a resident's opinion during the discussion (意见).
type PollOpinion struct {
	PollID    uint64    `json:"poll_id"`
	Seq       uint64    `json:"seq"`
	Resident  string    `json:"resident"`
	Household string    `json:"household,omitempty"`
	Group     string    `json:"group,omitempty"`
	Text      string    `json:"text"`
	At        time.Time `json:"at"`
}

// PollService keeps polls, votes and opinions. Implementations must be safe
// for concurrent use; every method is one transaction. Storage never reads
// the clock: times come from the caller.
type PollService interface {
	// CreatePoll assigns p.ID and stores p as open.
	CreatePoll(p *Poll) error
	// Poll returns the poll, or an ENotFound *Error.
	Poll(id uint64) (*Poll, error)
	// Polls lists every poll in id order.
	Polls() ([]*Poll, error)
	// CastVote records b, replacing the voter's (or household's) earlier
	// vote. A voter has at most one ballot per poll: in a 一户一票 poll a
	// ballot for another household than the one they voted for is refused
	// (receipt Elsewhere). It returns an EConflict *Error when the poll is closed, past its
	// deadline or still in discussion at b.At, ENotFound for an unknown
	// poll and EInvalid for choices out of range or a 一户一票 ballot
	// without a household. One vote per key is guaranteed under concurrency.
	CastVote(b Ballot) (VoteReceipt, error)
	// Votes lists the votes of a poll (voter and household empty when
	// anonymous).
	Votes(pollID uint64) ([]Vote, error)
	// TallyPoll returns the poll with its current tally (the frozen result
	// when closed).
	TallyPoll(id uint64) (*Poll, PollTally, error)
	// ClosePoll closes the poll at at, freezing its tally; closing a closed
	// poll returns it unchanged.
	ClosePoll(id uint64, at time.Time) (*Poll, error)
	// AddFeedback appends a decision or follow-up to the poll.
	AddFeedback(id uint64, f PollFeedback) (*Poll, error)
	// AddOpinion stores o (assigning Seq) and reports whether a digest to
	// staff must be scheduled (none is pending). EConflict when closed.
	AddOpinion(o *PollOpinion) (scheduleDigest bool, err error)
	// PendingOpinions lists the opinions not yet forwarded to staff.
	PendingOpinions(pollID uint64) ([]PollOpinion, error)
	// MarkOpinionsForwarded records that opinions up to seq were forwarded
	// and reports whether later ones wait (a new digest must be scheduled).
	MarkOpinionsForwarded(pollID, seq uint64) (more bool, err error)
}

// PollTally counts the ballots of a poll.
type PollTally struct {
	Counts  []int     `json:"counts"`          // ballots naming each option
	Areas   []float64 `json:"areas,omitempty"` // floor area of those ballots, per option
	Ballots int       `json:"ballots"`         // ballots cast (households when 一户一票), abstentions included
	Area    float64   `json:"area,omitempty"`  // floor area of the ballots cast
}

// TallyVotes counts votes for p. Choices out of range are ignored.
func TallyVotes(p *Poll, votes []Vote) PollTally {
	t := PollTally{Counts: make([]int, len(p.Options)), Areas: make([]float64, len(p.Options))}
	for _, v := range votes {
		t.Ballots++
		t.Area += v.Area
		for _, c := range v.Choices {
			if c >= 0 && c < len(p.Options) {
				t.Counts[c]++
				t.Areas[c] += v.Area
			}
		}
	}
	return t
}

// PollOutcome is a tally measured against a poll's rule.
type PollOutcome struct {
	Decides        bool    // the poll has a rule (otherwise nothing passes or fails)
	Passed         bool    // Turnout && Approval
	Yes            int     // index of the option counted as approval
	Turnout        bool    // participation threshold met (true for rules without one)
	Approval       bool    // approval threshold met
	NeedHouseholds int     // 双三分之二: households that must take part (⌈2/3 of total⌉)
	NeedArea       float64 // 双三分之二 with areas: floor area that must take part
	UsesArea       bool    // floor area is counted as well as households
}

// Evaluate measures t against p's rule. Participation (Ballots) counts every
// ballot, 弃权 included; "yes" is p.YesOption().
//
//   - 过半: yes > 1/2 of the ballots cast.
//   - 三分之二: yes ≥ 2/3 of the ballots cast.
//   - 双三分之二 (民法典 第278条, major matters such as 加装电梯, 改建重建):
//     households taking part ≥ 2/3 of TotalHouseholds, and, when TotalArea is
//     set, their floor area ≥ 2/3 of TotalArea; and yes ≥ 3/4 of the
//     households taking part (and ≥ 3/4 of their area when areas count).
//   - 双三分之二过半 (民法典 第278条, other matters): the same participation,
//     and yes > 1/2 of the households (and area) taking part.
//
// No ballots means not passed.
func (p *Poll) Evaluate(t PollTally) PollOutcome {
	const eps = 1e-9
	o := PollOutcome{Decides: p.Rule != RuleNone, Yes: p.YesOption(), Turnout: true}
	if p.CivilRule() {
		o.NeedHouseholds = pollCivilTurnout.ceil(p.TotalHouseholds)
		o.Turnout = p.TotalHouseholds > 0 && pollCivilTurnout.reached(t.Ballots, p.TotalHouseholds)
		o.UsesArea = p.TotalArea > 0
		if o.UsesArea {
			o.NeedArea = pollCivilTurnout.of(p.TotalArea)
			o.Turnout = o.Turnout && pollCivilTurnout.reachedArea(t.Area, p.TotalArea, -eps)
		}
	}
	if !o.Decides || t.Ballots == 0 || o.Yes >= len(t.Counts) {
		return o
	}
	yes := t.Counts[o.Yes]
	var yesArea float64
	if o.Yes < len(t.Areas) {
		yesArea = t.Areas[o.Yes]
	}
	switch p.Rule {
	case RuleMajority:
		o.Approval = pollHalf.exceeded(yes, t.Ballots)
	case RuleTwoThirds:
		o.Approval = pollTwoThirds.reached(yes, t.Ballots)
	case RuleCivil, RuleCivilSimple:
		if p.Rule == RuleCivil {
			o.Approval = pollCivilApproval.reached(yes, t.Ballots) && (!o.UsesArea || pollCivilApproval.reachedArea(yesArea, t.Area, -eps))
		} else {
			o.Approval = pollHalf.exceeded(yes, t.Ballots) && (!o.UsesArea || pollHalf.exceededArea(yesArea, t.Area, eps))
		}
	}
	o.Passed = o.Turnout && o.Approval
	return o
}

// The thresholds of the poll rules (see Evaluate).
var (
	pollHalf          = threshold{1, 2} // 过半 and 双三分之二过半: approval more than half
	pollTwoThirds     = threshold{2, 3} // 三分之二: approval at least two thirds
	pollCivilTurnout  = threshold{2, 3} // 双三分之二: households (and floor area) taking part, at least
	pollCivilApproval = threshold{3, 4} // 双三分之二 (major matters): approval at least three quarters
)

// threshold is a share num/den of a whole, compared in integers where it can be.
type threshold struct{ num, den int }

// reached reports part ≥ f of whole.
func (f threshold) reached(part, whole int) bool { return part*f.den >= whole*f.num }

// exceeded reports part > f of whole.
func (f threshold) exceeded(part, whole int) bool { return part*f.den > whole*f.num }

// ceil is the smallest count that reaches f of whole.
func (f threshold) ceil(whole int) int { return (f.num*whole + f.den - 1) / f.den }

// of is f of an area.
func (f threshold) of(whole float64) float64 { return whole * float64(f.num) / float64(f.den) }

// reachedArea reports part ≥ f of whole, with slack added to the bar.
func (f threshold) reachedArea(part, whole, slack float64) bool {
	return part*float64(f.den) >= whole*float64(f.num)+slack
}

// exceededArea reports part > f of whole, with slack added to the bar.
func (f threshold) exceededArea(part, whole, slack float64) bool {
	return part*float64(f.den) > whole*float64(f.num)+slack
}
