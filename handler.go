package linli

import (
	"context"
	"errors"
	"strconv"
	"time"
)

// HandlerFunc handles one routed message. It answers through req.Reply and
// returns an *Error for anything the user should be told, or another error
// for failures (logged; the user sees GenericErrorText).
type HandlerFunc func(ctx context.Context, req *Request) error

// Middleware wraps a handler (roles, recovery, logging).
type Middleware func(HandlerFunc) HandlerFunc

// Request is a message routed to a handler.
type Request struct {
	Msg           *Message
	Command       string         // the command word matched ("报名"); "" when routed by intent or hook
	Args          string         // the text after the command word, trimmed
	Understanding *Understanding // set when routed by intent
	Out           Sender         // the outbox
	Now           time.Time      // the engine's clock when the message was handled

	// OfferFunc, set by the engine, records a command the bot has just
	// suggested to the sender (see Offer).
	OfferFunc func(command string)
	// OfferWordsFunc, set by the engine, records an offered command that
	// ends in the sender's own words (see OfferWords).
	OfferWordsFunc func(command string)
}

// OfferTTL is how long the bot waits for a plain yes to a command it
// offered (Request.Offer). A question that offers one should name it
// ("10分钟内回复「是」…"); a yes that comes later is told the question
// expired.
const OfferTTL = 10 * time.Minute

// OfferWithin names OfferTTL in a question ("10分钟内"), so every family's
// offer says how long its 是 counts.
var OfferWithin = strconv.Itoa(int(OfferTTL/time.Minute)) + "分钟内"

// Offer records that the bot has just asked the sender a yes/no question
// whose "yes" is command ("您是要报名活动1吗？10分钟内回复「是」或「报名 1」
// 即可" offers "报名 1"). If a later message of the sender in the same
// chat, within OfferTTL, is a plain yes (是, 好的, 对, 要, 可以 …), the
// engine handles it as if they had sent command, addressed to the bot; a
// yes that comes later is told to send command again. Lines of chatter in
// between leave the question open; a command of the sender's own or a new
// offer withdraws it.
func (r *Request) Offer(command string) {
	if r.OfferFunc != nil {
		r.OfferFunc(command)
	}
}

// OfferWords is Offer for a command that ends in the sender's own words
// ("随手拍 9栋门口路灯坏了好几天了"): the lines of chatter the sender adds
// before the yes ("晚上黑乎乎的") continue those words and are added to
// the command the yes accepts.
func (r *Request) OfferWords(command string) {
	if r.OfferWordsFunc != nil {
		r.OfferWordsFunc(command)
		return
	}
	r.Offer(command)
}

// Reply answers in the chat the message came from; in a group the sender is
// @mentioned.
func (r *Request) Reply(text string) error {
	out := Outgoing{To: r.Msg.Chat(), Text: text}
	if !r.Msg.Private() {
		out.Mention = []string{r.Msg.Sender}
	}
	return r.Out.Send(out)
}

// ReplyMedia sends media (with an optional caption) in the chat the message
// came from.
func (r *Request) ReplyMedia(m *Media, caption string) error {
	return r.Out.Send(Outgoing{To: r.Msg.Chat(), Text: caption, Media: m})
}

// ReplyPrivate answers the sender privately when possible (the outbox falls
// back to an @mention in their last group).
func (r *Request) ReplyPrivate(text string, m *Media) error {
	return r.Out.Send(Outgoing{To: Chat{User: r.Msg.Sender}, Text: text, Media: m})
}

// ArgMode says whether a command takes arguments.
type ArgMode int

// Argument modes. A command with ArgsNone matches only when nothing follows
// the command word (so "活动真热闹" is chatter, not the 活动 command).
const (
	ArgsNone ArgMode = iota
	ArgsOptional
	ArgsRequired
)

// Command is an explicit command in the grammar of DESIGN.md.
type Command struct {
	Names []string // command words, e.g. {"报名", "参加"}; matched at the start of the normalised text
	Role  Role     // minimum role; RoleResident for everyone
	Args  ArgMode  // whether arguments are expected
	Usage string   // what was expected, with an example; shown when Args are missing or malformed
	Help  string   // one line for 帮助; empty hides the command from 帮助
	// HelpRole, when above Role, is the least role 帮助 lists the command
	// for: a command that answers everyone itself (后台 tells a resident
	// what it is) but is meant for staff.
	HelpRole Role
	Handler  HandlerFunc // the handler
}

// HookFunc looks at a message that matched no command (a 接龙 list, an image,
// an answer to the bot's question) and reports whether it took it.
type HookFunc func(ctx context.Context, req *Request) (handled bool, err error)

// Router registers handlers. The bot engine implements it; the command
// families (Family.Register) register on it.
type Router interface {
	// Command registers an explicit command. Names must be unique.
	Command(c Command)
	// Intent registers the handler for a free-text intent (IntentSignup, …),
	// used for messages that match no command and no hook.
	Intent(intent string, h HandlerFunc)
	// Hook registers a hook tried, in registration order, on messages that
	// match no command, before intents.
	Hook(h HookFunc)
	// Commands lists registered commands (for 帮助).
	Commands() []Command
}

// Intents understood in free text (DESIGN.md `linli nlu`).
const (
	IntentSignup = "signup"
	IntentCancel = "cancel"
	IntentReport = "report"
	IntentVote   = "vote"
	IntentQuery  = "query"
	IntentHelp   = "help"
	IntentOther  = "other"
)

// Understanding is what the nlu package makes of a resident's free text.
type Understanding struct {
	Text       string   `json:"text"`
	Intent     string   `json:"intent"`
	Category   string   `json:"category"` // for reports, one of Categories; "" otherwise
	Keywords   []string `json:"keywords"`
	Confidence float64  `json:"-"` // 0..1; act in a group without @ only when high
	Slots      Slots    `json:"-"`
	// Emergency is the kind of emergency the text tells of (医疗, 火灾, 燃气,
	// 被困, 治安, 溺水), "" if none. An emergency is a report of 安全隐患.
	Emergency string `json:"-"`
}

// Slots are values found in free text.
type Slots struct {
	Activity  string   // a reference to an activity: number or words of its title
	PartySize int      // people in total, e.g. 我和老伴 → 2; 0 if not said
	Choices   []string // poll choices: "2", "A", "同意"
	Place     string   // "3栋", "3栋2单元", "东门", …
	Building  int      // building number, 0 if none
}

// Understander classifies free text. The nlu package implements it.
// Implementations must be safe for concurrent use.
type Understander interface {
	Understand(text string) Understanding
}

// Classifier assigns a report category and keywords to a description. The
// nlu package implements it; handlers fall back to a keyword table.
type Classifier interface {
	Classify(text string) (category string, keywords []string)
}

// ErrNotCommand is returned by a command handler when the words after the
// command word show the message was not that command after all (a resident
// saying "报名了吗" in a group). The router then treats the message as free
// text: understanding, or silence for chatter. Handlers should return it only
// when req.Msg.Addressed is false; an addressed message deserves an answer.
var ErrNotCommand = errors.New("linli: not a command")
