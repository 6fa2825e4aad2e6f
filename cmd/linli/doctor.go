package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"linli"
	"linli/bot/wechat"
	"linli/nlu"
	"linli/storage"
)

// doctorCheck is one named check of `linli doctor`. run returns what was
// found (printed after ✓) or why the check failed (printed after ✗).
type doctorCheck struct {
	name string
	run  func() (string, error)
}

// doctorEnv is what the checks share: the flags, and the configuration once
// the 配置 check has loaded it (nil before, or if it failed).
type doctorEnv struct {
	configPath, dictDir, userDict string
	dbPath                        string // --db: this database instead of the configuration's
	cfg                           *linli.Config
	dictsOK                       bool
}

// runDoctor implements `linli doctor`: it runs every check in order, prints
// one line for each and exits 1 if any failed.
func runDoctor(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("doctor", flag.ContinueOnError)
	fs.SetOutput(stderr)
	env := &doctorEnv{}
	fs.StringVar(&env.configPath, "config", "linli.toml", "配置文件")
	fs.StringVar(&env.dictDir, "dict-dir", "", "gojieba 词典目录（默认: $"+nlu.EnvDictDir+"、配置 [nlu] dict_dir，否则使用内置词典）")
	fs.StringVar(&env.userDict, "user-dict", "", "附加的用户词典")
	fs.StringVar(&env.dbPath, "db", "", "检查这个数据库文件（默认: 配置里的 db）")
	if done, code := parseFlags(doctorCmd, fs, args, stdout, stderr); done {
		return code
	}
	failed := 0
	for _, c := range doctorChecks(env) {
		detail, err := c.run()
		if err != nil {
			fmt.Fprintf(stdout, "✗ %s: %v\n", c.name, err)
			failed++
			continue
		}
		fmt.Fprintf(stdout, "✓ %s: %s\n", c.name, detail)
	}
	if failed > 0 {
		fmt.Fprintf(stdout, "%d 项检查未通过\n", failed)
		return 1
	}
	return 0
}

// doctorChecks lists the checks in the order they run. Add new checks
// (database, WeChat login file, …) here; a check may read env.cfg.
func doctorChecks(env *doctorEnv) []doctorCheck {
	return []doctorCheck{
		{"配置", env.checkConfig},
		{"工作人员", env.checkRoles},
		{"数据库", env.checkDatabase},
		{"备份", env.checkBackups},
		{"日志", env.checkLog},
		{"词典", env.checkDicts},
		{"分词", env.checkSegmenter},
	}
}

func (env *doctorEnv) checkConfig() (string, error) {
	if _, err := os.Stat(env.configPath); err != nil {
		return "", fmt.Errorf("找不到配置文件 %s（用 --config 指定）", env.configPath)
	}
	cfg, err := loadConfig(env.configPath)
	if err != nil {
		return "", err
	}
	if env.dbPath != "" {
		cfg.DB = env.dbPath
	}
	env.cfg = cfg
	return fmt.Sprintf("%s（%s，%d 个居民群）", absPath(env.configPath), cfg.Community, len(cfg.Groups)), nil
}

// checkRoles lists each configured staff, worker and supervisor name with
// the WeChat friend whose 备注 matched it at the last login of linli run
// (only a 备注 confers a role), or 未找到 / 无备注. Before any login it says
// so; a name without its friend is a failure: that person has no powers.
func (env *doctorEnv) checkRoles() (string, error) {
	if env.cfg == nil {
		return "", errors.New("跳过：配置不可用")
	}
	names := env.cfg.RoleNames()
	path := contactsFile(env.cfg)
	snap, err := wechat.ReadContactsSnapshot(path)
	if errors.Is(err, os.ErrNotExist) {
		return fmt.Sprintf("%s：尚未登录过微信，登录后在此核对（只有好友备注与配置名字相同的人才有工作人员权限）", strings.Join(names, "、")), nil
	}
	if err != nil {
		return "", fmt.Errorf("读取 %s: %v", path, err)
	}
	found := map[string]wechat.RoleMatch{}
	for _, m := range snap.Roles {
		found[m.Name] = m
	}
	var lines []string
	missing := 0
	for _, n := range names {
		m, ok := found[n]
		if !ok {
			m = wechat.RoleMatch{Name: n} // configured after that login
		}
		if !m.Found {
			missing++
		}
		lines = append(lines, m.String())
	}
	detail := fmt.Sprintf("上次登录（%s）核对：\n    %s", snap.At.In(env.cfg.Location).Format("2006-01-02 15:04"), strings.Join(lines, "\n    "))
	if missing > 0 {
		return "", fmt.Errorf("%d 人没有对应的好友备注，他们没有工作人员权限。%s", missing, detail)
	}
	return detail, nil
}

