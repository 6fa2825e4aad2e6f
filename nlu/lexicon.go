package nlu

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// dictWord is one line of a user dictionary: word [freq] [tag].
type dictWord struct {
	word string
	freq int // 0: cppjieba's default weight
	tag  string
}

// parseUserDict reads a user dictionary in cppjieba's format, one word a
// line: "word", "word tag", "word freq" or "word freq tag". Blank lines and
// lines starting with # are skipped. Unlike cppjieba, which silently inserts
// garbage, it reports the first bad line.
func parseUserDict(name string, data []byte) ([]dictWord, error) {
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("用户词典 %s 不是 UTF-8 编码", name)
	}
	var out []dictWord
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		w := dictWord{word: f[0]}
		switch len(f) {
		case 1:
		case 2:
			if v, err := strconv.Atoi(f[1]); err == nil {
				w.freq = v
			} else {
				w.tag = f[1]
			}
		case 3:
			v, err := strconv.Atoi(f[1])
			if err != nil {
				return nil, fmt.Errorf("用户词典 %s 第%d行的词频 %q 不是整数", name, n, f[1])
			}
			w.freq, w.tag = v, f[2]
		default:
			return nil, fmt.Errorf("用户词典 %s 第%d行格式错误（应为“词 [词频] [词性]”）", name, n)
		}
		if w.freq < 0 {
			return nil, fmt.Errorf("用户词典 %s 第%d行的词频不能为负", name, n)
		}
		out = append(out, w)
	}
	return out, sc.Err()
}

// parseStopWords reads a stop word list, one word a line.
func parseStopWords(data []byte) map[string]bool {
	out := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		if w := strings.TrimSpace(line); w != "" {
			out[w] = true
		}
	}
	return out
}
