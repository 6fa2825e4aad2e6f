package report

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"linli"
	"linli/textnorm"
)

// Windows of the 随手拍 family.
const (
	reportImageWindow = 5 * time.Minute       // an image this close to a 随手拍 joins it; a 办结 photo follows within it
	reportAskGrace    = 30 * time.Minute      // after asking about a lone image, it still joins a 随手拍 this long
	reportPhotoLate   = 30 * time.Minute      // a resident's photo this soon after their own open 随手拍 (none in between) joins it
	reportAskQuiet    = 24 * time.Hour        // in a group, a resident is asked about lone images, or offered a 随手拍, at most this often
	reportDupWindow   = 48 * time.Hour        // an open report this recent with the same problem and place is the same report
	reportReopenLimit = 7 * 24 * time.Hour    // 没修好 is accepted this long after 办结
	reportMaxRunes    = 500                   // longer descriptions are cut
	reportListMax     = 10                    // 我的上报 shows this many
	reportConfident   = 0.6                   // free text in a group is asked about only this sure
	reportMaxImageLen = 20 << 20              // images larger than this are not kept
	reportQuoteRunes  = 40                    // free text quoted back in a question
	reportOffersKept  = 100                   // texts remembered per resident as already offered
	reportAskJobKind  = "report.ask_image"    // job: ask about a lone image
	reportSLAJobKind  = "report.sla"          // job: SLA reminder and escalations
	reportAskKey      = "report:ask_image:%s" // job key per sender
)

// Register registers 随手拍, the residents' reports, and the grid
// workers' commands that close the loop. Choices worth knowing:
//
//   - Free text the nlu takes for a report becomes one only when addressed
//     to the bot (private chat, @bot, #); overheard in a group it earns a
//     single question, only at confidence ≥ 0.6, at most once a day per
//     resident and never twice about the same text (offerReport).
//   - The reporter is answered privately when they are the bot's friend
//     (the group sees a short note with neither name nor household), else
//     with an @mention where they spoke. Worker alerts name the reporter.
//   - A lone image is held 5 minutes; then its sender is asked once what
//     it shows, in a group at most once a day (people share photos), and
//     the images wait 30 more minutes for their 随手拍.
//   - 办结 may follow 受理 or come straight away; 改类 is open to whoever may
//     act on the report (its grid's worker and supervisor, staff).
//   - 解决率 (resolved ÷ not rejected) and 满意度 (mean rating) are shown to
//     staff by 统计 上报, and in one line under 待办 for supervisors and staff.
//   - Images are kept by the ReportService beside the database
//     ("<db>.media/"), referenced from reports by file name.
func (h *Family) Register(r linli.Router) {
	worker, staff := linli.RoleGridWorker, linli.RoleStaff
	for _, c := range []linli.Command{
		{Names: []string{"随手拍"}, Args: linli.ArgsRequired, Usage: textReportUsage, Handler: h.reportNew,
			Help: "随手拍 3号楼门口路灯不亮 — 反映问题，可再发一张照片"},
		{Names: []string{"我的上报"}, Args: linli.ArgsNone, Handler: h.reportMine,
			Help: "我的上报 / 进度 3 — 您反映过的问题和处理进度"},
		// 评价 and 没修好 are offered in the message that tells of 办结, 补充
		// (the place) in the acknowledgement of a report without one.
		{Names: []string{"进度"}, Args: linli.ArgsRequired, Usage: textReportProgressUsage, Handler: h.reportProgress},
		{Names: []string{"评价"}, Args: linli.ArgsRequired, Usage: textReportRateUsage, Handler: h.reportRate},
		{Names: []string{"补充"}, Args: linli.ArgsOptional, Usage: textReportPlaceUsage, Handler: h.reportAddPlace},
		{Names: []string{"没修好"}, Args: linli.ArgsOptional, Usage: textReportReopenUsage, Handler: h.reportReopen},
		{Names: []string{"待办"}, Role: worker, Args: linli.ArgsOptional, Handler: h.privately(h.reportTodo),
			Help: "待办 — 本网格未办结的上报，超时的标出"},
		{Names: []string{"受理"}, Role: worker, Args: linli.ArgsRequired, Usage: textReportAcceptUsage, Handler: h.privately(h.reportAccept),
			Help: "受理 3 — 接手上报"},
		{Names: []string{"办结"}, Role: worker, Args: linli.ArgsRequired, Usage: textReportResolveUsage, Handler: h.privately(h.reportResolve),
			Help: "办结 3 已更换灯泡 — 处理完毕（5分钟内可再发照片）"},
		{Names: []string{"退回"}, Role: worker, Args: linli.ArgsRequired, Usage: textReportRejectUsage, Handler: h.privately(h.reportReject),
			Help: "退回 3 原因 — 不属实或不归社区管"},
		{Names: []string{"转派"}, Role: worker, Args: linli.ArgsRequired, Usage: textReportTransferUsage(h.Config.Grids), Handler: h.privately(h.reportTransfer),
			Help: textReportTransferHelp(h.Config.Grids)},
		{Names: []string{"转办"}, Role: worker, Args: linli.ArgsRequired, Usage: h.referUsage(), Handler: h.privately(h.reportRefer),
			Help: textReportReferHelp(h.Config.Units)},
		{Names: []string{"回复"}, Role: worker, Args: linli.ArgsRequired, Usage: textReportUnitReplyUsage, Handler: h.privately(h.reportUnitReply),
			Help: textReportUnitReplyHelp(h.Config.Units)},
		{Names: []string{"改类"}, Role: worker, Args: linli.ArgsRequired, Usage: textReportRecategorizeUsage, Handler: h.privately(h.reportRecategorize),
			Help: "改类 3 安全隐患 — 更正上报类别"},
		{Names: []string{"统计 上报", "统计上报"}, Role: staff, Args: linli.ArgsOptional, Handler: h.privately(h.reportStatsCommand),
			Help: "统计 上报 [11月] — 随手拍的解决率和满意度，按网格、类别、单位"},
		{Names: []string{"导出 上报", "导出上报"}, Role: staff, Args: linli.ArgsNone, Handler: h.reportExportCommand,
			Help: "导出 上报 — 全部随手拍记录（Excel，私聊发送）"},
	} {
		r.Command(c)
	}
	r.Hook(h.reportImageHook)
	r.Hook(h.reportPlaceHook)
	r.Hook(h.reportStillBrokenHook)
	r.Intent(linli.IntentReport, h.reportIntent)
}

