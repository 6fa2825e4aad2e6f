package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"linli"
	"linli/nlu"
)

// nluRecord is one output line of `linli nlu` (DESIGN.md).
type nluRecord struct {
	Text     string   `json:"text"`
	Intent   string   `json:"intent"`
	Category string   `json:"category"`
	Keywords []string `json:"keywords"`
}

// runNLU implements `linli nlu`: it reads resident messages from stdin, one
// a line, and writes one JSON object a line: text (the line as given),
// intent, category ("" unless a report) and keywords (an array, never
// null). Blank lines are skipped.
func runNLU(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("nlu", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dictDir := fs.String("dict-dir", "", "gojieba 词典目录（默认: $"+nlu.EnvDictDir+"，否则使用内置词典）")
	userDict := fs.String("user-dict", "", "附加的用户词典，每行“词 [词频] [词性]”，词性 ns 表示地点")
	if done, code := parseFlags(nluCmd, fs, args, stdout, stderr); done {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "linli nlu: 多余的参数 %q（文本从标准输入读取）\n", fs.Args())
		return 2
	}
	n, err := nlu.New(nluOptions(*dictDir, *userDict, linli.NLUConfig{}))
	if err != nil {
		fmt.Fprintln(stderr, "linli nlu:", err)
		return 1
	}
	defer n.Close()

	out := bufio.NewWriter(stdout)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 64*1024), 4<<20)
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		u := n.Understand(line)
		rec := nluRecord{Text: line, Intent: u.Intent, Category: u.Category, Keywords: u.Keywords}
		if rec.Keywords == nil {
			rec.Keywords = []string{}
		}
		if err := enc.Encode(rec); err != nil {
			fmt.Fprintln(stderr, "linli nlu:", err)
			return 1
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(stderr, "linli nlu: 读取标准输入失败:", err)
		return 1
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintln(stderr, "linli nlu:", err)
		return 1
	}
	return 0
}

// nluOptions decides where the dictionaries come from, first found wins:
// the --dict-dir / --user-dict flags, $LINLI_DICT_DIR, the config's [nlu]
// dict_dir / user_dict, and finally the dictionaries embedded in the binary
// (unpacked once to the user cache directory). Subcommands that serve
// residents (run, console) should build their nlu.NLU with it, adding
// Background: true so that start-up does not wait for the segmenter.
func nluOptions(dictDir, userDict string, cfg linli.NLUConfig) nlu.Options {
	if dictDir == "" && os.Getenv(nlu.EnvDictDir) == "" {
		dictDir = cfg.DictDir
	}
	if userDict == "" {
		userDict = cfg.UserDict
	}
	return nlu.Options{DictDir: dictDir, UserDict: userDict}
}
