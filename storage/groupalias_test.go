package storage

import (
	"maps"
	"testing"

	"linli"
)

func TestGroupAliases(t *testing.T) {
	db, _ := newTestDB(t)
	want := func(step string, m map[string]string) {
		t.Helper()
		got, err := db.GroupAliases()
		if err != nil {
			t.Fatal(err)
		}
		if !maps.Equal(got, m) {
			t.Fatalf("%s: aliases = %v, want %v", step, got, m)
		}
	}
	set := func(topic, configured string) {
		t.Helper()
		if err := db.SetGroupAlias(topic, configured); err != nil {
			t.Fatalf("SetGroupAlias(%q, %q): %v", topic, configured, err)
		}
	}
	want("empty database", map[string]string{})

	set("幸福里一期邻居群", "幸福里1期居民群")
	set("工作群（新）", "幸福里工作群")
	want("two bound", map[string]string{"幸福里一期邻居群": "幸福里1期居民群", "工作群（新）": "幸福里工作群"})

	// Renamed again: the new topic replaces the old one.
	set("幸福里一期大家庭", "幸福里1期居民群")
	want("re-bound", map[string]string{"幸福里一期大家庭": "幸福里1期居民群", "工作群（新）": "幸福里工作群"})

	// A topic stands for one group: binding it elsewhere moves it.
	set("幸福里一期大家庭", "幸福里2期居民群")
	want("topic moved", map[string]string{"幸福里一期大家庭": "幸福里2期居民群", "工作群（新）": "幸福里工作群"})

	// The group got its configured name back: the alias goes.
	set("幸福里工作群", "幸福里工作群")
	want("renamed back", map[string]string{"幸福里一期大家庭": "幸福里2期居民群"})

	for _, bad := range [][2]string{{"", "幸福里1期居民群"}, {"某群", ""}} {
		if err := db.SetGroupAlias(bad[0], bad[1]); linli.ErrorCode(err) != linli.EInvalid {
			t.Errorf("SetGroupAlias(%q, %q) = %v, want EInvalid", bad[0], bad[1], err)
		}
	}

	db = reopen(t, db)
	want("after reopen", map[string]string{"幸福里一期大家庭": "幸福里2期居民群"})
}
