// Package survey is the command family of 需求调研问卷: staff publish a
// survey of several questions in one multi-line message (发起问卷); residents
// answer one question per message or all at once (问卷1 …), privately or in
// a target group, one answer set each; at the deadline staff get the
// results and the groups a short summary. Texts are in texts.go.
package survey

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"linli"
	"linli/handlers/tell"
)

// jobClose closes a survey at its deadline.
const jobClose = "survey.close"

// Deps are what the family uses. cmd/linli fills them.
type Deps struct {
	Config        *linli.Config
	Out           linli.Sender
	Residents     linli.ResidentStore
	Surveys       linli.SurveyService
	Scheduler     linli.Scheduler     // nil for `linli export`
	Participation linli.Participation // optional: points for a survey answered
	Logger        *slog.Logger
}

// Family is the survey family.
type Family struct{ Deps }

// New returns the family.
func New(d Deps) *Family {
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	return &Family{Deps: d}
}

func (h *Family) teller() tell.Teller {
	return tell.Teller{Config: h.Config, Out: h.Out, Residents: h.Residents}
}

// Register registers 发起问卷, 问卷, 结束问卷 and 导出 问卷.
func (h *Family) Register(r linli.Router) {
	r.Command(linli.Command{Names: []string{"问卷"}, Args: linli.ArgsOptional, Usage: textAnswerUsage,
		Help: "问卷 — 正在进行的社区问卷", Handler: h.answer})
	r.Command(linli.Command{Names: []string{"发起问卷"}, Role: linli.RoleStaff, Args: linli.ArgsRequired, Usage: textPublishUsage,
		Help: "发起问卷 社区需求调研 截止:12月20日 — 需求调研，下面每行一道题（发送「发起问卷」看写法）", Handler: h.publish})
	r.Command(linli.Command{Names: []string{"结束问卷"}, Role: linli.RoleStaff, Args: linli.ArgsRequired, Usage: textCloseUsage,
		Help: "结束问卷 1 — 提前结束并公布结果", Handler: h.closeNow})
	r.Command(linli.Command{Names: []string{"导出 问卷", "导出问卷"}, Role: linli.RoleStaff, Args: linli.ArgsOptional,
		Help: "导出 问卷 — 问卷和全部答卷（Excel，私聊发送）", Handler: h.exportCommand})
}

// Jobs registers the closing of surveys at their deadline.
func (h *Family) Jobs(s linli.Scheduler) error {
	s.Handle(jobClose, h.runClose)
	return nil
}

type closeJob struct {
	ID uint64 `json:"id"`
}

// publish handles 发起问卷.
func (h *Family) publish(ctx context.Context, req *linli.Request) error {
	now := req.Now.In(h.Config.Location)
	s, err := parsePublish(req.Args, now, h.Config)
	if err != nil {
		return err
	}
	s.CreatedBy, s.CreatedAt = req.Msg.Sender, now
	if err := h.Surveys.CreateSurvey(s); err != nil {
		return err
	}
	payload, _ := json.Marshal(closeJob{ID: s.ID})
	if _, err := h.Scheduler.Schedule(linli.Job{Key: fmt.Sprintf("survey:%d:close", s.ID), Kind: jobClose, At: s.Deadline, Payload: payload}); err != nil {
		return err
	}
	for _, g := range s.Groups {
		if err := h.Out.Send(linli.Outgoing{To: linli.Chat{Group: g}, Text: textCard(s), Alone: true, Priority: linli.PriorityBroadcast}); err != nil {
			return err
		}
	}
	return req.Reply(textPublished(s))
}

// answer handles 问卷 (the open surveys) and 问卷<编号> <答案…>.
func (h *Family) answer(ctx context.Context, req *linli.Request) error {
	args := strings.TrimSpace(req.Args)
	if args == "" {
		return h.list(req)
	}
	idText, rest, _ := strings.Cut(args, " ")
	id, err := strconv.ParseUint(idText, 10, 64)
	if err != nil || id == 0 {
		if !req.Msg.Addressed {
			return linli.ErrNotCommand // "问卷调查什么时候结束"
		}
		return linli.Errorf(linli.EInvalid, "%s", textAnswerUsage)
	}
	s, err := h.Surveys.Survey(id)
	if err != nil {
		return err
	}
	if strings.TrimSpace(rest) == "" {
		return req.Reply(textCard(s))
	}
	if g := req.Msg.Group; g != "" && !slices.Contains(s.Groups, g) {
		return linli.Errorf(linli.EForbidden, "%s", textNotThisGroup(s))
	}
	if err := h.mayAnswer(req, s); err != nil {
		return err
	}
	household := ""
	if req.Msg.Resident != nil {
		household = req.Msg.Resident.Household
	}
	var complete bool
	before, after, err := h.Surveys.UpdateSurveyAnswer(id, req.Msg.Sender, func(cur *linli.Survey, a *linli.SurveyAnswer) error {
		if !cur.Open(req.Now) {
			return linli.Errorf(linli.EConflict, "%s", textSurveyClosed(cur))
		}
		got, err := parseAnswers(cur, rest)
		if err != nil {
			return linli.Errorf(linli.EInvalid, "%s。\n%s", err, textAnswerHint(cur))
		}
		for len(a.Answers) < len(cur.Questions) {
			a.Answers = append(a.Answers, nil)
		}
		for i, x := range got {
			if x != nil {
				a.Answers[i] = x
			}
		}
		if a.CreatedAt.IsZero() {
			a.CreatedAt = req.Now
		}
		a.Household, a.UpdatedAt = household, req.Now
		complete = a.Complete(cur)
		return nil
	})
	if err != nil {
		return err
	}
	if complete && (before == nil || !before.Complete(s)) && h.Participation != nil {
		if err := h.Participation.SurveyAnswered(*s, req.Msg.Sender, household, req.Now.In(h.Config.Location)); err != nil {
			h.Logger.Error("participation of a survey answered", "survey", s.ID, "err", err)
		}
	}
	return req.Reply(textAnswered(s, after, before != nil && before.Complete(s)))
}

