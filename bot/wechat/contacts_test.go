package wechat_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"linli"
	"linli/bot/wechat"
	"linli/bot/wxfake"
)

// A group member and a friend are the same person when their UserName is
// the same in the session: the member gets the friend's 备注 as Contact. A
// nickname or 群昵称 that copies it gets none.
func TestContactIsTheFriendsRemark(t *testing.T) {
	ctx := guard(t)
	srv := wxfake.New(wxfake.Options{
		Groups: []wxfake.Group{{Topic: g1, Members: []wxfake.Member{
			{NickName: "李社工"}, {NickName: "Lily", DisplayName: "小李"}, {NickName: "老赵", DisplayName: "李社工"}}}},
		Friends:     []wxfake.Friend{{NickName: "Lily", RemarkName: "李社工"}, {NickName: "李社工"}, {NickName: "老孙", RemarkName: "孙师傅"}},
		AutoConfirm: true, SyncHold: 300 * time.Millisecond,
	})
	t.Cleanup(srv.Close)
	snap := filepath.Join(t.TempDir(), "contacts.json")
	h := newHarnessWith(t, ctx, srv, filepath.Join(t.TempDir(), "hot.json"), func(o *wechat.Options) {
		o.Roles, o.ContactsFile = []string{"李社工", "王网格", "孙师傅"}, snap
	})
	h.run()
	h.session(true)
	for _, tt := range []struct {
		inject       wxfake.Inbound
		sender, cont string
		userOf       string
	}{
		{wxfake.GroupText{Group: g1, Member: "Lily", Text: "a"}, "小李", "李社工", "Lily"},
		{wxfake.GroupText{Group: g1, Member: "老赵", Text: "b"}, "李社工", "", "老赵"},
		{wxfake.GroupText{Group: g1, Member: "李社工", Text: "c"}, "李社工", "", "李社工"},
		{wxfake.PrivateText{From: "Lily", Text: "d"}, "Lily", "李社工", "Lily"},
		{wxfake.PrivateText{From: "李社工", Text: "e"}, "李社工", "", "李社工"},
	} {
		h.srv.Inject(tt.inject)
		m := h.next()
		if m.Sender != tt.sender || m.Contact != tt.cont || m.User != srv.UserName(tt.userOf) || m.User == "" {
			t.Errorf("%+v: sender %q contact %q user %q; want %q, %q, UserName of %s (%q)",
				tt.inject, m.Sender, m.Contact, m.User, tt.sender, tt.cont, tt.userOf, srv.UserName(tt.userOf))
		}
	}
	// "李社工" privately is the friend with that 备注, not the one who calls
	// himself so; the engine's key for the impostor reaches the impostor.
	h.a.BindUser("李社工(居民)", srv.UserName("李社工"))
	for _, to := range []string{"李社工", "李社工(居民)"} {
		if err := h.a.Deliver(linli.Outgoing{To: linli.Chat{User: to}, Text: "给" + to}); err != nil {
			t.Fatal(err)
		}
	}
	sent := srv.Sent()
	if len(sent) != 2 || sent[0].ToUserName != srv.UserName("Lily") || sent[1].ToUserName != srv.UserName("李社工") {
		t.Errorf("private deliveries went to %+v; want Lily (备注 李社工), then the impostor", sent)
	}
	s, err := wechat.ReadContactsSnapshot(snap)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range s.Roles {
		got = append(got, m.String())
	}
	joined := strings.Join(got, "\n")
	for _, want := range []string{"李社工 → 好友（备注 李社工，昵称 Lily）", "孙师傅 → 好友（备注 孙师傅，昵称 老孙）", "王网格 → 未找到 / 无备注"} {
		if !strings.Contains(joined, want) {
			t.Errorf("roles snapshot lacks %q:\n%s", want, joined)
		}
	}
	if !strings.Contains(h.logs.String(), "工作人员与好友备注核对") {
		t.Errorf("the login log does not list the staff: %s", h.logs.String())
	}
}

// A configured name that a friend only has as nickname is reported as such.
func TestRoleMatchNicknameOnly(t *testing.T) {
	m := wechat.RoleMatch{Name: "李社工", NickOnly: true}
	if s := m.String(); !strings.Contains(s, "未找到 / 无备注") || !strings.Contains(s, "昵称是 李社工") {
		t.Fatalf("%q", s)
	}
}
