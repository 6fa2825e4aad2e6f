package bot

import (
	"strings"
	"sync"
	"time"

	"linli"
)

// OfferTTL is how long a suggested command waits for a "yes"
// (linli.OfferTTL: the families name it in their questions).
const OfferTTL = linli.OfferTTL

// offerMemory is how long after an offer expires a late "yes" is still
// recognised as answering it (and told so) rather than taken for chatter.
const offerMemory = time.Hour

// offers remembers the command the bot last suggested to each person in
// each chat (Request.Offer), so that a plain "是" can accept it. In memory
// only: a restart forgets open questions, which costs at most a retype.
type offers struct {
	mu sync.Mutex
	m  map[offerKey]offer
}

type offerKey struct {
	chat   linli.Chat
	sender string
}

type offer struct {
	command string
	until   time.Time
	words   bool     // the command ends in the sender's words (Request.OfferWords)
	more    []string // lines the sender added since, continuing them
}

// offerMoreLines bounds the lines added to an offered command's words.
const offerMoreLines = 5

// offerState is what a message does to the offer made to its sender.
type offerState int

const (
	offerNone    offerState = iota // no offer, or the message is not a plain yes
	offerTaken                     // a yes within OfferTTL: handle the command
	offerExpired                   // a yes after OfferTTL: tell the sender to send the command again
)

func (o *offers) put(chat linli.Chat, sender, command string, words bool, now time.Time) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.m == nil {
		o.m = map[offerKey]offer{}
	}
	for k, v := range o.m { // keep the map small
		if now.After(v.until.Add(offerMemory)) {
			delete(o.m, k)
		}
	}
	o.m[offerKey{chat, sender}] = offer{command: command, until: now.Add(OfferTTL), words: words}
}

// take returns and forgets the offer to sender in chat, if text is a plain
// yes (lex.Yes): offerTaken while it is live, offerExpired within
// offerMemory after. Any other message withdraws an offer, except one that
// ends in the sender's words (an offered 随手拍): older residents write one
// thing over several lines ("9栋门口路灯坏了好几天了", "晚上黑乎乎的",
// "是"), and the yes answers the question all the same (the engine adds
// the lines of chatter to it, extend). That one is withdrawn by a new
// offer (put) or a command (drop). A question whose yes is a fixed command
// (报名 1, 投票 1 同意) is withdrawn by anything said after it: a second
// line may change what the yes would mean ("我和老伴一起").
func (o *offers) take(chat linli.Chat, sender, text string, now time.Time, lex linli.Lexicon) (string, offerState) {
	o.mu.Lock()
	defer o.mu.Unlock()
	k := offerKey{chat, sender}
	v, ok := o.m[k]
	if !ok {
		return "", offerNone
	}
	if now.After(v.until.Add(offerMemory)) {
		delete(o.m, k)
		return "", offerNone
	}
	if !lex.Yes(text) {
		if !v.words {
			delete(o.m, k)
		}
		return "", offerNone
	}
	delete(o.m, k)
	if now.After(v.until) {
		return v.command, offerExpired
	}
	if len(v.more) > 0 {
		return v.command + " " + strings.Join(v.more, " "), offerTaken
	}
	return v.command, offerTaken
}

// extend adds line, a message of chatter from sender in chat, to the words
// of the live offer made to them, when it ends in their words.
func (o *offers) extend(chat linli.Chat, sender, line string, now time.Time) {
	o.mu.Lock()
	defer o.mu.Unlock()
	k := offerKey{chat, sender}
	v, ok := o.m[k]
	if !ok || !v.words || now.After(v.until) || len(v.more) >= offerMoreLines {
		return
	}
	v.more = append(v.more, line)
	o.m[k] = v
}

// drop forgets the offer to sender in chat: the sender has since sent a
// command of their own, so a later yes answers something else.
func (o *offers) drop(chat linli.Chat, sender string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	delete(o.m, offerKey{chat, sender})
}
