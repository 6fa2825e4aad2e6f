package main

import (
	"fmt"
	"strconv"
	"strings"

	"linli"
)

// renderConfig writes ans as a commented linli.toml.
func renderConfig(ans initAnswers) string {
	var b strings.Builder
	q := strconv.Quote
	list := func(xs []string) string {
		qs := make([]string, len(xs))
		for i, x := range xs {
			qs[i] = q(x)
		}
		return "[" + strings.Join(qs, ", ") + "]"
	}
	fmt.Fprintf(&b, `# 邻里通 linli 配置（由 linli init 生成）/ linli configuration written by linli init
# 所有键的说明见 linli.example.toml / every key is documented in linli.example.toml
# 检查: linli doctor --config 本文件；启动: linli run --config 本文件

# 社区名称 / community name
community = %s

# 时区 / time zone
timezone = %s

# 数据库文件；相对路径相对于本文件所在目录 / database file, relative to this file's directory
db = %s

# 机器人服务的居民群（群名）/ residents' groups served, by name
groups = %s

# 社工工作群，可为空 / staff group, may be empty
staff_group = %s
`, q(ans.community), q(ans.timezone), q(ans.db), list(ans.groups), q(ans.staffGroup))
	b.WriteString("\n# 社工和主任（微信昵称）/ staff and supervisors by WeChat nickname\n")
	for _, s := range ans.staff {
		fmt.Fprintf(&b, "[[staff]]\nname = %s\nrole = \"staff\"        # 社工 / staff\n\n", q(s))
	}
	for _, s := range ans.supervisors {
		fmt.Fprintf(&b, "[[staff]]\nname = %s\nrole = \"supervisor\"   # 主任 / supervisor\n\n", q(s))
	}
	b.WriteString("# 网格：楼栋、网格员、主任；第一个网格接收位置不明的上报\n# grids: buildings, worker, supervisor; the first gets reports without a place\n")
	for i, g := range ans.grids {
		sup := g.Supervisor
		if sup == "" && len(ans.supervisors) > 0 {
			sup = ans.supervisors[0]
		}
		fmt.Fprintf(&b, "[[grids]]\nname = %s\nbuildings = %s\nworker = %s\n", q(g.Name), list(g.Buildings), q(g.Worker))
		if sup != "" {
			fmt.Fprintf(&b, "supervisor = %s\n", q(sup))
		}
		fmt.Fprintf(&b, "default = %t\n\n", i == 0)
	}
	b.WriteString("# 上报的处理时限，按类别；超时升级给主任 / time to resolve a report, per category\n[sla]\n")
	for _, c := range append(append([]string(nil), linli.Categories...), "default") {
		if v, ok := ans.sla[c]; ok {
			key := q(c)
			if c == "default" {
				key = "default"
			}
			fmt.Fprintf(&b, "%s = %s\n", key, q(v))
		}
	}
	for k, v := range ans.sla { // categories linli does not know: Validate names them
		if k != "default" && !contains(linli.Categories, k) {
			fmt.Fprintf(&b, "%s = %s\n", q(k), q(v))
		}
	}
	return b.String()
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}
