package tell

import (
	"context"
	"slices"
	"strings"
	"testing"

	"linli"
	"linli/mock"
)

// sent records what a Teller sends.
type sent []linli.Outgoing

func (s *sent) Send(o linli.Outgoing) error { *s = append(*s, o); return nil }

func testTeller(t *testing.T) (Teller, *sent, *mock.Store) {
	t.Helper()
	cfg := &linli.Config{Groups: []string{"幸福里1期居民群", "幸福里2期居民群"},
		Staff: []linli.StaffEntry{{Name: "李社工", Role: "staff"}, {Name: "赵主任", Role: "supervisor"}},
		Grids: []linli.Grid{{Name: "第一网格", Worker: "王网格", Supervisor: "赵主任"}}}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	out, db := &sent{}, mock.NewStore()
	return Teller{Config: cfg, Out: out, Residents: db}, out, db
}

func TestPerson(t *testing.T) {
	tl, out, db := testTeller(t)
	tl.Person("张阿姨", "您的随手拍#1已受理", nil, "")
	tl.Person("王网格", "上报#1", nil, "k")
	tl.Person("", "没有网格员的上报", nil, "job")
	want := []linli.Outgoing{
		{To: linli.Chat{User: "张阿姨"}, Text: "您的随手拍#1已受理"},
		{To: linli.Chat{User: "王网格"}, Text: "上报#1", Key: "k", Private: true},
		{To: linli.Chat{User: "李社工"}, Text: "没有网格员的上报", Key: "job:李社工", Private: true},
		{To: linli.Chat{User: "赵主任"}, Text: "没有网格员的上报", Key: "job:赵主任", Private: true},
	}
	if !slices.EqualFunc(*out, want, func(a, b linli.Outgoing) bool {
		return a.To == b.To && a.Text == b.Text && a.Key == b.Key && a.Private == b.Private
	}) {
		t.Errorf("sent %+v\nwant %+v", *out, want)
	}
	if !tl.Reachable("王网格") || tl.Reachable("张阿姨") {
		t.Error("a worker must be reachable privately, a resident never seen in private not")
	}
	db.UpdateResident("张阿姨", func(r *linli.Resident) error { r.Friend = true; return nil })
	if !tl.Reachable("张阿姨") {
		t.Error("a resident who talked to the bot privately is reachable")
	}
}

func TestMentions(t *testing.T) {
	tl, out, _ := testTeller(t)
	var names []string
	for i := range 300 {
		names = append(names, "居民"+strings.Repeat("好", i%5)) // 2 to 6 runes, +2 each
	}
	if err := tl.Mentions(linli.Outgoing{To: linli.Chat{Group: "g"}, Text: "提醒", Key: "r"}, names); err != nil {
		t.Fatal(err)
	}
	var all []string
	for i, o := range *out {
		size := 0
		for _, n := range o.Mention {
			size += len([]rune(n)) + 2
		}
		if size > MentionBudget || o.Text != "提醒" || o.Key != "r:"+string(rune('0'+i)) {
			t.Errorf("message %d: %d runes of mentions, text %q, key %q", i, size, o.Text, o.Key)
		}
		all = append(all, o.Mention...)
	}
	if len(*out) < 2 || !slices.Equal(all, names) {
		t.Errorf("%d messages naming %d people; want several naming all %d in order", len(*out), len(all), len(names))
	}
}

func TestMatchGroup(t *testing.T) {
	groups := []string{"幸福里1期居民群", "幸福里2期居民群", "和平里１期群"}
	for name, want := range map[string]string{
		"幸福里1期居民群": "幸福里1期居民群", "2期": "幸福里2期居民群", "和平里1期群": "和平里１期群",
		"1期": "幸福里1期居民群|和平里１期群", "3期": "",
	} {
		if got := strings.Join(MatchGroup(name, groups), "|"); got != want {
			t.Errorf("MatchGroup(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestGroup(t *testing.T) {
	groups := []string{"幸福里1期居民群", "幸福里2期居民群"}
	ambiguous := func(m []string) string { return "几个群：" + strings.Join(m, "、") }
	if g, err := Group("2期", groups, "没有", ambiguous); err != nil || g != "幸福里2期居民群" {
		t.Errorf("Group(2期) = %q, %v", g, err)
	}
	if _, err := Group("3期", groups, "没有这个群", ambiguous); linli.ErrorMessage(err) != "没有这个群" {
		t.Errorf("Group(3期) error = %v", err)
	}
	if _, err := Group("幸福里", groups, "没有", ambiguous); linli.ErrorMessage(err) != "几个群：幸福里1期居民群、幸福里2期居民群" {
		t.Errorf("Group(幸福里) error = %v", err)
	}
}

// TestPrivately: a command typed in a residents' group answers its sender
// privately (its errors too) when the bot can reach them; an unreachable
// sender is refused with the given line, or answered in place without one.
func TestPrivately(t *testing.T) {
	tl, out, _ := testTeller(t)
	g := linli.Chat{Group: "幸福里1期居民群"}
	cmd := func(ctx context.Context, req *linli.Request) error {
		if req.Args == "bad" {
			return linli.Errorf(linli.EInvalid, "写法不对")
		}
		return req.Out.Send(linli.Outgoing{To: req.Msg.Chat(), Text: "待办3条", Mention: []string{req.Msg.Sender}})
	}
	req := func(sender, args string) *linli.Request {
		return &linli.Request{Msg: &linli.Message{Group: g.Group, Sender: sender}, Out: tl.Out, Args: args}
	}
	if err := tl.Privately(cmd, "请私聊我")(context.Background(), req("王网格", "")); err != nil {
		t.Fatal(err)
	}
	if err := tl.Privately(cmd, "请私聊我")(context.Background(), req("王网格", "bad")); err != nil {
		t.Fatal(err)
	}
	if len(*out) != 2 || (*out)[0].To != (linli.Chat{User: "王网格"}) || (*out)[1].Text != "写法不对" || !(*out)[1].Private {
		t.Fatalf("a reachable worker's answers: %+v, want both privately", *out)
	}
	err := tl.Privately(cmd, "请私聊我")(context.Background(), req("陌生人", ""))
	if linli.ErrorCode(err) != linli.EForbidden || len(*out) != 2 {
		t.Fatalf("unreachable sender: err %v, sent %+v; want the refusal and nothing sent", err, *out)
	}
	if err := tl.Privately(cmd, "")(context.Background(), req("陌生人", "")); err != nil || (*out)[2].To != g {
		t.Fatalf("unreachable sender without a refusal: err %v, sent %+v; want the answer in the group", err, *out)
	}
}
