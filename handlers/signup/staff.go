package signup

import (
	"context"
	"regexp"
	"strings"
	"time"

	"linli"
	"linli/textnorm"
)

// Staff running an activity from chat: 截止报名, 名单, 通知 活动<编号>
// (统计 活动 is in stats.go, walk-ins in checkin.go).

// closeSignup handles 截止报名 <编号>: sign-up closes now (the deadline
// becomes now; the waitlist is kept and still moves up when someone
// cancels), and the participants are told once, @mentioned in their group
// or one by one. 修改活动 <编号> 截止:<时间> opens it again.
func (h *Family) closeSignup(ctx context.Context, req *linli.Request) error {
	now := req.Now.In(h.Config.Location)
	id, rest, ok := activityArgs(req.Args)
	if !ok || rest != "" {
		return linli.Errorf(linli.EInvalid, "%s", textCloseUsage)
	}
	a, err := h.activity(id)
	if err != nil {
		return err
	}
	switch a.State(now) {
	case linli.ActivityCancelled:
		return linli.Errorf(linli.EConflict, "%s已经取消了，不用截止报名。", actName(a))
	case linli.ActivityOver:
		return linli.Errorf(linli.EConflict, "%s已经结束了。", actName(a))
	case linli.ActivityClosed:
		if req.Msg.Web {
			return linli.Errorf(linli.EConflict, "%s", textAlreadyClosedWeb(a))
		}
		return linli.Errorf(linli.EConflict, "%s", textAlreadyClosed(a))
	}
	a, _, err = h.Activities.UpdateActivity(id, now, func(a *linli.Activity) error {
		a.Status, a.Deadline = linli.ActivityClosed, now
		return nil
	})
	if err != nil {
		return err
	}
	h.local(a)
	if err := h.Scheduler.Cancel(actKey(a.ID, "close")); err != nil { // told now, not again at the old deadline
		return err
	}
	signups, err := h.Activities.Signups(a.ID)
	if err != nil {
		return err
	}
	au := h.participantsOf(a, signups, (*linli.Signup).Active)
	for _, g := range a.Groups {
		if len(au.byGroup[g]) == 0 {
			continue
		}
		out := linli.Outgoing{To: linli.Chat{Group: g}, Text: textSignupClosedNotice(a), Alone: true}
		if err := h.teller().Mentions(out, au.byGroup[g]); err != nil {
			return err
		}
	}
	for _, n := range au.direct {
		s := findSignup(signups, n)
		if err := h.Out.Send(linli.Outgoing{To: linli.Chat{User: n}, Text: textSignupClosedPersonal(a, s)}); err != nil {
			return err
		}
	}
	if req.Msg.Web { // the activity page shows the roster
		return req.Reply(textClosedNowWeb(a, au.count()))
	}
	return req.Reply(textClosedNow(a, au.count()))
}

// findSignup returns resident's sign-up among signups (nil if none).
func findSignup(signups []linli.Signup, resident string) *linli.Signup {
	for i := range signups {
		if signups[i].Resident == resident {
			return &signups[i]
		}
	}
	return nil
}

// rosterList handles 名单 <编号>: who signed up (with family members), the
// waitlist in order, who checked in and who came without signing up, sent
// privately (names and households never go into a group), in pages that
// fit a message.
func (h *Family) rosterList(ctx context.Context, req *linli.Request) error {
	id, rest, ok := activityArgs(req.Args)
	if !ok || rest != "" {
		return linli.Errorf(linli.EInvalid, "%s", textRosterUsage)
	}
	a, err := h.activity(id)
	if err != nil {
		return err
	}
	signups, err := h.Activities.Signups(a.ID)
	if err != nil {
		return err
	}
	pages := pageLines(textRosterLines(a, signups, req.Now.In(h.Config.Location)), h.pageLimit())
	for i, page := range pages {
		head := textRosterHead(a, i+1, len(pages))
		if err := req.ReplyPrivate(head+"\n"+strings.Join(page, "\n"), nil); err != nil {
			return err
		}
	}
	if !req.Msg.Private() {
		return req.Reply(textRosterSentPrivately(a))
	}
	return nil
}

