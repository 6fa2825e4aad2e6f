package report

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"linli"
	"linli/textnorm"
)

// reportReopen handles "没修好 <编号>" from the reporter within 7 days of
// 办结: the report (for a duplicate, its original) goes back to the grid's
// worker with a new SLA clock and its history, attributed to whoever said
// it; every other linked reporter is told. A bare "没修好" answers the
// bot's own question (the 办结 message, "还没修好吗？"): it applies to the
// sender's one report resolved in the last 7 days, and asks which when
// there are several.
func (h *Family) reportReopen(ctx context.Context, req *linli.Request) error {
	id, _, ok := parseID(req.Args)
	if !ok {
		var err error
		if id, err = h.bareReopen(req); err != nil {
			return err
		}
	}
	own, err := h.ownReport(req, id)
	if err != nil {
		return h.residentNotFound(err, id)
	}
	if err := h.checkOwn(req, own, "反馈"); err != nil {
		return err
	}
	id = own.ID
	if own.Status != linli.ReportResolved {
		return linli.Errorf(linli.EConflict, "%s", textReportNotResolved(id, own.Status))
	}
	if req.Now.Sub(own.ResolvedAt) > reportReopenLimit {
		return linli.Errorf(linli.EConflict, "%s", textReportReopenTooLate(id))
	}
	target, reopened := own.ID, false
	if own.DuplicateOf != 0 {
		target = own.DuplicateOf
	}
	var others []*linli.Report // the other linked reports, told
	r, _, err := h.Reports.UpdateReport(target, func(r *linli.Report, dups []*linli.Report) error {
		for _, d := range dups {
			if d.ID == id {
				d.Status, d.ResolvedAt, d.Resolution, d.ResolImages = linli.ReportReopened, time.Time{}, "", nil
				d.Log(req.Now, req.Msg.Sender, linli.ReportReopened, "")
			}
		}
		if r.Status == linli.ReportRejected {
			return linli.Errorf(linli.EConflict, "%s", textReportNotResolved(id, r.Status))
		}
		if r.Status != linli.ReportResolved {
			return nil // already back with the worker
		}
		reopened = true
		for _, x := range append([]*linli.Report{r}, dups...) {
			if x.ID != id && x.Reporter != req.Msg.Sender {
				others = append(others, x)
			}
		}
		for _, d := range dups { // the duplicates closed with it follow it back: the next 办结 tells them
			if d.ID != id && d.Status == linli.ReportResolved && d.ResolvedAt.Equal(r.ResolvedAt) {
				d.Status, d.ResolvedAt, d.Resolution, d.ResolImages = linli.ReportReopened, time.Time{}, "", nil
				d.Log(req.Now, req.Msg.Sender, linli.ReportReopened, fmt.Sprintf("随#%d", r.ID))
			}
		}
		r.Status, r.ResolvedAt, r.ResolvedBy, r.Resolution, r.ResolImages = linli.ReportReopened, time.Time{}, "", "", nil
		r.Reopened++
		if g, ok := h.Config.GridByName(r.Grid); ok && r.Unit == "" {
			r.Assignee = g.Worker
		}
		h.restartSLA(r, req)
		note := ""
		if r.ID != id {
			note = fmt.Sprintf("经#%d", id)
		}
		r.Log(req.Now, req.Msg.Sender, linli.ReportReopened, note)
		return nil
	})
	if err != nil {
		return err
	}
	if reopened {
		if err := h.armSLA(r, req.Now); err != nil {
			return err
		}
		to := r.Assignee
		if u, ok := h.Config.UnitNamed(r.Unit); ok && r.Unit != "" && u.Contact != "" {
			to = u.Contact
		}
		if err := h.teller().Person(to, textReportReopenAlert(r, own, h.Config.Location), nil, ""); err != nil {
			return err
		}
		told := map[string]bool{}
		for _, x := range others {
			if !told[x.Reporter] {
				told[x.Reporter] = true
				if err := h.teller().Person(x.Reporter, textReportReopenedByOther(x.ID), nil, ""); err != nil {
					return err
				}
			}
		}
	}
	return h.teller().Person(req.Msg.Sender, textReportReopened(id), nil, "")
}

