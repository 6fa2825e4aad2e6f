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
	// withdrawn: the sender has since refused it, sent a command of their
	// own, or (a fixed command) said something else. It is kept so that a
	// later yes is told the question was withdrawn instead of silence.
	withdrawn bool
}

// offerMoreLines bounds the lines added to an offered command's words.
const offerMoreLines = 5

// offerState is what a message does to the offer made to its sender.
type offerState int

const (
	offerNone      offerState = iota // no offer, or the message is not a plain yes
	offerTaken                       // a yes within OfferTTL: handle the command
	offerExpired                     // a yes after OfferTTL: tell the sender to send the command again
	offerWithdrawn                   // a yes to a withdrawn offer: tell the sender to send the command again
	offerRefused                     // a no: the offer is withdrawn, nothing to answer
)

// yes reports whether text accepts the bot's question: the lexicon's yes,
// or a yes followed, after a comma or a space, by a politeness or another
// yes ("是的，麻烦了", "好的 谢谢").
func yes(lex linli.Lexicon, text string) bool {
	if lex.Yes(text) {
		return true
	}
	i := strings.IndexAny(text, "，, ")
	if i <= 0 {
		return false
	}
	head, tail := text[:i], strings.TrimLeft(text[i:], "，, ")
	return lex.Yes(head) && tail != "" && (lex.Polite(strings.Trim(tail, "!。.~～！")) || lex.Yes(tail))
}

// refusal reports whether text is a plain no (the lexicon's No).
func refusal(lex linli.Lexicon, text string) bool {
	return lex.No(text)
}

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

// take returns and forgets the offer to sender in chat, if text is a yes
// (yes): offerTaken while it is live, offerExpired within offerMemory
// after, offerWithdrawn when it was withdrawn. A no (refusal) withdraws it
// (offerRefused). Any other message withdraws an offer, except one that
// ends in the sender's words (an offered 随手拍): older residents write one
// thing over several lines ("9栋门口路灯坏了好几天了", "晚上黑乎乎的",
// "是"), and the yes answers the question all the same (the engine adds
// the lines of chatter to it, extend). That one is withdrawn by a no, a new
// offer (put) or a command (drop). A question whose yes is a fixed command
// (报名 1, 投票 1 同意) is withdrawn by anything said after it: a second
// line may change what the yes would mean ("我和老伴一起"), or be the
// answer itself; it is forgotten. An offer withdrawn by a no or a command
// is remembered like an expired one, so that a later yes is answered.
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
	if !yes(lex, text) {
		if v.withdrawn {
			return "", offerNone
		}
		if refusal(lex, text) && !now.After(v.until) {
			v.withdrawn = true
			o.m[k] = v
			return v.command, offerRefused
		}
		if !v.words {
			// The line may be the answer itself ("#还没修好" to "没修好 1？"):
			// forgotten, not remembered as withdrawn.
			delete(o.m, k)
		}
		return "", offerNone
	}
	delete(o.m, k)
	switch {
	case v.withdrawn:
		return v.command, offerWithdrawn
	case now.After(v.until):
		return v.command, offerExpired
	case len(v.more) > 0:
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
	if !ok || !v.words || v.withdrawn || now.After(v.until) || len(v.more) >= offerMoreLines {
		return
	}
	v.more = append(v.more, line)
	o.m[k] = v
}

// drop withdraws the offer to sender in chat: the sender has since sent a
// command of their own, so a later yes is told to send the command again.
func (o *offers) drop(chat linli.Chat, sender string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	k := offerKey{chat, sender}
	if v, ok := o.m[k]; ok {
		v.withdrawn = true
		o.m[k] = v
	}
}

// offered returns the words of the live offer to sender in chat that ends
// in their words, "" when there is none.
func (o *offers) offered(chat linli.Chat, sender string, now time.Time) string {
	o.mu.Lock()
	defer o.mu.Unlock()
	v, ok := o.m[offerKey{chat, sender}]
	if !ok || !v.words || v.withdrawn || now.After(v.until) {
		return ""
	}
	return v.command
}

// othersLive reports whether someone other than sender has a live offer in
// chat: a "是啊太黑了" then agrees with a neighbour, it reports nothing.
func (o *offers) othersLive(chat linli.Chat, sender string, now time.Time) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	for k, v := range o.m {
		if k.chat == chat && k.sender != sender && !v.withdrawn && !now.After(v.until) {
			return true
		}
	}
	return false
}
