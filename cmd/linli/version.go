package main

import (
	"runtime/debug"
	"strings"
)

// version, when set at build time with -ldflags "-X main.version=…", wins
// over what the build recorded.
var version = ""

// buildVersion says which build this is: the -ldflags version, else the
// module version (`go install linli/cmd/linli@v1.2.3`), else the VCS
// revision and commit time Go stamps into a binary built inside a git
// checkout (with "+修改" when the tree had uncommitted changes), else
// "开发版" (go run, go test).
func buildVersion() string {
	info, ok := debug.ReadBuildInfo()
	return versionOf(version, info, ok)
}

func versionOf(ldflags string, info *debug.BuildInfo, ok bool) string {
	if ldflags != "" {
		return ldflags
	}
	if !ok || info == nil {
		return "开发版"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, at string
	dirty := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "开发版"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	var b strings.Builder
	b.WriteString(rev)
	if dirty {
		b.WriteString("+修改")
	}
	if at != "" {
		b.WriteString("（" + at + "）")
	}
	return b.String()
}