// bareReopen finds the report a bare "没修好" means: the sender's one
// report resolved in the last 7 days.
func (h *Family) bareReopen(req *linli.Request) (uint64, error) {
	quiet := !req.Msg.Addressed && req.Msg.Role == linli.RoleResident
	if req.Args != "" { // "没修好的地方多着呢"
		if quiet {
			return 0, linli.ErrNotCommand
		}
		return 0, linli.Errorf(linli.EInvalid, "%s", textReportReopenUsage)
	}
	list, err := h.Reports.Reports(func(r *linli.Report) bool {
		return r.Reporter == req.Msg.Sender && r.Status == linli.ReportResolved && req.Now.Sub(r.ResolvedAt) <= reportReopenLimit
	})
	switch {
	case err != nil:
		return 0, err
	case len(list) == 1:
		return list[0].ID, nil
	case len(list) > 1:
		return 0, linli.Errorf(linli.EInvalid, "%s", textReportReopenWhich(list, req.Msg.Group != ""))
	case quiet:
		return 0, linli.ErrNotCommand
	}
	return 0, linli.Errorf(linli.EInvalid, "%s", textReportReopenUsage)
}

// ownReport returns report id, or, when the sender is not its reporter
// but reported the same problem (a duplicate linked to it), the sender's
// own report: what they say is theirs.
func (h *Family) ownReport(req *linli.Request, id uint64) (*linli.Report, error) {
	r, err := h.Reports.Report(id)
	if err != nil || r.Reporter == req.Msg.Sender || r.DuplicateOf != 0 {
		return r, err
	}
	mine, err := h.Reports.Reports(func(d *linli.Report) bool { return d.DuplicateOf == id && d.Reporter == req.Msg.Sender })
	if err != nil || len(mine) == 0 {
		return r, err
	}
	return mine[len(mine)-1], nil
}

// checkOwn refuses someone else's report to a resident.
func (h *Family) checkOwn(req *linli.Request, r *linli.Report, verb string) error {
	if r.Reporter != req.Msg.Sender {
		return linli.Errorf(linli.EForbidden, textReportNotYours, verb)
	}
	return nil
}

// reportRate handles "评价 <编号> <1-5> [意见]" from the reporter of a
// resolved or rejected report. A second rating replaces the first. The
// rating goes to the worker who closed it; on a rejected report it is a
// complaint about the 退回 as often as not, so the grid's supervisor gets
// it too (and it counts in 满意度 like any rating).
func (h *Family) reportRate(ctx context.Context, req *linli.Request) error {
	id, rest, err := idOrUsage(req, textReportRateUsage)
	if err != nil {
		return err
	}
	score, comment, ok := parseScore(rest)
	if !ok {
		return linli.Errorf(linli.EInvalid, "%s", textReportBadScore)
	}
	if own, err := h.ownReport(req, id); err == nil {
		id = own.ID // a linked reporter rates their own report
	}
	var closer string
	r, _, err := h.Reports.UpdateReport(id, func(r *linli.Report, _ []*linli.Report) error {
		if err := h.checkOwn(req, r, "评价"); err != nil {
			return err
		}
		if r.Status != linli.ReportResolved && r.Status != linli.ReportRejected {
			return linli.Errorf(linli.EConflict, "%s", textReportNotResolved(id, r.Status))
		}
		closer = r.ResolvedBy
		if r.Status == linli.ReportRejected {
			closer = lastActor(r, linli.ReportRejected)
		}
		r.Rating, r.Comment, r.RatedAt = score, comment, req.Now
		r.Log(req.Now, req.Msg.Sender, "rated", fmt.Sprintf("%d分 %s", score, comment))
		return nil
	})
	if err != nil {
		return h.residentNotFound(err, id)
	}
	if closer != "" {
		if err := h.teller().Person(closer, textReportRatedWorker(id, score, comment), nil, ""); err != nil {
			return err
		}
	}
	if r.Status != linli.ReportRejected {
		return h.teller().Person(req.Msg.Sender, textReportRated(id, score), nil, "")
	}
	if sup := h.supervisorOf(r.Grid); sup != closer || sup == "" {
		if err := h.teller().Person(sup, textReportRatedRejection(r, closer, score, comment), nil, ""); err != nil {
			return err
		}
	}
	return h.teller().Person(req.Msg.Sender, textReportRatedRejected(id, score), nil, "")
}

// lastActor returns who last took step action on r ("" if nobody).
func lastActor(r *linli.Report, action string) string {
	for i := len(r.History) - 1; i >= 0; i-- {
		if r.History[i].Action == action {
			return r.History[i].Actor
		}
	}
	return ""
}

// parseScore reads a rating and the comment after it. Accepted, and
// documented in textReportRateUsage: 1-5 (also 一…五), with 分, 星, 颗星 or
// 星级 after it ("5分", "五颗星"), ★ repeated ("★★★★"), and the words
// 满意 (5; 非常满意, 十分满意, 很满意, 满分, 好评 too), 比较满意/基本满意 (4),
// 一般/还行 (3), 不太满意 (2), 不满意 (1; 很不满意, 非常不满意, 十分不满意,
// 差评 too). The score may run into the
// comment ("五星好评", "5分很及时").
func parseScore(s string) (int, string, bool) {
	s = strings.TrimSpace(s)
	n, rest := scoreWord(s)
	if n == 0 {
		return 0, "", false
	}
	rest = strings.TrimLeft(rest, " ,，、。.!！:：")
	return n, textnorm.ChinesePunctBrackets(cutRunes(strings.TrimSpace(rest), 200)), true
}

