package handlers

import (
	"context"
	"strings"

	"linli"
)

func (h *Handlers) registerHelp(r linli.Router) {
	r.Command(linli.Command{
		Names: []string{"帮助", "菜单", "help"}, Args: linli.ArgsNone,
		Help: "帮助 — 查看可以做什么", Handler: h.help,
	})
	r.Intent(linli.IntentHelp, h.help)
}

// help lists the commands the sender may use, residents' first.
func (h *Handlers) help(ctx context.Context, req *linli.Request) error {
	var b strings.Builder
	b.WriteString(textHelpHeader(h.Config.Community, h.Config.BotName))
	sections := []struct {
		role  linli.Role
		title string
	}{
		{linli.RoleResident, ""},
		{linli.RoleGridWorker, textHelpWorker},
		{linli.RoleStaff, textHelpStaff},
	}
	for _, s := range sections {
		if req.Msg.Role < s.role {
			continue
		}
		var lines []string
		for _, c := range h.router.Commands() {
			if c.Help == "" || c.Role != s.role {
				continue
			}
			lines = append(lines, "· "+c.Help)
		}
		if len(lines) == 0 {
			continue
		}
		if s.title != "" {
			b.WriteString("\n" + s.title)
		}
		b.WriteString("\n" + strings.Join(lines, "\n"))
	}
	return req.Reply(b.String())
}
