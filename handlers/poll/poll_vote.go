package poll

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"linli"
)

var (
	// pollRef is "3 同意", "3号 A", "3": a poll number and what follows
	// (意见; 投票 reads its number with splitPollRef).
	pollRef     = regexp.MustCompile(`^(\d{1,6})\s*号?(?:\s+|$|[,，:])(.*)$`)
	choiceSplit = regexp.MustCompile(`[\s,，、;；/]+`)
)

// chatterRunes is the length beyond which unparseable words after a command
// word are taken for chatter when the bot was not addressed.
const chatterRunes = 12

// vote handles 投票: alone it lists open polls, with a number it shows the
// results, with choices it casts (or changes) a vote.
func (h *Family) vote(ctx context.Context, req *linli.Request) error {
	if req.Args == "" {
		return h.listPolls(req)
	}
	if linli.MalformedNumber(req.Args) != "" {
		// "投票 1.5", "投票 1e3", "投票 -1 同意": the format, in a group as
		// privately; never poll 1 with option "5", nor an offer for another.
		return linli.Errorf(linli.EInvalid, textVoteUsage)
	}
	n, ok := splitPollRef(req.Args)
	if !ok {
		if long := longPollNumber(req.Args); long != "" {
			// "投票 99999999999999999999 同意": a number, but of no poll;
			// in a group as privately, never an offer for another poll.
			return linli.Errorf(linli.ENotFound, "%s", textNoSuchPoll(long))
		}
		return h.voteWithoutNumber(req)
	}
	p, err := h.Polls.Poll(n.id)
	if err != nil {
		if n.joined && !req.Msg.Addressed {
			return linli.ErrNotCommand // "投票3次了" and there is no poll 3
		}
		return err
	}
	if n.rest == "" {
		p, t, err := h.Polls.TallyPoll(n.id)
		if err != nil {
			return err
		}
		return req.Reply(h.renderResults(p, t, req.Now))
	}
	b, err := parseBallot(h.Lexicon, p, n.rest)
	if err != nil {
		// A ballot for a poll open here always gets an answer (nothing a
		// resident tried to do is dropped); words after the number of a
		// poll not open here are chatter unless addressed.
		if !req.Msg.Addressed {
			if open, oerr := h.openPolls(req); oerr != nil || !slices.ContainsFunc(open, func(o *linli.Poll) bool { return o.ID == p.ID }) {
				return linli.ErrNotCommand
			}
		}
		return err
	}
	return h.cast(req, p, b)
}

// longPollNumber returns the number args begin with when it is too long
// to be a poll's (more than six digits) and stands alone (a space or the
// end follows), "" otherwise.
func longPollNumber(args string) string {
	i := 0
	for i < len(args) && args[i] >= '0' && args[i] <= '9' {
		i++
	}
	if i <= 6 || (i < len(args) && args[i] != ' ') {
		return ""
	}
	return args[:i]
}

// voteShort handles 投, the short form of 投票, only when a number of a
// poll open in this chat and a choice follow ("投 1 广场"); anything else
// ("投 3 个球", "投稿") is chatter.
func (h *Family) voteShort(ctx context.Context, req *linli.Request) error {
	if linli.MalformedNumber(req.Args) != "" {
		return h.vote(ctx, req) // "投 -1 同意": the format, never an offer for poll 1
	}
	n, ok := splitPollRef(req.Args)
	if !ok || n.rest == "" {
		return linli.ErrNotCommand
	}
	id := n.id
	open, err := h.openPolls(req)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(open, func(p *linli.Poll) bool { return p.ID == id }) && !req.Msg.Addressed {
		return linli.ErrNotCommand
	}
	return h.vote(ctx, req)
}

