package main

import (
	"fmt"
	"io"
	"strings"

	"linli"
)

// The subcommands' help, in Chinese, with examples. `linli help NAME` and
// `linli NAME --help` print the same text.
var (
	consoleCmd = subcommand{
		name:  "console",
		usage: `linli console [--config FILE] [--db FILE] [--clock "2026-11-23 09:00"] [--files DIR]`,
		about: `在终端里模拟社区的居民群。在终端中交互使用（可用方向键编辑、上下键翻历史，Ctrl-D 或 Ctrl-C 退出）；
从管道读入时按脚本执行，输出每次相同。

时钟: 交互使用时模拟时钟跟着真实时间走（定时通知、提醒会按时出现）；加 --clock 则固定在
给定时间，只在输入 !clock 时前进。脚本（管道）不加 --clock 时从 ` + defaultScriptClock + ` 开始。

输入行:
  群名/昵称: 文本          昵称在群里说话（群和成员第一次出现时自动加入）
  群名/群昵称|微信昵称: 文本
                           群昵称与微信昵称不同的成员；一个人以微信昵称区分，
                           配置里的工作人员是微信昵称等于配置名字的人（微信上是好友备注）
  昵称: 文本               昵称私聊机器人
  群名/昵称: [图片] PATH   发送图片
  !clock +90m | +2d | 2026-11-29 08:00
                           把模拟时钟往前拨，期间到期的事依次发生
  // 注释                   空行和注释忽略
  (缩进的行)               脚本中紧跟在消息后、以空格缩进的行是该消息的后续行（如接龙）

输出: 机器人发出的每条消息，群消息为「[群名] 文本」，私聊为「[私聊 昵称] 文本」，
多行消息的后续行缩进两个空格。机器人发出的文件（如 xlsx 导出）保存在 --files 目录。`,
		examples: []string{
			"linli console",
			`printf '幸福里1期居民群/3-502 张阿姨: 帮助\n' | linli console`,
			`linli console --config linli.toml --db 试用.db --clock "2026-11-23 09:00"`,
		},
		extra: demoDescription,
	}
	runCmd = subcommand{
		name:  "run",
		usage: "linli run [--config linli.toml] [--wechat-server URL] [--desktop] [--log-level info]",
		about: `用一个微信个人号服务配置中的居民群：终端显示登录二维码（同时保存为 PNG），
扫码登录后开始工作；下次启动优先用保存的登录信息免扫码。Ctrl-C 安全退出，
未发出的消息保存在数据库中，下次启动继续发送。运行时 linli export / linli backup
通过控制套接字（数据库旁的 .sock 文件，仅本用户可用）向本进程取数据。

账号风险: 自 2025 年起，使用网页微信协议的个人号有被限制登录或封号的情况。
linli 像人一样发消息（每个群至少间隔 per_chat_interval，总速度不超过 per_minute，
短消息合并发送），但风险无法完全消除：请使用专门的社区工作号，不要用个人主力号。
  1203 “此微信号不能登录网页微信”: 该号不能用网页协议，可试 --desktop；仍不行就换号。
  1100/1101/1102 已退出或被踢下线: linli 会先尝试免扫码重新登录，失败则重新显示二维码，
                 恢复后告知社工；期间消息暂存不丢。
  1205 操作太频繁: linli 自动放慢并稍后重发。
  无法连接微信服务器: 检查网络；linli 按原来的节奏自动重试。

不用真实账号试用: 另开终端运行 linli wxfake --config linli.toml，然后
  linli run --config linli.toml --wechat-server http://127.0.0.1:端口`,
		examples: []string{
			"linli run --config /srv/linli/linli.toml",
			"linli run --config linli.toml --log-level debug",
		},
	}
	exportCmd = subcommand{
		name:  "export",
		usage: "linli export KIND [--config FILE | --db FILE] [--format json|csv|xlsx] [--out FILE]",
		about: "导出记录。KIND: " + strings.Join(linli.ExportKinds, " ") + `
json 给程序用；csv、xlsx 给人看（中文表头、本地时间）。电话号码只出现在 xlsx 中。
linli run 运行时也可导出（通过控制套接字向运行中的进程取数据）。`,
		examples: []string{
			"linli export signups --config linli.toml --format xlsx --out 报名.xlsx",
			"linli export reports --db linli.db --format csv > 上报.csv",
		},
	}
	backupCmd = subcommand{
		name:  "backup",
		usage: "linli backup --out FILE [--config FILE | --db FILE]",
		about: `备份数据库：写出一致的副本并校验后才保留，照片复制到 FILE.media/。
linli run 运行时也可备份（通过控制套接字由运行中的进程写出）；没有进程运行时直接读文件。
找不到数据库时不会“备份”出一个空库；输出目录不存在时自动创建。`,
		examples: []string{
			"linli backup --config linli.toml --out 备份/linli-今天.db",
			"linli backup --db /srv/linli/linli.db --out /mnt/usb/linli.db",
		},
	}
	importCmd = subcommand{
		name:  "import",
		usage: "linli import households FILE [--config FILE | --db FILE]",
		about: `导入业主名册（xlsx 或 csv；表头：户号、业主姓名、建筑面积㎡，可选 手机），替换之前导入的名册。
每一行都先检查：没有户号、户号重复、面积不是数字……有一处问题就什么都不导入，并指出是哪一行。
导入后「绑定」要与名册核对，一户一票和双三分之二投票只计核实过的户；名册中的手机号只出现在社工的「导出 名册」里。`,
		examples: []string{
			"linli import households 业主名册.xlsx --config linli.toml",
			"linli import households 名册.csv --db linli.db",
		},
	}
	nluCmd = subcommand{
		name:  "nlu",
		usage: "linli nlu [--dict-dir DIR] [--user-dict FILE] < 文本",
		about: `从标准输入逐行读取居民的话，每行输出一个 JSON: {"text","intent","category","keywords"}`,
		examples: []string{
			`echo '3号楼门口垃圾堆了好几天' | linli nlu`,
		},
	}
	doctorCmd = subcommand{
		name:  "doctor",
		usage: "linli doctor [--config FILE] [--db FILE] [--dict-dir DIR] [--user-dict FILE]",
		about: "检查配置、词典和数据库，并列出所用文件的绝对路径；有问题时退出码为 1。",
		examples: []string{
			"linli doctor --config /srv/linli/linli.toml",
		},
	}
	initCmd = subcommand{
		name:  "init",
		usage: "linli init [--out linli.toml] [--community 名称 --groups 群1,群2 …] [--yes]",
		about: `生成带注释的配置文件 linli.toml：在终端里逐项询问（社区名、居民群、工作群、社工、网格与楼栋、处理时限），
也可全部用选项给出（脚本用，加 --yes 不再询问）。写出前会检查配置是否有效；已有文件不会被覆盖（除非 --force）。`,
		examples: []string{
			"linli init",
			`linli init --yes --community 幸福里社区 --groups 幸福里1期居民群,幸福里2期居民群 --staff-group 幸福里工作群 --staff 李社工 --supervisor 赵主任 --grid "第一网格:1栋,2栋:王网格"`,
		},
	}
	wxfakeCmd = subcommand{
		name:  "wxfake",
		usage: "linli wxfake [--config linli.toml] [--addr 127.0.0.1:0] [--group 群名=昵称,…] [--friend 昵称]",
		about: `本地模拟微信服务器，用于不登录真实账号试用 linli run。不带 --config 和 --group 时使用演示社区。
选项:
  --addr 地址            监听地址（默认: 127.0.0.1:0，即随机端口）
  --config FILE          读取其中的群、好友（可以直接用 linli.toml）
  --self 昵称            机器人账号的昵称（默认: 邻里通）
  --group 群名=昵称,…    一个群及其成员，可重复；成员写作 昵称 或 微信昵称|群昵称
  --friend 昵称          一个好友，可重复
  --manual-confirm       扫码后等待 /_fake/confirm 才登录（默认立即登录）
  --sync-hold 时长       空闲时同步请求保持的时间（默认: 25s）`,
		examples: []string{
			"linli wxfake --config linli.toml",
			"linli run --config linli.toml --wechat-server http://127.0.0.1:端口",
		},
	}
	versionCmd = subcommand{
		name:     "version",
		usage:    "linli version",
		about:    "显示版本（构建时记录的模块版本，或 git 提交和时间）。",
		examples: []string{"linli version"},
	}
	// benchCmd is `linli bench` (the storage branch's benchmark tool): it
	// prints its own help (linli help bench runs `linli bench --help`);
	// here it is only listed.
	benchCmd = subcommand{name: "bench", usage: "linli bench seed|run [选项]"}
)

