package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

// subcommand is how one subcommand explains itself: its usage line, what
// it does, and examples. help prints it with the options of its FlagSet.
type subcommand struct {
	name     string
	usage    string // "linli export KIND [--db FILE] …"
	about    string // one or more lines
	examples []string
	extra    func(w io.Writer) // printed after the options (the demo community)
}

// help writes the subcommand's help, in Chinese, to w: usage, description,
// options with their defaults, examples.
func (c subcommand) help(fs *flag.FlagSet, w io.Writer) {
	fmt.Fprintf(w, "用法: %s\n\n%s\n", c.usage, strings.TrimRight(c.about, "\n"))
	if fs != nil && hasFlags(fs) {
		fmt.Fprintln(w, "\n选项:")
		printOptions(fs, w)
	}
	if c.extra != nil {
		c.extra(w)
	}
	if len(c.examples) > 0 {
		fmt.Fprintln(w, "\n例:")
		for _, e := range c.examples {
			fmt.Fprintln(w, "  "+e)
		}
	}
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// printOptions lists fs's flags as "--name 值" with the usage text and the
// default in Chinese (flag.PrintDefaults says "(default …)").
func printOptions(fs *flag.FlagSet, w io.Writer) {
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		head := "  " + dashed(f.Name)
		if !isBool(f) {
			name = placeholder(f.Name, name)
			head += " " + name
		}
		line := usage
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && !strings.Contains(usage, "默认") {
			line += "（默认: " + f.DefValue + "）"
		}
		const col = 22 // where the descriptions start, in terminal columns
		if n := displayWidth(head); n <= col-2 {
			fmt.Fprintf(w, "%s%s%s\n", head, strings.Repeat(" ", col-n), line)
		} else {
			fmt.Fprintf(w, "%s\n%s%s\n", head, strings.Repeat(" ", col), line)
		}
	})
}

func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// parseFlags parses args with fs for the subcommand c. It prints the help
// (once, to stdout) for -h/--help, and answers a bad flag in Chinese naming
// the allowed options. When done is true the caller returns code.
func parseFlags(c subcommand, fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (done bool, code int) {
	fs.SetOutput(io.Discard) // errors and help are printed here, in Chinese
	fs.Usage = func() {}
	err := fs.Parse(args)
	if err == nil {
		return false, 0
	}
	if errors.Is(err, flag.ErrHelp) {
		c.help(fs, stdout)
		return true, 0
	}
	fmt.Fprintf(stderr, "linli %s: %s\n", c.name, flagError(err, fs))
	fmt.Fprintf(stderr, "查看说明: linli help %s\n", c.name)
	return true, 2
}

// flagError turns the flag package's English errors into Chinese.
func flagError(err error, fs *flag.FlagSet) string {
	msg := err.Error()
	var allowed []string
	fs.VisitAll(func(f *flag.Flag) { allowed = append(allowed, dashed(f.Name)) })
	sort.Strings(allowed)
	list := "没有选项"
	if len(allowed) > 0 {
		list = "可用: " + strings.Join(allowed, " ")
	}
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		name := strings.TrimPrefix(msg, "flag provided but not defined: ")
		return fmt.Sprintf("没有选项 %s（%s）", name, list)
	case strings.HasPrefix(msg, "flag needs an argument: "):
		name := strings.TrimPrefix(msg, "flag needs an argument: ")
		return fmt.Sprintf("选项 %s 后面需要一个值", name)
	case strings.HasPrefix(msg, "invalid boolean flag "):
		return "开关选项不接受值：" + strings.TrimPrefix(msg, "invalid boolean flag ")
	case strings.HasPrefix(msg, "invalid value "), strings.HasPrefix(msg, "invalid boolean value "):
		// invalid value "x" for flag -n: parse error
		v, rest, _ := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(msg, "invalid value "), "invalid boolean value "), " for flag ")
		name, why, _ := strings.Cut(rest, ": ")
		return fmt.Sprintf("选项 %s 的值 %s 无效（%s）", name, v, chineseWhy(why))
	case strings.HasPrefix(msg, "bad flag syntax: "):
		return "选项写法不对：" + strings.TrimPrefix(msg, "bad flag syntax: ")
	}
	return msg
}

func chineseWhy(why string) string {
	switch {
	case strings.Contains(why, "parse error"), strings.Contains(why, "invalid syntax"):
		return "格式不对"
	case strings.Contains(why, "out of range"):
		return "超出范围"
	}
	return why
}

// placeholder names a flag's value in the help: FILE, DIR, 时长, 数量, 值.
func placeholder(flagName, typeName string) string {
	switch typeName {
	case "duration":
		return "时长"
	case "int", "uint", "int64", "float":
		return "数量"
	case "string", "value", "":
	default:
		return typeName
	}
	switch flagName {
	case "config", "db", "out", "user-dict", "log-file":
		return "FILE"
	case "dict-dir", "files", "dir":
		return "DIR"
	case "wechat-server":
		return "URL"
	}
	return "值"
}

// displayWidth is how many terminal columns s takes: CJK characters and
// full-width forms take two.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x1100 && (r <= 0x115f || (r >= 0x2e80 && r <= 0xa4cf) || (r >= 0xac00 && r <= 0xd7a3) ||
			(r >= 0xf900 && r <= 0xfaff) || (r >= 0xfe30 && r <= 0xfe4f) || (r >= 0xff00 && r <= 0xff60) || (r >= 0xffe0 && r <= 0xffe6)) {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// dashed writes a flag as people type it: -v, --config.
func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}
