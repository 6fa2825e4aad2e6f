package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"linli"
	"linli/storage"

	"github.com/rogpeppe/go-internal/diff"
)

// exportScript fills a database with one of everything the exports show:
// activities open, cancelled and recurring; sign-ups confirmed, waitlisted,
// cancelled, by 接龙, checked in and walk-in; reports submitted, accepted,
// resolved and rated, rejected, a duplicate; polls anonymous and ruled,
// open and closed; residents bound and not; points by a rule and by staff,
// a redemption cancelled and one confirmed; a survey answered.
const exportScript = `
李社工: 发布活动 健康讲座 时间:11月25日 9:30 地点:社区活动室 名额:3
李社工: 发布活动 太极拳 时间:11月28日 7:30 地点:中心广场 名额:2 截止:11月27日 20:00 群:1期 每周六 重复
李社工: 发布活动 手工课 时间:11月29日 14:00-16:00 地点:活动室 名额:10 备注:请自带剪刀
幸福里1期居民群/3-502 张阿姨: 报名 1 +1
幸福里1期居民群/王叔: 报名 1
幸福里2期居民群/李四: 报名 1
幸福里1期居民群/赵叔: #接龙
  健康讲座
  1. 张阿姨 +1
  2. 王叔
  3. 李四
  4. 7-301 赵叔
幸福里1期居民群/王叔: 报名 2
幸福里2期居民群/李四: 报名 3
!clock +1m
幸福里1期居民群/王叔: 取消报名 1
李社工: 取消活动 3
幸福里1期居民群/3-502 张阿姨: 绑定 3栋502
幸福里1期居民群/3-502 张阿姨: 随手拍 3号楼门口垃圾堆了好几天，很臭
!clock +30m
幸福里1期居民群/3-101 王叔: #随手拍 3栋门口的垃圾好几天没人收了
幸福里2期居民群/5-201 刘阿姨: 随手拍 5栋电梯按钮坏了
幸福里1期居民群/孙大爷: 随手拍 2栋楼道灯不亮
!clock +1m
王网格: 受理 1
!clock +1h
王网格: 办结 1 已清运，并提醒保洁每天巡查
王网格: 退回 4 经核实是2栋301自家接的电线，不属公共设施
!clock +1m
幸福里1期居民群/3-502 张阿姨: 评价 1 5 修得真快
李社工: 发起投票 物业满意度 选项:满意/一般/不满意 匿名 一户一票 截止:11月24日 18:00
李社工: 发起投票 活动时间 选项:同意/反对 规则:过半 截止:11月30日 18:00
李社工: 发起投票 兴趣班 选项:书法/太极/合唱 多选2 截止:11月24日 12:00
李社工: 发起投票 加装电梯 选项:同意/反对 规则:过半 截止:11月24日 12:00
!clock +1m
幸福里1期居民群/3-502 张阿姨: 投票 1 不满意
幸福里1期居民群/7-301 王叔: 投票 1 满意
幸福里1期居民群/7-301 王叔: 投票 2 同意
幸福里1期居民群/3-502 张阿姨: 投票 2 反对
幸福里2期居民群/李四: 投票 3 书法 合唱
幸福里2期居民群/李四: 投票 4 同意
!clock 2026-11-24 12:01
李社工: 反馈 3 书法班下周一开课
!clock 2026-11-24 18:01
!clock 2026-11-25 09:20
幸福里1期居民群/3-502 张阿姨: 签到 1
李社工: 签到 1 7-301赵叔
李社工: 加积分 3-502 张阿姨 10 帮忙布置会场
李社工: 上架 环保袋 积分:5 数量:3 说明:服务站领取
幸福里1期居民群/3-502 张阿姨: 兑换 1
李社工: 取消兑换 1 今天没货
幸福里1期居民群/3-502 张阿姨: 兑换 1
李社工: 确认兑换 2
李社工: 发起问卷 社区需求调研 截止:11月30日 18:00
  1. 您最希望社区开展哪类活动？ 健康讲座/文艺演出/亲子活动 多选
  2. 您对社区服务满意吗？ 满意/一般/不满意
  3. 您还有什么建议？ 填空
幸福里1期居民群/3-502 张阿姨: 问卷1 AC 满意 希望多办讲座
!clock +1m
`

// The database of exportScript, built once for the package's tests.
var fixture struct {
	once sync.Once
	data []byte
	err  error
}

// exportFixture returns a copy of the database of exportScript, where one
// resident has a phone number (which no command sets yet).
func exportFixture(t *testing.T) string {
	t.Helper()
	fixture.once.Do(func() {
		dir, err := os.MkdirTemp("", "linli-export-")
		if err != nil {
			fixture.err = err
			return
		}
		defer os.RemoveAll(dir)
		db := filepath.Join(dir, "linli.db")
		consoleScript(t, db, exportScript)
		s, err := storage.Open(db)
		if err != nil {
			fixture.err = err
			return
		}
		_, fixture.err = s.UpdateResident("王叔", func(r *linli.Resident) error { r.Phone = "13800001111"; return nil })
		s.Close()
		if fixture.err == nil {
			fixture.data, fixture.err = os.ReadFile(db)
		}
	})
	if fixture.err != nil {
		t.Fatal(fixture.err)
	}
	db := filepath.Join(t.TempDir(), "linli.db")
	if err := os.WriteFile(db, fixture.data, 0o600); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestExportJSONUnchanged: the json of every kind is byte for byte what
// the code before the human-readable exports wrote (testdata/export/*.json,
// written by that code on exportScript): field names, order, values, null
// for a missing time, the English status words. It is the DESIGN.md
// contract; change a file here only when the contract changes.
func TestExportJSONUnchanged(t *testing.T) {
	db := exportFixture(t)
	for _, kind := range linli.ExportKinds {
		t.Run(kind, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run([]string{"export", kind, "--db", db}, nil, &stdout, &stderr); code != 0 {
				t.Fatalf("export %s exited %d: %s", kind, code, stderr.String())
			}
			want, err := os.ReadFile(filepath.Join("testdata", "export", kind+".json"))
			if err != nil {
				t.Fatal(err)
			}
			got := stdout.Bytes()
			if kind == "votes" {
				// The ballots of an anonymous poll are stored under a keyed
				// hash, so their order is not their voting order (and not
				// the same in two databases): compare the lines as a set.
				got, want = sortedLines(got), sortedLines(want)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("json of %s changed:\n%s", kind, diff.Diff("want", want, "got", got))
			}
		})
	}
}

// sortedLines sorts the lines of a json array export, dropping the commas
// that end them.
func sortedLines(b []byte) []byte {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, ",")
	}
	slices.Sort(lines)
	return []byte(strings.Join(lines, "\n"))
}