// reportNew handles "随手拍 <描述>".
func (h *Family) reportNew(ctx context.Context, req *linli.Request) error {
	if !req.Msg.Addressed && h.gluedChatter(strings.TrimPrefix(req.Msg.Norm, req.Command)) {
		// "随手拍真方便", "随手拍这个名字挺好听": unless a photo waits for
		// its words, as "随手拍这个" after a photo.
		if photos, err := h.pendingPhotos(req.Msg.Sender, req.Now); err != nil {
			return err
		} else if len(photos) == 0 {
			return linli.ErrNotCommand
		}
	}
	if !h.saysProblem(req.Args) && h.Lexicon.Emergency(req.Args) == "" {
		// "随手拍 看图" just after a photo means that photo: ask what it shows
		// (the photo stays ready for the described 随手拍).
		if photos, err := h.pendingPhotos(req.Msg.Sender, req.Now); err != nil {
			return err
		} else if len(photos) > 0 {
			return linli.Errorf(linli.EInvalid, "%s", textReportUsagePhoto(len(photos)))
		}
	}
	if !req.Msg.Addressed && textnorm.Letters(req.Args) >= 2 && !h.saysProblem(req.Args) {
		return linli.ErrNotCommand // "随手拍一下", "随手拍，拍了" said in passing
	}
	return h.createReport(req, req.Args, nil)
}

// gluedChatter reports whether the words glued to 随手拍 (no space, no
// punctuation between) make a sentence about the feature rather than a
// report: the lexicon says they talk about the command (AboutCommand:
// "随手拍真方便"), or, when they name no problem the lexicon's keyword
// table knows, they do so from a later word on ("随手拍这个功能挺方便":
// AboutCommand of "功能挺方便"). Only a word of more than one character
// counts there (AboutCommand of its first character alone is false): the
// particles it also knows (的, 了, 是) end real reports ("随手拍墙皮脱落了").
// A report written the same way names what is broken and stays one.
// The lexicon's Settled also makes chatter of a problem already fixed or
// an earlier report ("随手拍上次反映的事修好了").
// With a Classifier wired (the segmenter's, as in production), words that
// name no problem at all (it says 其他, the lexicon no emergency) are
// chatter too: "随手拍这个名字挺好听", "随手拍我昨天发过了" (red-team round 7).
// The keyword table alone is too small to decide that ("墙皮脱落了" is 其他
// to it), so without a Classifier only the cues above make chatter.
func (h *Family) gluedChatter(rest string) bool {
	first, _ := utf8.DecodeRuneInString(rest)
	if rest == "" || unicode.IsSpace(first) {
		return false
	}
	if !(unicode.IsLetter(first) || unicode.IsDigit(first)) {
		// "随手拍，学会了": a comma is no space; only what the words name
		// can tell chatter from "随手拍：3栋路灯坏了".
		words := strings.TrimLeftFunc(rest, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) })
		return words != "" && h.namesNoProblem(words)
	}
	if h.Lexicon.AboutCommand(rest) {
		return true
	}
	if h.Lexicon.Settled(rest) {
		return true
	}
	if _, keywords := h.Lexicon.Classify(rest); len(keywords) > 0 || h.Lexicon.Emergency(rest) != "" {
		return false
	}
	if h.namesNoProblem(rest) {
		return true
	}
	for i, r := range rest {
		if i > 0 && h.Lexicon.AboutCommand(rest[i:]) && !h.Lexicon.AboutCommand(string(r)) {
			return true
		}
	}
	return false
}