// voteWithoutNumber answers "投票 同意": with exactly one poll open here it
// shows the command with the number; otherwise chatter or usage.
func (h *Family) voteWithoutNumber(req *linli.Request) error {
	open, err := h.votingPolls(req)
	if err != nil {
		return err
	}
	if len(open) == 1 {
		if b, err := parseBallot(h.Lexicon, open[0], req.Args); err == nil {
			return linli.Errorf(linli.EInvalid, "%s", textVoteNeedNumber(open[0], choiceArgs(open[0], b.choices)))
		}
	}
	if !req.Msg.Addressed {
		return linli.ErrNotCommand
	}
	return linli.Errorf(linli.EInvalid, textVoteUsage)
}

// cast records the sender's ballot and tells them what happened. A group
// reply never names the household: it may have been bound privately.
func (h *Family) cast(req *linli.Request, p *linli.Poll, bl ballot) error {
	choices := bl.choices
	if err := h.voterRefusal(req, p); err != nil {
		return err
	}
	switch {
	case p.Status == linli.PollClosed || !req.Now.Before(p.Deadline):
		return linli.Errorf(linli.EConflict, "%s", textVoteClosed(p))
	case p.Discussing(req.Now):
		return linli.Errorf(linli.EConflict, "%s", textVoteDiscussing(p, h.fmtTime(p.DiscussUntil)))
	case len(choices) > 1 && !p.Multi():
		return linli.Errorf(linli.EInvalid, "%s", textVoteSingle(p))
	case len(choices) > p.MaxChoices:
		return linli.Errorf(linli.EInvalid, "%s", textVoteTooMany(p))
	}
	household := req.Msg.Resident.Household
	b := linli.Ballot{PollID: p.ID, Voter: req.Msg.Sender, Household: household, Choices: choices, Replace: bl.replace, At: req.Now}
	if p.PerHousehold && household == "" {
		return linli.Errorf(linli.EInvalid, textVoteNoHousehold, p.ID, p.Title, p.ID, choiceArgs(p, choices))
	}
	if p.Register && !req.Msg.Resident.Verified {
		return linli.Errorf(linli.EInvalid, "%s", textVoteNotVerified(p, choiceArgs(p, choices)))
	}
	shown := household // the household as a reply may name it: only privately
	if !req.Msg.Private() {
		shown = ""
	}
	if p.CivilRule() && p.TotalArea > 0 {
		a, ok, err := h.householdArea(p, household)
		if err != nil {
			return err
		}
		if !ok {
			return linli.Errorf(linli.EInvalid, "%s", textVoteNoArea(p, shown))
		}
		b.Area = a
	}
	r, err := h.Polls.CastVote(b)
	if err != nil {
		return err
	}
	note, err := h.ballotNote(req, p, bl)
	if err != nil {
		return err
	}
	choice := choiceText(p, choices)
	var text string
	switch {
	case r.Elsewhere:
		return req.Reply(textVoteElsewhere(p, r.VotedFor, req.Msg.Private()) + note)
	case r.Blocked:
		return req.Reply(textVoteFamilyVoted(p, shown, choiceArgs(p, choices)) + note)
	case r.ByOther:
		text = textVoteReplacedFamily(p, shown, choice)
	case slices.Equal(r.Previous, choices):
		text = textVoteSame(p, choice, h.fmtTime(p.Deadline))
	case r.Previous != nil:
		text = textVoteChanged(p, choiceText(p, r.Previous), choice)
	default:
		text = textVoteCast(p, choice, h.fmtTime(p.Deadline))
	}
	if p.Anonymous && !req.Msg.Private() {
		if req.Msg.Resident.Friend || req.Msg.Role > linli.RoleResident {
			if err := req.ReplyPrivate(text, nil); err != nil {
				return err
			}
		}
		return req.Reply(textVoteAnonymousGroup(p) + note)
	}
	return req.Reply(text + note)
}

