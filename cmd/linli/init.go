package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"linli"
)

// initAnswers is what `linli init` asks for.
type initAnswers struct {
	community, timezone, db, staffGroup string
	groups, staff, supervisors          []string
	grids                               []linli.Grid
	sla                                 map[string]string
}

// defaultSLA is the time limit per category that init proposes.
var defaultSLA = map[string]string{"安全隐患": "4h", "环境卫生": "24h", "噪音扰民": "24h", "设施维修": "48h", "停车交通": "48h", "绿化养护": "72h", "其他": "72h", "default": "72h"}

// gridFlags collects repeated --grid values.
type gridFlags []string

func (g *gridFlags) String() string     { return strings.Join(*g, " ") }
func (g *gridFlags) Set(v string) error { *g = append(*g, v); return nil }

// runInit implements `linli init`: it asks for what is not given by flags
// (unless --yes), writes a commented configuration, checks it with the
// same loader `linli run` uses, and refuses to overwrite a file.
func runInit(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("init", flag.ContinueOnError)
	out := fs.String("out", "linli.toml", "写到这个文件")
	community := fs.String("community", "", "社区名称，如 幸福里社区")
	groups := fs.String("groups", "", "居民群的群名，用逗号分开")
	staffGroup := fs.String("staff-group", "", "社工工作群的群名（可不填）")
	staff := fs.String("staff", "", "社工的微信昵称，用逗号分开")
	supervisors := fs.String("supervisor", "", "主任的微信昵称，用逗号分开")
	var grids gridFlags
	fs.Var(&grids, "grid", `一个网格 "名称:楼栋,楼栋:网格员[:主任]"，可重复`)
	sla := fs.String("sla", "", `处理时限，如 "安全隐患=4h,default=72h"（默认: 安全隐患 4h，环境卫生 24h，…，其他 72h）`)
	timezone := fs.String("timezone", "Asia/Shanghai", "时区")
	db := fs.String("db", "linli.db", "数据库文件（相对于配置文件所在目录）")
	yes := fs.Bool("yes", false, "不询问，只用选项（脚本用）")
	force := fs.Bool("force", false, "覆盖已有的文件")
	if done, code := parseFlags(initCmd, fs, args, stdout, stderr); done {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "linli init: 多余的参数 %q（文件名用 --out 指定）\n", strings.Join(fs.Args(), " "))
		return 2
	}
	if _, err := os.Stat(*out); err == nil && !*force {
		fmt.Fprintf(stderr, "linli init: %s 已存在，不会覆盖（要重新生成请加 --force，或用 --out 另写一个文件）\n", absPath(*out))
		return 1
	}
	ans := initAnswers{community: *community, timezone: *timezone, db: *db, staffGroup: *staffGroup,
		groups: splitList(*groups), staff: splitList(*staff), supervisors: splitList(*supervisors)}
	var err error
	for _, g := range grids {
		grid, err := parseGrid(g)
		if err != nil {
			fmt.Fprintln(stderr, "linli init:", err)
			return 2
		}
		ans.grids = append(ans.grids, grid)
	}
	if ans.sla, err = parseSLA(*sla); err != nil {
		fmt.Fprintln(stderr, "linli init:", err)
		return 2
	}
	if err := checkAnswers(&ans); err != nil {
		fmt.Fprintln(stderr, "linli init:", err)
		return 2
	}
	if *yes {
		var missing []string
		if ans.community == "" {
			missing = append(missing, "--community")
		}
		if len(ans.groups) == 0 {
			missing = append(missing, "--groups")
		}
		if len(ans.staff)+len(ans.supervisors) == 0 {
			missing = append(missing, "--staff 或 --supervisor")
		}
		if len(ans.grids) == 0 {
			missing = append(missing, "--grid")
		}
		if len(missing) > 0 {
			fmt.Fprintf(stderr, "linli init: 加了 --yes 就不再询问，请给出 %s（例子见 linli help init）\n", strings.Join(missing, "、"))
			return 2
		}
	} else {
		if err := ask(&ans, *sla == "", bufio.NewReader(stdin), stderr); err != nil {
			fmt.Fprintln(stderr, "linli init:", err)
			return 1
		}
	}
	text := renderConfig(ans)
	if err := writeConfigChecked(*out, text); err != nil {
		fmt.Fprintln(stderr, "linli init:", err)
		return 1
	}
	fmt.Fprintf(stdout, "已写入 %s（已检查无误）。\n下一步: linli doctor --config %s，然后 linli run --config %s\n", absPath(*out), *out, *out)
	return 0
}

