package mock

import (
	"time"

	"linli"
)

var (
	_ linli.PollService = (*PollService)(nil)
)

// PollService is a function-field fake of linli.PollService.
type PollService struct {
	CreatePollFn            func(p *linli.Poll) error
	PollFn                  func(id uint64) (*linli.Poll, error)
	PollsFn                 func() ([]*linli.Poll, error)
	CastVoteFn              func(b linli.Ballot) (linli.VoteReceipt, error)
	VotesFn                 func(pollID uint64) ([]linli.Vote, error)
	TallyPollFn             func(id uint64) (*linli.Poll, linli.PollTally, error)
	ClosePollFn             func(id uint64, at time.Time) (*linli.Poll, error)
	AddFeedbackFn           func(id uint64, f linli.PollFeedback) (*linli.Poll, error)
	AddOpinionFn            func(o *linli.PollOpinion) (scheduleDigest bool, err error)
	PendingOpinionsFn       func(pollID uint64) ([]linli.PollOpinion, error)
	MarkOpinionsForwardedFn func(pollID, seq uint64) (more bool, err error)
}

// CreatePoll calls CreatePollFn.
func (fake *PollService) CreatePoll(p *linli.Poll) error {
	if fake.CreatePollFn == nil {
		unset("PollService.CreatePoll")
	}
	return fake.CreatePollFn(p)
}

// Poll calls PollFn.
func (fake *PollService) Poll(id uint64) (*linli.Poll, error) {
	if fake.PollFn == nil {
		unset("PollService.Poll")
	}
	return fake.PollFn(id)
}

// Polls calls PollsFn.
func (fake *PollService) Polls() ([]*linli.Poll, error) {
	if fake.PollsFn == nil {
		unset("PollService.Polls")
	}
	return fake.PollsFn()
}

// CastVote calls CastVoteFn.
func (fake *PollService) CastVote(b linli.Ballot) (linli.VoteReceipt, error) {
	if fake.CastVoteFn == nil {
		unset("PollService.CastVote")
	}
	return fake.CastVoteFn(b)
}

// Votes calls VotesFn.
func (fake *PollService) Votes(pollID uint64) ([]linli.Vote, error) {
	if fake.VotesFn == nil {
		unset("PollService.Votes")
	}
	return fake.VotesFn(pollID)
}

// TallyPoll calls TallyPollFn.
func (fake *PollService) TallyPoll(id uint64) (*linli.Poll, linli.PollTally, error) {
	if fake.TallyPollFn == nil {
		unset("PollService.TallyPoll")
	}
	return fake.TallyPollFn(id)
}

// ClosePoll calls ClosePollFn.
func (fake *PollService) ClosePoll(id uint64, at time.Time) (*linli.Poll, error) {
	if fake.ClosePollFn == nil {
		unset("PollService.ClosePoll")
	}
	return fake.ClosePollFn(id, at)
}

// AddFeedback calls AddFeedbackFn.
func (fake *PollService) AddFeedback(id uint64, f linli.PollFeedback) (*linli.Poll, error) {
	if fake.AddFeedbackFn == nil {
		unset("PollService.AddFeedback")
	}
	return fake.AddFeedbackFn(id, f)
}

// AddOpinion calls AddOpinionFn.
func (fake *PollService) AddOpinion(o *linli.PollOpinion) (bool, error) {
	if fake.AddOpinionFn == nil {
		unset("PollService.AddOpinion")
	}
	return fake.AddOpinionFn(o)
}

// PendingOpinions calls PendingOpinionsFn.
func (fake *PollService) PendingOpinions(pollID uint64) ([]linli.PollOpinion, error) {
	if fake.PendingOpinionsFn == nil {
		unset("PollService.PendingOpinions")
	}
	return fake.PendingOpinionsFn(pollID)
}

// MarkOpinionsForwarded calls MarkOpinionsForwardedFn.
func (fake *PollService) MarkOpinionsForwarded(pollID, seq uint64) (bool, error) {
	if fake.MarkOpinionsForwardedFn == nil {
		unset("PollService.MarkOpinionsForwarded")
	}
	return fake.MarkOpinionsForwardedFn(pollID, seq)
}
