package signup

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"linli"
	"linli/handlers/zhtime"
	"linli/textnorm"
)

// A native WeChat 接龙 is a message whose first line is #接龙 (the engine
// strips the #), then a description naming the activity, an optional 例
// line, numbered entries and an optional closing note. Each participant
// re-posts the whole list with their line added. linli compares each post
// with the sign-up records: a new line that is the poster's (it names them,
// carries their 户号, or names nobody: "+1") becomes their sign-up (or
// replaces their own line: an edit), the poster's own 接龙 line missing is
// a cancellation, and lines naming other people are never taken as anyone's
// change: a line naming someone not signed up is listed as not registered
// until that person posts it or sends 报名. When the post and the records
// differ, the bot posts the authoritative list, which shows only real
// sign-ups, each as its owner wrote it.

// jielong handles a 接龙 post. A 接龙 naming no activity is someone else's
// (团购, 志愿者…): no reply at all.
func (h *Family) jielong(ctx context.Context, req *linli.Request) error {
	now := req.Now.In(h.Config.Location)
	post := parseJielong(req.Args)
	if len(post.Entries) == 0 {
		if isJielongPost(req.Msg.Norm) && post.Desc != "" {
			// A list started with nobody on it yet: ours only if it names
			// an activity ("#接龙 周日去郊游的报个名" is someone else's).
			a, err := h.jielongActivity(post.Desc, now, func(a *linli.Activity) bool { return h.visibleIn(a, req.Msg) })
			if a == nil && err == nil {
				return nil
			}
		}
		return linli.ErrNotCommand // "接龙了吗", or our list with nobody on it yet
	}
	a, err := h.jielongActivity(post.Desc, now, func(a *linli.Activity) bool { return h.visibleIn(a, req.Msg) })
	if err != nil {
		return err
	}
	if a == nil {
		return h.jielongElsewhere(req, post.Desc, now)
	}
	before, err := h.Activities.Signups(a.ID)
	if err != nil {
		return err
	}
	jl := h.newJielongView(req.Msg, before)
	changed, problem, tried, alsoNamed, err := h.applyJielong(req, a, post, jl, now)
	if err != nil {
		return err
	}
	if problem != "" {
		if err := req.Reply(problem); err != nil {
			return err
		}
	}
	after, err := h.Activities.Signups(a.ID)
	if err != nil {
		return err
	}
	if a, err = h.activity(a.ID); err != nil {
		return err
	}
	jl = h.newJielongView(req.Msg, after)
	var unrecorded []string // lines no sign-up stands behind
	for _, e := range jl.missing(post.Entries) {
		switch {
		case problem != "" && e.Key == tried: // the poster was told why
		case len(alsoNamed) > 0 && e.Key == tried: // the poster's part signed up; the others are listed below
		case h.ownedByOther(e.Key, jl.others): // another resident's sign-up stands as they made it
		case jl.mine != nil && jl.mine.Group != jl.group && h.namesAny(e.Key, h.posterNames(req.Msg)):
			// the poster signed up in another chat
		case jl.mine != nil && slices.Contains(append(h.posterNames(req.Msg), h.aliases(displayText(jl.mine))...), h.namePart(e.Key)):
			// the poster's own line written twice: the list shows it once
		default:
			unrecorded = append(unrecorded, e.Text)
		}
	}
	unrecorded = append(unrecorded, alsoNamed...)
	speaks := len(unrecorded) == 0 && sameEntries(post.Entries, jl.here) && (!changed || a.Waiting == 0)
	if group := h.groupOf(req.Msg); group != "" {
		// A burst of reposts gets one list, as the latest post leaves it.
		edit := func(p *actJob) { p.List, p.Unrecorded = !speaks, unrecorded }
		if speaks {
			return h.amendPending(a, group, now, edit)
		}
		return h.gather(a, group, now, edit)
	}
	if speaks {
		return nil // the list speaks for itself
	}
	return h.Out.Send(linli.Outgoing{To: req.Msg.Chat(), Text: h.jielongText(a, jl, unrecorded), Alone: true})
}