// mayAnswer refuses an answer that must not count: only residents of a
// target group answer (a survey's figures are theirs, and an answer earns
// points). In a target group anyone speaking there is one; privately, a
// resident counts by the group they were last seen in, and someone the
// bot has never seen in a served group is asked to answer in theirs.
func (h *Family) mayAnswer(req *linli.Request, s *linli.Survey) error {
	if req.Msg.Role != linli.RoleResident || h.Config.RoleOf(req.Msg.Sender) != linli.RoleResident {
		return linli.Errorf(linli.EForbidden, "%s", textStaffNoAnswer(s))
	}
	if req.Msg.Group != "" {
		return nil
	}
	last := ""
	if r, err := h.Residents.Resident(req.Msg.Sender); err == nil {
		last = r.LastGroup
	} else if linli.ErrorCode(err) != linli.ENotFound {
		return err
	}
	switch {
	case last == "":
		return linli.Errorf(linli.EForbidden, "%s", textAnswerUnknownResident(s))
	case !slices.Contains(s.Groups, last):
		return linli.Errorf(linli.EForbidden, "%s", textNotYourGroup(s, last))
	}
	return nil
}

// list answers 问卷: the open surveys of the sender's group.
func (h *Family) list(req *linli.Request) error {
	all, err := h.Surveys.Surveys()
	if err != nil {
		return err
	}
	var open []linli.Survey
	for _, s := range all {
		if s.Open(req.Now) && (req.Msg.Group == "" || slices.Contains(s.Groups, req.Msg.Group)) {
			open = append(open, s)
		}
	}
	return req.Reply(textOpenSurveys(open))
}

// closeNow handles 结束问卷 <编号>.
func (h *Family) closeNow(ctx context.Context, req *linli.Request) error {
	id, err := strconv.ParseUint(strings.TrimSpace(req.Args), 10, 64)
	if err != nil {
		return linli.Errorf(linli.EInvalid, "%s", textCloseUsage)
	}
	s, first, err := h.Surveys.CloseSurvey(id, req.Now)
	if err != nil {
		return err
	}
	if !first {
		return linli.Errorf(linli.EConflict, "问卷%d「%s」已经结束了。", s.ID, s.Title)
	}
	if err := h.Scheduler.Cancel(fmt.Sprintf("survey:%d:close", s.ID)); err != nil {
		return err
	}
	return h.announceResults(s, "")
}

// runClose closes a survey at its deadline and sends the results.
func (h *Family) runClose(job linli.Job, occurrence time.Time) error {
	var p closeJob
	if err := json.Unmarshal(job.Payload, &p); err != nil {
		return fmt.Errorf("survey close job %d: %w", job.ID, err)
	}
	s, first, err := h.Surveys.CloseSurvey(p.ID, occurrence)
	if err != nil || !first {
		return err
	}
	return h.announceResults(s, linli.JobKey(job, occurrence, "results"))
}

// announceResults sends staff the results and each group a summary.
func (h *Family) announceResults(s *linli.Survey, key string) error {
	answers, err := h.Surveys.SurveyAnswers(s.ID)
	if err != nil {
		return err
	}
	t := tally(s, answers)
	part := func(p string) string {
		if key == "" {
			return ""
		}
		return key + ":" + p
	}
	if h.Config.StaffGroup != "" {
		if err := h.Out.Send(linli.Outgoing{To: linli.Chat{Group: h.Config.StaffGroup}, Text: textResultsStaff(s, t), Key: part("staff")}); err != nil {
			return err
		}
	} else if err := h.teller().Staff(textResultsStaff(s, t), part("staff")); err != nil {
		return err
	}
	for _, g := range s.Groups {
		out := linli.Outgoing{To: linli.Chat{Group: g}, Text: textResultsGroup(s, t), Alone: true,
			Priority: linli.PriorityBroadcast, Key: part(g)}
		if err := h.Out.Send(out); err != nil {
			return err
		}
	}
	return nil
}

// results are the counts of a survey's answers.
type results struct {
	respondents, complete int
	counts                [][]int    // per question, per option
	texts                 [][]string // per question, the free texts
}

func tally(s *linli.Survey, answers []linli.SurveyAnswer) results {
	r := results{counts: make([][]int, len(s.Questions)), texts: make([][]string, len(s.Questions))}
	for i, q := range s.Questions {
		r.counts[i] = make([]int, len(q.Options))
	}
	for _, a := range answers {
		r.respondents++
		if a.Complete(s) {
			r.complete++
		}
		for i, q := range s.Questions {
			if i >= len(a.Answers) {
				break
			}
			for _, x := range a.Answers[i] {
				if q.Kind == linli.QuestionText {
					r.texts[i] = append(r.texts[i], x)
				} else if j := slices.Index(q.Options, x); j >= 0 {
					r.counts[i][j]++
				}
			}
		}
	}
	return r
}
