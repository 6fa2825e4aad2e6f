package wxfake

import (
	"strconv"
	"strings"
	"time"
)

// sentBatch is a batch webwxsync handed out with sync sequence seq.
type sentBatch struct {
	seq int64
	b   batch
}

// Delivery is at least once, as on the real server: a batch handed out by
// webwxsync stays the server's until the client acknowledges it by sending
// a SyncKey at least as new (its next synccheck or webwxsync, which
// openwechat makes only after its message handler has returned for the
// whole batch). Batches never acknowledged are delivered again, with the
// same MsgIds, after the next webwxinit (a login): a client that died while
// handling them loses nothing.

// ackLocked forgets the batches handed out up to sequence seq.
func (s *Server) ackLocked(seq int64) {
	kept := s.unacked[:0]
	for _, u := range s.unacked {
		if u.seq <= seq {
			s.stats.Acked += len(u.b.entries)
			continue
		}
		kept = append(kept, u)
	}
	s.unacked = kept
}

// redeliverLocked puts the unacknowledged batches back in front of the
// queue.
func (s *Server) redeliverLocked() {
	if len(s.unacked) == 0 {
		return
	}
	var again []batch
	for _, u := range s.unacked {
		again = append(again, u.b)
		s.stats.Redelivered += len(u.b.entries)
	}
	s.batches = append(again, s.batches...)
	s.unacked = nil
	s.notify()
}

// syncCheckSeq reads the sequence from synccheck's synckey parameter
// ("1_1005|2_2005" → 5); -1 when there is none.
func syncCheckSeq(key string) int64 {
	for _, kv := range strings.Split(key, "|") {
		k, v, ok := strings.Cut(kv, "_")
		if !ok || k != "1" {
			continue
		}
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			return n - 1000
		}
	}
	return -1
}

// Unacked returns the number of messages handed out and not acknowledged.
func (s *Server) Unacked() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, u := range s.unacked {
		n += len(u.b.entries)
	}
	return n
}

// Outage makes WeChat kick every session for d, on the server's clock:
// logins still go through (webwxinit answers), but synccheck and every
// other call answer code (0 means 1101) until the outage ends, so a client
// that logs in again at once is kicked at once.
func (s *Server) Outage(d time.Duration, code int) {
	if code == 0 {
		code = 1101
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.outageUntil, s.outageCode = s.opts.Clock.Now().Add(d), code
	s.notify()
}

// outageLocked returns the code calls answer during an outage, else 0.
func (s *Server) outageLocked() int {
	if s.outageCode != 0 && s.opts.Clock.Now().Before(s.outageUntil) {
		return s.outageCode
	}
	return 0
}

// FailContacts makes the next n contact list reads (webwxgetcontact)
// answer Ret ret (1205 when 0): the bot cannot know its groups yet.
func (s *Server) FailContacts(n, ret int) {
	if ret == 0 {
		ret = 1205
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.contactFail, s.contactRet = n, ret
}
