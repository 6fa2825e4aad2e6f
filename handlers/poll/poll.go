package poll

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"linli"
)

// Job kinds of the poll family. Their keys are "poll:<id>:close",
// "poll:<id>:open" and "poll:<id>:opinions".
const (
	jobPollClose    = "poll.close"
	jobPollOpen     = "poll.open"
	jobPollOpinions = "poll.opinions"
)

// confidentVote is the understanding confidence above which a free-text
// vote in a group, not addressed to the bot, gets a confirmation question.
const confidentVote = 0.6

// Register registers the poll family (投票与议事): 发起投票 and 反馈 for
// staff; 投票 (and its short form 投), 意见 and 投票规则 for residents; and
// the vote intent.
func (h *Family) Register(r linli.Router) {
	r.Command(linli.Command{
		Names: []string{"发起投票", "发起议事"}, Role: linli.RoleStaff, Args: linli.ArgsRequired,
		Usage: textPollCreateUsage, Help: "发起投票 标题 选项:同意/反对 截止:时间 — 发起投票或议事（发送「发起投票」看全部写法）",
		Handler: h.createPoll,
	})
	r.Command(linli.Command{
		Names: []string{"议事反馈"}, Role: linli.RoleStaff, Args: linli.ArgsRequired,
		Usage: textFeedbackUsage, Help: "反馈 3 内容 — 向投票的群公布议事决定和后续", Handler: h.feedback,
	})
	// 反馈 is an everyday word ("反馈给物业了"): registered for everyone so
	// that residents' chatter stays silent instead of being refused.
	r.Command(linli.Command{
		Names: []string{"反馈"}, Args: linli.ArgsRequired, Usage: textFeedbackUsage,
		Handler: func(ctx context.Context, req *linli.Request) error {
			switch {
			case req.Msg.Role.IsStaff():
				return h.feedback(ctx, req)
			case !req.Msg.Addressed:
				return linli.ErrNotCommand
			}
			return linli.Errorf(linli.EForbidden, textFeedbackStaffOnly)
		},
	})
	r.Command(linli.Command{
		Names: []string{"投票"}, Args: linli.ArgsOptional, Usage: textVoteUsage,
		Help: "投票 / 投票 3 / 投票 3 同意 — 查看投票、看结果、投票（截止前可改票）", Handler: h.vote,
	})
	// 投 is the short form of 投票, taken only before the number of an open
	// poll and a choice ("投 1 广场"); otherwise it is chatter ("投稿").
	r.Command(linli.Command{Names: []string{"投"}, Args: linli.ArgsOptional, Usage: textVoteUsage, Handler: h.voteShort})
	r.Command(linli.Command{
		Names: []string{"意见"}, Args: linli.ArgsRequired, Usage: textOpinionUsage,
		Help: "意见 3 您的想法 — 对议事中的提议提意见", Handler: h.opinion,
	})
	r.Command(linli.Command{
		Names: []string{"投票规则"}, Args: linli.ArgsNone,
		Handler: func(ctx context.Context, req *linli.Request) error { return req.Reply(textPollRulesHelp) },
	})
	r.Command(linli.Command{
		Names: []string{"导出 投票", "导出投票"}, Role: linli.RoleStaff, Args: linli.ArgsRequired, Usage: textPollExportUsage,
		Help: "导出 投票 3 — 私聊发送一个投票的明细（Excel，每个选项一列）", Handler: h.exportPollCommand,
	})
	r.Intent(linli.IntentVote, h.voteIntent)
}

// voteIntent answers free text understood as a vote ("我选2", "同意") with a
// confirmation question, never a vote: only when exactly one poll is taking
// votes in the sender's group (in a private chat: one overall), the text
// names choices that are options of it, and the message was addressed to
// the bot or understood with confidence ≥ 0.6. Anything else is silence
// (ErrNotCommand), or, when addressed and several polls are open, a request
// for the number.
func (h *Family) voteIntent(ctx context.Context, req *linli.Request) error {
	u := req.Understanding
	if u == nil || len(u.Slots.Choices) == 0 || (!req.Msg.Addressed && u.Confidence < confidentVote) {
		return linli.ErrNotCommand
	}
	open, err := h.votingPolls(req)
	if err != nil {
		return err
	}
	if len(open) > 1 && req.Msg.Addressed {
		names := make([]string, len(open))
		for i, p := range open {
			names[i] = fmt.Sprintf("投票%d「%s」", p.ID, p.Title)
		}
		example := fmt.Sprintf("投票 %d %s", open[0].ID, choiceArgs(open[0], []int{0}))
		return req.Reply(textVoteIntentWhich(strings.Join(names, "、"), example))
	}
	if len(open) != 1 {
		return linli.ErrNotCommand
	}
	p := open[0]
	b, err := parseBallot(h.Lexicon, p, strings.Join(u.Slots.Choices, " "))
	if err != nil || len(b.choices) > p.MaxChoices || b.remark != "" || len(b.ignored) > 0 {
		return linli.ErrNotCommand
	}
	if cast, err := h.alreadyCast(req, p, b.choices); err != nil || cast {
		return linli.ErrNotCommand // "我投了同意" after voting 同意: nothing to offer
	}
	command := fmt.Sprintf("投票 %d %s", p.ID, choiceArgs(p, b.choices))
	req.Offer(command) // a plain "是" casts it
	return req.Reply(textVoteIntentConfirm(p, choiceText(p, b.choices), command))
}

// alreadyCast reports whether the sender (or their household) has cast
// exactly choices on p: a remark about the vote ("我投了同意") then offers
// nothing.
func (h *Family) alreadyCast(req *linli.Request, p *linli.Poll, choices []int) (bool, error) {
	votes, err := h.Polls.Votes(p.ID)
	if err != nil {
		return false, err
	}
	want := slices.Sorted(slices.Values(choices))
	hh := req.Msg.Resident.Household
	for _, v := range votes {
		if (v.Voter == req.Msg.Sender || (hh != "" && v.Household == hh)) && slices.Equal(v.Choices, want) {
			return true, nil
		}
	}
	return false, nil
}