// subcommands lists them in the order `linli help` shows them.
var subcommands = []struct {
	cmd     *subcommand
	summary string
}{
	{&consoleCmd, "在终端里模拟居民群（不带 --config 时使用内置演示社区）"},
	{&initCmd, "生成配置文件 linli.toml（向导）"},
	{&runCmd, "连接微信，服务配置中的群"},
	{&exportCmd, "导出记录（json、csv、xlsx）"},
	{&backupCmd, "备份数据库（运行中也可以）"},
	{&importCmd, "导入业主名册（linli import households FILE）"},
	{&doctorCmd, "检查配置、词典和数据库"},
	{&nluCmd, "从标准输入逐行理解居民的话，输出 JSON"},
	{&wxfakeCmd, "本地模拟微信服务器，不登录真实账号试用 linli run"},
	{&benchCmd, "性能测试（生成测试数据库、测量命令耗时）"},
	{&versionCmd, "显示版本"},
}

func usage(w io.Writer) {
	fmt.Fprint(w, "邻里通 linli — 社区居民群机器人\n\n用法: linli 子命令 [选项]\n\n子命令:\n")
	for _, s := range subcommands {
		fmt.Fprintf(w, "  %-9s %s\n", s.cmd.name, s.summary)
	}
	fmt.Fprint(w, `
查看某个子命令的说明: linli help 子命令（或 linli 子命令 --help）

例:
  linli console                         试用内置演示社区
  linli init                            生成 linli.toml
  linli run --config linli.toml         连接微信开始服务
`)
}