// voterRefusal says why the sender may not vote in p from where they wrote,
// or nil. In a residents' group p must be put to that group; elsewhere (a
// private chat, the staff group) the group the sender last talked in must
// be one of p's, for everyone: staff vote only as residents of those groups.
// householdArea is the floor area of household for p: the register's
// when p was created with one, else the configured [polls] areas.
func (h *Family) householdArea(p *linli.Poll, household string) (float64, bool, error) {
	if p.Register && h.Owners != nil {
		e, err := h.Owners.RegisterEntry(household)
		if linli.ErrorCode(err) == linli.ENotFound {
			return 0, false, nil
		}
		if err != nil {
			return 0, false, err
		}
		return e.Area, true, nil
	}
	areas, err := pollAreas(h.Config)
	if err != nil {
		return 0, false, err
	}
	a, ok := areas[household]
	return a, ok, nil
}

func (h *Family) voterRefusal(req *linli.Request, p *linli.Poll) error {
	groups := strings.Join(p.Groups, "、")
	if g := req.Msg.Group; g != "" && h.Config.Served(g) {
		if !p.Targets(g) {
			return linli.Errorf(linli.EForbidden, textVoteNotHere, p.ID, p.Title, groups)
		}
		return nil
	}
	if r := req.Msg.Resident; r != nil && p.Targets(r.LastGroup) {
		return nil
	}
	return linli.Errorf(linli.EForbidden, "%s", textVoteNotMember(p, groups))
}

// ballotNote deals with what came with the choices and says, on a line of
// its own, what became of it: on a poll with a discussion period (议事,
// not anonymous) a remark is kept as an 意见 for staff; otherwise the
// non-option words of a multi-choice ballot are named as not counted, and
// a remark on a single-choice poll is not kept and the resident is shown
// how to send an 意见.
func (h *Family) ballotNote(req *linli.Request, p *linli.Poll, bl ballot) (string, error) {
	switch {
	case bl.remark == "":
		return "", nil
	case !p.DiscussUntil.IsZero() && !p.Anonymous:
		if err := h.addOpinion(req, p, bl.remark); err != nil {
			return "", err
		}
		return "\n" + textBallotRemarkKept, nil
	case len(bl.ignored) > 0:
		return "\n" + textBallotIgnored(strings.Join(bl.ignored, "、")), nil
	}
	return "\n" + textBallotRemarkDropped(p), nil
}

// listPolls answers 投票 alone: the polls open in this chat.
func (h *Family) listPolls(req *linli.Request) error {
	polls, err := h.openPolls(req)
	if err != nil {
		return err
	}
	if len(polls) == 0 {
		return req.Reply(textPollNoOpen)
	}
	var b strings.Builder
	b.WriteString(textPollListHeader)
	for _, p := range polls {
		fmt.Fprintf(&b, "\n· 投票%d「%s」", p.ID, p.Title)
		if p.Discussing(req.Now) {
			fmt.Fprintf(&b, "讨论中，%s 开始投票", h.fmtTime(p.DiscussUntil))
		} else {
			fmt.Fprintf(&b, "截止 %s", h.fmtTime(p.Deadline))
		}
	}
	b.WriteString("\n" + textPollListFooter)
	return req.Reply(b.String())
}

// openPolls lists the open polls that concern the sender's chat: those put
// to the group it came from, or every open poll in a private chat or the
// staff group.
func (h *Family) openPolls(req *linli.Request) ([]*linli.Poll, error) {
	all, err := h.Polls.Polls()
	if err != nil {
		return nil, err
	}
	g := req.Msg.Group
	var out []*linli.Poll
	for _, p := range all {
		if p.Status == linli.PollOpen && req.Now.Before(p.Deadline) && (g == "" || !h.Config.Served(g) || p.Targets(g)) {
			out = append(out, p)
		}
	}
	return out, nil
}

// votingPolls is openPolls without those still in discussion.
func (h *Family) votingPolls(req *linli.Request) ([]*linli.Poll, error) {
	open, err := h.openPolls(req)
	return slices.DeleteFunc(open, func(p *linli.Poll) bool { return !p.Voting(req.Now) }), err
}
