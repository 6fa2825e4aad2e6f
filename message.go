package linli

import "time"

// Message is one inbound message, as a platform adapter hands it to the
// engine and as the engine hands it, enriched, to a handler.
type Message struct {
	// Set by the platform adapter.
	ID       string // platform message id, used for deduplication
	Group    string // group topic (群名); "" for a private chat; the engine puts a re-bound group's configured name here
	Sender   string // 群昵称 (display name in the group) or nickname
	Nickname string // WeChat nickname, if known and different from Sender
	// User identifies the person on the platform in this session (WeChat:
	// the UserName, which is the same for a friend and for that friend as a
	// group member, and changes at every login; the console: the 微信昵称).
	// "" when the platform cannot tell (then the engine keys the person by
	// Sender, as before).
	User string
	// Contact is the name the bot's own account gave the sender: on WeChat
	// the 备注 (RemarkName) of the bot's friend who is this platform user,
	// in a private chat and in a group alike; in the console the 微信昵称.
	// "" when the sender is no such contact. Roles come from Contact only,
	// never from Sender or Nickname, which anyone can choose (DESIGN.md
	// "Identity").
	Contact string
	// Hint is a platform's extra hint to recognise the same person after a
	// new login (WeChat: the contact's AttrStatus); "" when none. When a
	// record and a message both carry one, they must agree to be rebound.
	Hint      string
	Text      string    // raw text as received
	Image     *Media    // an image, if the message is one
	Mentioned bool      // the bot was @mentioned (platforms that know it)
	At        time.Time // when it was sent (the engine's clock if unknown)

	// Set by the engine before routing.
	Norm      string    // normalised text: NFKC, Simplified, trimmed, prefix and @bot stripped
	Addressed bool      // private chat, a leading #/or @bot: clearly meant for the bot
	Resident  *Resident // the sender as a resident record (never nil after identification)
	Role      Role      // the sender's role from configuration
	Topic     string    // the group's name on the platform: Group, unless the group was renamed and re-bound (GroupAliasStore); "" for a private chat

	// Web is set by the workbench (web.Actor): the answer is shown on a
	// page, not in chat, so a family may word it for the page (no "send
	// 「…」 next" that the page does with a button or shows already).
	Web bool
}

// Private reports whether the message came in a private chat.
func (m *Message) Private() bool { return m.Group == "" }

// Chat returns the chat a reply to m goes to.
func (m *Message) Chat() Chat {
	if m.Private() {
		return Chat{User: m.Sender}
	}
	return Chat{Group: m.Group}
}

// Media is an image or file, inbound or outbound.
type Media struct {
	Name string // file name shown to users (e.g. "报名表-3.xlsx")
	Kind string // MediaImage or MediaFile
	Data []byte // the bytes; may be nil when Path is set
	Path string // a file on disk holding the bytes (outbound, large files)
}

// Media kinds.
const (
	MediaImage = "image"
	MediaFile  = "file"
)

// Chat identifies where a message goes: a group by its configured name, or a
// private chat with a user by name. Exactly one field is set.
type Chat struct {
	Group string `json:"group,omitempty"`
	User  string `json:"user,omitempty"`
}

// String renders the chat as the console shows it: "群名" or "私聊 昵称".
func (c Chat) String() string {
	if c.Group != "" {
		return c.Group
	}
	return "私聊 " + c.User
}

// Outgoing is a message the bot sends. Everything goes through the outbox.
type Outgoing struct {
	ID       uint64    `json:"id"`                 // outbox sequence, set on enqueue
	Key      string    `json:"key,omitempty"`      // idempotency key: a second Outgoing with the same Key is dropped
	To       Chat      `json:"to"`                 // destination
	Text     string    `json:"text,omitempty"`     // body (may be empty for pure media)
	Mention  []string  `json:"mention,omitempty"`  // names @mentioned; the outbox writes "@name " into Text, platforms must not add it again
	Media    *Media    `json:"media,omitempty"`    // an image or file to send
	Alone    bool      `json:"alone,omitempty"`    // never coalesced with other messages (notices)
	Priority Priority  `json:"priority,omitempty"` // delivery lane: emergency answers, then replies, then broadcasts; zero = reply
	Private  bool      `json:"private,omitempty"`  // to a User: never fall back to an @mention in a group (it names residents)
	Verbatim bool      `json:"verbatim,omitempty"` // staff's own words (a 通知): phone numbers are not masked in a group (see Outbox.Send)
	Queued   time.Time `json:"queued"`             // when the outbox accepted it
	Tries    int       `json:"tries,omitempty"`    // failed send attempts so far
	Sending  time.Time `json:"sending,omitzero"`   // when a delivery started (SendingMarker); zero when none is in progress
}

// Priority orders outgoing messages between chats and within one: a lower
// lane goes first whenever both are due. Pacing still applies to every lane.
type Priority int8

// Delivery lanes.
const (
	PriorityDefault   Priority = 0 // not set: the reply lane
	PriorityEmergency Priority = 1 // answers to an emergency (numbers to call): before everything
	PriorityReply     Priority = 2 // replies to a person
	PriorityBroadcast Priority = 3 // notices and announcements to groups (通知, 定时通知, reminders to many)
)

// Lane returns the lane out is delivered in. Alone says nothing about the
// lane (an emergency answer is Alone too): senders of broadcasts set
// PriorityBroadcast.
func (out Outgoing) Lane() Priority {
	if out.Priority == PriorityDefault {
		return PriorityReply
	}
	return out.Priority
}

// Sender accepts outgoing messages. The outbox implements it; handlers and
// jobs use it. Send returns once the message is durably queued, not sent.
type Sender interface {
	Send(out Outgoing) error
}

// Platform is a chat platform adapter (the console, WeChat, a test fake).
// The engine calls Deliver from the outbox; the adapter hands inbound
// messages to the engine with Engine.Receive (see package bot).
type Platform interface {
	// Deliver sends one message now. It returns ErrRetryLater (possibly
	// wrapped) when the platform asks to slow down or the session is down:
	// the outbox keeps the message and tries again later. Other errors are
	// also retried a few times, then the message is dropped and logged.
	Deliver(out Outgoing) error
	// CanPrivate reports whether user can be messaged privately (is a friend).
	CanPrivate(user string) bool
}

// UserBinder is implemented by a Platform that addresses people by its own
// ids (Message.User): the engine tells it which user a resident key is (the
// key differs from the person's names when two people share a display
// name), so that Deliver and CanPrivate understand Chat{User: key}. BindUser
// is called for every identified message; it must be cheap and safe for
// concurrent use.
type UserBinder interface {
	BindUser(key, user string)
}

// ErrRetryLater is returned by Platform.Deliver when sending must wait: rate
// limited (WeChat Ret 1205) or the session is lost.
var ErrRetryLater = Errorf(EInternal, "发送受限，稍后重试")
