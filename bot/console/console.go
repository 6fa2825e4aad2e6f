// Package console is the terminal platform: a group chat simulated line by
// line with a simulated clock (DESIGN.md, `linli console`).
//
// Input lines: "群名/昵称: 文本" (a group message; "群名/群昵称|微信昵称: 文本"
// for a member whose 群昵称 differs: the person is the 微信昵称, and so is the
// name roles are checked against), "昵称: 文本" (a private
// message), "群名/昵称: [图片] PATH" (an image), "!clock +90m" /
// "!clock 2026-11-29 08:00" (move the clock; everything due fires in time
// order), "//" comments and blank lines. In a script, indented lines right
// after a message continue it (multi-line messages such as a 接龙; blank
// lines between them are part of it). Output:
// each message the bot sends, "[群名] 文本" or "[私聊 昵称] 文本",
// continuation lines indented by two spaces.
package console

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"linli"
)

// Handler is the engine's synchronous entry point.
type Handler interface {
	Handle(ctx context.Context, m linli.Message) error
}

// Options configure a Console.
type Options struct {
	Config  *linli.Config
	Clock   *linli.SimClock
	Engine  Handler       // for Run and Line; Serve uses its inbox instead
	Timed   []linli.Timed // outbox first, then scheduler: run in this order at each instant
	Out     io.Writer     // bot messages
	Err     io.Writer     // prompts, warnings
	Friends []string      // users the bot can message privately from the start
	RunID   string        // makes message ids unique across runs on one database

	// Hold is the longest the bot holds an answer back to gather it with
	// others (the sign-up confirmations of [activities] ack_window): at the
	// end of input, whatever falls due within Hold of the last line is run,
	// so that no answer is left unprinted (DESIGN.md: pending messages are
	// flushed at the end of input).
	Hold time.Duration

	// For Serve: the script or terminal to read, and whether it is a
	// terminal (prompts, replies after every line).
	In          io.Reader
	Interactive bool

	// Editor, if set, reads the lines at a terminal instead of In (line
	// editing and history); its io.EOF ends the session.
	Editor LineReader
	// Wall and Tick make the simulated clock follow real time at a
	// terminal: at every tick the clock moves to Wall() (plus however far
	// !clock has jumped ahead), firing what falls due. nil: the clock moves
	// only with !clock (scripts, --clock).
	Wall func() time.Time
	Tick <-chan time.Time
	// Served, if set, tells an interactive user once when a group they type
	// in is not one the bot serves (it stays silent there).
	Served func(group string) bool
	// FilesDir, if set, is where the files the bot sends (xlsx exports,
	// images) are written; the output line names the saved file.
	FilesDir string
}

// LineReader reads one line with a prompt, as a line editor does.
type LineReader interface {
	ReadLine(prompt string) (string, error)
}

// PromptSetter is a LineReader that can change the prompt while it reads
// (the time shown follows the clock).
type PromptSetter interface {
	SetPrompt(prompt string)
}

// Console simulates the groups of a community in a terminal. It implements
// linli.Platform. It is safe for concurrent use, but a script is processed
// strictly in order.
type Console struct {
	opt     Options
	step    sync.Mutex    // one line or one clock tick at a time
	lead    time.Duration // how far !clock has put the clock ahead of Wall
	warned  map[string]bool
	mu      sync.Mutex
	friends map[string]bool
	keys    map[string]string // resident key → nickname (BindUser)
	seq     int
	inbox   linli.Inbox // set by Serve; nil: messages go to Options.Engine
}

var _ linli.Adapter = (*Console)(nil)

// Serve implements linli.Adapter: it runs the script (or the terminal
// session) of Options.In, handing each message to inbox, which must handle
// it before returning (bot.SyncInbox) for the output to follow the script.
// It returns at the end of the input, or with its read error.
func (c *Console) Serve(ctx context.Context, inbox linli.Inbox) error {
	c.mu.Lock()
	c.inbox = inbox
	c.mu.Unlock()
	inbox.Session(linli.SessionEvent{State: linli.SessionUp, Reason: "控制台"})
	return c.Run(ctx, c.opt.In, c.opt.Interactive)
}

// New returns a console.
func New(opt Options) *Console {
	c := &Console{opt: opt, friends: map[string]bool{}, keys: map[string]string{}, warned: map[string]bool{}}
	for _, f := range opt.Friends {
		c.friends[f] = true
	}
	return c
}