// scoreWords are the rating words, longer first so that 不满意 is not 满意.
var scoreWords = []struct {
	word  string
	score int
}{
	{"非常不满意", 1}, {"十分不满意", 1}, {"很不满意", 1}, {"不太满意", 2}, {"不满意", 1}, {"非常满意", 5},
	{"十分满意", 5}, {"很满意", 5}, {"比较满意", 4}, {"基本满意", 4}, {"满意", 5}, {"满分", 5}, {"好评", 5},
	{"差评", 1}, {"一般", 3}, {"还行", 3},
}

// scoreDigits are the numbers a rating may start with.
var scoreDigits = map[rune]int{'1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5}

// scoreWord reads the score at the start of s and returns what follows.
func scoreWord(s string) (int, string) {
	for _, w := range scoreWords {
		if rest, ok := strings.CutPrefix(s, w.word); ok {
			return w.score, rest
		}
	}
	if stars := len(s) - len(strings.TrimLeft(s, "★☆")); stars > 0 {
		n := strings.Count(s[:stars], "★")
		if n < 1 || n > 5 {
			return 0, ""
		}
		return n, s[stars:]
	}
	r := []rune(s)
	if len(r) == 0 {
		return 0, ""
	}
	n, ok := scoreDigits[r[0]]
	if !ok {
		return 0, ""
	}
	rest := string(r[1:])
	if rest != "" && (unicode.IsDigit([]rune(rest)[0]) || strings.HasPrefix(rest, ".")) {
		return 0, "" // "10", "4.5"
	}
	for _, suf := range []string{"颗星", "星级", "分", "星"} {
		if after, ok := strings.CutPrefix(rest, suf); ok {
			return n, after
		}
	}
	if rest != "" && !strings.HasPrefix(rest, " ") {
		if _, ok := scoreDigits[[]rune(rest)[0]]; ok {
			return 0, "" // "五五" is no rating
		}
		if r[0] > unicode.MaxASCII {
			return 0, "" // "一直不亮" starts with 一 but is no rating
		}
	}
	return n, rest
}

// reportBareStillBroken is how long (in characters) "还是坏的" may be to
// answer the bot's "还没修好吗？" by itself; longer is talk about it.
const reportBareStillBroken = 6

// reportStillBrokenHook takes "还是不亮" from a resident with exactly one
// report resolved in the last 7 days: they mean that one, so they are
// pointed to 没修好 N (a plain 是 does it) rather than offered a new report
// without a place. Unaddressed in a group they are asked once per 办结 of
// the report; a short one after that question ("还是坏的") is the answer.
func (h *Family) reportStillBrokenHook(ctx context.Context, req *linli.Request) (bool, error) {
	m := req.Msg
	if m.Norm == "" || m.Image != nil || m.Role != linli.RoleResident || h.Reports == nil ||
		len([]rune(m.Norm)) > 20 || !h.Lexicon.StillBroken(m.Norm) {
		return false, nil
	}
	list, err := h.Reports.ReporterReports(m.Sender)
	list = slices.DeleteFunc(list, func(r *linli.Report) bool {
		return r.Status != linli.ReportResolved || req.Now.Sub(r.ResolvedAt) > reportReopenLimit
	})
	if err != nil || len(list) != 1 {
		return false, err
	}
	r := list[0]
	asked := false
	// Asked once per 办结: after the next 办结 of the same report, "灯还是不亮啊"
	// is asked about again, never taken as the answer to an older question.
	tag := fmt.Sprintf("reopen:%d:%d", r.ID, r.ResolvedAt.Unix())
	if _, err := h.Reports.UpdateReportOffers(m.Sender, func(o *linli.ReportOffers) error {
		if asked = slices.Contains(o.Asked, tag); !asked {
			o.Asked = append(o.Asked, tag)
		}
		return nil
	}); err != nil {
		return false, err
	}
	if asked && len([]rune(m.Norm)) <= reportBareStillBroken {
		// "还是坏的" after "还没修好吗？": the answer, not chatter.
		req.Command, req.Args = "没修好", strconv.FormatUint(r.ID, 10)
		return true, h.reportReopen(ctx, req)
	}
	if asked && !m.Addressed {
		return true, nil
	}
	req.Offer(fmt.Sprintf("没修好 %d", r.ID))
	return true, req.Reply(textReportStillBroken(r))
}