// privateNumber is what linli.MaskPrivate leaves of a phone or ID-card
// number (139****5678, 0571-****6666, 110101********123X).
var privateNumber = regexp.MustCompile(`[0-9][0-9-]*\*{4,}[0-9]*[0-9Xx]`)

// saysProblem is the lexicon's SaysProblem of a description without the
// phone and ID numbers in it: "随手拍 13800138021" says nothing a worker
// could act on, like "随手拍一下".
func (h *Family) saysProblem(desc string) bool {
	if masked := linli.MaskPrivate(desc); masked != desc {
		desc = privateNumber.ReplaceAllString(masked, " ")
	}
	return h.Lexicon.SaysProblem(desc)
}

// namesNoProblem reports whether the configured Classifier finds no
// problem in words (其他) and neither the keyword table nor the lexicon's
// emergencies do; false without a Classifier (see gluedChatter).
func (h *Family) namesNoProblem(words string) bool {
	if h.Classifier == nil {
		return false
	}
	if _, keywords := h.Lexicon.Classify(words); len(keywords) > 0 || h.Lexicon.Emergency(words) != "" {
		return false
	}
	cat, _ := h.classify(words)
	return cat == "其他"
}

// reportIntent handles free text the nlu takes for a report. Addressed text
// (private chat, @bot, #) becomes a report at once; in a group, text not
// addressed to the bot only earns one short question, and only when the
// understanding is confident, because acting on overheard chatter must be
// precise.
func (h *Family) reportIntent(ctx context.Context, req *linli.Request) error {
	u := req.Understanding
	if !req.Msg.Addressed {
		if h.emergencyKind(req.Msg.Norm, u) != "" {
			// The one case the bot speaks first in a group: numbers,
			// report and alerts at once, no "是" waited for.
			return h.createReport(req, req.Msg.Norm, u)
		}
		if u == nil || u.Confidence < reportConfident {
			return linli.ErrNotCommand
		}
		return h.offerReport(req)
	}
	return h.createReport(req, req.Msg.Norm, u)
}

// offerReport asks "需要我把这条登记为随手拍吗？" about overheard text: at most
// once a day per resident and never twice about the same text (the record
// keeps a digest of the text, not the text). Otherwise: silence. The quote
// is the text as the resident wrote it (full-width punctuation and all).
func (h *Family) offerReport(req *linli.Request) error {
	sum := sha256.Sum256([]byte(req.Msg.Norm))
	digest := hex.EncodeToString(sum[:8])
	ask := false
	_, err := h.Reports.UpdateReportOffers(req.Msg.Sender, func(o *linli.ReportOffers) error {
		if slices.Contains(o.Asked, digest) || (!o.AskedAt.IsZero() && req.Now.Sub(o.AskedAt) < reportAskQuiet) {
			return nil
		}
		ask, o.AskedAt = true, req.Now
		o.Asked = append(o.Asked, digest)
		if n := len(o.Asked); n > reportOffersKept {
			o.Asked = o.Asked[n-reportOffersKept:]
		}
		return nil
	})
	if err != nil {
		return err
	}
	if !ask {
		return linli.ErrNotCommand // silence: chatter, as far as anyone can tell
	}
	quote := strings.Join(strings.Fields(req.Msg.Text), " ")
	req.OfferWords("随手拍 " + quote) // the lines the resident adds before the yes join it
	return req.Reply(textReportConfirm(groupCut(quote, reportQuoteRunes)))
}

