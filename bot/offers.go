package bot

import (
	"sync"
	"time"

	"linli"
)

// OfferTTL is how long a suggested command waits for a "yes".
const OfferTTL = 10 * time.Minute

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
}

func (o *offers) put(chat linli.Chat, sender, command string, now time.Time) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.m == nil {
		o.m = map[offerKey]offer{}
	}
	for k, v := range o.m { // keep the map small
		if now.After(v.until) {
			delete(o.m, k)
		}
	}
	o.m[offerKey{chat, sender}] = offer{command: command, until: now.Add(OfferTTL)}
}

// take returns and forgets the live offer to sender in chat, if text is a
// plain yes (lex.Yes). Any other message from the sender in that chat
// withdraws it.
func (o *offers) take(chat linli.Chat, sender, text string, now time.Time, lex linli.Lexicon) (string, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	k := offerKey{chat, sender}
	v, ok := o.m[k]
	if !ok {
		return "", false
	}
	delete(o.m, k)
	if now.After(v.until) || !lex.Yes(text) {
		return "", false
	}
	return v.command, true
}
