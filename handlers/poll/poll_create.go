package poll

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"linli"
	"linli/handlers/tell"
	"linli/handlers/zhtime"
	"linli/textnorm"
)

// pollSpec is a parsed 发起投票 command.
type pollSpec struct {
	title, rule, proposal  string
	options, groups        []string
	maxChoices             int
	anonymous, household   bool
	deadline, discussUntil time.Time
}

var (
	// pollField finds "键:" markers; longer words first (截止时间 before 截止).
	pollField = regexp.MustCompile(`(?:^|\s)(选项|截止时间|截止|群名|群|规则|提议|讨论至)\s*:`)
	pollMulti = regexp.MustCompile(`^多选(\d+)?项?$`)
	pollSep   = regexp.MustCompile(`\s*[/、,，|｜;；]\s*`)
)

// parsePoll reads the arguments of 发起投票 (normalised text) at now.
func parsePoll(args string, now time.Time, cfg *linli.Config) (pollSpec, error) {
	var s pollSpec
	fields := map[string]string{}
	marks := pollField.FindAllStringSubmatchIndex(args, -1)
	title := args
	if len(marks) > 0 {
		title = args[:marks[0][0]]
	}
	for i, m := range marks {
		end := len(args)
		if i+1 < len(marks) {
			end = marks[i+1][0]
		}
		key := args[m[2]:m[3]]
		switch key {
		case "截止时间":
			key = "截止"
		case "群名":
			key = "群"
		}
		fields[key] = args[m[1]:end]
	}
	multi, maxN := false, 0
	flags := func(text string) string {
		var keep []string
		for _, w := range strings.Fields(text) {
			switch m := pollMulti.FindStringSubmatch(w); {
			case w == "匿名":
				s.anonymous = true
			case w == "一户一票" || w == "按户":
				s.household = true
			case m != nil:
				multi = true
				if m[1] != "" {
					maxN, _ = strconv.Atoi(m[1])
				}
			default:
				keep = append(keep, w)
			}
		}
		return strings.Join(keep, " ")
	}
	s.title = flags(title)
	for k, v := range fields {
		fields[k] = flags(v)
	}
	if s.title == "" {
		return s, linli.Errorf(linli.EInvalid, "%s\n%s", textPollNeedTitle, textPollCreateUsage)
	}
	s.proposal = textnorm.ChinesePunct(fields["提议"])
	if err := s.parseOptions(fields["选项"], multi, maxN); err != nil {
		return s, err
	}
	if err := s.parseRule(fields["规则"], cfg); err != nil {
		return s, err
	}
	if err := s.parseTimes(fields["截止"], fields["讨论至"], now); err != nil {
		return s, err
	}
	return s, s.parseGroups(fields["群"], cfg)
}

func (s *pollSpec) parseOptions(v string, multi bool, maxN int) error {
	parts := pollSep.Split(v, -1)
	if len(parts) < 2 {
		parts = strings.Fields(v)
	}
	for _, o := range parts {
		if o = strings.TrimSpace(o); o != "" {
			if slices.Contains(s.options, o) {
				return linli.Errorf(linli.EInvalid, "选项「%s」重复了。", o)
			}
			s.options = append(s.options, o)
		}
	}
	switch {
	case len(s.options) < 2:
		return linli.Errorf(linli.EInvalid, "%s\n%s", textPollNeedOptions, textPollCreateUsage)
	case len(s.options) > maxPollOptions:
		return linli.Errorf(linli.EInvalid, "选项最多%d个。", maxPollOptions)
	}
	s.maxChoices = 1
	if multi {
		s.maxChoices = len(s.options)
		if maxN > 0 {
			if maxN < 2 || maxN > len(s.options) {
				return linli.Errorf(linli.EInvalid, "多选%d不对：应在2到%d之间，例如：多选2。", maxN, len(s.options))
			}
			s.maxChoices = maxN
		}
	}
	return nil
}

func (s *pollSpec) parseRule(v string, cfg *linli.Config) error {
	if v == "" {
		return nil
	}
	if !slices.Contains(linli.PollRules, v) {
		return linli.Errorf(linli.EInvalid, "规则「%s」无法识别，可用：%s。发送「投票规则」查看怎么算。", v, strings.Join(linli.PollRules, "、"))
	}
	s.rule = v
	if s.maxChoices > 1 {
		return linli.Errorf(linli.EInvalid, textRuleMulti)
	}
	if v != linli.RuleCivil && v != linli.RuleCivilSimple {
		return nil
	}
	s.household = true
	pc := cfg.Polls
	switch {
	case pc.TotalHouseholds <= 0:
		return linli.Errorf(linli.EInvalid, textCivilNeedsTotal)
	case pc.TotalArea > 0 && len(pc.Areas) == 0:
		return linli.Errorf(linli.EInvalid, textCivilAreaNoList)
	case pc.TotalArea <= 0 && len(pc.Areas) > 0:
		return linli.Errorf(linli.EInvalid, textCivilAreaNoSum)
	}
	_, err := pollAreas(cfg)
	return err
}

