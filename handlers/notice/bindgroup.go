package notice

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"linli"
	"linli/handlers/tell"
)

// registerBindGroup registers 绑定群, which re-binds a renamed group to its
// configured name (DESIGN.md "Identity"). The engine routes a staff
// member's 绑定群 even from a group it does not serve, with the group's
// platform name in Msg.Group and Msg.Topic; everything else from such a
// group never reaches the handlers.
func (h *Family) registerBindGroup(r linli.Router) {
	r.Command(linli.Command{
		Names: []string{linli.CommandBindGroup}, Role: linli.RoleStaff, Args: linli.ArgsRequired,
		Usage: textBindGroupUsage(h.Config.Groups), Help: textBindGroupHelp(h.Config.Groups), Handler: h.bindGroup,
	})
}

// bindGroup handles "绑定群 <配置的群名>" sent inside a renamed group: the
// group's current topic becomes the configured group's name on the
// platform, replacing any earlier one.
func (h *Family) bindGroup(ctx context.Context, req *linli.Request) error {
	m := req.Msg
	configured := h.configuredGroups()
	if m.Private() {
		return linli.Errorf(linli.EInvalid, "%s", textBindGroupPrivate(configured[0]))
	}
	name, err := h.resolveConfiguredGroup(strings.Trim(req.Args, "「」“”\"'《》 "), configured)
	if err != nil {
		if bindGroupChatter(req) {
			return linli.ErrNotCommand // in a group the bot does not serve, the router then stays silent
		}
		return err
	}
	topic := m.Topic
	if topic == "" { // a platform or test that does not set it
		topic = m.Group
	}
	aliases, err := h.GroupAliases.GroupAliases()
	if err != nil {
		return fmt.Errorf("bind group: %w", err)
	}
	switch {
	case topic == name:
		if !slices.Contains(slices.Collect(maps.Values(aliases)), name) {
			return req.Reply(textBindGroupSame(name))
		}
		// The group got its configured name back: drop the stale alias,
		// or deliveries would keep going to the old topic.
		if err := h.GroupAliases.SetGroupAlias(name, name); err != nil {
			return fmt.Errorf("bind group: unbind %q: %w", name, err)
		}
		h.Logger.Info("群的绑定已删除", "group", name, "by", m.Sender)
		return req.Reply(textBindGroupRestored(name))
	case slices.Contains(configured, topic):
		return linli.Errorf(linli.EConflict, "%s", textBindGroupOther(topic, name))
	case aliases[topic] == name:
		return req.Reply(textBindGroupAlready(name))
	}
	if err := h.GroupAliases.SetGroupAlias(topic, name); err != nil {
		return fmt.Errorf("bind group: %q → %q: %w", topic, name, err)
	}
	h.Logger.Info("群已重新绑定", "topic", topic, "group", name, "by", m.Sender, "was", aliases[topic])
	return h.Out.Send(linli.Outgoing{To: linli.Chat{Group: name}, Text: textBindGroupDone(name)})
}

// configuredGroups lists the residents' groups and then the staff group.
func (h *Family) configuredGroups() []string {
	out := slices.Clone(h.Config.Groups)
	if h.Config.StaffGroup != "" {
		out = append(out, h.Config.StaffGroup)
	}
	return out
}

// resolveConfiguredGroup finds the configured group called name: its exact
// name, or the one configured group whose name contains name ("1期").
func (h *Family) resolveConfiguredGroup(name string, configured []string) (string, error) {
	if name == "" {
		return "", linli.Errorf(linli.EInvalid, "%s", textBindGroupUsage(h.Config.Groups))
	}
	return tell.Group(name, configured, textBindGroupUnknown(name, configured),
		func(matches []string) string { return textAmbiguousGroup(name, matches) })
}

// bindGroupChatter reports whether a 绑定群 whose name is unknown was said
// in passing ("绑定群的事明天再说"): not addressed to the bot, and the
// command word not followed by a space or colon, or followed by a sentence.
func bindGroupChatter(req *linli.Request) bool {
	if req.Msg.Addressed {
		return false
	}
	rest := strings.TrimPrefix(req.Msg.Norm, req.Command)
	r, _ := firstRune(rest)
	return !strings.ContainsRune(" :", r) || len([]rune(req.Args)) > 20
}
