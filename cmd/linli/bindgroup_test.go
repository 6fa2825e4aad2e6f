package main

import (
	"strings"
	"testing"
	"time"

	"linli"
)

// TestBindGroupChatterInAStrangeGroupReachesNothing: the engine lets a
// staff member's 绑定群 through from a group it does not serve; when it
// turns out to be chatter, nothing else (hooks, free-text intents) may act
// on it there.
func TestBindGroupChatterInAStrangeGroupReachesNothing(t *testing.T) {
	const chatter = "绑定群的事先放放 3号楼楼道灯坏了"
	h := newHarness(t, "2026-11-23 09:00", stubNLU{
		chatter: {Intent: linli.IntentReport, Category: "设施维修", Confidence: 1},
	})
	h.say("幸福里一期邻居群/李社工: " + chatter)
	h.advance(time.Minute)
	if got := texts(h.flush()); len(got) != 0 {
		t.Fatalf("chatter in an unknown group was answered: %q", got)
	}
	if rs, err := h.app.db.Reports(nil); err != nil || len(rs) != 0 {
		t.Fatalf("chatter in an unknown group made reports %+v (%v)", rs, err)
	}
	if a, _ := h.app.db.GroupAliases(); len(a) != 0 {
		t.Fatalf("aliases = %v", a)
	}
}

// TestBoundGroupRecordsTheConfiguredName: what residents do in a re-bound
// group is recorded under the configured group (reports, last group), and
// a photo sent there joins the report.
func TestBoundGroupRecordsTheConfiguredName(t *testing.T) {
	h := newHarness(t, "2026-11-23 09:00", nil)
	h.say("幸福里一期邻居群/李社工: #绑定群 幸福里1期居民群")
	h.say("幸福里一期邻居群/3-502 张阿姨: 随手拍 3号楼楼道灯坏了")
	h.say("幸福里一期邻居群/3-502 张阿姨: [图片] testdata/img/trash.png")
	out := h.flush()
	for _, o := range out {
		if o.To.Group != "" && o.To.Group != "幸福里一期邻居群" {
			t.Errorf("message delivered to %q, want the group's current name", o.To.Group)
		}
	}
	r, err := h.app.db.Report(1)
	if err != nil {
		t.Fatalf("no report: %v (sent %q)", err, texts(out))
	}
	if r.Group != "幸福里1期居民群" || len(r.Images) != 1 {
		t.Errorf("report group %q with %d images, want 幸福里1期居民群 with the photo", r.Group, len(r.Images))
	}
	res, err := h.app.db.Resident("3-502 张阿姨")
	if err != nil || res.LastGroup != "幸福里1期居民群" {
		t.Errorf("resident = %+v, %v", res, err)
	}
	if !strings.Contains(strings.Join(texts(out), "\n"), "已绑定：本群即「幸福里1期居民群」") {
		t.Errorf("no binding confirmation in %q", texts(out))
	}
}