// writeConfigChecked writes text to path only if it loads and validates
// as a configuration there (relative paths resolved from path's directory).
func writeConfigChecked(path, text string) error {
	if err := makeOutDir(path); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".linli-init-*.toml")
	if err != nil {
		return fmt.Errorf("无法写入 %s（%s）", path, plainOSError(err))
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(text); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if _, err := loadConfig(tmp.Name()); err != nil {
		// Name the file being made, not the temporary one beside it.
		return fmt.Errorf("生成的配置无效，没有写入: %s", strings.ReplaceAll(err.Error(), tmp.Name(), path))
	}
	if err := os.Chmod(tmp.Name(), 0o640); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// ask fills in what ans lacks, a question at a time on w, answers read from
// r (a terminal or a script). An empty answer takes the default shown.
func ask(ans *initAnswers, askSLA bool, r *bufio.Reader, w io.Writer) error {
	line := func(q, def string) (string, error) {
		if def != "" {
			fmt.Fprintf(w, "%s [%s]: ", q, def)
		} else {
			fmt.Fprintf(w, "%s: ", q)
		}
		s, err := r.ReadString('\n')
		if err != nil && !(errors.Is(err, io.EOF) && s != "") {
			if errors.Is(err, io.EOF) {
				fmt.Fprintln(w)
				return def, errInputEnded
			}
			return "", err
		}
		if s = strings.TrimSpace(s); s == "" {
			return def, nil
		}
		return s, nil
	}
	fmt.Fprintln(w, "生成 linli.toml：逐项回答，直接回车使用 [方括号] 里的默认值。")
	// optional tolerates the end of input (the default is taken).
	optional := func(err error) error {
		if errors.Is(err, errInputEnded) {
			return nil
		}
		return err
	}
	var err error
	// required asks q until check accepts the answer (a reason is shown
	// and the same question asked again), at most maxAsks times: piped
	// empty answers end with an error instead of asking forever.
	required := func(q string, check func(string) error) error {
		for i := 0; i < maxAsks; i++ {
			s, err := line(q, "")
			if err != nil {
				return err
			}
			if s == "" {
				fmt.Fprintln(w, "这一项必须填写")
				continue
			}
			if err := check(s); err != nil {
				fmt.Fprintln(w, err, "——请重新回答")
				continue
			}
			return nil
		}
		return fmt.Errorf("“%s”连续 %d 次没有得到可用的回答，配置没有写入", q, maxAsks)
	}
	if ans.community == "" {
		if err := required("社区名称（如 幸福里社区）", func(s string) error { ans.community = s; return nil }); err != nil {
			return err
		}
	}
	if len(ans.groups) == 0 {
		if err := required("居民群的群名（多个用逗号分开）", func(s string) error {
			g := splitList(s)
			if d := firstDuplicate(g); d != "" {
				return fmt.Errorf("群 %s 写了两次", d)
			}
			ans.groups = g
			return nil
		}); err != nil {
			return err
		}
	}
	if ans.staffGroup == "" {
		if ans.staffGroup, err = line("社工工作群的群名（没有就直接回车）", ""); optional(err) != nil {
			return err
		}
	}
	if len(ans.staff) == 0 && len(ans.supervisors) == 0 {
		if err := required("社工的微信昵称（多个用逗号分开）", func(s string) error {
			staff := splitList(s)
			if err := peopleProblem(staff, ans.supervisors); err != nil {
				return err
			}
			ans.staff = staff
			return nil
		}); err != nil {
			return err
		}
	}
	for i := 0; len(ans.supervisors) == 0; i++ {
		if i == maxAsks {
			return fmt.Errorf("主任的昵称连续 %d 次不可用，配置没有写入", maxAsks)
		}
		s, err := line("主任的微信昵称（多个用逗号分开，没有就回车）", "")
		if optional(err) != nil {
			return err
		}
		sup := splitList(s)
		if perr := peopleProblem(ans.staff, sup); perr != nil {
			fmt.Fprintln(w, perr, "——请重新回答")
			if err != nil {
				return perr
			}
			continue
		}
		ans.supervisors = sup
		break
	}
	if len(ans.grids) == 0 {
		fmt.Fprintln(w, "网格：每行一个，写作 名称:楼栋,楼栋:网格员[:主任]，如 第一网格:1栋,2栋,3栋:王网格:赵主任；空行结束。")
		for {
			s, err := line("网格", "")
			if optional(err) != nil {
				return err
			}
			if s == "" {
				if len(ans.grids) == 0 {
					return errors.New("至少要有一个网格，配置没有写入")
				}
				break
			}
			g, perr := parseGrid(s)
			if perr == nil {
				perr = gridProblem(ans.grids, g)
			}
			if perr != nil {
				fmt.Fprintln(w, perr, "——请重写这一行")
				if err != nil { // the input ended
					return perr
				}
				continue
			}
			ans.grids = append(ans.grids, g)
		}
	}
	if askSLA {
		s, err := line("处理时限（如 安全隐患=4h,default=72h；回车用默认: 安全隐患 4h，环境卫生 24h，设施维修 48h，其他 72h…）", "")
		if optional(err) != nil {
			return err
		}
		if s != "" {
			if ans.sla, err = parseSLA(s); err != nil {
				return err
			}
		}
	}
	return nil
}

// maxAsks is how often init asks one question that gets no usable answer.
const maxAsks = 3

// checkAnswers refuses what the flags give that one question of the wizard
// would not accept: a person twice among staff or both staff and 主任, a
// group twice, a building in two grids.
func checkAnswers(ans *initAnswers) error {
	if d := firstDuplicate(ans.groups); d != "" {
		return fmt.Errorf("群 %s 写了两次", d)
	}
	if err := peopleProblem(ans.staff, ans.supervisors); err != nil {
		return err
	}
	var seen []linli.Grid
	for _, g := range ans.grids {
		if err := gridProblem(seen, g); err != nil {
			return err
		}
		seen = append(seen, g)
	}
	return nil
}

// peopleProblem says why staff and supervisors cannot both stand: a name
// twice in one list, or in both (one person has one role).
func peopleProblem(staff, supervisors []string) error {
	if d := firstDuplicate(staff); d != "" {
		return fmt.Errorf("社工 %s 写了两次", d)
	}
	if d := firstDuplicate(supervisors); d != "" {
		return fmt.Errorf("主任 %s 写了两次", d)
	}
	for _, p := range supervisors {
		if slices.Contains(staff, p) {
			return fmt.Errorf("%s 已是社工，不能同时是主任（一个人只有一个身份）", p)
		}
	}
	return nil
}

// gridProblem says why g cannot join grids: its name or a building taken.
func gridProblem(grids []linli.Grid, g linli.Grid) error {
	if d := firstDuplicate(g.Buildings); d != "" {
		return fmt.Errorf("网格 %s 里 %s 写了两次", g.Name, d)
	}
	for _, o := range grids {
		if o.Name == g.Name {
			return fmt.Errorf("已有名为 %s 的网格", g.Name)
		}
		for _, b := range g.Buildings {
			if slices.Contains(o.Buildings, b) {
				return fmt.Errorf("%s 已属于网格 %s，一栋楼只能在一个网格", b, o.Name)
			}
		}
	}
	return nil
}

// firstDuplicate returns the first name that appears twice in names.
func firstDuplicate(names []string) string {
	for i, n := range names {
		if slices.Contains(names[:i], n) {
			return n
		}
	}
	return ""
}

// errInputEnded is the end of the answers before a required one.
var errInputEnded = errors.New("输入已结束，配置没有写入")

func splitList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// parseGrid reads "名称:楼栋,楼栋:网格员[:主任]".
func parseGrid(s string) (linli.Grid, error) {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ':' || r == '：' })
	if len(parts) < 3 || len(parts) > 4 {
		return linli.Grid{}, fmt.Errorf("网格 %q 的写法不对：应为 名称:楼栋,楼栋:网格员[:主任]，如 第一网格:1栋,2栋:王网格:赵主任", s)
	}
	g := linli.Grid{Name: strings.TrimSpace(parts[0]), Buildings: splitList(parts[1]), Worker: strings.TrimSpace(parts[2])}
	if len(parts) == 4 {
		g.Supervisor = strings.TrimSpace(parts[3])
	}
	if g.Name == "" || len(g.Buildings) == 0 || g.Worker == "" {
		return linli.Grid{}, fmt.Errorf("网格 %q 缺少名称、楼栋或网格员", s)
	}
	return g, nil
}

// parseSLA reads "类别=时长,…"; "" gives defaultSLA.
func parseSLA(s string) (map[string]string, error) {
	out := map[string]string{}
	for k, v := range defaultSLA {
		out[k] = v
	}
	for _, item := range splitList(s) {
		k, v, ok := strings.Cut(item, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok || k == "" || v == "" {
			return nil, fmt.Errorf("处理时限 %q 的写法不对：应为 类别=时长，如 安全隐患=4h", item)
		}
		if _, err := linli.ParseDuration(v); err != nil {
			return nil, fmt.Errorf("处理时限 %s 的时长 %q 无效（如 4h、2d）", k, v)
		}
		out[k] = v
	}
	return out, nil
}