// Deliver prints a message the bot sends.
func (c *Console) Deliver(out linli.Outgoing) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	prefix := "[" + out.To.String() + "] "
	if strings.TrimSpace(out.Text) != "" {
		lines := strings.Split(out.Text, "\n")
		fmt.Fprintln(c.opt.Out, prefix+lines[0])
		for _, l := range lines[1:] {
			fmt.Fprintln(c.opt.Out, "  "+l)
		}
	}
	if out.Media != nil {
		kind := "[文件]"
		if out.Media.Kind == linli.MediaImage {
			kind = "[图片]"
		}
		line := prefix + kind + " " + out.Media.Name
		if c.opt.FilesDir != "" {
			if path, err := c.save(out.Media); err != nil {
				line += "（保存失败: " + err.Error() + "）"
			} else {
				line += "（已保存到 " + path + "）"
			}
		}
		fmt.Fprintln(c.opt.Out, line)
	}
	return nil
}

// save writes m into FilesDir under its name, adding " (2)", " (3)", …
// rather than overwriting an earlier file.
func (c *Console) save(m *linli.Media) (string, error) {
	if err := os.MkdirAll(c.opt.FilesDir, 0o700); err != nil {
		return "", err
	}
	data := m.Data
	if data == nil && m.Path != "" {
		b, err := os.ReadFile(m.Path)
		if err != nil {
			return "", err
		}
		data = b
	}
	name := filepath.Base(m.Name)
	ext := filepath.Ext(name)
	for i := 1; ; i++ {
		p := filepath.Join(c.opt.FilesDir, name)
		if i > 1 {
			p = filepath.Join(c.opt.FilesDir, fmt.Sprintf("%s (%d)%s", strings.TrimSuffix(name, ext), i, ext))
		}
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if os.IsExist(err) {
			continue
		}
		if err != nil {
			return "", err
		}
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return p, err
	}
}

// CanPrivate reports whether user is the bot's friend: configured staff,
// grid workers and supervisors, and anyone who has messaged it privately.
// user may be a resident key the engine bound to a nickname (BindUser).
func (c *Console) CanPrivate(user string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.friends[user] || (c.keys[user] != "" && c.friends[c.keys[user]])
}