func (s *pollSpec) parseTimes(due, talk string, now time.Time) error {
	if due == "" {
		return linli.Errorf(linli.EInvalid, "%s\n%s", textPollNeedDue, textPollCreateUsage)
	}
	t, err := zhtime.ParseDeadline(due, now)
	if err != nil {
		return linli.Errorf(linli.EInvalid, "截止时间：%v", err)
	}
	if !t.After(now) {
		return linli.Errorf(linli.EInvalid, "截止时间 %s 已经过去了，请写一个将来的时间。", zhtime.Format(t))
	}
	s.deadline = t
	if talk == "" {
		return nil
	}
	if t, err = zhtime.ParseDeadline(talk, now); err != nil {
		return linli.Errorf(linli.EInvalid, "讨论至：%v", err)
	}
	if !t.After(now) || !t.Before(s.deadline) {
		return linli.Errorf(linli.EInvalid, "讨论至 %s 应在现在和截止时间 %s 之间。", zhtime.Format(t), zhtime.Format(s.deadline))
	}
	s.discussUntil = t
	return nil
}

func (s *pollSpec) parseGroups(v string, cfg *linli.Config) error {
	if v == "" || v == "全部" {
		s.groups = slices.Clone(cfg.Groups)
		return nil
	}
	for _, name := range pollSep.Split(v, -1) {
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		g, err := pollGroup(name, cfg.Groups)
		if err != nil {
			return err
		}
		if !slices.Contains(s.groups, g) {
			s.groups = append(s.groups, g)
		}
	}
	return nil
}

// pollGroup finds the served group called name: its full name, or the one
// group whose name contains it ("1期" for 幸福里1期居民群), as 发布活动 and
// 通知 read it. Several matches are listed for the sender to choose.
func pollGroup(name string, served []string) (string, error) {
	return tell.Group(name, served, textPollBadGroup(name, served),
		func(matches []string) string { return textPollAmbiguousGroup(name, matches) })
}

// maxPollOptions bounds the options of a poll (A to J).
const maxPollOptions = 10

// register reports whether an owners' register is loaded, and its totals.
func (h *Family) register() (bool, int, float64, error) {
	if h.Owners == nil {
		return false, 0, 0, nil
	}
	n, area, err := h.Owners.RegisterTotals()
	return n > 0, n, area, err
}

// pollAreas returns the configured floor areas by canonical 户号, or an
// EInvalid error naming a key that is not a 户号.
func pollAreas(cfg *linli.Config) (map[string]float64, error) {
	out := make(map[string]float64, len(cfg.Polls.Areas))
	for k, v := range cfg.Polls.Areas {
		hh, ok := linli.ParseHousehold(k)
		if !ok {
			return nil, linli.Errorf(linli.EInvalid, "%s", textPollBadArea(k))
		}
		out[hh.String()] = v
	}
	return out, nil
}

// createPoll handles 发起投票: it stores the poll, schedules its close (and
// the opening after a discussion period) and announces it in its groups.
func (h *Family) createPoll(ctx context.Context, req *linli.Request) error {
	now := req.Now.In(h.Config.Location)
	registered, households, area, err := h.register()
	if err != nil {
		return err
	}
	cfg := h.Config
	if registered { // the register's totals, not the configuration's
		c := *h.Config
		c.Polls = linli.PollConfig{TotalHouseholds: households}
		cfg = &c
	}
	s, err := parsePoll(req.Args, now, cfg)
	if err != nil {
		return err
	}
	p := &linli.Poll{
		Title: s.title, Options: s.options, MaxChoices: s.maxChoices,
		Anonymous: s.anonymous, PerHousehold: s.household, Rule: s.rule,
		Proposal: s.proposal, Groups: s.groups, Creator: req.Msg.Sender,
		CreatedAt: now, DiscussUntil: s.discussUntil, Deadline: s.deadline,
	}
	p.Register = registered && p.PerHousehold
	switch {
	case p.CivilRule() && registered:
		p.TotalHouseholds, p.TotalArea = households, area
	case p.CivilRule():
		p.TotalHouseholds, p.TotalArea = h.Config.Polls.TotalHouseholds, h.Config.Polls.TotalArea
	}
	if err := h.Polls.CreatePoll(p); err != nil {
		return err
	}
	if err := h.schedulePollJob(p.ID, jobPollClose, "close", p.Deadline); err != nil {
		return err
	}
	if !p.DiscussUntil.IsZero() {
		if err := h.schedulePollJob(p.ID, jobPollOpen, "open", p.DiscussUntil); err != nil {
			return err
		}
	}
	text := h.renderAnnounce(p)
	for _, g := range p.Groups {
		if err := h.Out.Send(linli.Outgoing{To: linli.Chat{Group: g}, Text: text}); err != nil {
			return err
		}
	}
	discuss := ""
	if !p.DiscussUntil.IsZero() {
		discuss = h.fmtTime(p.DiscussUntil)
	}
	return req.Reply(textPollCreated(p, strings.Join(p.Groups, "、"), h.fmtTime(p.Deadline), discuss))
}

// schedulePollJob schedules the job "poll:<id>:<part>" of kind at at.
func (h *Family) schedulePollJob(id uint64, kind, part string, at time.Time) error {
	payload, err := json.Marshal(pollJob{Poll: id})
	if err != nil {
		return err
	}
	_, err = h.Scheduler.Schedule(linli.Job{
		Key: fmt.Sprintf("poll:%d:%s", id, part), Kind: kind, At: at,
		Payload: payload, Note: fmt.Sprintf("投票%d %s", id, part),
	})
	if err != nil {
		return fmt.Errorf("schedule poll %d %s: %w", id, part, err)
	}
	return nil
}
