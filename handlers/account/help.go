package account

import (
	"context"
	"strings"
	"sync"
	"time"

	"linli"
)

// helpRepeatWindow is how long after the menu was posted in a group a
// second request there gets a one-line pointer instead of the whole menu.
const helpRepeatWindow = 10 * time.Minute

// helpPosted remembers when the menu was last posted in each group. It is
// in memory only: after a restart the menu may be posted once more.
type helpPosted struct {
	mu sync.Mutex
	at map[string]time.Time
}

// recent reports whether the menu went to group within the window before
// now, and records now otherwise.
func (p *helpPosted) recent(group string, now time.Time) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.at == nil {
		p.at = map[string]time.Time{}
	}
	if last, ok := p.at[group]; ok && now.Sub(last) < helpRepeatWindow {
		return true
	}
	p.at[group] = now
	return false
}

func (h *Family) registerHelp(r linli.Router) {
	r.Command(linli.Command{
		Names: []string{"帮助", "菜单", "help"}, Args: linli.ArgsNone,
		Help: "帮助 — 查看可以做什么", Handler: h.help,
	})
	r.Intent(linli.IntentHelp, h.helpIntent)
}

// helpIntent answers free text understood as a request for help ("怎么报名啊")
// only when it was addressed to the bot: in a group, people asking each
// other for help ("谁能帮助我一下") are not asking the bot.
func (h *Family) helpIntent(ctx context.Context, req *linli.Request) error {
	if !req.Msg.Addressed {
		return linli.ErrNotCommand
	}
	return h.help(ctx, req)
}

// help lists the commands the sender may use, residents' first. Staff and
// workers asking in a residents' group get their menu privately: it lists
// commands residents need not see. A menu posted in a group minutes ago is
// pointed to rather than posted again.
func (h *Family) help(ctx context.Context, req *linli.Request) error {
	m := req.Msg
	if !m.Private() && m.Role > linli.RoleResident && m.Group != h.Config.StaffGroup {
		return req.ReplyPrivate(h.menu(m.Role), nil)
	}
	if !m.Private() && h.helpPosted.recent(m.Group, req.Now) {
		return req.Reply(textHelpAbove)
	}
	return req.Reply(h.menu(m.Role))
}

// menu renders the commands role may use, by section.
func (h *Family) menu(role linli.Role) string {
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
		if role < s.role {
			continue
		}
		var lines []string
		for _, c := range h.router.Commands() {
			if c.Help == "" || max(c.Role, c.HelpRole) != s.role {
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
	return b.String()
}