// runHelp implements `linli help [NAME]`.
func runHelp(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stdout)
		return 0
	}
	name := args[0]
	if name == "help" {
		usage(stdout)
		return 0
	}
	for _, s := range subcommands {
		if s.cmd.name == name {
			return run([]string{name, "--help"}, strings.NewReader(""), stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "linli help: 没有子命令 %q（可用: %s）\n", name, subcommandNames())
	return 2
}

func subcommandNames() string {
	var names []string
	for _, s := range subcommands {
		names = append(names, s.cmd.name)
	}
	return strings.Join(names, " ")
}

// demoDescription describes the built-in demo community.
func demoDescription(w io.Writer) {
	demo, err := loadConfig("")
	if err != nil {
		return
	}
	fmt.Fprintf(w, "\n内置演示社区（不带 --config 时使用）: %s\n", demo.Community)
	fmt.Fprintf(w, "  居民群: %s\n  工作群: %s\n", strings.Join(demo.Groups, "、"), demo.StaffGroup)
	for _, s := range demo.Staff {
		role := "社工"
		if s.Role == "supervisor" {
			role = "主任"
		}
		fmt.Fprintf(w, "  %s: %s\n", role, s.Name)
	}
	for _, g := range demo.Grids {
		fmt.Fprintf(w, "  %s: %s，网格员 %s，主任 %s\n", g.Name, strings.Join(g.Buildings, " "), g.Worker, g.Supervisor)
	}
}