// BindUser records that the resident key is the person with nickname user
// (linli.UserBinder): a private message to the key reaches them.
func (c *Console) BindUser(key, user string) {
	if key == user {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.keys[key] = user
}

// Run reads lines from in until EOF, then flushes pending messages. With
// interactive set it prompts on Err and flushes after every line so replies
// appear as you type. In a script, indented lines right after a message line
// continue that message (a 接龙 list, a multi-line notice), the way the
// output shows multi-line messages.
func (c *Console) Run(ctx context.Context, in io.Reader, interactive bool) error {
	if interactive && c.opt.Editor != nil {
		return c.runEditor(ctx)
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	lineNo := 0
	var msg []string      // a message line and its continuation lines
	msgNo, blanks := 0, 0 // blanks: blank lines read inside msg, kept if it goes on
	send := func() {
		if len(msg) == 0 {
			return
		}
		if err := c.Line(ctx, strings.Join(msg, "\n")); err != nil {
			fmt.Fprintf(c.opt.Err, "第%d行: %v\n", msgNo, err)
		}
		msg = nil
	}
	for {
		if interactive {
			fmt.Fprint(c.opt.Err, c.prompt())
		}
		if !sc.Scan() {
			break
		}
		lineNo++
		line := sc.Text()
		if !interactive {
			if len(msg) > 0 && strings.TrimSpace(line) == "" {
				// A blank line inside a message (a 接龙 has them) is
				// kept if an indented line follows; otherwise it ends it.
				blanks++
				continue
			}
			if len(msg) > 0 && isContinuation(line) {
				for ; blanks > 0; blanks-- {
					msg = append(msg, "")
				}
				msg = append(msg, strings.TrimSpace(line))
				continue
			}
			blanks = 0
			send()
			if isMessageLine(line) {
				msg, msgNo = []string{line}, lineNo
				continue
			}
		}
		if err := c.Line(ctx, line); err != nil {
			fmt.Fprintf(c.opt.Err, "第%d行: %v\n", lineNo, err)
		}
		if interactive {
			c.Settle(max(time.Minute, c.opt.Hold))
		}
	}
	send()
	if err := sc.Err(); err != nil {
		return fmt.Errorf("console: read input: %w", err)
	}
	c.Finish()
	return nil
}

// runEditor is an interactive session read through Options.Editor, the
// clock following Options.Wall at each Options.Tick.
func (c *Console) runEditor(ctx context.Context) error {
	done := make(chan struct{})
	defer close(done)
	if c.opt.Wall != nil && c.opt.Tick != nil {
		go func() {
			for {
				select {
				case <-done:
					return
				case <-c.opt.Tick:
					c.step.Lock()
					if target := c.opt.Wall().Add(c.lead); target.After(c.opt.Clock.Now()) {
						c.AdvanceTo(target)
						if p, ok := c.opt.Editor.(PromptSetter); ok {
							p.SetPrompt(c.prompt())
						}
					}
					c.step.Unlock()
				}
			}
		}()
	}
	for n := 1; ; n++ {
		line, err := c.opt.Editor.ReadLine(c.prompt())
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("console: read input: %w", err)
		}
		c.step.Lock()
		if err := c.Line(ctx, line); err != nil {
			fmt.Fprintf(c.opt.Err, "第%d行: %v\n", n, err)
		}
		c.Settle(max(time.Minute, c.opt.Hold))
		if c.opt.Wall != nil {
			c.lead = max(c.lead, c.opt.Clock.Now().Sub(c.opt.Wall()))
		}
		c.step.Unlock()
	}
	c.step.Lock()
	defer c.step.Unlock()
	c.Finish()
	return nil
}

// prompt shows the simulated time.
// prompt shows the simulated time in the community's zone (a real-time
// clock ticks in the server's).
func (c *Console) prompt() string { return c.now().Format("01-02 15:04") + "> " }

// now is the clock's time in the configured zone.
func (c *Console) now() time.Time {
	t := c.opt.Clock.Now()
	if c.opt.Config != nil && c.opt.Config.Location != nil {
		t = t.In(c.opt.Config.Location)
	}
	return t
}

// Finish prints everything pending at the end of input: the outbox's
// messages, and the answers held back to be gathered (Options.Hold), with
// the clock moved only as far as they need.
func (c *Console) Finish() {
	end := c.opt.Clock.Now().Add(c.opt.Hold)
	c.Flush()
	for i := 0; i < 1000; i++ {
		due, ok := c.nextDue()
		if !ok || due.After(end) {
			return
		}
		c.AdvanceTo(due)
		c.Flush()
	}
}

// isContinuation reports an indented, non-blank line.
func isContinuation(line string) bool {
	return strings.TrimSpace(line) != "" && (strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t"))
}

// isMessageLine reports a line that is a message rather than a comment, a
// control command or a blank line.
func isMessageLine(line string) bool {
	t := strings.TrimSpace(line)
	return t != "" && !strings.HasPrefix(t, "//") && !strings.HasPrefix(t, "!") && !isContinuation(line)
}

// Line processes one input line. Its error describes a malformed line; the
// caller reports it and goes on.
func (c *Console) Line(ctx context.Context, line string) error {
	line = strings.TrimRight(line, "\r")
	trimmed := strings.TrimSpace(line)
	switch {
	case trimmed == "" || strings.HasPrefix(trimmed, "//"):
		return nil
	case strings.HasPrefix(trimmed, "!clock"):
		return c.clockCommand(strings.TrimSpace(strings.TrimPrefix(trimmed, "!clock")))
	case strings.HasPrefix(trimmed, "!"):
		return fmt.Errorf("未知的控制命令 %q（可用: !clock +90m / !clock 2026-11-29 08:00）", trimmed)
	}
	m, err := c.parse(line)
	if err != nil {
		return err
	}
	if m.Group != "" && c.opt.Interactive && c.opt.Served != nil && !c.opt.Served(m.Group) && !c.warned[m.Group] {
		c.warned[m.Group] = true
		fmt.Fprintf(c.opt.Err, "「%s」不是机器人服务的群，机器人在这里不会回应（服务的群: %s）\n", m.Group, c.servedList())
	}
	c.mu.Lock()
	inbox := c.inbox
	c.mu.Unlock()
	if inbox != nil {
		return inbox.Receive(m)
	}
	return c.opt.Engine.Handle(ctx, m)
}

// parse reads "群名/昵称: 文本", "群名/群昵称|微信昵称: 文本" or "昵称: 文本".
func (c *Console) parse(line string) (linli.Message, error) {
	i := strings.IndexAny(line, ":：")
	if i <= 0 {
		return linli.Message{}, fmt.Errorf("无法识别的行 %q（格式: 群名/昵称: 文本 或 昵称: 文本）", line)
	}
	who := strings.TrimSpace(line[:i])
	text := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(line[i:], ":"), "："))
	var m linli.Message
	if g, n, ok := strings.Cut(who, "/"); ok {
		m.Group, m.Sender = strings.TrimSpace(g), strings.TrimSpace(n)
	} else {
		m.Sender = who
	}
	nick := m.Sender
	if d, n, ok := strings.Cut(m.Sender, "|"); ok { // 群昵称|微信昵称
		m.Sender, nick = strings.TrimSpace(d), strings.TrimSpace(n)
		if m.Group == "" { // a private chat has no 群昵称: the person is their nickname
			m.Sender = nick
		}
	}
	if m.Sender == "" || nick == "" || (m.Group == "" && strings.Contains(who, "/")) {
		return linli.Message{}, fmt.Errorf("无法识别的行 %q：缺少昵称", line)
	}
	// A person is their 微信昵称 (the console's platform user), and the
	// console's "备注" for everyone is that nickname too: the configured
	// staff are the people whose nickname is the configured name.
	m.User, m.Contact = nick, nick
	if nick != m.Sender {
		m.Nickname = nick
	}
	c.mu.Lock()
	c.seq++
	m.ID = fmt.Sprintf("console-%s-%d", c.opt.RunID, c.seq)
	if m.Group == "" {
		c.friends[m.Sender] = true
	}
	c.mu.Unlock()
	if path, ok := strings.CutPrefix(text, "[图片]"); ok {
		path = strings.TrimSpace(path)
		data, err := os.ReadFile(path)
		if err != nil {
			return linli.Message{}, fmt.Errorf("无法读取图片 %s: %v", path, err)
		}
		m.Image = &linli.Media{Name: filepath.Base(path), Kind: linli.MediaImage, Data: data}
		text = ""
	}
	m.Text = text
	m.At = c.opt.Clock.Now()
	return m, nil
}

