package bot

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"linli"
)

// ConfidentIntent is the confidence from which a free-text intent reaches
// its handler in a group when the bot was not addressed. Handlers never act
// on such a message: they ask one short question at most. On the labelled
// set, 0.6 lets 93% of correct acting intents through and no chatter scores
// as an acting intent at any confidence.
const ConfidentIntent = 0.6

// Router implements linli.Router: the explicit command grammar first, then
// hooks, then free-text intents.
type Router struct {
	cfg      *linli.Config
	nlu      linli.Understander
	lex      linli.Lexicon
	commands []linli.Command
	byName   map[string]int // command word → index in commands
	names    []string       // command words, longest first
	hooks    []linli.HookFunc
	intents  map[string]linli.HandlerFunc
}

var _ linli.Router = (*Router)(nil)

func newRouter(cfg *linli.Config, nlu linli.Understander, lex linli.Lexicon) *Router {
	return &Router{cfg: cfg, nlu: nlu, lex: lex, byName: map[string]int{}, intents: map[string]linli.HandlerFunc{}}
}

// Command registers c. It panics on a duplicate command word: that is a
// programming error found at start-up.
func (r *Router) Command(c linli.Command) {
	for _, n := range c.Names {
		if _, dup := r.byName[n]; dup {
			panic(fmt.Sprintf("bot: command %q registered twice", n))
		}
		r.byName[n] = len(r.commands)
		r.names = append(r.names, n)
	}
	r.commands = append(r.commands, c)
	sort.SliceStable(r.names, func(i, j int) bool { return len(r.names[i]) > len(r.names[j]) })
}

// Intent registers the handler for a free-text intent.
func (r *Router) Intent(intent string, h linli.HandlerFunc) { r.intents[intent] = h }

// Hook registers a hook for messages that match no command.
func (r *Router) Hook(h linli.HookFunc) { r.hooks = append(r.hooks, h) }

// Commands returns the registered commands in registration order.
func (r *Router) Commands() []linli.Command { return append([]linli.Command(nil), r.commands...) }

// match finds the command whose word starts text (longest word first) and
// returns it with the arguments after the word.
func (r *Router) match(text string) (linli.Command, string, string, bool) {
	for _, name := range r.names {
		if !strings.HasPrefix(text, name) {
			continue
		}
		c := r.commands[r.byName[name]]
		args := strings.TrimSpace(strings.TrimLeft(text[len(name):], " :"))
		switch {
		case c.Args == linli.ArgsNone && args != "":
			continue // "活动真热闹" is chatter, not the 活动 command
		}
		return c, name, args, true
	}
	return linli.Command{}, "", "", false
}

// emergencyCategory is the report category of an emergency.
const emergencyCategory = "安全隐患"

// dispatch routes req: command, hooks, intent, or a hint / silence.
func (r *Router) dispatch(ctx context.Context, req *linli.Request) error {
	m := req.Msg
	if c, name, args, ok := r.match(m.Norm); ok && m.Norm != "" {
		req.Command, req.Args = name, args
		err := r.runCommand(ctx, c, req)
		if !errors.Is(err, linli.ErrNotCommand) {
			return err
		}
		req.Command, req.Args = "", ""
	}
	if m.Group != "" && !r.cfg.Served(m.Group) && m.Group != r.cfg.StaffGroup {
		return nil // a group the bot does not serve (绑定群 from a renamed group): commands only
	}
	if kind := r.emergency(m.Norm); kind != "" {
		// Before any hook (a pending question, a gathered answer) and
		// whatever the model says: danger to someone now goes to the
		// report intent, which answers at once.
		if h, ok := r.intents[linli.IntentReport]; ok {
			u := linli.Understanding{Intent: linli.IntentReport, Category: emergencyCategory, Confidence: 1, Emergency: kind}
			if kind == linli.EmergencyHelp {
				u.Category = "" // a call for help: the family classifies what for
			}
			req.Understanding = &u
			err := h(ctx, req)
			if !errors.Is(err, linli.ErrNotCommand) {
				return err
			}
			req.Understanding = nil
		}
	}
	for _, h := range r.hooks {
		handled, err := h(ctx, req)
		if handled || err != nil {
			return err
		}
	}
	if m.Norm == "" {
		return nil
	}
	note, _ := ctx.Value(chatterKey{}).(*chatterNote)
	if agree, _ := ctx.Value(agreeKey{}).(bool); r.nlu != nil && !agree {
		u := r.nlu.Understand(m.Norm)
		if h, ok := r.intents[u.Intent]; ok && u.Intent != linli.IntentOther &&
			(m.Addressed || u.Confidence >= ConfidentIntent) {
			req.Understanding = &u
			err := h(ctx, req)
			if !errors.Is(err, linli.ErrNotCommand) {
				return err
			}
			if note != nil {
				note.report = &u
			}
		}
	}
	if m.Addressed && !r.lex.Ack(m.Norm) {
		if m.Role == linli.RoleGridWorker {
			return req.Reply(TextNotUnderstoodWorker)
		}
		return req.Reply(TextNotUnderstood)
	}
	if note != nil {
		note.silent = true // the engine may add the line to an offered 随手拍
	}
	return nil // chatter: no reply at all
}

// chatterKey is the context key of a *chatterNote that dispatch fills in
// when a message went through every route unanswered: chatter.
type chatterKey struct{}

// chatterNote is what dispatch tells the engine of an unanswered message.
type chatterNote struct {
	silent bool                 // it went through every route unanswered
	report *linli.Understanding // the nlu took it for a confident intent, its handler stayed silent
}

func (r *Router) runCommand(ctx context.Context, c linli.Command, req *linli.Request) error {
	if req.Msg.Role < c.Role {
		if !req.Msg.Addressed && !spelledOut(req) {
			// A resident forwarding "通知：明天停水" or asking "取消活动了吗"
			// in a group is not using the staff command: free text.
			return linli.ErrNotCommand
		}
		if c.Role >= linli.RoleStaff && req.Msg.Role == linli.RoleGridWorker {
			return linli.Errorf(linli.EForbidden, TextStaffOnlyWorker, req.Command)
		}
		if c.Role >= linli.RoleStaff {
			return linli.Errorf(linli.EForbidden, TextStaffOnly, req.Command)
		}
		return linli.Errorf(linli.EForbidden, TextWorkerOnly, req.Command)
	}
	if c.Args == linli.ArgsRequired && req.Args == "" {
		return linli.Errorf(linli.EInvalid, "%s", c.Usage)
	}
	return c.Handler(ctx, req)
}

// spelledOut reports whether the message is written like the command: the
// command word, a space, then arguments ("发布活动 跳广场舞 时间:明天"), as
// opposed to the word running into a sentence or a colon.
func spelledOut(req *linli.Request) bool {
	rest := strings.TrimPrefix(req.Msg.Norm, req.Command)
	return req.Args != "" && strings.HasPrefix(rest, " ")
}

// emergency is the kind of emergency text tells of, "" when none or when
// the router has no lexicon (tests of routing alone).
func (r *Router) emergency(text string) string {
	if r.lex == nil || text == "" {
		return ""
	}
	return r.lex.Emergency(text)
}