// applyJielong makes the poster's change: a new line naming the poster or
// nobody becomes their sign-up (or edits it), their own 接龙 line missing
// cancels it. problem is a message for the poster when their line could not
// be taken; tried is the key of the line tried. alsoNamed are the other
// people the poster's line names ("张阿姨和王叔" → 王叔): only the poster's
// part is signed up, the others are listed as not registered.
func (h *Family) applyJielong(req *linli.Request, a *linli.Activity, post jielongPost, jl *jielongView, now time.Time) (changed bool, problem, tried string, alsoNamed []string, err error) {
	poster := req.Msg.Sender
	mine := jl.mine
	seen := map[string]int{}
	var fresh []jielongEntry // new lines naming the poster, then new lines naming nobody
	var unowned []jielongEntry
	unplaced := false // a new line naming someone not signed up: perhaps the poster under a name we do not know
	for _, e := range post.Entries {
		switch {
		case seen[e.Key] < jl.known[e.Key]:
			seen[e.Key]++
		case h.namesPoster(req.Msg, e.Key, e.Text):
			fresh = append(fresh, e)
		case h.ownedByOther(e.Key, jl.others):
		case h.namesNobody(e.Key):
			unowned = append(unowned, e)
		default:
			unplaced = true
		}
		// A new line naming someone else ("王叔" in 张阿姨's post) is their
		// change to make, not the poster's: it is not signed up, and the
		// list says so (red-team round 5, finding 4).
	}
	fresh = append(fresh, unowned...)
	mineHere := mine != nil && mine.Group == jl.group
	listed := mineHere && seen[entryKey(displayText(mine))] > 0
	switch {
	case listed || (mine == nil && len(fresh) == 0):
		return false, "", "", nil, nil
	case len(fresh) > 0:
		e := fresh[0]
		own, others, family := h.splitPosterLine(req.Msg, e.Key)
		if party, ok := h.entryParty(e.Text); ok && (len(others) > 0 || family > 0) && party+family <= linli.MaxExtraPeople+1 {
			// Only the poster's part is theirs (with family: 张阿姨、老伴):
			// 王叔 signs up himself.
			party += family
			text := own
			if party > 1 {
				text = fmt.Sprintf("%s +%d", own, party-1)
			}
			e = jielongEntry{Text: text, Key: fresh[0].Key}
		} else {
			others = nil
		}
		changed, problem, err = h.jielongSignUp(req, a, jl, e, now)
		return changed, problem, e.Key, others, err
	case !mineHere || mine.Source != linli.SourceJielong:
		return false, "", "", nil, nil // signed up elsewhere or with 报名: not on this list is no cancellation
	case unplaced:
		// Their line is gone but a line we could not place is new: it may
		// be theirs under a name we do not know. Only a post that drops
		// their line and adds nothing unknown cancels (red-team round 7).
		return false, "", "", nil, nil
	}
	res, err := h.Activities.CancelSignup(a.ID, poster, now)
	if err != nil {
		return false, "", "", nil, err
	}
	h.notifyPromoted(h.local(&res.Activity), res.Promoted, roomCancelled)
	if res.Outcome == linli.CancelTooLate {
		return false, textTooLateToCancel(a, now), "", nil, nil
	}
	return res.Outcome == linli.CancelDone, "", "", nil, nil
}

// posterNames lists the keys the poster may be written as in a 接龙: their
// 群昵称 and their WeChat nickname (the message's and their resident
// record's: "桂芳" for 3-502 张阿姨).
func (h *Family) posterNames(m *linli.Message) []string {
	names := []string{m.Sender}
	if m.Nickname != "" {
		names = append(names, m.Nickname)
	}
	if m.Resident != nil && m.Resident.Nickname != "" {
		names = append(names, m.Resident.Nickname)
	}
	return h.aliases(names...)
}

// selfWords name the poster without a name ("我 +1", "本人").
var selfWords = []string{"我", "本人", "自己", "我自己"}

// namesPoster reports whether a 接龙 line (key, text) is the poster's: it
// says 我, names them, or carries their 户号.
func (h *Family) namesPoster(m *linli.Message, key, text string) bool {
	return slices.Contains(selfWords, h.namePart(key)) || h.namesAny(key, h.posterNames(m)) || h.posterHousehold(m, text)
}

// nameSepRe separates the people a 接龙 line names ("张阿姨和王叔",
// "张阿姨、王叔、李姐"). Family words (和老伴) are party words, gone before.
var nameSepRe = regexp.MustCompile(`和|跟|与|、|，|,|&`)

