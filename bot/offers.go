package bot

import (
	"strings"
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
// plain yes. Any other message from the sender in that chat withdraws it.
func (o *offers) take(chat linli.Chat, sender, text string, now time.Time) (string, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	k := offerKey{chat, sender}
	v, ok := o.m[k]
	if !ok {
		return "", false
	}
	delete(o.m, k)
	if now.After(v.until) || !isYes(text) {
		return "", false
	}
	return v.command, true
}

// isYes reports whether text is a plain yes.
func isYes(text string) bool {
	t := strings.Trim(text, " !。.~～!?？,，👍🙏")
	switch t {
	case "是", "是的", "是啊", "对", "对的", "对啊", "好", "好的", "好啊", "好滴", "要", "要的", "需要",
		"嗯", "嗯嗯", "可以", "行", "确认", "确定", "没错", "ok", "OK", "Ok", "登记吧", "报吧", "麻烦了", "麻烦你了":
		return true
	}
	return false
}
