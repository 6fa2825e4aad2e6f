package bot_test

import (
	"strings"
	"testing"

	"linli"
)

// Roles come from the verified contact only (Message.Contact), never from a
// display name or a nickname.
func TestRoleOnlyFromVerifiedContact(t *testing.T) {
	const g = "幸福里1期居民群"
	tests := []struct {
		name                          string
		group, display, user, contact string
		text                          string
		want                          string
	}{
		{"display name copies staff, not the contact", g, "李社工", "@impostor", "", "发布活动 讲座",
			"[幸福里1期居民群] @李社工(居民) 「发布活动」是社工使用的命令，居民朋友可以发送「帮助」查看可用功能。"},
		{"friend whose nickname is staff, no 备注", "", "李社工", "@impostor", "", "发布活动 讲座",
			"[私聊 李社工(居民)] 「发布活动」是社工使用的命令，居民朋友可以发送「帮助」查看可用功能。"},
		{"friend with another 备注", "", "李社工", "@impostor", "老张", "发布活动 讲座",
			"[私聊 李社工(居民)] 「发布活动」是社工使用的命令，居民朋友可以发送「帮助」查看可用功能。"},
		{"real staff with any display name in a group", g, "小李", "@staff", "李社工", "发布活动 讲座",
			"[幸福里1期居民群] @李社工 发布活动|讲座"},
		{"real staff privately under another nickname", "", "Lily", "@staff", "李社工", "发布活动 讲座",
			"[私聊 李社工] 发布活动|讲座"},
		{"grid worker display name copied", g, "王网格", "@impostor", "", "受理 3",
			"[幸福里1期居民群] @王网格(居民) 「受理」是网格员使用的命令，居民朋友可以发送「帮助」查看可用功能。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil)
			h.plat.friends["李社工(居民)"] = true
			routes(h.engine.Router())
			got := strings.Join(h.sayAs(tt.group, tt.display, tt.user, tt.contact, tt.text), "\n")
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// An impostor speaking first does not take the staff member's records: the
// real staff, speaking later, is still 李社工.
func TestImpostorFirstDoesNotTakeStaffName(t *testing.T) {
	const g = "幸福里1期居民群"
	h := newHarness(t, nil)
	routes(h.engine.Router())
	h.sayAs(g, "李社工", "@impostor", "", "活动")
	got := h.sayAs(g, "李社工", "@staff", "李社工", "发布活动 讲座")
	if strings.Join(got, "") != "[幸福里1期居民群] @李社工 发布活动|讲座" {
		t.Fatalf("staff after impostor: %q", got)
	}
	r, err := h.store.Resident("李社工(居民)")
	if err != nil || r.User != "@impostor" {
		t.Fatalf("impostor's record = %+v, %v", r, err)
	}
}

// Two people with one display name are two residents; each keeps their
// key, in one group, in two groups, and privately.
func TestSameDisplayNameTwoResidents(t *testing.T) {
	const g1, g2 = "幸福里1期居民群", "幸福里2期居民群"
	h := newHarness(t, nil)
	routes(h.engine.Router())
	steps := []struct{ group, display, user, want string }{
		{g1, "3-502张阿姨", "@a", "[幸福里1期居民群] @3-502张阿姨 报名|1"},
		{g1, "3-502张阿姨", "@b", "[幸福里1期居民群] @3-502张阿姨(2) 报名|1"},
		{g2, "3-502张阿姨", "@c", "[幸福里2期居民群] @3-502张阿姨(3) 报名|1"},
		{g2, "3-502张阿姨", "@a", "[幸福里2期居民群] @3-502张阿姨 报名|1"},
		{g1, "3-502张阿姨", "@b", "[幸福里1期居民群] @3-502张阿姨(2) 报名|1"},
	}
	for i, s := range steps {
		got := strings.Join(h.sayAs(s.group, s.display, s.user, "", "报名 1"), "")
		if got != s.want {
			t.Fatalf("step %d: got %q, want %q", i+1, got, s.want)
		}
	}
	// Private: the person, whatever they are called there.
	h.plat.friends["3-502张阿姨(2)"] = true
	if got := strings.Join(h.sayAs("", "张桂芳", "@b", "", "活动"), ""); got != "[私聊 3-502张阿姨(2)] 活动|" {
		t.Fatalf("private from @b: %q", got)
	}
}

// After a new login everyone has a new platform id: records are rebound by
// their nickname hint, never merged with another person's.
func TestRebindAfterNewSession(t *testing.T) {
	const g = "幸福里1期居民群"
	h := newHarness(t, nil)
	routes(h.engine.Router())
	say := func(user, nick string) string {
		h.seq++
		m := linli.Message{ID: "r" + user + nick + string(rune('a'+h.seq)), Group: g, Sender: "3-502张阿姨", Nickname: nick, User: user, Text: "报名 1"}
		before := len(h.plat.texts())
		if err := h.engine.Handle(t.Context(), m); err != nil {
			t.Fatal(err)
		}
		h.flush()
		return strings.Join(h.plat.texts()[before:], "")
	}
	say("@1a", "张桂芳")
	say("@1b", "张秀英")
	h.engine.NewSession()
	// The second person speaks first after the login: she gets her own record back.
	if got := say("@2b", "张秀英"); got != "[幸福里1期居民群] @3-502张阿姨(2) 报名|1" {
		t.Fatalf("张秀英 after login: %q", got)
	}
	if got := say("@2a", "张桂芳"); got != "[幸福里1期居民群] @3-502张阿姨 报名|1" {
		t.Fatalf("张桂芳 after login: %q", got)
	}
	// A newcomer with the same display name and a new nickname is a third person.
	if got := say("@2c", "别人"); got != "[幸福里1期居民群] @3-502张阿姨(3) 报名|1" {
		t.Fatalf("newcomer: %q", got)
	}
	r, err := h.store.Resident("3-502张阿姨(2)")
	if err != nil || r.User != "@2b" || r.Who != "张秀英" {
		t.Fatalf("rebound record = %+v, %v", r, err)
	}
}

// Two records with the same display name and the same nickname, after a
// new login: which is whose cannot be told, so neither is taken (no
// silent merge); the speaker gets a record of their own.
func TestRebindAmbiguousKeepsApart(t *testing.T) {
	const g = "幸福里1期居民群"
	h := newHarness(t, nil)
	routes(h.engine.Router())
	say := func(id, user string) string {
		m := linli.Message{ID: id, Group: g, Sender: "张阿姨", Nickname: "张姐", User: user, Text: "报名 1"}
		before := len(h.plat.texts())
		if err := h.engine.Handle(t.Context(), m); err != nil {
			t.Fatal(err)
		}
		h.flush()
		return strings.Join(h.plat.texts()[before:], "")
	}
	say("a1", "@1a")
	say("a2", "@1b")
	h.engine.NewSession()
	if got := say("a3", "@2a"); got != "[幸福里1期居民群] @张阿姨(3) 报名|1" {
		t.Fatalf("ambiguous rebinding: %q, want a record of its own", got)
	}
}

// After a new login, someone who writes privately first (under their
// nickname) or under a new 群昵称 is found by the nickname hint.
func TestRebindByHintUnderAnotherName(t *testing.T) {
	h := newHarness(t, nil)
	routes(h.engine.Router())
	h.plat.friends["3-502张阿姨"] = true
	say := func(id, group, display, user string) string {
		m := linli.Message{ID: id, Group: group, Sender: display, Nickname: "张桂芳", User: user, Text: "活动"}
		if display == "张桂芳" {
			m.Nickname = ""
		}
		before := len(h.plat.texts())
		if err := h.engine.Handle(t.Context(), m); err != nil {
			t.Fatal(err)
		}
		h.flush()
		return strings.Join(h.plat.texts()[before:], "")
	}
	say("h1", "幸福里1期居民群", "3-502张阿姨", "@1")
	h.engine.NewSession()
	if got := say("h2", "", "张桂芳", "@2"); got != "[私聊 3-502张阿姨] 活动|" {
		t.Fatalf("private first after a new login: %q", got)
	}
	h.engine.NewSession()
	if got := say("h3", "幸福里1期居民群", "3栋502张桂芳", "@3"); got != "[幸福里1期居民群] @3-502张阿姨 活动|" {
		t.Fatalf("a new 群昵称 after a new login: %q", got)
	}
}

// With the platform's hint (WeChat's AttrStatus), two people with the same
// display name and the same nickname are told apart after a new login.
func TestRebindByPlatformHint(t *testing.T) {
	const g = "幸福里1期居民群"
	h := newHarness(t, nil)
	routes(h.engine.Router())
	say := func(id, user, hint string) string {
		m := linli.Message{ID: id, Group: g, Sender: "张阿姨", Nickname: "张姐", User: user, Hint: hint, Text: "报名 1"}
		before := len(h.plat.texts())
		if err := h.engine.Handle(t.Context(), m); err != nil {
			t.Fatal(err)
		}
		h.flush()
		return strings.Join(h.plat.texts()[before:], "")
	}
	say("p1", "@1a", "1001")
	say("p2", "@1b", "2002")
	h.engine.NewSession()
	if got := say("p3", "@2b", "2002"); got != "[幸福里1期居民群] @张阿姨(2) 报名|1" {
		t.Fatalf("second person after a new login: %q", got)
	}
	if got := say("p4", "@2a", "1001"); got != "[幸福里1期居民群] @张阿姨 报名|1" {
		t.Fatalf("first person after a new login: %q", got)
	}
}