// clockCommand handles "+90m", "+2d", "+1h30m" or an absolute time.
func (c *Console) clockCommand(arg string) error {
	now := c.opt.Clock.Now()
	var target time.Time
	if d, ok := strings.CutPrefix(arg, "+"); ok {
		dur, err := linli.ParseDuration(d)
		if err != nil || dur <= 0 {
			return fmt.Errorf("!clock 的时长 %q 无效（例如 +90m、+2d、+1h30m）", arg)
		}
		target = now.Add(dur)
	} else {
		t, err := ParseClock(arg, c.opt.Config.Location)
		if err != nil {
			return err
		}
		if t.Before(now) {
			return fmt.Errorf("!clock %s 早于当前模拟时间 %s：时间只能向前", arg, now.Format("2006-01-02 15:04"))
		}
		target = t
	}
	c.AdvanceTo(target)
	c.Flush()
	return nil
}

// ParseClock reads "2026-11-29 08:00" (or with seconds) in loc.
func ParseClock(s string, loc *time.Location) (time.Time, error) {
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, strings.TrimSpace(s), loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("无法识别的时间 %q（例如 2026-11-29 08:00）", s)
}

// AdvanceTo moves the clock to target, firing everything that falls due on
// the way in time order.
func (c *Console) AdvanceTo(target time.Time) {
	var prev time.Time
	for i := 0; i < 1_000_000; i++ {
		due, ok := c.nextDue()
		if !ok || due.After(target) {
			break
		}
		if i > 0 && !due.After(prev) && !c.opt.Clock.Now().Before(due) {
			break // nothing moved: work that stays due (e.g. a job without a handler)
		}
		prev = due
		c.opt.Clock.Set(due)
		c.runDue()
	}
	c.opt.Clock.Set(target)
	c.runDue()
}

// Settle flushes, then also runs what falls due within horizon (a batched
// confirmation a few seconds away), so at a terminal every reply to a line
// appears before the next prompt. Longer waits (reminders, deadlines) still
// need !clock.
func (c *Console) Settle(horizon time.Duration) {
	for i := 0; i < 1000; i++ {
		c.Flush()
		due, ok := c.nextDue()
		if !ok || due.After(c.opt.Clock.Now().Add(horizon)) {
			return
		}
		c.AdvanceTo(due)
	}
}

// Flush advances the clock just as far as needed to send every pending
// message (pacing respected), firing anything else due on the way.
func (c *Console) Flush() {
	for i := 0; i < 100_000; i++ {
		due, ok := c.opt.Timed[0].NextDue()
		if !ok {
			return
		}
		c.AdvanceTo(due)
	}
}

func (c *Console) nextDue() (time.Time, bool) {
	var best time.Time
	found := false
	for _, t := range c.opt.Timed {
		if due, ok := t.NextDue(); ok && (!found || due.Before(best)) {
			best, found = due, true
		}
	}
	return best, found
}

func (c *Console) runDue() {
	now := c.opt.Clock.Now()
	for _, t := range c.opt.Timed {
		if err := t.RunDue(now); err != nil {
			fmt.Fprintf(c.opt.Err, "错误: %v\n", err)
		}
	}
}

// servedList names the configured groups, staff group last.
func (c *Console) servedList() string {
	groups := append([]string(nil), c.opt.Config.Groups...)
	if c.opt.Config.StaffGroup != "" {
		groups = append(groups, c.opt.Config.StaffGroup+"（工作群）")
	}
	return strings.Join(groups, "、")
}

// FriendNames lists the users the console treats as friends, sorted.
func (c *Console) FriendNames() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for f := range c.friends {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}
