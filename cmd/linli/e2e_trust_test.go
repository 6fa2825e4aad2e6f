package main

import (
	"strings"
	"testing"

	"linli"
	"linli/bot/wxfake"
)

// startTrustE2E is the e2e community with people who copy names: the real
// 李社工 is the friend with that 备注 whose own nickname is Lily (小李 in the
// group); 老赵 calls himself 李社工 in the residents' group; another friend
// calls himself 李社工 but has no 备注; 假张 copies 张阿姨's 群昵称.
func startTrustE2E(t *testing.T) *e2e {
	return startE2E(t, func(o *wxfake.Options) {
		o.Groups = []wxfake.Group{
			{Topic: e2eGroup, Members: []wxfake.Member{
				{NickName: "张阿姨", DisplayName: "3-502 张阿姨"}, {NickName: "王叔"},
				{NickName: "老赵", DisplayName: "李社工"}, {NickName: "Lily", DisplayName: "小李"},
				{NickName: "假张", DisplayName: "3-502 张阿姨"}}},
			{Topic: "幸福里2期居民群", Members: []wxfake.Member{{NickName: "孙阿姨"}}},
			{Topic: "幸福里工作群", Members: []wxfake.Member{{NickName: "Lily"}}},
		}
		o.Friends = []wxfake.Friend{{NickName: "Lily", RemarkName: "李社工"}, {NickName: "李社工"},
			{NickName: "王网格", RemarkName: "王网格"}, {NickName: "赵主任", RemarkName: "赵主任"}}
	})
}

func (e *e2e) sentSince(n int) string {
	var b []string
	for _, s := range e.srv.Sent()[n:] {
		b = append(b, "["+s.To+"] "+s.Text)
	}
	return strings.Join(b, "\n")
}

func TestWeChatStaffOnlyByRemark(t *testing.T) {
	e := startTrustE2E(t)
	e.flush()

	// 老赵 with 群昵称 李社工 posts a notice to every group: refused, nothing broadcast.
	n := len(e.srv.Sent())
	e.say("老赵", "通知 全部 物业费今天起改为转账到 13912345678")
	e.flush()
	got := e.sentSince(n)
	if strings.Contains(got, "幸福里2期居民群") || strings.Contains(got, "物业费") ||
		!strings.Contains(got, "「通知」是社工使用的命令") {
		t.Fatalf("impostor in the group:\n%s", got)
	}
	if !strings.Contains(got, "@李社工(居民) ") {
		t.Errorf("the refusal should show the impostor is a resident:\n%s", got)
	}

	// A friend whose nickname is 李社工 but who has no 备注: a resident.
	n = len(e.srv.Sent())
	e.srv.Inject(wxfake.PrivateText{From: "李社工", Text: "通知 全部 物业费今天起改为转账"})
	e.waitHandled("通知 全部 物业费今天起改为转账")
	e.flush()
	got = e.sentSince(n)
	if strings.Contains(got, "幸福里2期居民群") || !strings.Contains(got, "「通知」是社工使用的命令") {
		t.Fatalf("friend with the nickname only:\n%s", got)
	}
	for _, s := range e.srv.Sent()[n:] {
		if s.ToUserName == e.srv.UserName("Lily") {
			t.Errorf("the impostor's reply went to the real staff: %+v", s)
		}
	}

	// The real 李社工 (备注), privately under her own nickname: the notice goes out.
	n = len(e.srv.Sent())
	e.srv.Inject(wxfake.PrivateText{From: "Lily", Text: "通知 全部 明天上午9点停水"})
	e.waitHandled("通知 全部 明天上午9点停水")
	e.flush()
	got = e.sentSince(n)
	if !strings.Contains(got, "[幸福里2期居民群] ") || !strings.Contains(got, "[幸福里1期居民群] ") {
		t.Fatalf("real staff privately: no broadcast:\n%s", got)
	}

	// And in the residents' group, under her 群昵称 小李.
	n = len(e.srv.Sent())
	e.say("Lily", "通知 幸福里2期居民群 下午4点恢复供水")
	e.flush()
	got = e.sentSince(n)
	if !strings.Contains(got, "[幸福里2期居民群] ") || !strings.Contains(got, "下午4点恢复供水") {
		t.Fatalf("real staff in the group: no broadcast:\n%s", got)
	}
}

func TestWeChatCopiedDisplayNameCannotActForAnother(t *testing.T) {
	e := startTrustE2E(t)
	e.flush()
	for _, cmd := range []string{"发布活动 健康讲座 时间:11月28日 9:30 地点:社区活动室 名额:30",
		"发起投票 健身器材放哪 选项:东门/北门 截止:11月30日 18:00"} {
		e.srv.Inject(wxfake.PrivateText{From: "Lily", Text: cmd})
		e.waitHandled(cmd)
	}
	e.flush()

	e.say("张阿姨", "报名 1")
	e.say("张阿姨", "投票 1 东门")
	e.say("假张", "报名 1")
	e.say("假张", "取消报名 1")
	e.say("假张", "投票 1 北门")
	e.flush()

	signups, err := e.app.db.Signups(1)
	if err != nil {
		t.Fatal(err)
	}
	var mine []string
	for _, s := range signups {
		mine = append(mine, s.Resident+":"+s.Status)
	}
	if got := strings.Join(mine, ","); !strings.Contains(got, "3-502 张阿姨:"+linli.SignupConfirmed) {
		t.Fatalf("张阿姨's sign-up after the impostor's 取消报名: %s\n%s", got, e.sentSince(0))
	}
	votes, err := e.app.db.Votes(1)
	if err != nil {
		t.Fatal(err)
	}
	voters := map[string][]int{}
	for _, v := range votes {
		voters[v.Voter] = v.Choices
	}
	if c := voters["3-502 张阿姨"]; len(c) != 1 || c[0] != 0 {
		t.Fatalf("张阿姨's ballot = %v (all %v)\n%s", c, voters, e.sentSince(0))
	}
	if len(voters) != 2 {
		t.Fatalf("want two ballots from two people, got %v", voters)
	}
}