// checkDatabase opens the configured database (without creating it) and
// counts what it holds. A database held by a running `linli run` is fine.
func (env *doctorEnv) checkDatabase() (string, error) {
	if env.cfg == nil {
		return "", errors.New("跳过：配置不可用")
	}
	path := absPath(env.cfg.DB) // loadConfig made it relative to the configuration file
	if _, err := os.Stat(path); err != nil {
		return path + " 尚不存在，首次运行 linli run 时创建", nil
	}
	switch err := storage.Check(path); {
	case errors.Is(err, storage.ErrLocked):
		return path + " 正被运行中的 linli 使用（运行中无法做一致性检查；每晚的备份写完后会自动校验）", nil
	case errors.Is(err, storage.ErrDamaged):
		return "", refusal(env.cfg, path, err)
	case errors.Is(err, storage.ErrForeign):
		return "", foreignRefusal(err)
	case err != nil:
		return "", err
	}
	db, err := storage.Open(path, storage.WithTimeout(200*time.Millisecond))
	if errors.Is(err, storage.ErrLocked) {
		return path + " 正被运行中的 linli 使用", nil
	}
	if err != nil {
		return "", err
	}
	defer db.Close()
	rs, err := db.Residents()
	if err != nil {
		return "", err
	}
	pending, err := db.PendingOutgoing()
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s（一致性检查通过，版本 %d，%d 位居民，%d 条待发消息）", path, storage.SchemaVersion(), len(rs), len(pending)), nil
}

// checkBackups says where the latest good backup is. Having none is not a
// failure (a new installation), only worth knowing.
func (env *doctorEnv) checkBackups() (string, error) {
	if env.cfg == nil {
		return "", errors.New("跳过：配置不可用")
	}
	path := absPath(env.cfg.DB)
	good, at, ok := latestGoodBackup(env.cfg, path)
	if !ok {
		return fmt.Sprintf("在 %s 中尚无完好的备份（linli run 每晚 03:30 备份到这里，保留 %d 天；用 linli backup --out 手动做的备份放在别处，不在此查找）", absPath(backupDir(env.cfg, path)), env.cfg.Backup.Keep), nil
	}
	return fmt.Sprintf("最近一份完好的备份 %s（%s），保留 %d 天", good, at.In(env.cfg.Location).Format("2006-01-02 15:04"), env.cfg.Backup.Keep), nil
}

// checkLog says where `linli run` logs.
func (env *doctorEnv) checkLog() (string, error) {
	if env.cfg == nil {
		return "", errors.New("跳过：配置不可用")
	}
	if env.cfg.Log.File == "" {
		return "只输出到标准错误（systemd 下在 journalctl -u linli 中）；级别 " + env.cfg.Log.Level, nil
	}
	return fmt.Sprintf("%s（级别 %s，满 %d MB 换新文件，保留 %d 个旧文件）", absPath(env.cfg.Log.File), env.cfg.Log.Level, env.cfg.Log.MaxSizeMB, env.cfg.Log.MaxBackups), nil
}

// absPath is p made absolute, for the lines of doctor: an operator sees
// exactly which files linli uses.
func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// nluOptions applies the usual order: flags, $LINLI_DICT_DIR, config.
func (env *doctorEnv) nluOptions() nlu.Options {
	var c linli.NLUConfig
	if env.cfg != nil {
		c = env.cfg.NLU
	}
	return nluOptions(env.dictDir, env.userDict, c)
}

func (env *doctorEnv) checkDicts() (string, error) {
	opts := env.nluOptions()
	d, err := nlu.FindDicts(opts.DictDir, opts.CacheDir)
	if err != nil {
		return "", err
	}
	var from string
	switch {
	case d.Embedded:
		from = "内置词典，已解压到 " + d.Dir
	case env.dictDir != "":
		from = d.Dir + "（--dict-dir）"
	case os.Getenv(nlu.EnvDictDir) != "":
		from = d.Dir + "（$" + nlu.EnvDictDir + "）"
	default:
		from = d.Dir + "（配置 [nlu] dict_dir）"
	}
	if opts.UserDict != "" {
		if _, err := os.Stat(opts.UserDict); err != nil {
			return "", fmt.Errorf("找不到用户词典 %s", opts.UserDict)
		}
		from += "；用户词典 " + opts.UserDict
	}
	env.dictsOK = true
	return from, nil
}

func (env *doctorEnv) checkSegmenter() (string, error) {
	if !env.dictsOK {
		return "", errors.New("跳过：词典不可用")
	}
	start := time.Now()
	n, err := nlu.New(env.nluOptions())
	if err != nil {
		return "", err
	}
	defer n.Close()
	took := time.Since(start)
	const sample = "东门路灯坏了晚上很黑"
	u := n.Understand(sample)
	if u.Intent != linli.IntentReport {
		return "", errors.New("词典已加载，但「" + sample + "」没有被识别为上报（词典可能不完整）")
	}
	return fmt.Sprintf("加载用时 %v，「%s」→ %s/%s %v", took.Round(time.Millisecond), sample, u.Intent, u.Category, u.Keywords), nil
}