// splitPosterLine splits a poster's line naming several people into the
// poster's part, the others ("张阿姨和王叔" → "张阿姨", ["王叔"]) and the
// family the lexicon knows but the line lists as names ("张阿姨、老伴": 1);
// nothing when it names one person.
func (h *Family) splitPosterLine(m *linli.Message, key string) (own string, others []string, family int) {
	parts := nameSepRe.Split(h.namePart(key), -1)
	if len(parts) < 2 {
		return "", nil, 0
	}
	for _, p := range parts {
		if p = strings.Trim(p, "-_()（）"); p == "" {
			continue
		}
		if own == "" && h.namesPoster(m, p, p) {
			own = p
			continue
		}
		if rest, extra, ok := h.Lexicon.Party("和" + p); ok && extra >= 0 && strings.TrimSpace(rest) == "" {
			family += extra
			continue
		}
		others = append(others, p)
	}
	if own == "" {
		return "", nil, 0
	}
	return own, others, family
}

// namesNobody reports whether a 接龙 line (its key) names no person: only
// a 户号 and party words ("3-502 +1", "+1").
func (h *Family) namesNobody(key string) bool {
	return strings.Trim(householdRe.ReplaceAllString(h.namePart(key), ""), "-_/()（）") == ""
}

// posterHousehold reports whether a 接龙 line carries the poster's own 户号
// ("3-502 张桂芳" from 3-502 张阿姨: her name as she writes it).
func (h *Family) posterHousehold(m *linli.Message, line string) bool {
	if m.Resident == nil || m.Resident.Household == "" {
		return false
	}
	hh, ok := parseEntryHousehold(line)
	return ok && hh.String() == m.Resident.Household
}

// zhRoomRe finds a room number written digit by digit in Chinese after the
// building or unit (三栋五零二), which linli.ParseHousehold does not read.
var zhRoomRe = regexp.MustCompile(`(栋|幢|座|号楼|单元|-)([零〇一二三四五六七八九]{3,4})`)

// parseEntryHousehold reads the 户号 of a 接龙 line, normalised as the
// engine normalises 群昵称, its room also in Chinese digits (三栋五零二).
func parseEntryHousehold(line string) (linli.Household, bool) {
	s := zhRoomRe.ReplaceAllStringFunc(textnorm.Fold(line), func(m string) string {
		return strings.Map(func(r rune) rune {
			if i := strings.IndexRune("零一二三四五六七八九", r); i >= 0 {
				return '0' + rune(len([]rune("零一二三四五六七八九"[:i])))
			}
			if r == '〇' {
				return '0'
			}
			return r
		}, m)
	})
	return linli.ParseHousehold(s)
}

// jielongSignUp signs the poster up with their 接龙 line, or updates it.
func (h *Family) jielongSignUp(req *linli.Request, a *linli.Activity, jl *jielongView, e jielongEntry, now time.Time) (bool, string, error) {
	party, ok := h.entryParty(e.Text)
	if !ok {
		return false, textBadParty, nil
	}
	if why := h.signupRefusal(a, req.Msg); why != "" {
		return false, why, nil
	}
	household := req.Msg.Resident.Household
	if hh, ok := parseEntryHousehold(e.Text); ok && household == "" {
		household = hh.String()
	}
	res, err := h.Activities.SignUp(linli.SignupRequest{
		ActivityID: a.ID, Resident: req.Msg.Sender, Household: household, PartySize: party,
		Group: h.groupOf(req.Msg), Source: linli.SourceJielong, Entry: e.Text, Acked: true, Now: now,
	})
	if err != nil {
		return false, "", err
	}
	got := h.local(&res.Activity)
	h.notifyPromoted(got, res.Promoted, roomFreed)
	switch res.Outcome {
	case linli.SignupUpdated:
		if old := jl.mine; old != nil && old.Active() && res.Signup.PartySize < old.PartySize {
			// Fewer people than before, perhaps from an older copy of the
			// list: say so, and how to undo it.
			return true, textJielongPartyReduced(got, old.PartySize, res.Signup.PartySize), nil
		}
		return true, "", nil
	case linli.SignupAdded:
		return true, "", nil
	case linli.SignupNoRoom:
		return false, textNoRoom(got, &res.Signup, party), nil
	case linli.SignupClosed:
		return false, textClosed(got, now), nil
	}
	return false, "", nil
}