// createReport registers a report from the sender: category, place, grid,
// pending images, duplicate link; then alerts and acknowledgements.
func (h *Family) createReport(req *linli.Request, desc string, u *linli.Understanding) error {
	typed := cutRunes(asTyped(req, desc), reportMaxRunes) // stored and echoed as written
	desc = textnorm.ChinesePunctBrackets(cutRunes(strings.TrimSpace(desc), reportMaxRunes))
	kind := h.emergencyKind(desc, u)
	urgent := kind != ""
	if urgent { // the numbers to call come first, whatever happens next
		if err := h.replyEmergency(req, kind, desc); err != nil {
			return err
		}
	}
	if !urgent && !h.saysProblem(desc) {
		return linli.Errorf(linli.EInvalid, "%s", textReportUsage)
	}
	now, m := req.Now, req.Msg
	r := &linli.Report{Reporter: m.Sender, Household: m.Resident.Household, Group: m.Group, Description: typed,
		Status: linli.ReportSubmitted, CreatedAt: now, SLAStart: now, Round: 1}
	r.Category, r.Keywords = h.classify(desc)
	if u != nil && slices.Contains(linli.Categories, u.Category) {
		r.Category = u.Category
		if len(u.Keywords) > 0 {
			r.Keywords = u.Keywords
		}
	}
	if urgent && kind != linli.EmergencyHelp { // a bare call for help keeps what it is about
		r.Category = emergencyCategory
	}
	r.Place, r.Building = h.Lexicon.Place(desc)
	if r.Place == "" && u != nil && u.Slots.Place != "" {
		r.Place, r.Building = u.Slots.Place, u.Slots.Building
		if r.Building == 0 {
			_, r.Building = h.Lexicon.Place(r.Place)
		}
	}
	if r.Building > 0 && !h.knownBuilding(r.Building) && !urgent { // an emergency is registered whatever the place
		return linli.Errorf(linli.EInvalid, "%s", textReportUnknownBuilding(r.Building, "随手拍 3号楼门口路灯不亮"))
	}
	grid, ok := h.gridFor(r.Building, r.Household)
	if r.Building == 0 {
		if hh, ok := linli.ParseHousehold(r.Household); ok {
			r.Building = hh.Building
		}
	}
	if ok {
		r.Grid, r.Assignee = grid.Name, grid.Worker
	}
	r.Deadline = now.Add(h.Config.SLAFor(r.Category))
	r.Log(now, m.Sender, linli.ReportSubmitted, "")
	key, again := placeKey(r), false

	isDup := func(o *linli.Report) bool {
		dup := !urgent && key != "" && o.Category == r.Category && placeKey(o) == key &&
			now.Sub(o.CreatedAt) <= reportDupWindow && h.Lexicon.SameProblem(o.Keywords, r.Keywords)
		again = dup && o.Reporter == r.Reporter
		return dup
	}
	if err := h.Reports.CreateReportSince(r, now.Add(-reportDupWindow), isDup); err != nil {
		return err
	}
	if err := h.Scheduler.Cancel(askKey(m.Sender)); err != nil {
		h.Logger.Warn("cancel image question", "sender", m.Sender, "err", err)
	}
	if r.DuplicateOf != 0 {
		return h.reportLinked(req, r, again)
	}
	if err := h.armSLA(r, now); err != nil {
		return err
	}
	if urgent {
		if err := h.alertEmergency(r); err != nil {
			return err
		}
		return h.acknowledge(req, r, textReportAckUrgent(r, grid.Worker, h.supervisorOf(r.Grid)), textReportGroupAck(r))
	}
	if err := h.alertWorker(r, textReportAlertNew); err != nil {
		return err
	}
	return h.acknowledge(req, r, textReportAck(r, grid.Worker), textReportGroupAck(r))
}

// reportLinked tells the reporter and the worker about a duplicate; again
// means the reporter had reported it themselves.
func (h *Family) reportLinked(req *linli.Request, r *linli.Report, again bool) error {
	if err := h.teller().Person(r.Assignee, textReportDupWorker(r, again), nil, ""); err != nil {
		return err
	}
	return h.acknowledge(req, r, textReportDupAck(r, again), textReportDupGroupAck(r))
}

// gridFor routes a report: the grid of the place's building, else of the
// reporter's household, else the default grid.
func (h *Family) gridFor(building int, household string) (linli.Grid, bool) {
	if g, ok := h.Config.GridOf(building); ok && building > 0 {
		return g, true
	}
	if hh, ok := linli.ParseHousehold(household); ok {
		if g, ok := h.Config.GridOf(hh.Building); ok {
			return g, true
		}
	}
	return h.Config.DefaultGrid()
}

// knownBuilding reports whether building b is in some grid (any building
// is when no grid lists its buildings).
func (h *Family) knownBuilding(b int) bool {
	for _, g := range h.Config.Grids {
		if len(g.Buildings) > 0 {
			_, ok := h.Config.GridOf(b)
			return ok
		}
	}
	return true
}

// placeKey is where a report is, for matching duplicates: its place, else
// the reporter's building; "" when unknown.
func placeKey(r *linli.Report) string {
	if r.Place != "" {
		return r.Place
	}
	if r.Building > 0 {
		return strconv.Itoa(r.Building) + "栋"
	}
	return ""
}
