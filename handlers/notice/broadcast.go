package notice

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"linli"
	"linli/handlers/tell"
)

// registerBroadcast registers the staff commands of the broadcast family:
// 通知 (now), 定时通知 / 定时列表 / 取消定时 (scheduled) and 日报 (the digest).
func (h *Family) registerBroadcast(r linli.Router) {
	r.Command(linli.Command{
		Names: []string{"通知", "群发"}, Role: linli.RoleStaff, Args: linli.ArgsRequired,
		Usage: textNoticeUsage(h.Config.Groups), Help: "通知 全部 内容 — 发通知到居民群（按节奏逐群发送）", Handler: h.broadcast,
	})
	r.Command(linli.Command{
		Names: []string{"定时通知"}, Role: linli.RoleStaff, Args: linli.ArgsRequired,
		Usage: textScheduleUsage + textWhenForms, Help: "定时通知 每周一9点 全部 内容 — 定时或重复发通知",
		Handler: h.scheduleNotice,
	})
	r.Command(linli.Command{
		Names: []string{"定时列表", "定时通知列表"}, Role: linli.RoleStaff, Args: linli.ArgsNone,
		Help: "定时列表 — 查看定时通知", Handler: h.listSchedules,
	})
	r.Command(linli.Command{
		Names: []string{"取消定时", "取消定时通知"}, Role: linli.RoleStaff, Args: linli.ArgsRequired,
		Usage: textCancelUsage, Help: "取消定时 5 — 取消一条定时通知", Handler: h.cancelSchedule,
	})
	h.registerDigest(r)
}

// target is where a notice goes and what it says.
type target struct {
	all     bool     // 全部: every served group
	groups  []string // configured names, in the order given
	content string   // the normalised content
}

// allWords mean every served group.
var allWords = []string{"全部", "所有", "全体", "全部群", "所有群", "全部居民群", "所有居民群"}

// parseTarget reads "<群名,…|全部> <内容>". An unknown or ambiguous group name
// and empty content are EInvalid errors (ending with usage when the form was
// wrong); known reports whether every group
// name was understood (a message whose first word names no group may be
// chatter).
func (h *Family) parseTarget(args, usage string) (t target, known bool, err error) {
	// "通知 全部：明天停水": a colon right after the group list separates it
	// from the content (group names never contain one).
	if i := strings.Index(args, ":"); i > 0 && !strings.ContainsFunc(args[:i], unicode.IsSpace) {
		args = args[:i] + " " + args[i+1:]
	}
	field, rest := cutGroupsField(args)
	if field == "" {
		return t, false, linli.Errorf(linli.EInvalid, "%s", usage)
	}
	for _, name := range splitGroupNames(field) {
		if slices.Contains(allWords, name) {
			t.all = true
			continue
		}
		g, err := h.resolveGroup(name)
		if err != nil {
			return t, false, err
		}
		if !slices.Contains(t.groups, g) {
			t.groups = append(t.groups, g)
		}
	}
	if t.all {
		t.groups = slices.Clone(h.Config.Groups)
	}
	if len(t.groups) == 0 {
		return t, false, linli.Errorf(linli.EInvalid, "%s", usage)
	}
	t.content = strings.TrimSpace(rest)
	if t.content == "" {
		return t, true, linli.Errorf(linli.EInvalid, "%s%s", textNoticeEmpty, usage)
	}
	return t, true, nil
}

// resolveGroup finds the served group called name: its exact name, or the
// one served group whose name contains name ("1期" for 幸福里1期居民群).
func (h *Family) resolveGroup(name string) (string, error) {
	return tell.Group(name, h.Config.Groups, textUnknownGroup(name, h.Config.Groups),
		func(matches []string) string { return textAmbiguousGroup(name, matches) })
}

// isGroupSep separates group names in a list.
func isGroupSep(r rune) bool { return strings.ContainsRune(",，、;；", r) }

// cutGroupsField splits s into its first field (the group list, which may
// continue past a space when a separator ends or starts the next word:
// "1期, 2期") and the rest.
func cutGroupsField(s string) (field, rest string) {
	s = strings.TrimSpace(s)
	pos := 0
	for {
		j := strings.IndexFunc(s[pos:], unicode.IsSpace)
		if j < 0 {
			return s, ""
		}
		end := pos + j
		next := strings.TrimLeftFunc(s[end:], unicode.IsSpace)
		tok := s[:end]
		last, _ := lastRune(tok)
		first, _ := firstRune(next)
		if next != "" && (isGroupSep(last) || isGroupSep(first)) {
			pos = len(s) - len(next)
			continue
		}
		return tok, next
	}
}

// splitGroupNames splits a group list at separators and spaces.
func splitGroupNames(field string) []string {
	return strings.FieldsFunc(field, func(r rune) bool { return isGroupSep(r) || unicode.IsSpace(r) })
}

// broadcast handles "通知 <群名,…|全部> <内容>": it queues the notice to
// every group through the outbox, which paces it, and tells the sender how
// many groups and when the last should go out.
func (h *Family) broadcast(ctx context.Context, req *linli.Request) error {
	t, known, err := h.parseTarget(req.Args, textNoticeUsage(h.Config.Groups))
	if err != nil {
		if !known && !req.Msg.Addressed {
			return linli.ErrNotCommand // "通知大家了吗" in a group
		}
		return err
	}
	text := rawTail(req.Msg.Text, t.content)
	reply := h.staffReply(req)
	cfg := h.Config.Outbox
	parts := countParts(text, cfg.MaxLength)
	summaryTo := req.Msg.Chat()
	if h.Config.Served(req.Msg.Group) {
		summaryTo = linli.Chat{User: req.Msg.Sender}
	}
	dests := []linli.Chat{summaryTo} // the summary goes first
	for _, g := range t.groups {
		for range parts {
			dests = append(dests, linli.Chat{Group: g})
		}
	}
	now := req.Now.In(h.Config.Location)
	finish := paceEstimate(cfg, now, h.pendingOut(), dests)
	summary := textBroadcastQueued(textTargets(t.all, t.groups), cfg.PerMinute, parts, finish, now)
	if err := reply(summary); err != nil {
		return err
	}
	var failed []string
	for _, g := range t.groups {
		if err := h.Out.Send(linli.Outgoing{To: linli.Chat{Group: g}, Text: text, Alone: true, Priority: linli.PriorityBroadcast, Verbatim: true}); err != nil {
			h.Logger.Error("通知未能排队发送", "group", g, "sender", req.Msg.Sender, "err", err)
			failed = append(failed, g)
		}
	}
	h.Logger.Info("通知已群发", "sender", req.Msg.Sender, "groups", len(t.groups),
		"failed", len(failed), "finish", finish)
	if len(failed) > 0 {
		if err := reply(textBroadcastFailed(failed)); err != nil {
			return fmt.Errorf("broadcast: report failures: %w", err)
		}
	}
	return nil
}

// pendingOut is how many messages the outbox holds, when it can tell.
func (h *Family) pendingOut() int {
	if p, ok := h.Out.(interface{ Pending() int }); ok {
		return p.Pending()
	}
	return 0
}
