package bot_test

import (
	"context"
	"maps"
	"strings"
	"testing"

	"linli"
	"linli/bot"
)

// bindRoutes registers a 绑定群 that binds the message's topic through the
// aliases, as the handler does through linli.GroupAliasStore, and an echo
// that shows the group and topic a message was handled under.
func bindRoutes(h *harness) {
	r := h.engine.Router()
	r.Command(linli.Command{Names: []string{linli.CommandBindGroup}, Role: linli.RoleStaff, Args: linli.ArgsRequired,
		Handler: func(ctx context.Context, req *linli.Request) error {
			if !strings.HasPrefix(req.Args, "幸福里") {
				return linli.ErrNotCommand
			}
			if err := h.aliases.SetGroupAlias(req.Msg.Topic, req.Args); err != nil {
				return err
			}
			return req.Reply("bound " + req.Msg.Group + "|" + req.Msg.Topic)
		}})
	r.Command(linli.Command{Names: []string{"活动"}, Args: linli.ArgsNone,
		Handler: func(ctx context.Context, req *linli.Request) error {
			return req.Reply("活动 " + req.Msg.Group + "|" + req.Msg.Topic)
		}})
	r.Hook(func(ctx context.Context, req *linli.Request) (bool, error) {
		return true, req.Reply("hook " + req.Msg.Norm)
	})
}

func TestRenamedGroupIsBoundByStaff(t *testing.T) {
	const (
		old     = "幸福里1期居民群"
		renamed = "幸福里一期邻居群"
	)
	h := newHarness(t, nil)
	bindRoutes(h)
	steps := []struct {
		name, group, sender, text string
		want                      []string
	}{
		{"served group: topic is the group", old, "张阿姨", "活动", []string{"[幸福里1期居民群] @张阿姨 活动 幸福里1期居民群|幸福里1期居民群"}},
		{"private: no topic", "", "李社工", "活动", []string{"[私聊 李社工] 活动 |"}},
		{"renamed group is ignored", renamed, "张阿姨", "活动", nil},
		{"a resident cannot bind", renamed, "张阿姨", "#绑定群 " + old, nil},
		{"nor a grid worker", renamed, "王网格", "绑定群 " + old, nil},
		{"staff chatter is ignored", renamed, "李社工", "大家好", nil},
		{"staff 绑定群 that is not the command reaches nothing else there", renamed, "李社工", "绑定群的事再说", nil},
		{"while in a served group it goes on to the hooks", old, "李社工", "绑定群的事再说", []string{"[幸福里1期居民群] @李社工 hook 绑定群的事再说"}},
		{"staff bind it", renamed, "李社工", "@邻里通 绑定群 " + old, []string{"[幸福里一期邻居群] @李社工 bound 幸福里一期邻居群|幸福里一期邻居群"}},
		{"then residents are served under the configured name", renamed, "张阿姨", "活动", []string{"[幸福里一期邻居群] @张阿姨 活动 幸福里1期居民群|幸福里一期邻居群"}},
	}
	for _, s := range steps {
		if got := h.say(s.group, s.sender, s.text); strings.Join(got, "\n") != strings.Join(s.want, "\n") {
			t.Fatalf("%s: say(%q, %q)\n got: %q\nwant: %q", s.name, s.group, s.text, got, s.want)
		}
	}
	if r, err := h.store.Resident("张阿姨"); err != nil || r.LastGroup != old {
		t.Errorf("resident = %+v, %v; want last group %s (the configured name)", r, err, old)
	}
	// Replies were addressed to the configured group; only delivery used the topic.
	for _, out := range h.plat.sent[len(h.plat.sent)-1:] {
		if out.To.Group != renamed {
			t.Errorf("delivered to %q, want the topic %q", out.To.Group, renamed)
		}
	}
	if !h.engine.Serves(renamed) || !h.engine.Serves(old) || !h.engine.Serves("幸福里工作群") || h.engine.Serves("别的群") || h.engine.Serves("") {
		t.Error("Serves does not match served, staff and re-bound groups")
	}
	// The binding is in the store: a restart loads it.
	again, err := bot.NewGroupAliases(h.store)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := again.GroupAliases(); !maps.Equal(got, map[string]string{renamed: old}) {
		t.Errorf("reloaded aliases = %v", got)
	}
}

func TestOutboxDeliversQueuedMessagesToTheNewTopic(t *testing.T) {
	h := newHarness(t, nil)
	const g = "幸福里2期居民群"
	if err := h.outbox.Send(linli.Outgoing{To: linli.Chat{Group: g}, Text: "明天停水"}); err != nil {
		t.Fatal(err)
	}
	// The group is re-bound while the notice still waits in the outbox.
	if err := h.aliases.SetGroupAlias("二期新群", g); err != nil {
		t.Fatal(err)
	}
	if err := h.outbox.Send(linli.Outgoing{To: linli.Chat{User: "李社工"}, Text: "私聊不受影响"}); err != nil {
		t.Fatal(err)
	}
	h.flush()
	want := []string{"[二期新群] 明天停水", "[私聊 李社工] 私聊不受影响"}
	if got := h.plat.texts(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("delivered %q, want %q", got, want)
	}
	// Renamed again: the newest topic wins; renamed back: the configured name.
	for _, step := range []struct{ topic, want string }{{"二期大家庭", "[二期大家庭] 又一条"}, {g, "[幸福里2期居民群] 又一条"}} {
		if err := h.aliases.SetGroupAlias(step.topic, g); err != nil {
			t.Fatal(err)
		}
		before := len(h.plat.texts())
		h.outbox.Send(linli.Outgoing{To: linli.Chat{Group: g}, Text: "又一条"})
		h.flush()
		if got := h.plat.texts()[before:]; len(got) != 1 || got[0] != step.want {
			t.Fatalf("after binding %s delivered %q, want %q", step.topic, got, step.want)
		}
	}
	if _, ok := h.aliases.Configured("二期新群"); ok {
		t.Error("the old topic still stands for the group")
	}
}

func TestNilGroupAliasesHaveNone(t *testing.T) {
	var a *bot.GroupAliases
	if _, ok := a.Configured("x"); ok || a.Topic("x") != "x" {
		t.Fatal("a nil GroupAliases aliased something")
	}
	if m, err := a.GroupAliases(); err != nil || len(m) != 0 {
		t.Fatalf("GroupAliases() = %v, %v", m, err)
	}
}
