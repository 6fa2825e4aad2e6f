package wxfake

import (
	"os"
	"path/filepath"
	"testing"
)

func TestBuildOptions(t *testing.T) {
	dir := t.TempDir()
	fake := filepath.Join(dir, "fake.toml")
	linliToml := filepath.Join(dir, "linli.toml")
	files := map[string]string{
		fake: "self = \"小助手\"\nfriends = [\"李社工\"]\n[[groups]]\ntopic = \"一号群\"\nmembers = [\"张阿姨|3-502 张阿姨\", \"李社工\"]\n",
		linliToml: "groups = [\"幸福里1期居民群\"]\nstaff_group = \"幸福里工作群\"\n[[staff]]\nname = \"李社工\"\n" +
			"[[grids]]\nname = \"第一网格\"\nbuildings = [\"1栋\"]\nworker = \"王网格\"\n",
	}
	for p, body := range files {
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name            string
		path            string
		groups, friends []string
		wantGroups      []string
		wantFriends     int
		firstMember     Member
	}{
		{"demo", "", nil, nil, []string{"幸福里1期居民群", "幸福里2期居民群", "幸福里工作群"}, 3, Member{"张阿姨1", "3-502 张阿姨"}},
		{"flags", "", []string{"测试群=张三|3-101 张三,李四"}, []string{"李社工"}, []string{"测试群"}, 1, Member{"张三", "3-101 张三"}},
		{"fake toml", fake, nil, nil, []string{"一号群"}, 1, Member{"张阿姨", "3-502 张阿姨"}},
		{"linli toml", linliToml, nil, nil, []string{"幸福里1期居民群", "幸福里工作群"}, 2, Member{"张阿姨1", "3-502 张阿姨"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts, err := buildOptions(tt.path, tt.groups, tt.friends)
			if err != nil {
				t.Fatal(err)
			}
			var topics []string
			for _, g := range opts.Groups {
				topics = append(topics, g.Topic)
			}
			if len(topics) != len(tt.wantGroups) || len(opts.Friends) != tt.wantFriends {
				t.Fatalf("groups %v friends %v", topics, opts.Friends)
			}
			for i := range topics {
				if topics[i] != tt.wantGroups[i] {
					t.Fatalf("groups %v, want %v", topics, tt.wantGroups)
				}
			}
			if m := opts.Groups[0].Members[0]; m != tt.firstMember {
				t.Fatalf("first member %+v, want %+v", m, tt.firstMember)
			}
		})
	}
	if _, err := buildOptions(filepath.Join(dir, "missing.toml"), nil, nil); err == nil {
		t.Fatal("missing config: no error")
	}
}
