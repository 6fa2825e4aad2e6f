package bot_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"linli"
	"linli/bot"
	"linli/mock"
	"linli/textnorm"
)

// recorder is a platform that records deliveries with their simulated times.
type recorder struct {
	mu      sync.Mutex
	clock   linli.Clock
	sent    []linli.Outgoing
	at      []time.Time
	friends map[string]bool
	fail    func(out linli.Outgoing) error
}

func (r *recorder) Deliver(out linli.Outgoing) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail != nil {
		if err := r.fail(out); err != nil {
			return err
		}
	}
	r.sent = append(r.sent, out)
	r.at = append(r.at, r.clock.Now())
	return nil
}

func (r *recorder) CanPrivate(u string) bool { return r.friends[u] }

func (r *recorder) texts() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, s := range r.sent {
		out = append(out, "["+s.To.String()+"] "+s.Text)
	}
	return out
}

// harness drives an engine on a simulated clock, like joetest.
type harness struct {
	t       *testing.T
	cfg     *linli.Config
	clock   *linli.SimClock
	store   *mock.Store
	outbox  *bot.Outbox
	engine  *bot.Engine
	aliases *bot.GroupAliases
	plat    *recorder
	seq     int
}

var start = time.Date(2026, 11, 23, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))

func testConfig(t testing.TB) *linli.Config {
	cfg := &linli.Config{
		Community: "幸福里社区", Groups: []string{"幸福里1期居民群", "幸福里2期居民群"}, StaffGroup: "幸福里工作群",
		Staff: []linli.StaffEntry{{Name: "李社工", Role: "staff"}},
		Grids: []linli.Grid{{Name: "第一网格", Buildings: []string{"1栋", "2栋", "3栋"}, Worker: "王网格", Supervisor: "赵主任"}},
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// testWords is the engine's lexicon in these tests: a few yes and thanks
// words (the real lists are nlu's, tested there).
type testWords struct{ linli.Lexicon }

func (testWords) Yes(text string) bool {
	t := strings.Trim(text, "!！。 ")
	return t == "是" || t == "是的" || t == "好的"
}
func (testWords) Emergency(text string) string {
	if strings.Contains(text, "着火") && !strings.Contains(text, "没") {
		return linli.EmergencyFire
	}
	return ""
}
func (testWords) Polite(w string) bool { return w == "麻烦了" || w == "谢谢" }
func (testWords) No(text string) bool  { return text == "不用了" }
func (testWords) Place(text string) (string, int) {
	for _, r := range text {
		if r >= '1' && r <= '9' && strings.Contains(text, string(r)+"栋") {
			return string(r) + "栋", int(r - '0')
		}
	}
	return "", 0
}
func (testWords) Ack(text string) bool {
	return text == "收到" || text == "谢谢" || text == "好的"
}

func newHarness(t testing.TB, understander linli.Understander) *harness {
	cfg := testConfig(t)
	clock := linli.NewSimClock(start)
	store := mock.NewStore()
	ob, err := bot.NewOutbox(store, store, clock, cfg.Outbox, nil)
	if err != nil {
		t.Fatal(err)
	}
	plat := &recorder{clock: clock, friends: map[string]bool{"李社工": true}}
	ob.SetPlatform(plat)
	aliases, err := bot.NewGroupAliases(store)
	if err != nil {
		t.Fatal(err)
	}
	ob.SetGroupAliases(aliases)
	e := bot.New(bot.Options{Config: cfg, Clock: clock, Dedupe: store, Residents: store,
		Outbox: ob, Understander: understander, Lexicon: testWords{}, Normalize: textnorm.Normalize, Aliases: aliases})
	h := &harness{cfg: cfg, clock: clock, store: store, outbox: ob, engine: e, aliases: aliases, plat: plat}
	if tt, ok := t.(*testing.T); ok {
		h.t = tt
	}
	return h
}

// say sends a group message (group "" = private) and returns what the bot
// sent, after letting simulated time pass until the outbox is empty. As in
// the console, sender is the person's nickname, display name and the bot's
// 备注 for them at once: configured names are verified contacts.
func (h *harness) say(group, sender, text string) []string {
	return h.sayAs(group, sender, sender, sender, text)
}

// sayAs sends as a platform does: display name, platform user, and the
// bot's 备注 for the sender ("" when the sender is not such a contact).
func (h *harness) sayAs(group, display, user, contact, text string) []string {
	h.seq++
	before := len(h.plat.texts())
	m := linli.Message{ID: fmt.Sprintf("m%d", h.seq), Group: group, Sender: display, User: user, Contact: contact, Text: text}
	if err := h.engine.Handle(context.Background(), m); err != nil {
		h.t.Fatalf("Handle(%q): %v", text, err)
	}
	h.flush()
	return h.plat.texts()[before:]
}

// flush advances the simulated clock until the outbox is empty.
func (h *harness) flush() {
	for i := 0; i < 10000; i++ {
		due, ok := h.outbox.NextDue()
		if !ok {
			return
		}
		h.clock.Set(due)
		if err := h.outbox.RunDue(h.clock.Now()); err != nil {
			h.t.Fatal(err)
		}
	}
	h.t.Fatal("outbox never emptied")
}