// jielongElsewhere answers a 接龙 in a residents' group that names an
// activity of other groups only: the poster is told once a day that the
// list was not recorded. Other 接龙 get no reply.
func (h *Family) jielongElsewhere(req *linli.Request, desc string, now time.Time) error {
	if h.groupOf(req.Msg) == "" {
		return nil
	}
	a, err := h.jielongActivity(desc, now, nil)
	if a == nil || err != nil {
		return err
	}
	return h.askOnce(req, textJielongNotForGroup(a), "")
}

// jielongActivity finds the upcoming activity that keep accepts (nil: any)
// whose title the description names (the longest title wins); nil if none.
func (h *Family) jielongActivity(desc string, now time.Time, keep func(*linli.Activity) bool) (*linli.Activity, error) {
	if desc == "" {
		return nil, nil
	}
	all, err := h.current(now) // a started one is skipped below
	if err != nil {
		return nil, err
	}
	var best *linli.Activity
	for i := range all {
		a := &all[i]
		if st := a.State(now); st == linli.ActivityCancelled || st == linli.ActivityDraft || a.Started(now) || (keep != nil && !keep(a)) {
			continue
		}
		if len(matchTitle(desc, []linli.Activity{*a})) == 1 && (best == nil || len(a.Title) > len(best.Title)) {
			best = a
		}
	}
	return best, nil
}

// isJielongPost reports whether text is a 接龙 as the WeChat engine posts
// it: the header #接龙 alone on the first line, a description after it.
func isJielongPost(text string) bool {
	first, rest, ok := strings.Cut(text, "\n")
	return ok && strings.TrimSpace(rest) != "" && strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(first), "#")) == "接龙"
}

// sameEntries reports whether the post lists exactly the active sign-ups.
func sameEntries(entries []jielongEntry, signups []linli.Signup) bool {
	count := map[string]int{}
	for _, e := range entries {
		count[e.Key]++
	}
	for i := range signups {
		count[entryKey(displayText(&signups[i]))]--
	}
	for _, n := range count {
		if n != 0 {
			return false
		}
	}
	return true
}

// jielongText is the authoritative 接龙 of one chat to post: the list, or,
// when it would not fit in one message (the outbox would cut it, and a cut
// list cannot be copied on), what it says in short.
func (h *Family) jielongText(a *linli.Activity, jl *jielongView, unrecorded []string) string {
	if list := jielongList(a, jl, unrecorded); len([]rune(list)) <= h.pageLimit() {
		return list
	}
	n, waitFrom := 0, 0
	for i := range jl.here {
		if jl.here[i].Status == linli.SignupWaitlisted && waitFrom == 0 {
			waitFrom = n + 1
		}
		n++
	}
	seated, waiting := jl.elsewhere()
	s := textJielongLong(a, n) + "\n" + textJielongWaitFrom(a, waitFrom, seated, waiting)
	if len(unrecorded) > 0 {
		s += "\n" + textJielongUnrecorded(a, unrecorded)
	}
	return s
}

// jielongList renders the authoritative 接龙 of one chat: its confirmed
// sign-ups in order, then its waitlist, so that people can copy it and add
// their line; sign-ups made elsewhere are only counted. unrecorded names the
// lines of the post that nobody's sign-up stands behind.
func jielongList(a *linli.Activity, jl *jielongView, unrecorded []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "#接龙\n%s%s %s\n例 3-502 张阿姨 +1", actName(a), zhtime.FormatSpan(a.StartsAt, a.EndsAt), a.Place)
	n, waitFrom := 0, 0
	for _, status := range []string{linli.SignupConfirmed, linli.SignupWaitlisted} {
		for i := range jl.here {
			if jl.here[i].Status != status {
				continue
			}
			n++
			if status == linli.SignupWaitlisted && waitFrom == 0 {
				waitFrom = n
			}
			fmt.Fprintf(&b, "\n%d. %s", n, displayText(&jl.here[i]))
		}
	}
	seated, waiting := jl.elsewhere()
	b.WriteString("\n" + textJielongWaitFrom(a, waitFrom, seated, waiting))
	if len(unrecorded) > 0 {
		b.WriteString("\n" + textJielongUnrecorded(a, unrecorded))
	}
	return b.String()
}