// pageLimit is how many runes one page of a list may have: below the
// outbox's split length, so that a page is never cut.
func (h *Family) pageLimit() int {
	if n := h.Config.Outbox.MaxLength; n > 0 {
		return n - 100
	}
	return 1400
}

// pageLines cuts lines into pages of at most limit runes, between lines.
func pageLines(lines []string, limit int) [][]string {
	var pages [][]string
	var cur []string
	size := 0
	for _, l := range lines {
		n := len([]rune(l)) + 1
		if len(cur) > 0 && size+n > limit {
			pages, cur, size = append(pages, cur), nil, 0
		}
		cur, size = append(cur, l), size+n
	}
	if len(cur) > 0 || len(pages) == 0 {
		pages = append(pages, cur)
	}
	return pages
}

// maxNotice bounds the text of 通知 活动<编号>.
const maxNotice = 500

// notifyParticipants handles 通知 活动<编号> <内容>: every confirmed
// participant is told, privately when they are the bot's friend, else with
// one @message in each group (where they signed up, or last talked).
func (h *Family) notifyParticipants(ctx context.Context, req *linli.Request) error {
	id, text, ok := noticeArgs(req.Args)
	switch {
	case !ok:
		return linli.Errorf(linli.EInvalid, "%s", textNotifyUsage)
	case text == "":
		return linli.Errorf(linli.EInvalid, "请写上通知内容。%s", textNotifyUsage)
	case len([]rune(text)) > maxNotice:
		return linli.Errorf(linli.EInvalid, "通知内容最多%d个字（现在%d个字），请分几条发送。", maxNotice, len([]rune(text)))
	}
	a, err := h.activity(id)
	if err != nil {
		return err
	}
	signups, err := h.Activities.Signups(a.ID)
	if err != nil {
		return err
	}
	t := h.teller()
	confirmed := func(s *linli.Signup) bool {
		return s.Status == linli.SignupConfirmed && s.Source != linli.SourceWalkIn
	}
	var private []string
	au := h.participantsOf(a, signups, func(s *linli.Signup) bool {
		if confirmed(s) && t.Reachable(s.Resident) {
			private = append(private, s.Resident)
			return false
		}
		return confirmed(s)
	})
	if len(private)+au.count() == 0 {
		return linli.Errorf(linli.EConflict, "%s", textNotifyNobody(a))
	}
	msg := textParticipantNotice(a, textnorm.ChinesePunctBrackets(text), req.Msg.Sender)
	var groups []string
	for _, g := range a.Groups {
		if names := au.byGroup[g]; len(names) > 0 {
			if err := t.Mentions(linli.Outgoing{To: linli.Chat{Group: g}, Text: msg, Alone: true}, names); err != nil {
				return err
			}
			groups = append(groups, textGroupCount(g, len(names)))
		}
	}
	for _, n := range append(private, au.direct...) {
		if err := h.Out.Send(linli.Outgoing{To: linli.Chat{User: n}, Text: msg}); err != nil {
			return err
		}
	}
	return req.Reply(textNotified(a, len(private)+len(au.direct), groups))
}

// noticeArgsRe reads the arguments of 通知 活动: the number, then the text
// ("1 明天请带身份证", "1：明天请带身份证", "1明天请带身份证").
var noticeArgsRe = regexp.MustCompile(`(?s)^([0-9]+)\s*号?\s*[:,，、]?\s*(.*)$`)

// noticeArgs splits the arguments of 通知 活动 into the activity number and
// the text.
func noticeArgs(args string) (id uint64, text string, ok bool) {
	m := noticeArgsRe.FindStringSubmatch(strings.TrimSpace(args))
	if m == nil {
		return 0, "", false
	}
	id, ok = parseActivityID(m[1])
	return id, strings.TrimSpace(m[2]), ok
}

// now is the family's clock, in the configured zone.
func (h *Family) now() time.Time { return h.Clock.Now().In(h.Config.Location) }
